"""Mark complete only when valid; finalize locks; reopen makes revision 2; history shows it."""

from __future__ import annotations

import pytest
from form_helpers import break_two_answers, leave, type_into, widget
from PySide6.QtCore import Qt

from gcm_collect.app.form import FormView


@pytest.mark.slow
def test_mark_complete_refused_then_accepted_finalize_and_reopen(
    qtbot, store, nearly_done, open_view
):
    view = open_view(nearly_done)
    email, lead = break_two_answers(qtbot, view)

    qtbot.mouseClick(view.complete_button, Qt.LeftButton)
    assert store.get_submission(nearly_done).status == "draft"
    paths = [view.problems.item(i).data(Qt.UserRole) for i in range(view.problems.count())]
    assert paths == ["lead_entity", "focal_point_email"]
    assert "2 problems" in view.message.text()
    assert lead.message.isVisibleTo(view)  # every problem shows once completion was asked

    view.problems.itemActivated.emit(view.problems.item(1))
    assert email.edit.hasFocus()
    email.edit.selectAll()
    qtbot.keyClicks(email.edit, "focal@gov.example")
    leave(qtbot, view)
    type_into(qtbot, lead.edit, "Ministry of the Interior")
    leave(qtbot, view)
    assert view.problems.count() == 0

    qtbot.mouseClick(view.complete_button, Qt.LeftButton)
    assert store.get_submission(nearly_done).status == "complete"
    assert view.finalize_button.isEnabled() and not view.complete_button.isEnabled()

    qtbot.mouseClick(view.finalize_button, Qt.LeftButton)
    assert store.get_submission(nearly_done).status == "finalized"
    assert view.reopen_button.isVisibleTo(view)
    assert email.edit.isReadOnly()
    practices = view.ctrl.parts.get("practices") or (
        view.show_section("practices_section") or view.ctrl.parts["practices"]
    )
    assert not practices.add_button.isEnabled()

    qtbot.mouseClick(view.reopen_button, Qt.LeftButton)
    new = view.ctrl.uuid
    assert new != nearly_done
    revised = store.get_submission(new)
    assert (revised.revision, revised.revises, revised.status) == (2, nearly_done, "draft")
    assert store.get_answers(new) == store.get_answers(nearly_done)
    assert "revision 2" in view.status_label.text()
    email = widget(view, "focal_point_email")
    assert not email.edit.isReadOnly()


def test_editing_a_complete_submission_into_a_problem_returns_it_to_draft(
    qtbot, store, nearly_done, open_view
):
    view = open_view(nearly_done)
    assert view.mark_complete()
    email = widget(view, "focal_point_email")
    email.edit.clear()
    type_into(qtbot, email.edit, "broken")
    leave(qtbot, view)
    assert store.get_submission(nearly_done).status == "draft"
    assert view.complete_button.isEnabled()


def test_a_finalized_submission_opens_read_only(qtbot, store, nearly_done, open_view):
    store.set_status(nearly_done, "complete", who="t")
    store.set_status(nearly_done, "finalized", who="t")
    view = open_view(nearly_done)
    name = widget(view, "focal_point_name")
    assert name.edit.isReadOnly()
    assert view.saved_label.text() == "Read only"
    assert view.reopen_button.isVisibleTo(view) and view.reopen_button.isEnabled()
    assert not view.complete_button.isEnabled()


def test_history_lists_the_changes(qtbot, store, draft, open_view):
    view = open_view(draft)
    name = widget(view, "focal_point_name")
    type_into(qtbot, name.edit, "Amina")
    leave(qtbot, view)
    dialog = view.show_history()
    table = dialog.table
    rows = [[table.item(r, c).text() for c in range(table.columnCount())] for r in range(2)]
    assert rows[0][2:] == ["Answer", "Focal point: full name", "", "Amina"]
    assert rows[1][2] == "Created"


@pytest.mark.slow
def test_reopening_the_view_returns_to_the_question_last_edited(
    qtbot, store, nearly_done, open_view
):
    view = open_view(nearly_done)
    practice = store.get_instances(nearly_done)["practices"][1]
    path = f"practices[{practice}]/practice_implementer"
    field = widget(view, path)
    field.edit.selectAll()
    qtbot.keyClicks(field.edit, "UNHCR")
    view.close()  # closing writes what is still waiting
    assert store.get_answers(nearly_done)[path] == "UNHCR"

    again = open_view(nearly_done)
    assert isinstance(again, FormView)
    assert again.stack.currentWidget() is again.pages["practices_section"]
    assert again.ctrl.parts["practices"].current == practice
    qtbot.waitUntil(again.ctrl.parts[path].edit.hasFocus)
