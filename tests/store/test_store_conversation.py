"""The review conversation in a real database file: stored once, audited, states that lock."""

from __future__ import annotations

import pytest

from gcm_collect.conversation import Comment, Conversation, Decision
from gcm_collect.errors import UserError
from gcm_collect.store import Store


def test_events_are_stored_once_and_audited(store, submission, db_path):
    comment = Comment.new(submission, 0, "title", "Lars", "Which year?", "2026-03-01T10:00:00Z")
    decision = Decision.new(
        submission, 0, "return", "Source?", "regional", "Lars", "2026-03-01T10:00:00Z"
    )
    talk = Conversation((comment,), (decision,))
    assert store.save_conversation(talk, who="officer") == talk
    assert store.save_conversation(talk, who="officer") == Conversation()  # nothing new
    store.close()
    with Store.open(db_path) as again:  # read back from the file
        assert again.load_conversation() == talk
        assert again.load_conversation([submission]) == talk
        assert again.load_conversation(["other"]) == Conversation()
        actions = [e.action for e in again.history(submission)]
    assert actions.count("review_comment") == 1 and actions.count("review_decision") == 1


def test_an_approved_revision_is_locked(store, submission):
    store.set_status(submission, "finalized", who="officer")
    approve = Decision.new(
        submission, 0, "approve", "", "national", "Amina", "2026-03-01T10:00:00Z"
    )
    store.save_conversation(Conversation(decisions=(approve,)), who="officer")
    store.set_review_state(submission, approve, who="officer")
    assert store.review_state_of(submission) == ("approved", approve)
    assert store.review_states() == {submission: "approved"}
    with pytest.raises(UserError, match="approved"):
        store.new_revision(submission, who="officer")
    assert [e.new_value for e in store.history(submission) if e.action == "review_state"] == [
        "approved"
    ]
