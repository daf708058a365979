"""Relevance applies live; problems show where they are, and only once they matter."""

from __future__ import annotations

import pytest
from form_helpers import leave, type_into, widget
from PySide6.QtCore import Qt

from gcm_collect.app.form.navigator import BADGE_ROLE, COUNTS_ROLE


@pytest.mark.slow
def test_questions_appear_and_disappear_as_answers_change(qtbot, store, draft, open_view):
    view = open_view(draft)
    priority = widget(view, "obj05_priority")
    status = view.ctrl.parts["obj05_status"]
    measures = view.ctrl.parts["obj05_measures"]
    qtbot.mouseClick(priority.buttons["high"], Qt.LeftButton)
    assert status.isVisibleTo(view) and measures.isVisibleTo(view)
    qtbot.mouseClick(priority.buttons["not_applicable"], Qt.LeftButton)
    assert not status.isVisibleTo(view) and not measures.isVisibleTo(view)
    qtbot.mouseClick(priority.buttons["medium"], Qt.LeftButton)
    assert status.isVisibleTo(view)


@pytest.mark.slow
def test_navigating_to_a_nested_section_shows_its_group(qtbot, draft, open_view):
    view = open_view(draft)
    view.navigator.setCurrentItem(view.navigator.items["obj12"])
    frame = view.ctrl.parts["obj12"]
    page = view.stack.currentWidget()
    assert page is view.pages["objectives"]
    top = frame.mapTo(page.widget(), frame.rect().topLeft()).y()
    assert page.verticalScrollBar().value() == min(top, page.verticalScrollBar().maximum())


def test_constraint_message_appears_and_disappears(qtbot, store, draft, open_view):
    view = open_view(draft)
    email = widget(view, "focal_point_email")
    assert not email.message.isVisibleTo(view)  # a fresh form is not all red
    type_into(qtbot, email.edit, "amina.example.org")
    leave(qtbot, view)
    assert email.message.isVisibleTo(view)
    assert "e-mail" in email.message.text()
    assert store.get_answers(draft)["focal_point_email"] == "amina.example.org"  # kept, flagged
    identification = view.navigator.items["identification"]
    assert identification.data(0, BADGE_ROLE) == 1  # the problem badge
    email.edit.clear()
    type_into(qtbot, email.edit, "amina@example.org")
    leave(qtbot, view)
    assert not email.message.isVisibleTo(view)
    assert identification.data(0, BADGE_ROLE) == 0


def test_required_message_once_the_question_was_touched(qtbot, store, draft, open_view):
    view = open_view(draft)
    lead = widget(view, "lead_entity")
    assert not lead.message.isVisibleTo(view)
    type_into(qtbot, lead.edit, "x")
    leave(qtbot, view)
    lead.edit.clear()
    leave(qtbot, view)
    lead.edit.textEdited.emit("")  # what a keyboard delete of the last letter sends
    leave(qtbot, view)
    assert "lead_entity" not in store.get_answers(draft)
    assert lead.message.isVisibleTo(view)
    assert lead.message.text() == "Name the lead ministry or entity."


def test_section_counts_follow_answers(qtbot, store, draft, open_view):
    view = open_view(draft)
    item = view.navigator.items["identification"]
    answered, required = map(int, item.data(0, COUNTS_ROLE).split("/"))
    name = widget(view, "focal_point_name")
    type_into(qtbot, name.edit, "Amina")
    leave(qtbot, view)
    assert item.data(0, COUNTS_ROLE) == f"{answered + 1}/{required}"


def test_problem_list_entries_jump_to_their_question(qtbot, store, draft, open_view):
    view = open_view(draft)
    assert not view.mark_complete()  # every problem listed, one by one
    row = next(
        i
        for i in range(view.problems.count())
        if view.problems.item(i).data(Qt.UserRole) == "focal_point_email"
    )
    view.navigator.setCurrentItem(view.navigator.items["means"])
    item = view.problems.item(row)
    view.problems.itemActivated.emit(item)
    assert view.stack.currentWidget() is view.pages["identification"]
    assert view.ctrl.parts["focal_point_email"].edit.hasFocus()


def test_a_new_survey_lists_what_is_required_in_one_line(qtbot, store, draft, open_view):
    view = open_view(draft)
    required = len(view.ctrl.evaluation.problems)
    assert required > 20
    texts = [view.problems.item(i).text() for i in range(view.problems.count())]
    assert texts == [
        f"{required} required answers still to give; the next: Reporting State"
    ]  # not one line per missing answer
    view.problems.itemActivated.emit(view.problems.item(0))
    assert view.ctrl.parts["state"].combo.hasFocus()
    # A wrong answer shows at once, on its own line, before the required ones still to give.
    email = widget(view, "focal_point_email")
    type_into(qtbot, email.edit, "not-an-address")
    leave(qtbot, view)
    texts = [view.problems.item(i).text() for i in range(view.problems.count())]
    assert len(texts) == 2 and texts[0].startswith("Focal point: e-mail")
    assert texts[1].startswith(f"{required - 1} required answers still to give")
    # Mark complete asks for everything: then every missing answer has its own line.
    assert not view.mark_complete()
    assert view.problems.count() == len(view.ctrl.evaluation.problems)
