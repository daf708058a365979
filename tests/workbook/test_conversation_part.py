"""The hidden review sheet (``_gcm_review``): its hash and rows are made event by event, and
must stay what earlier versions wrote, or their workbooks would read as changed after export."""

from __future__ import annotations

import hashlib

from gcm_collect.conversation import REPLY, Comment, Conversation, Decision, merge
from gcm_collect.workbook import machine
from gcm_collect.workbook.canonical import canonical_json

U1 = "d077df34-ec97-5c3f-9ab6-521e39e36985"
U2 = "0006fbb3-166f-5899-9494-8169c05befa8"


def _conversation() -> Conversation:
    comments = [
        Comment.new(U1, 1, f"q{i}", "مراجع", f"نص \ufffe «{i}»\n", f"2026-01-0{i % 9 + 1}")
        for i in range(12)
    ]
    comments.append(
        Comment.new(
            U1, 1, "q0", "Officer", "done", "2026-02-01", kind=REPLY, reply_to=comments[0].id
        )
    )
    decisions = [
        Decision.new(U1, 1, "return", "source?", "regional", "R", "2026-01-02"),
        Decision.new(U2, 3, "approve", "", "national", "N", ""),
    ]
    return Conversation(tuple(reversed(comments)), tuple(decisions))


def _as_written_before(conversation: Conversation) -> str:
    """The hash as it was made before it was streamed: the whole canonical text at once."""
    text = canonical_json(merge(conversation).to_data())
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def test_the_hash_is_the_sha256_of_the_whole_canonical_conversation():
    whole = _conversation()
    for conversation in (
        whole,
        Conversation(whole.comments, ()),
        Conversation((), whole.decisions),
        Conversation(whole.comments[:1], whole.decisions[:1]),
    ):
        assert machine.conversation_hash(conversation) == _as_written_before(conversation)
    assert machine.conversation_hash(Conversation()) == ""


def test_the_rows_read_back_as_the_conversation_they_were_made_from():
    conversation = _conversation()
    rows = list(machine.conversation_rows(conversation))
    assert rows[0] == machine.REVIEW_HEADER
    assert [r[0] for r in rows[1:]] == ["comment"] * 13 + ["decision"] * 2
    expected = machine.conversation_hash(conversation)
    back = machine.parse_conversation(rows, "_gcm_review", expected)
    assert set(back.comments) == set(conversation.comments)
    assert set(back.decisions) == set(conversation.decisions)
