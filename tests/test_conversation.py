"""The review conversation's values: stable ids, order-free and idempotent merging, threads,
conflicting decisions."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gcm_collect.conversation import (
    ANSWERED,
    OPEN,
    REPLY,
    RESOLVE,
    RESOLVED,
    Comment,
    Conversation,
    Decision,
    conflicts,
    merge,
    threads,
)

SUBS = [f"3f1c1b1e-0000-4000-8000-00000000000{i}" for i in range(3)]

comments = st.builds(
    Comment.new,
    st.sampled_from(SUBS),
    st.integers(0, 2),
    st.sampled_from(["title", "practices[a]/title", "_state"]),
    st.sampled_from(["Amina", "Lars"]),
    st.text(max_size=5),
    st.sampled_from(["", "2026-03-01T10:00:00Z", "2026-03-02T10:00:00Z"]),
)
decisions = st.builds(
    Decision.new,
    st.sampled_from(SUBS),
    st.integers(0, 2),
    st.sampled_from(["approve", "return", "reject"]),
    st.sampled_from(["", "source?"]),
    st.sampled_from(["national", "regional"]),
    st.sampled_from(["Amina", "Lars"]),
    st.sampled_from(["2026-03-01T10:00:00Z", "2026-03-02T10:00:00Z"]),
)
conversations = st.builds(
    lambda c, d: Conversation(tuple(c), tuple(d)),
    st.lists(comments, max_size=6),
    st.lists(decisions, max_size=4),
)


@settings(max_examples=150, deadline=None)
@given(st.lists(conversations, min_size=1, max_size=4), st.randoms())
def test_merging_is_order_free_and_idempotent(parts, rnd):
    once = merge(*parts)
    shuffled = list(parts)
    rnd.shuffle(shuffled)
    assert merge(*shuffled) == once
    assert merge(once, *parts) == once  # a consolidated workbook read again adds nothing
    assert merge(once, once) == once


@settings(max_examples=100, deadline=None)
@given(conversations)
def test_a_conversation_survives_its_file_form(conversation):
    merged = merge(conversation)
    assert Conversation.from_data(merged.to_data()) == merged


def test_the_same_note_read_twice_is_one_comment():
    a = Comment.new(SUBS[0], 1, "title", "Lars", "Which year?", "")
    b = Comment.new(SUBS[0], 1, "title", "Lars", "Which year?", "")
    c = Comment.new(SUBS[0], 2, "title", "Lars", "Which year?", "")
    assert a.id == b.id != c.id
    assert len(merge(Conversation((a,)), Conversation((b, c))).comments) == 2


def test_a_thread_is_open_then_answered_then_resolved():
    first = Comment.new(SUBS[0], 1, "title", "Lars", "Which year?", "2026-03-01T10:00:00Z")
    own = Comment.new(
        SUBS[0],
        1,
        "title",
        "Lars",
        "Also: source?",
        "2026-03-01T11:00:00Z",
        kind=REPLY,
        reply_to=first.id,
    )
    assert [t.state for t in threads(Conversation((first, own)))] == [OPEN]
    reply = Comment.new(
        SUBS[0], 1, "title", "Amina", "2019", "2026-03-02T10:00:00Z", kind=REPLY, reply_to=first.id
    )
    [thread] = threads(Conversation((first, own, reply)))
    assert thread.state == ANSWERED and thread.replies == (own, reply)
    done = Comment.new(
        SUBS[0], 1, "title", "Lars", "", "2026-03-03T10:00:00Z", kind=RESOLVE, reply_to=first.id
    )
    assert [t.state for t in threads(Conversation((first, reply, done)))] == [RESOLVED]


def test_conflicting_decisions_are_listed_not_resolved():
    at = "2026-03-01T10:00:00Z"
    ok = Decision.new(SUBS[0], 1, "approve", "", "regional", "Lars", at)
    back = Decision.new(SUBS[0], 1, "return", "Source?", "regional", "Mei", at)
    national = Decision.new(SUBS[0], 1, "approve", "", "national", "Amina", at)
    merged = merge(Conversation(decisions=(ok, back, national)))
    assert conflicts(merged) == [sorted([ok, back], key=lambda d: d.id)]
    assert len(merged.decisions) == 3


@pytest.mark.parametrize(
    "data",
    [
        {"comments": "x"},
        {
            "comments": [
                {"id": "1", "submission": "not-a-uuid", "revision": 1, "path": "t", "text": "x"}
            ]
        },
        {
            "decisions": [
                {
                    "id": "1",
                    "submission": SUBS[0],
                    "revision": 1,
                    "code": "maybe",
                    "level": "regional",
                }
            ]
        },
        {
            "decisions": [
                {
                    "id": "1",
                    "submission": SUBS[0],
                    "revision": True,
                    "code": "approve",
                    "level": "regional",
                }
            ]
        },
        {
            "comments": [
                {
                    "id": "1",
                    "submission": SUBS[0],
                    "revision": 1,
                    "path": "t",
                    "text": "x",
                    "kind": "reply",
                }
            ]
        },
    ],
)
def test_damaged_conversations_are_refused(data):
    with pytest.raises(ValueError):
        Conversation.from_data(data)
