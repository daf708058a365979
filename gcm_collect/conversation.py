"""The review conversation as plain values: comments on questions, and decisions.

A reviewer comments on one answer of one revision of a submission, and decides on the revision
(approve, return, reject) at a level (national focal point, regional commission). Officers reply
to comments, and either side may mark a thread resolved. Each of these is an immutable event
with a stable id derived from what it says, so merging conversations from many files is a set
union: order-free and idempotent, like the records (see ``merge``).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass
from functools import cached_property
from typing import Any
from uuid import NAMESPACE_URL, UUID, uuid5

from gcm_collect.i18n import N_

# The levels and their labels live in the vocabulary; named here too (re-exported), as every
# part of the conversation uses them.
from gcm_collect.vocabulary import LEVEL_LABELS as LEVEL_LABELS
from gcm_collect.vocabulary import LEVELS as LEVELS
from gcm_collect.vocabulary import NATIONAL as NATIONAL
from gcm_collect.vocabulary import REGIONAL as REGIONAL

NAMESPACE = uuid5(NAMESPACE_URL, "https://gcm-collect.invalid/review")

# Decision codes are stable (written in files); their labels are translated.
APPROVE, RETURN, REJECT = "approve", "return", "reject"
DECISIONS = (APPROVE, RETURN, REJECT)
DECISION_LABELS = {APPROVE: N_("approve"), RETURN: N_("return"), REJECT: N_("reject")}
NEEDS_REASON = frozenset({RETURN, REJECT})

# What a decision makes of the revision it names, in the officer's database.
APPROVED, RETURNED, REJECTED = "approved", "returned", "rejected"
STATE_OF = {APPROVE: APPROVED, RETURN: RETURNED, REJECT: REJECTED}
STATE_LABELS = {APPROVED: N_("approved"), RETURNED: N_("returned"), REJECTED: N_("rejected")}
# No decision has reached the revision (the list's filter "Not reviewed"): no state stored.
UNREVIEWED = "unreviewed"
# The list's review filter: each state as its choice names it ("Approved"), then none.
REVIEW_FILTERS = {
    APPROVED: N_("Approved"),
    RETURNED: N_("Returned"),
    REJECTED: N_("Rejected"),
    UNREVIEWED: N_("Not reviewed"),
}

# Kinds of comment events: a comment on an answer, a reply to one, a thread marked resolved.
COMMENT, REPLY, RESOLVE = "comment", "reply", "resolve"
KINDS = (COMMENT, REPLY, RESOLVE)

# The state of a thread, shown on the Comments sheet and in the app.
OPEN, ANSWERED, RESOLVED = "open", "answered", "resolved"
THREAD_LABELS = {OPEN: N_("open"), ANSWERED: N_("answered"), RESOLVED: N_("resolved")}


# A lone surrogate can come only from a hand-made file's JSON escapes ("\\ud800"): no database
# can store it as UTF-8 and no XML can hold it, so such an event is refused on reading.
_LONE_SURROGATE = re.compile(r"[\ud800-\udfff]")


def _storable(*texts: str) -> None:
    if _LONE_SURROGATE.search("".join(texts)):
        raise ValueError("a text holds a lone surrogate")


def stable_id(*parts: Any) -> str:
    """A UUID5 of the parts, as canonical JSON: the same content always has the same id."""
    text = json.dumps(list(parts), ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    return str(uuid5(NAMESPACE, text))


# Slots: a consolidation holds every comment event of every input (200,000 of them with 10
# comments a submission), and an instance dictionary each came to about 100 bytes more.
@dataclass(frozen=True, slots=True)
class Comment:
    """One event of a thread on an answer.

    ``path`` is the answer path (``practices[<uuid>]/title``), or a metadata column (``_state``);
    a reply or resolution names the comment it answers in ``reply_to`` and repeats its
    submission, revision and path, so a thread can be shown without its first comment.
    """

    id: str
    submission: str
    revision: int
    path: str
    author: str
    text: str
    at: str
    level: str = REGIONAL
    kind: str = COMMENT
    reply_to: str = ""

    @classmethod
    def new(
        cls,
        submission: str,
        revision: int,
        path: str,
        author: str,
        text: str,
        at: str,
        *,
        level: str = REGIONAL,
        kind: str = COMMENT,
        reply_to: str = "",
    ) -> Comment:
        # The time is part of the id only when it is known: a note read twice from the same
        # cell of the same file is one comment, whenever it was read.
        ident = stable_id(kind, submission, revision, path, author, text, at, reply_to)
        return cls(ident, submission, revision, path, author, text, at, level, kind, reply_to)

    def to_data(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_data(cls, data: Mapping[str, Any]) -> Comment:
        """ValueError when ``data`` is not a comment event."""
        try:
            comment = cls(
                id=str(data["id"]),
                submission=str(UUID(str(data["submission"]))),
                revision=_revision(data["revision"]),
                path=str(data["path"]),
                author=str(data.get("author") or ""),
                text=str(data["text"]),
                at=str(data.get("at") or ""),
                level=str(data.get("level") or REGIONAL),
                kind=str(data.get("kind") or COMMENT),
                reply_to=str(data.get("reply_to") or ""),
            )
        except (KeyError, TypeError, AttributeError) as exc:
            raise ValueError(f"not a comment: {exc}") from exc
        if comment.kind not in KINDS or comment.level not in LEVELS:
            raise ValueError("not a comment: kind or level")
        if comment.kind != COMMENT and not comment.reply_to:
            raise ValueError("a reply names the comment it answers")
        _storable(
            comment.id, comment.path, comment.author, comment.text, comment.at, comment.reply_to
        )
        return comment

    @property
    def thread(self) -> str:
        """The id of the first comment of the thread this event belongs to."""
        return self.reply_to or self.id


@dataclass(frozen=True, slots=True)
class Decision:
    """A reviewer's decision on one revision of a submission, at one level."""

    id: str
    submission: str
    revision: int
    code: str
    reason: str
    level: str
    reviewer: str
    at: str

    @classmethod
    def new(
        cls,
        submission: str,
        revision: int,
        code: str,
        reason: str,
        level: str,
        reviewer: str,
        at: str,
    ) -> Decision:
        ident = stable_id("decision", submission, revision, code, reason, level, reviewer, at)
        return cls(ident, submission, revision, code, reason, level, reviewer, at)

    def to_data(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_data(cls, data: Mapping[str, Any]) -> Decision:
        """ValueError when ``data`` is not a decision."""
        try:
            decision = cls(
                id=str(data["id"]),
                submission=str(UUID(str(data["submission"]))),
                revision=_revision(data["revision"]),
                code=str(data["code"]),
                reason=str(data.get("reason") or ""),
                level=str(data["level"]),
                reviewer=str(data.get("reviewer") or ""),
                at=str(data.get("at") or ""),
            )
        except (KeyError, TypeError, AttributeError) as exc:
            raise ValueError(f"not a decision: {exc}") from exc
        if decision.code not in DECISIONS or decision.level not in LEVELS:
            raise ValueError("not a decision: code or level")
        _storable(decision.id, decision.reason, decision.reviewer, decision.at)
        return decision

    @property
    def state(self) -> str:
        return STATE_OF[self.code]


def _revision(value: Any) -> int:
    if type(value) is not int or value < 0:
        raise TypeError("revision")
    return value


@dataclass(frozen=True)
class Conversation:
    """Every comment event and decision known, by id (a set: merging is a union)."""

    comments: tuple[Comment, ...] = ()
    decisions: tuple[Decision, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.comments or self.decisions)

    @cached_property
    def _decisions_by_submission(self) -> dict[str, tuple[Decision, ...]]:
        by: dict[str, list[Decision]] = {}
        for d in self.decisions:
            by.setdefault(d.submission, []).append(d)
        return {uuid: tuple(found) for uuid, found in by.items()}

    def decisions_about(self, submission: str) -> tuple[Decision, ...]:
        """The decisions on one submission, found without scanning them all: the Review sheet
        asks this once per submission (20,000 of them in a regional workbook)."""
        return self._decisions_by_submission.get(submission, ())

    def to_data(self) -> dict[str, Any]:
        return {
            "comments": [c.to_data() for c in self.comments],
            "decisions": [d.to_data() for d in self.decisions],
        }

    @classmethod
    def from_data(cls, data: Mapping[str, Any]) -> Conversation:
        """ValueError when ``data`` is not a conversation."""
        if not isinstance(data, Mapping):
            raise ValueError("not a conversation")
        comments = data.get("comments") or []
        decisions = data.get("decisions") or []
        if not isinstance(comments, list) or not isinstance(decisions, list):
            raise ValueError("not a conversation")
        return merge(
            cls(
                tuple(Comment.from_data(c) for c in comments),
                tuple(Decision.from_data(d) for d in decisions),
            )
        )

    def for_submissions(self, uuids: Iterable[str]) -> Conversation:
        keep = set(uuids)
        return Conversation(
            tuple(c for c in self.comments if c.submission in keep),
            tuple(d for d in self.decisions if d.submission in keep),
        )


def _key(item: Comment | Decision) -> str:
    return json.dumps(item.to_data(), ensure_ascii=False, sort_keys=True)


def merge(*conversations: Conversation) -> Conversation:
    """The union of conversations, in a canonical order. Two events with one id but other
    content (a damaged or hand-made file) are both impossible to prefer by arrival: the
    smallest canonical form is kept, so the result never depends on the order of the inputs."""
    comments: dict[str, Comment] = {}
    decisions: dict[str, Decision] = {}
    for conversation in conversations:
        for c in conversation.comments:
            old = comments.get(c.id)
            if old is None or _key(c) < _key(old):
                comments[c.id] = c
        for d in conversation.decisions:
            old_d = decisions.get(d.id)
            if old_d is None or _key(d) < _key(old_d):
                decisions[d.id] = d
    return Conversation(
        tuple(sorted(comments.values(), key=lambda c: (c.at, c.id))),
        tuple(sorted(decisions.values(), key=lambda d: (d.at, d.id))),
    )


@dataclass(frozen=True, slots=True)  # the Comments sheet makes one per thread (200,000)
class Thread:
    """A comment with its replies, and what became of it."""

    comment: Comment
    replies: tuple[Comment, ...]
    resolved: bool

    @property
    def state(self) -> str:
        if self.resolved:
            return RESOLVED
        if any(r.author != self.comment.author for r in self.replies):
            return ANSWERED
        return OPEN


def threads(conversation: Conversation) -> list[Thread]:
    """The threads of a conversation, oldest first; events whose first comment is unknown
    are shown as threads of their own (what they answer was in a file not read here)."""
    firsts = {c.id: c for c in conversation.comments if c.kind == COMMENT}
    replies: dict[str, list[Comment]] = {}
    resolved: set[str] = set()
    for c in conversation.comments:
        if c.kind == REPLY:
            replies.setdefault(c.reply_to, []).append(c)
        elif c.kind == RESOLVE:
            resolved.add(c.reply_to)
    out = [
        Thread(first, tuple(replies.get(first.id, ())), first.id in resolved)
        for first in firsts.values()
    ]
    for thread_id, orphans in replies.items():
        if thread_id not in firsts:
            out.append(Thread(orphans[0], tuple(orphans[1:]), thread_id in resolved))
    return sorted(out, key=lambda t: (t.comment.at, t.comment.id))


def conflicts(conversation: Conversation) -> list[list[Decision]]:
    """Decisions that disagree on one revision at one level: each group listed, never
    resolved here (the reviewers settle it)."""
    groups: dict[tuple[str, int, str], list[Decision]] = {}
    for d in conversation.decisions:
        groups.setdefault((d.submission, d.revision, d.level), []).append(d)
    return [
        sorted(group, key=lambda d: (d.at, d.id))
        for _key_, group in sorted(groups.items())
        if len({(d.code, d.reason) for d in group}) > 1
    ]


def latest(
    conversation: Conversation, submission: str, level: str | None = None
) -> Decision | None:
    """The most recent decision on a submission's revision (at one level, or any)."""
    found = [
        d for d in conversation.decisions_about(submission) if level is None or d.level == level
    ]
    return max(found, key=lambda d: (d.at, d.id)) if found else None
