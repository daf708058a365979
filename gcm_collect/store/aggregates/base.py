"""What every part of ``Store`` stands on: the connection, the clock, transactions, the
checks that a submission may change, and the one writer of the audit trail."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from gcm_collect.errors import UserError
from gcm_collect.i18n import _
from gcm_collect.store import values
from gcm_collect.store.clock import Clock, iso_utc
from gcm_collect.store.failures import translated
from gcm_collect.store.records import (
    SUBMISSION_COLUMNS,
    Submission,
)

COLUMNS_SQL = ", ".join(SUBMISSION_COLUMNS)


class StoreBase:
    """The connection and what every part needs of it (``Store`` sets the attributes)."""

    _conn: sqlite3.Connection
    _now: Clock
    _savepoints: int
    path: Path | None
    device_id: str
    busy_timeout: float

    def now(self) -> str:
        """The current time as stored (UTC ISO 8601, milliseconds), from the injected clock."""
        return iso_utc(self._now())

    @contextmanager
    def _guard(self) -> Iterator[None]:
        with translated(self.path):
            yield

    @contextmanager
    def atomic(self) -> Iterator[None]:
        """One transaction around the block; nested blocks are savepoints.

        The outermost block takes the write lock at once (BEGIN IMMEDIATE), so a busy database
        fails at the start, not halfway. An exception rolls the block back and propagates.
        """
        with self._guard():
            conn = self._conn
            if conn.in_transaction:
                self._savepoints += 1
                name = f"gcm_sp{self._savepoints}"
                conn.execute(f"SAVEPOINT {name}")
                try:
                    yield
                except BaseException:
                    if conn.in_transaction:  # some errors (disk full) end the whole transaction
                        conn.execute(f"ROLLBACK TO {name}")
                        conn.execute(f"RELEASE {name}")
                    raise
                else:
                    conn.execute(f"RELEASE {name}")
                finally:
                    self._savepoints -= 1
            else:
                conn.execute("BEGIN IMMEDIATE")
                try:
                    yield
                    conn.execute("COMMIT")
                except BaseException:
                    if conn.in_transaction:
                        conn.execute("ROLLBACK")
                    raise

    def get_submission(self, uuid: str) -> Submission:
        """The submission's metadata; UserError if there is none with this UUID."""
        with self._guard():
            row = self._conn.execute(
                f"SELECT {COLUMNS_SQL} FROM submissions WHERE uuid = ?", (uuid,)
            ).fetchone()
        if row is None:
            raise UserError(_("unknown submission {uuid}").format(uuid=uuid))
        return Submission(*row)

    def _exists(self, uuid: str) -> bool:
        row = self._conn.execute("SELECT 1 FROM submissions WHERE uuid = ?", (uuid,)).fetchone()
        return row is not None

    def _check_editable(self, uuid: str, row: tuple[Any, ...] | None) -> str:
        if row is None:
            raise UserError(_("unknown submission {uuid}").format(uuid=uuid))
        status, deleted_at = row[0], row[1]
        if deleted_at is not None:
            raise UserError(_("submission {uuid} is deleted; restore it first").format(uuid=uuid))
        if status == "finalized":
            raise UserError(
                _(
                    "submission {uuid} is finalized; reopen it as a new revision to change it"
                ).format(uuid=uuid)
            )
        self._check_not_approved(uuid)
        return status

    def _check_not_approved(self, uuid: str) -> None:
        # An approved revision is what the reviewer signed off: locked for good (its state is
        # written by the conversation's part, aggregates/conversation.py).
        approved = self._conn.execute(
            "SELECT 1 FROM review_states WHERE submission_uuid = ? AND state = 'approved'",
            (uuid,),
        ).fetchone()
        if approved is not None:
            raise UserError(
                _("submission {uuid} was approved by its reviewer; it cannot be changed").format(
                    uuid=uuid
                )
            )

    def _editable(self, uuid: str) -> str:
        """The status of an editable submission; UserError if unknown, deleted or finalized."""
        row = self._conn.execute(
            "SELECT status, deleted_at FROM submissions WHERE uuid = ?", (uuid,)
        ).fetchone()
        return self._check_editable(uuid, row)

    def _audit(
        self,
        uuid: str,
        at: str,
        who: str,
        action: str,
        *,
        path: str | None = None,
        old: Any = None,
        new: Any = None,
        encoded: bool = False,
        touch: bool = False,
        columns: Mapping[str, Any] | None = None,
    ) -> int:
        """The one writer of the audit trail: one row for a change of submission ``uuid``; its
        id (an undo token). ``old`` and ``new`` are values (``encoded``: already as stored).

        With ``touch`` or ``columns`` the submission's ``updated_at`` becomes ``at`` in the
        same UPDATE that sets ``columns`` (column names are the callers' constants)."""
        cursor = self._conn.execute(
            "INSERT INTO audit (submission_uuid, at, who, action, path, old_value, new_value) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            (uuid, at, who, action, path, *(_stored(v, encoded) for v in (old, new))),
        )
        if touch or columns:
            changed = {**(columns or {}), "updated_at": at}
            assignments = ", ".join(f"{column} = ?" for column in changed)
            self._conn.execute(
                f"UPDATE submissions SET {assignments} WHERE uuid = ?", (*changed.values(), uuid)
            )
        return int(cursor.lastrowid or 0)

    def _audit_many(self, uuids: Iterable[str], at: str, who: str, action: str, new: Any) -> None:
        """``_audit`` of one change to many submissions (an import's new ones), in one
        statement: the same row for each."""
        value = _stored(new, False)
        self._conn.executemany(
            "INSERT INTO audit (submission_uuid, at, who, action, path, old_value, new_value) "
            "VALUES (?, ?, ?, ?, NULL, NULL, ?)",
            ((uuid, at, who, action, value) for uuid in uuids),
        )


def _stored(value: Any, encoded: bool) -> Any:
    return value if encoded or value is None else values.dumps(value)
