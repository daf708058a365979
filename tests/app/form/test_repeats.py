"""Practices and commitments: add, duplicate, reorder, remove with undo."""

from __future__ import annotations

import pytest
from form_helpers import leave, type_into
from PySide6.QtCore import Qt


def _practice_titled(qtbot, view, title: str):
    """A new practice with its title typed (still waiting for its pause): (editor, entry)."""
    view.show_section("practices_section")
    editor = view.ctrl.parts["practices"]
    qtbot.mouseClick(editor.add_button, Qt.LeftButton)
    entry = editor.current
    field = view.ctrl.parts[f"practices[{entry}]/practice_title"]
    type_into(qtbot, field.edit, title)
    return editor, entry


def _titles(editor) -> list[str]:
    return [editor.list.item(i).text() for i in range(editor.list.count())]


@pytest.mark.slow
def test_add_name_reorder_remove_and_undo_practices(qtbot, store, draft, open_view):
    view = open_view(draft)
    view.show_section("practices_section")
    editor = view.ctrl.parts["practices"]
    for title in ("Border rescue", "Remittances", "Skills"):
        qtbot.mouseClick(editor.add_button, Qt.LeftButton)
        field = view.ctrl.parts[f"practices[{editor.current}]/practice_title"]
        type_into(qtbot, field.edit, title)
        leave(qtbot, view)
    order = store.get_instances(draft)["practices"]
    assert _titles(editor) == ["1. Border rescue", "2. Remittances", "3. Skills"]

    editor.list.setCurrentRow(2)
    qtbot.mouseClick(editor.up_button, Qt.LeftButton)
    assert store.get_instances(draft)["practices"] == [order[0], order[2], order[1]]
    assert _titles(editor) == ["1. Border rescue", "2. Skills", "3. Remittances"]
    qtbot.keyClick(editor.list, Qt.Key_Up, Qt.AltModifier)  # the keyboard way
    assert store.get_instances(draft)["practices"] == [order[2], order[0], order[1]]

    editor.list.setCurrentRow(1)
    qtbot.mouseClick(editor.remove_button, Qt.LeftButton)
    assert store.get_instances(draft)["practices"] == [order[2], order[1]]
    assert f"practices[{order[0]}]/practice_title" not in store.get_answers(draft)
    assert editor.undo_button.isVisibleTo(view)
    assert "Border rescue" in editor.undo_label.text()
    qtbot.mouseClick(editor.undo_button, Qt.LeftButton)
    assert store.get_instances(draft)["practices"] == [order[2], order[0], order[1]]
    assert store.get_answers(draft)[f"practices[{order[0]}]/practice_title"] == "Border rescue"
    assert editor.current == order[0]
    assert not editor.undo_button.isVisibleTo(view)


@pytest.mark.slow
def test_duplicate_copies_the_answers_into_a_new_entry(qtbot, store, draft, open_view):
    view = open_view(draft)
    editor, first = _practice_titled(qtbot, view, "Hotline")
    qtbot.mouseClick(editor.duplicate_button, Qt.LeftButton)  # pending typing written first
    copy = editor.current
    assert copy != first
    assert store.get_instances(draft)["practices"] == [first, copy]
    assert store.get_answers(draft)[f"practices[{copy}]/practice_title"] == "Hotline"
    shown = view.ctrl.parts[f"practices[{copy}]/practice_title"]
    assert shown.edit.text() == "Hotline"


@pytest.mark.slow
def test_typing_in_an_entry_then_switching_entries_loses_nothing(qtbot, store, draft, open_view):
    view = open_view(draft)
    view.show_section("practices_section")
    editor = view.ctrl.parts["practices"]
    qtbot.mouseClick(editor.add_button, Qt.LeftButton)
    qtbot.mouseClick(editor.add_button, Qt.LeftButton)
    second = editor.current
    field = view.ctrl.parts[f"practices[{second}]/practice_implementer"]
    type_into(qtbot, field.edit, "IOM")
    editor.list.setCurrentRow(0)  # leave the entry before the typing pause ends
    assert store.get_answers(draft)[f"practices[{second}]/practice_implementer"] == "IOM"
    assert f"practices[{second}]/practice_implementer" not in view.ctrl.parts


@pytest.mark.slow
def test_an_entry_removed_elsewhere_is_said_without_internal_ids(qtbot, store, draft, open_view):
    from gcm_collect.store import Store

    view = open_view(draft)
    _editor, entry = _practice_titled(qtbot, view, "Border rescue")
    with Store.open(store.path) as elsewhere:  # another program removes the entry meanwhile
        elsewhere.remove_instance(draft, "practices", entry, who="other")
    view.ctrl.flush()
    said = view.message.text()
    assert said == "this repeat entry was removed; the answer was not saved"
    assert entry not in said and "[" not in said
