"""Whole tasks driven the way an officer does them: from the main window, with the keyboard."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from gcm_collect.app.form import FormView
from gcm_collect.app.form.history import HistoryDialog
from gcm_collect.demo import generate


@pytest.fixture
def complete(store) -> str:
    """A submission that passes validation, marked complete (from the demo filler)."""
    generate(store, 12, seed=7)
    return next(s.uuid for s in store.list_submissions() if s.status == "complete")


@pytest.fixture
def draft(store) -> str:
    """A draft with demo answers (every demo batch of three or more holds one)."""
    generate(store, 3, seed=3)
    return next(s.uuid for s in store.list_submissions() if s.status == "draft")


def open_from_list(qtbot, window, uuid: str) -> FormView:
    """Select the row and press Enter, as an officer does; returns the active form window."""
    window.refresh()
    assert window.select(uuid)
    window.activateWindow()
    window.table.setFocus()
    qtbot.keyClick(window.table, Qt.Key_Return)
    view = window.open_forms[uuid]
    qtbot.waitExposed(view)
    view.activateWindow()
    qtbot.waitUntil(view.isActiveWindow)
    return view


def form_views() -> list[FormView]:
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, FormView) and w.isVisible()]


@pytest.mark.slow
def test_lifecycle_shortcuts_shown_in_tooltips_work(qtbot, window, store, complete):
    view = open_from_list(qtbot, window, complete)
    assert "Ctrl+Shift+F" in view.finalize_button.toolTip()
    qtbot.keyClick(view, Qt.Key_F, Qt.ControlModifier | Qt.ShiftModifier)
    assert store.get_submission(complete).status == "finalized"
    qtbot.keyClick(view, Qt.Key_R, Qt.ControlModifier | Qt.ShiftModifier)
    assert view.ctrl.submission.revision == 2
    qtbot.keyClick(view, Qt.Key_H, Qt.ControlModifier)
    assert view.findChild(HistoryDialog) is not None
    view.findChild(HistoryDialog).close()
    # The underlined letter works as well.
    qtbot.keyClick(view, Qt.Key_C, Qt.AltModifier)
    qtbot.waitUntil(lambda: store.get_submission(view.ctrl.uuid).status == "complete")
    view.close()


@pytest.mark.slow
def test_reopened_form_is_editable_and_stays_the_one_window(qtbot, window, store, complete):
    view = open_from_list(qtbot, window, complete)
    qtbot.mouseClick(view.finalize_button, Qt.LeftButton)
    assert view.saved_label.text() == "Read only"
    qtbot.mouseClick(view.reopen_button, Qt.LeftButton)
    revision2 = view.ctrl.uuid
    assert revision2 != complete
    assert view.saved_label.text() != "Read only"  # it is editable again
    window.refresh()
    # Opening the new revision from the list brings this window back, not a second one.
    assert open_from_list(qtbot, window, revision2) is view
    assert form_views() == [view]
    # The finalized first revision opens read only in a window of its own.
    first = open_from_list(qtbot, window, complete)
    assert first is not view and first.ctrl.uuid == complete and first.ctrl.locked
    for shown in (view, first):
        shown.close()


@pytest.mark.slow
def test_add_practice_from_the_keyboard_types_into_the_new_practice(qtbot, window, store, draft):
    view = open_from_list(qtbot, window, draft)
    view.show_section("practices_section")
    editor = view.ctrl.parts["practices"]
    before = len(editor.entries())
    editor.add_button.setFocus()
    qtbot.keyClick(editor.add_button, Qt.Key_Space)
    assert len(editor.entries()) == before + 1
    qtbot.keyClicks(QApplication.focusWidget(), "Hotline")
    view.flush()
    title = f"practices[{editor.current}]/practice_title"
    assert store.get_answers(draft).get(title) == "Hotline"
    view.close()


@pytest.mark.slow
def test_undo_remove_from_the_keyboard_keeps_focus_on_the_entries(qtbot, window, store, draft):
    view = open_from_list(qtbot, window, draft)
    view.show_section("practices_section")
    editor = view.ctrl.parts["practices"]
    for _ in range(2):
        editor.add()
    removed = editor.current
    editor.list.setFocus()
    qtbot.keyClick(editor.list, Qt.Key_Delete)
    assert removed not in editor.entries()
    assert QApplication.focusWidget() is editor.undo_button
    qtbot.keyClick(editor.undo_button, Qt.Key_Space)
    assert editor.current == removed
    # Focus stays on the entries (not on some other control the Undo button's hiding left).
    assert QApplication.focusWidget() is editor.list
    view.close()


def test_trashing_a_submission_closes_its_open_form(qtbot, window, store):
    from gcm_collect.app import actions
    from gcm_collect.ops.submissions import new_submission

    changed = new_submission(store, state="SEN", region="ECA", period="2026")
    window.refresh(select=changed.uuid)
    actions.open_submission(window)
    view = window.open_forms[changed.uuid]
    view.ctrl.commit("lead_entity", "Ministry of Labour")
    actions.trash(window)
    qtbot.waitUntil(lambda: changed.uuid not in window.open_forms, timeout=3000)
    assert store.get_submission(changed.uuid).deleted
    assert store.get_answers(changed.uuid)["lead_entity"] == "Ministry of Labour"
