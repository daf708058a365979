"""The Review panel: a returned survey's new revision shows the reason and the reviewers'
comments; the officer jumps to a question, replies and marks a thread resolved."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from gcm_collect.conversation import Comment, Conversation, Decision

pytestmark = pytest.mark.slow

AT = "2026-03-01T10:00:00Z"


@pytest.fixture
def returned(store, draft):
    store.set_answer(draft, "lead_entity", "Ministry", who="officer")
    store.set_status(draft, "finalized", who="officer")
    question = Comment.new(draft, 1, "lead_entity", "Lars", "Which ministry leads?", AT)
    back = Decision.new(draft, 1, "return", "Name the ministry", "regional", "Lars", AT)
    store.save_conversation(Conversation((question,), (back,)), who="officer")
    store.set_review_state(draft, back, who="officer")
    return store.new_revision(draft, who="officer")


def test_a_survey_without_review_shows_no_panel(open_view, draft):
    view = open_view(draft)
    assert not view.review_panel.isVisible()


def test_the_officer_reads_jumps_replies_and_resolves(qtbot, open_view, returned, store):
    view = open_view(returned)
    panel = view.review_panel
    assert panel.isVisible()
    assert "returned" in panel.state.text() and "Name the ministry" in panel.state.text()
    assert panel.list.count() == 1
    shown = panel.list.item(0).text().replace("\u2068", "").replace("\u2069", "")
    assert shown.startswith("[open] Lars: Which ministry leads?")  # names and texts isolated
    # Choosing the thread shows its question.
    rect = panel.list.visualItemRect(panel.list.item(0))
    qtbot.mouseClick(panel.list.viewport(), Qt.LeftButton, pos=rect.center())
    qtbot.waitUntil(lambda: view.ctrl.parts["lead_entity"].isVisible())
    assert view.ctrl.parts["lead_entity"].isAncestorOf(QApplication.focusWidget())
    # A reply typed and sent with Enter.
    panel.answer.setFocus()
    qtbot.keyClicks(panel.answer, "The Ministry of the Interior")
    qtbot.keyClick(panel.answer, Qt.Key_Return)
    assert panel.list.item(0).text().startswith("[answered]")
    assert "The Ministry of the Interior" in panel.list.item(0).text()
    qtbot.mouseClick(panel.resolve_button, Qt.LeftButton)
    assert panel.list.item(0).text().startswith("[resolved]")
    kinds = [c.kind for c in store.load_conversation().comments]
    assert sorted(kinds) == ["comment", "reply", "resolve"]
