"""The review conversation: comment events, decisions, review states.

Events are kept by their stable id (INSERT OR IGNORE): storing the same return file twice, or a
comment that came back in a later export, adds nothing. Each new event about a submission the
database holds is one audit row (``review_comment``, ``review_reply``, ``review_resolve``,
``review_decision``), so History shows the conversation; ``review_state`` rows record what a
decision made of a revision (approved, returned, rejected). An approved revision is locked:
``StoreBase._check_not_approved``.
"""

from __future__ import annotations

from collections.abc import Iterable

from gcm_collect.conversation import OPEN, Comment, Conversation, Decision, threads
from gcm_collect.store import bulk
from gcm_collect.store.aggregates.base import StoreBase

_COMMENT_COLUMNS = "id, submission, revision, path, author, text, at, level, kind, reply_to"
_DECISION_COLUMNS = "id, submission, revision, code, reason, level, reviewer, at"


class ConversationPart(StoreBase):
    def save_conversation(self, conversation: Conversation, *, who: str) -> Conversation:
        """Store every event not stored yet; returns those that were new (in one transaction)."""
        conn = self._conn
        new_comments: list[Comment] = []
        new_decisions: list[Decision] = []
        with self.atomic():
            for c in conversation.comments:
                cursor = conn.execute(
                    f"INSERT OR IGNORE INTO review_comments ({_COMMENT_COLUMNS}) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (
                        c.id,
                        c.submission,
                        c.revision,
                        c.path,
                        c.author,
                        c.text,
                        c.at,
                        c.level,
                        c.kind,
                        c.reply_to,
                    ),
                )
                if cursor.rowcount:
                    new_comments.append(c)
            for d in conversation.decisions:
                cursor = conn.execute(
                    f"INSERT OR IGNORE INTO review_decisions ({_DECISION_COLUMNS}) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    (d.id, d.submission, d.revision, d.code, d.reason, d.level, d.reviewer, d.at),
                )
                if cursor.rowcount:
                    new_decisions.append(d)
            # One audit row per new event about a submission held here: (submission, action,
            # path, new), comments first, then decisions.
            audits = [
                (
                    c.submission,
                    f"review_{c.kind}",
                    c.path,
                    {"author": c.author, "text": c.text, "level": c.level},
                )
                for c in new_comments
            ] + [
                (
                    d.submission,
                    "review_decision",
                    None,
                    {
                        "code": d.code,
                        "level": d.level,
                        "reviewer": d.reviewer,
                        "reason": d.reason,
                        "revision": d.revision,
                    },
                )
                for d in new_decisions
            ]
            held = bulk.held(conn, sorted({submission for submission, *_ in audits}))
            at = self.now()
            for submission, action, path, new in audits:
                if submission in held:
                    self._audit(submission, at, who, action, path=path, new=new)
        return Conversation(tuple(new_comments), tuple(new_decisions))

    def load_conversation(self, submissions: Iterable[str] | None = None) -> Conversation:
        """The stored conversation: all of it, or about the submissions named."""
        conn = self._conn
        with self._guard():
            if submissions is None:
                comment_rows = conn.execute(
                    f"SELECT {_COMMENT_COLUMNS} FROM review_comments"
                ).fetchall()
                decision_rows = conn.execute(
                    f"SELECT {_DECISION_COLUMNS} FROM review_decisions"
                ).fetchall()
            else:
                listed = sorted(set(submissions))
                comment_rows, decision_rows = [], []
                for i in range(0, len(listed), bulk.LOOKUP):
                    part = listed[i : i + bulk.LOOKUP]
                    marks = ", ".join("?" * len(part))
                    comment_rows += conn.execute(
                        f"SELECT {_COMMENT_COLUMNS} FROM review_comments "
                        f"WHERE submission IN ({marks})",
                        part,
                    ).fetchall()
                    decision_rows += conn.execute(
                        f"SELECT {_DECISION_COLUMNS} FROM review_decisions "
                        f"WHERE submission IN ({marks})",
                        part,
                    ).fetchall()
        return Conversation(
            tuple(sorted((Comment(*row) for row in comment_rows), key=lambda c: (c.at, c.id))),
            tuple(sorted((Decision(*row) for row in decision_rows), key=lambda d: (d.at, d.id))),
        )

    def forget_decisions(self, submission: str, revision: int, level: str, reviewer: str) -> int:
        """Remove a reviewer's decisions on one revision at one level (a reviewer in the app
        changing their mind before the return file is written); how many were removed."""
        with self.atomic():
            cursor = self._conn.execute(
                "DELETE FROM review_decisions WHERE submission = ? AND revision = ? AND level = ? "
                "AND reviewer = ? AND id NOT IN (SELECT decision FROM review_states)",
                (submission, revision, level, reviewer),
            )
        return cursor.rowcount

    def set_review_state(self, submission: str, decision: Decision, *, who: str) -> None:
        """Record what ``decision`` made of the revision ``submission`` (held in the database)."""
        with self.atomic():
            old = self.review_state_of(submission)
            self._conn.execute(
                "INSERT INTO review_states (submission_uuid, state, decision) VALUES (?, ?, ?) "
                "ON CONFLICT (submission_uuid) DO UPDATE SET state = excluded.state, "
                "decision = excluded.decision",
                (submission, decision.state, decision.id),
            )
            self._audit(
                submission,
                self.now(),
                who,
                "review_state",
                old=None if old is None else old[0],
                new=decision.state,
            )

    def review_state_of(self, submission: str) -> tuple[str, Decision] | None:
        """The review state of a revision and the decision that set it (None: not reviewed)."""
        columns = ", ".join("d." + c.strip() for c in _DECISION_COLUMNS.split(","))
        with self._guard():
            row = self._conn.execute(
                f"SELECT s.state, {columns} "
                "FROM review_states s JOIN review_decisions d ON d.id = s.decision "
                "WHERE s.submission_uuid = ?",
                (submission,),
            ).fetchone()
        return None if row is None else (row[0], Decision(*row[1:]))

    def review_states(self) -> dict[str, str]:
        """Every reviewed revision's state, by submission UUID (for the list)."""
        with self._guard():
            rows = self._conn.execute("SELECT submission_uuid, state FROM review_states").fetchall()
        return dict(rows)

    def open_comment_counts(self) -> dict[str, int]:
        """Comments neither answered by another author nor resolved, per submission, counted
        over the revisions each submission revises too (a thread on revision 1 is still open
        on 2)."""
        counts: dict[str, int] = {}
        for thread in threads(self.load_conversation()):
            if thread.state == OPEN:
                counts[thread.comment.submission] = counts.get(thread.comment.submission, 0) + 1
        return counts
