"""Reviewers' comments beside each question: the thread under the question it is about (author,
level, date, state, replies), a reply box and "Resolved", in step with the Review panel, in a
practice's own entry too, reached by keyboard and right to left in Arabic."""

from __future__ import annotations

import pytest
from form_helpers import widget
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from gcm_collect.app.changes import broadcast
from gcm_collect.conversation import Comment, Conversation, Decision
from gcm_collect.i18n import set_language
from gcm_collect.ops.changes import IMPORTED, Changed

pytestmark = pytest.mark.slow

AT = "2026-03-01T10:00:00Z"


def _returned(store, uuid: str, *comments: Comment) -> str:
    """``uuid`` finalized, commented on and returned: the new revision opened to revise."""
    store.set_status(uuid, "finalized", who="officer")
    back = Decision.new(uuid, 1, "return", "Name the ministry", "regional", "Lars", AT)
    store.save_conversation(Conversation(comments, (back,)), who="officer")
    store.set_review_state(uuid, back, who="officer")
    return store.new_revision(uuid, who="officer")


@pytest.fixture
def commented(store, draft):
    store.set_answer(draft, "lead_entity", "Ministry", who="officer")
    question = Comment.new(draft, 1, "lead_entity", "Lars", "Which ministry leads?", AT)
    return _returned(store, draft, question)


def test_the_comment_shows_under_its_question_and_nowhere_else(open_view, commented):
    view = open_view(commented)
    lead = widget(view, "lead_entity")
    assert lead.threads.isVisible()
    [box] = lead.threads.boxes.values()
    assert box.text.text() == "Which ministry leads?"
    heading = box.heading.text().replace("\u2068", "").replace("\u2069", "")
    assert heading.startswith("Lars (regional, ") and heading.endswith("): open")
    assert "2026" in heading or "26" in heading  # the date, in the app's short format
    assert not box.replies.isVisible()
    assert box.answer.isVisible() and box.resolved.isVisible() and not box.resolved.isChecked()
    # A question nobody commented on has no box at all.
    email = widget(view, "focal_point_email")
    assert email._threads is None or not email.threads.isVisible()


def test_reply_by_keyboard_then_resolve_in_step_with_the_panel(qtbot, open_view, commented, store):
    view = open_view(commented)
    lead = widget(view, "lead_entity")
    [box] = lead.threads.boxes.values()
    # From the answer, Tab reaches the reply box: the thread is part of the question.
    lead.edit.setFocus()
    qtbot.keyClick(lead.edit, Qt.Key_Tab)
    assert QApplication.focusWidget() is box.answer
    qtbot.keyClicks(box.answer, "The Ministry of the Interior")
    qtbot.keyClick(box.answer, Qt.Key_Return)
    assert box.answer.text() == ""  # sent, ready for the next
    assert box.heading.text().endswith("): answered")
    assert box.replies.isVisible() and "The Ministry of the Interior" in box.replies.text()
    # The Review panel says the same, from the same broadcast.
    panel = view.review_panel
    assert panel.list.item(0).text().startswith("[answered]")
    assert "The Ministry of the Interior" in panel.list.item(0).text()
    # Tab goes on to Reply and Resolved; Space ticks Resolved.
    qtbot.keyClick(box.answer, Qt.Key_Tab)
    assert QApplication.focusWidget() is box.reply_button
    qtbot.keyClick(box.reply_button, Qt.Key_Tab)
    assert QApplication.focusWidget() is box.resolved
    qtbot.keyClick(box.resolved, Qt.Key_Space)
    assert box.heading.text().endswith("): resolved")
    assert box.resolved.isChecked() and not box.resolved.isEnabled()
    assert panel.list.item(0).text().startswith("[resolved]")
    kinds = sorted(c.kind for c in store.load_conversation().comments)
    assert kinds == ["comment", "reply", "resolve"]


def test_a_reply_in_the_panel_shows_under_the_question(qtbot, open_view, commented):
    view = open_view(commented)
    panel = view.review_panel
    panel.answer.setFocus()
    qtbot.keyClicks(panel.answer, "Interior")
    qtbot.keyClick(panel.answer, Qt.Key_Return)
    [box] = widget(view, "lead_entity").threads.boxes.values()
    assert box.heading.text().endswith("): answered")
    assert "Interior" in box.replies.text()


def test_a_return_file_imported_meanwhile_shows_its_comment(qtbot, open_view, commented, store):
    view = open_view(commented)
    name = widget(view, "focal_point_name")
    assert name._threads is None
    later = Comment.new(commented, 2, "focal_point_name", "Lars", "Whose name is this?", AT)
    store.save_conversation(Conversation((later,)), who="officer")
    broadcast(Changed(IMPORTED, rows=True))
    assert name.threads.isVisible()
    [box] = name.threads.boxes.values()
    assert box.text.text() == "Whose name is this?"
    assert view.review_panel.list.count() == 2
    name.edit.setFocus()
    qtbot.keyClick(name.edit, Qt.Key_Tab)  # a box made after the page still follows its question
    assert QApplication.focusWidget() is box.answer


def test_a_practice_shows_its_own_comments_only(qtbot, open_view, two_practices, store):
    uuid, first, second = two_practices
    path = f"practices[{second}]/practice_title"
    comment = Comment.new(uuid, 1, path, "Lars", "Shelters for whom?", AT)
    revision = _returned(store, uuid, comment)
    view = open_view(revision)
    title = widget(view, path)  # the second entry chosen
    assert [b.text.text() for b in title.threads.boxes.values()] == ["Shelters for whom?"]
    assert title.threads.isVisible()
    # The same question of the first practice (the same widget, rebound) shows none.
    other = widget(view, f"practices[{first}]/practice_title")
    assert other is title and not title.threads.isVisible()
    # Back to the second practice by the Review panel's jump: the thread is there again.
    panel = view.review_panel
    rect = panel.list.visualItemRect(panel.list.item(0))
    qtbot.mouseClick(panel.list.viewport(), Qt.LeftButton, pos=rect.center())
    assert title.path == path and title.threads.isVisible()
    [box] = title.threads.boxes.values()
    qtbot.mouseClick(box.answer, Qt.LeftButton)
    qtbot.keyClicks(box.answer, "Families")
    qtbot.mouseClick(box.reply_button, Qt.LeftButton)
    assert "Families" in box.replies.text()
    [reply] = [c for c in store.load_conversation().comments if c.kind == "reply"]
    assert reply.path == path and reply.reply_to == comment.id


def test_in_arabic_the_thread_reads_right_to_left(qtbot, open_view, commented):
    set_language("ar")
    try:
        view = open_view(commented)
        lead = widget(view, "lead_entity")
        [box] = lead.threads.boxes.values()
        assert lead.threads.layoutDirection() == Qt.RightToLeft
        assert box.reply_button.text() not in ("", "Reply")
        assert box.resolved.text() not in ("", "Resolved")
        assert "Lars" in box.heading.text() and "regional" not in box.heading.text()
        # The line reads right to left though it starts with a Latin name, kept whole.
        assert box.heading.text().startswith("\u200f\u2068Lars\u2069")
        assert box.answer.accessibleName() and "Lars" in box.answer.accessibleName()
    finally:
        set_language("en")
