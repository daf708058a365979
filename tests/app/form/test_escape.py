"""Esc closes what is open on top first (suggestions, a list), the form window only after."""

from __future__ import annotations

from form_helpers import widget
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication


def press_escape(qtbot) -> None:
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key_Escape)


def test_esc_closes_a_search_s_suggestions_then_the_window(qtbot, store, draft, open_view):
    view = open_view(draft)
    state = widget(view, "state")
    state.combo.lineEdit().setFocus()
    qtbot.keyClicks(state.combo.lineEdit(), "Ma")
    suggestions = state.combo.completer().popup()
    qtbot.waitUntil(suggestions.isVisible)
    press_escape(qtbot)
    assert not suggestions.isVisible()
    assert view.isVisible()
    press_escape(qtbot)
    assert not view.isVisible()


def test_esc_closes_a_combo_box_s_list_then_the_window(qtbot, store, draft, open_view):
    view = open_view(draft)
    state = widget(view, "state")
    state.combo.setFocus()
    state.combo.showPopup()
    qtbot.waitUntil(lambda: QApplication.activePopupWidget() is not None)
    press_escape(qtbot)
    assert QApplication.activePopupWidget() is None
    assert view.isVisible()
    press_escape(qtbot)
    assert not view.isVisible()
