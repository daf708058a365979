"""Ctrl+PgDn and Ctrl+PgUp go to the next and previous section, from anywhere in the form
window (typing included), and the Go menu shows them."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication

from tests.app.form.form_helpers import widget


def test_ctrl_page_down_and_up_step_through_the_sections(qtbot, store, draft, open_view):
    view = open_view(draft)
    name = widget(view, "focal_point_name")
    name.edit.setFocus()
    qtbot.keyClicks(name.edit, "Amina")  # typing still waiting for its pause
    start = view.navigator.currentItem()
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key_PageDown, Qt.ControlModifier)
    below = view.navigator.itemBelow(start)
    assert view.navigator.currentItem() is below
    shown = view.current_section()
    assert shown == view.top_of[below.data(0, Qt.UserRole)]
    # The keyboard is in the new section, on its first field; the typing left was written.
    assert view.stack.currentWidget().isAncestorOf(QApplication.focusWidget())
    assert store.get_answers(draft)["focal_point_name"] == "Amina"
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key_PageUp, Qt.ControlModifier)
    assert view.navigator.currentItem() is start


def test_the_last_section_stays_and_every_section_is_reached(qtbot, draft, open_view):
    view = open_view(draft)
    view.show_section(view.nodes[0].key)
    seen = [view.navigator.currentItem().data(0, Qt.UserRole)]
    for _ in range(len(view.node_by_key) + 2):
        qtbot.keyClick(QApplication.focusWidget() or view, Qt.Key_PageDown, Qt.ControlModifier)
        key = view.navigator.currentItem().data(0, Qt.UserRole)
        if key != seen[-1]:
            seen.append(key)
    top = [node.key for node in view.nodes]
    assert [key for key in seen if key in top] == top  # in the navigator's order, none skipped
    assert seen[-1] == top[-1]  # no wrap round: the last one stays


def test_the_go_menu_shows_the_keys(qtbot, draft, open_view):
    view = open_view(draft)
    actions = {a.objectName(): a for a in view.menus.go.actions()}
    assert actions["actionNextSection"].shortcut() == QKeySequence("Ctrl+PgDown")
    assert actions["actionPreviousSection"].shortcut() == QKeySequence("Ctrl+PgUp")
    assert "Ctrl+PgDown" in actions["actionNextSection"].shortcut().toString()
    actions["actionNextSection"].trigger()
    assert view.navigator.currentItem() is view.navigator.topLevelItem(1)
