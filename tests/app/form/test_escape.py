"""Esc closes what is open on top first (suggestions, a list), the form window only after;
the form window fits the screen it opens on."""

from __future__ import annotations

import pytest
from form_helpers import widget
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from gcm_collect.i18n import LANGUAGES, set_language


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


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_form_window_fits_the_screen_and_a_1366x768_laptop(qtbot, store, draft, lang):
    from gcm_collect.app.form import FormView

    set_language(lang)
    view = FormView(store, draft)
    qtbot.addWidget(view)
    room = view.screen().availableGeometry()
    assert view.width() <= room.width() and view.height() <= room.height()
    # Everything still shows on 1366x768 less a taskbar and the title bar.
    needed = view.minimumSizeHint()
    assert needed.width() <= 1366 and needed.height() <= 768 - 40 - 48
