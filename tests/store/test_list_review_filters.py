"""The list's review filters in a real database of several submissions: by review state
(approved, returned, rejected, not reviewed) and "with open comments", counted and listed alike,
in every order, and in step with what the list shows (its states and open-comment counts)."""

from __future__ import annotations

import pytest
from store_helpers import new_submission

from gcm_collect.conversation import REPLY, RESOLVE, UNREVIEWED, Comment, Conversation, Decision

AT = "2026-03-01T10:00:00Z"


def _decide(store, uuid: str, code: str) -> None:
    store.set_status(uuid, "finalized", who="officer")
    decision = Decision.new(uuid, 1, code, "" if code == "approve" else "Why?", "regional", "L", AT)
    store.save_conversation(Conversation(decisions=(decision,)), who="officer")
    store.set_review_state(uuid, decision, who="officer")


def _comment(store, uuid: str, text: str, *, answer: str | None = None, by: str = "Lars"):
    first = Comment.new(uuid, 1, "lead_entity", "Lars", text, AT)
    events = [first]
    if answer == "reply":
        events.append(
            Comment.new(uuid, 1, "lead_entity", by, "Done", AT, kind=REPLY, reply_to=first.id)
        )
    elif answer == "resolve":
        events.append(
            Comment.new(uuid, 1, "lead_entity", by, "", AT, kind=RESOLVE, reply_to=first.id)
        )
    store.save_conversation(Conversation(tuple(events)), who="officer")


@pytest.fixture
def reviewed(store):
    """Nine submissions in every review situation, by name."""
    made = {
        name: new_submission(store, state=state)
        for name, state in (
            ("approved", "FRA"),
            ("returned", "DEU"),
            ("rejected", "ITA"),
            ("plain", "ESP"),
            ("open", "PRT"),
            ("answered", "BEL"),
            ("own_reply", "NLD"),
            ("resolved", "AUT"),
        )
    }
    _decide(store, made["approved"], "approve")
    _comment(store, made["returned"], "Which ministry?")
    _decide(store, made["returned"], "return")
    made["revising"] = store.new_revision(made["returned"], who="officer")
    _decide(store, made["rejected"], "reject")
    _comment(store, made["open"], "Which year?")
    _comment(store, made["answered"], "Which year?", answer="reply", by="Amina")
    _comment(store, made["own_reply"], "Which year?", answer="reply", by="Lars")  # still open
    _comment(store, made["resolved"], "Which year?", answer="resolve", by="Amina")
    return made


def _listed(store, **filters) -> set[str]:
    rows = {s.uuid for s in store.list_submissions(**filters)}
    assert store.count_submissions(**filters) == len(rows)  # one WHERE for both
    by_name = {s.uuid for s in store.list_submissions(order_by="state_name", lang="fr", **filters)}
    assert by_name == rows  # the same rows when sorted by State name (a joined query)
    return rows


def test_each_review_state_is_a_filter(store, reviewed):
    names = {uuid: name for name, uuid in reviewed.items()}

    def named(**filters) -> set[str]:
        return {names[u] for u in _listed(store, **filters)}

    assert named(review="approved") == {"approved"}
    # The revision opened to revise shows "returned" too: it is the one the officer works on.
    assert named(review="returned") == {"returned", "revising"}
    assert named(review="rejected") == {"rejected"}
    assert named(review=UNREVIEWED) == {"plain", "open", "answered", "own_reply", "resolved"}
    assert named(review=["approved", "rejected"]) == {"approved", "rejected"}
    assert named(review=[UNREVIEWED, "approved"]) == named(review=UNREVIEWED) | {"approved"}


def test_open_comments_are_those_neither_answered_by_another_nor_resolved(store, reviewed):
    names = {uuid: name for name, uuid in reviewed.items()}
    found = {names[u] for u in _listed(store, open_comments=True)}
    # A thread on a returned revision stays open on the revision that revises it.
    assert found == {"returned", "revising", "open", "own_reply"}
    both = {names[u] for u in _listed(store, open_comments=True, review="returned")}
    assert both == {"returned", "revising"}
    assert _listed(store, open_comments=True, state="PRT") == {reviewed["open"]}


def test_the_filter_agrees_with_the_counts_the_list_shows(store, reviewed):
    counts = store.open_comment_counts()
    shown = {
        s.uuid
        for s in store.list_submissions()
        if counts.get(s.uuid, 0) + (counts.get(s.revises, 0) if s.revises else 0)
    }
    assert _listed(store, open_comments=True) == shown
    states = store.review_states()
    for sub in store.list_submissions():
        state = states.get(sub.uuid) or (
            "returned" if sub.revises and states.get(sub.revises) == "returned" else None
        )
        assert sub.uuid in _listed(store, review=state or UNREVIEWED)


def test_a_reply_by_another_closes_it_and_the_trash_still_hides(store, reviewed):
    [thread] = [c for c in store.load_conversation([reviewed["open"]]).comments]
    answer = Comment.new(
        reviewed["open"], 1, "lead_entity", "Amina", "2025", AT, kind=REPLY, reply_to=thread.id
    )
    store.save_conversation(Conversation((answer,)), who="officer")
    assert reviewed["open"] not in _listed(store, open_comments=True)
    store.soft_delete(reviewed["own_reply"], who="officer")
    assert reviewed["own_reply"] not in _listed(store, open_comments=True)
    assert reviewed["own_reply"] in _listed(store, open_comments=True, include_deleted=True)
