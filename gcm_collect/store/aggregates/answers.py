"""A submission's answers: identification, one answer at a time (optimistic concurrency),
attached documents, answers carried over and still to confirm."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from gcm_collect.errors import AnswerConflict, UserError
from gcm_collect.i18n import _
from gcm_collect.store import carried, instances, paths, transfer, values
from gcm_collect.store.aggregates.base import StoreBase
from gcm_collect.store.ids import sha256_hex

UNCHECKED: Any = object()  # set_answer's ``expected`` when the writer does not check


class AnswersPart(StoreBase):
    def set_identification(
        self,
        uuid: str,
        *,
        who: str,
        state: str | None = None,
        region: str | None = None,
        period: str | None = None,
    ) -> bool:
        """Change the State, review region or reporting period the submission is listed,
        exported and consolidated under (the form's identification answers): one audit row per
        field changed; False when nothing changed. UserError for a value the metadata refuses,
        or a submission that is deleted or finalized."""
        wanted = {"state": state, "region": region, "period": period}
        with self.atomic():
            self._editable(uuid)
            sub = self.get_submission(uuid)
            changes = {k: v for k, v in wanted.items() if v is not None and getattr(sub, k) != v}
            if not changes:
                return False
            transfer.check_metadata(
                {
                    "uuid": uuid,
                    "form_id": sub.form_id,
                    "form_version": sub.form_version,
                    "state": sub.state,
                    "region": sub.region,
                    "period": sub.period,
                    "status": sub.status,
                    "revision": sub.revision,
                    "revises": sub.revises,
                    **changes,
                }
            )
            at = self.now()
            for column, value in changes.items():  # column names from the fixed dict above
                self._audit(
                    uuid,
                    at,
                    who,
                    "identify",
                    path=column,
                    old=getattr(sub, column),
                    new=value,
                    columns={column: value},
                )
        return True

    def set_answer(
        self,
        uuid: str,
        path: str,
        value: Any,
        *,
        who: str,
        remember: bool = True,
        expected: Any = UNCHECKED,
    ) -> None:
        """Set (or, with None, clear) one answer: one committed transaction, one audit row.

        ``expected``: the value the writer read (None: unanswered). When the stored answer is
        another (changed elsewhere since), nothing is written and ``AnswerConflict`` says what
        is stored now (optimistic concurrency: a window never overwrites a newer answer).

        Also records ``updated_at`` and, unless ``remember`` is false (answers the app fills
        by itself), ``last_path``: where the officer reopens. Setting the value already stored does
        nothing (no audit row). Raises UserError if the submission is unknown, deleted or
        finalized, or if the path lies in a repeat instance that no longer exists.
        """
        refs = paths.answer_refs(path)
        new = None if value is None else values.encode(value)
        with self.atomic():
            row = self._conn.execute(
                "SELECT s.status, s.deleted_at, a.value FROM submissions AS s "
                "LEFT JOIN answers AS a ON a.submission_uuid = s.uuid AND a.path = ? "
                "WHERE s.uuid = ?",
                (path, uuid),
            ).fetchone()
            self._check_editable(uuid, row)
            old = row[2]
            if old == new:
                return
            if expected is not UNCHECKED and not _stored_as(old, expected):
                raise AnswerConflict(path, values.decode(old))
            if new is None:
                self._conn.execute(
                    "DELETE FROM answers WHERE submission_uuid = ? AND path = ?", (uuid, path)
                )
            else:
                if refs and not instances.exists(self._conn, uuid, *refs[-1]):
                    # No path in the message: it names entries by their internal UUIDs.
                    raise UserError(_("this repeat entry was removed; the answer was not saved"))
                self._conn.execute(
                    "INSERT INTO answers (submission_uuid, path, value) VALUES (?, ?, ?) "
                    "ON CONFLICT (submission_uuid, path) DO UPDATE SET value = excluded.value",
                    (uuid, path, new),
                )
            carried.unmark(self._conn, uuid, (path,))  # edited: no longer to confirm
            at = self.now()
            self._audit(
                uuid,
                at,
                who,
                "answer",
                path=path,
                old=old,
                new=new,
                encoded=True,  # as stored: the audit row holds the answer's own text
                touch=True,
                columns={"last_path": path} if remember else None,
            )

    def put_attachment(self, uuid: str, path: str, name: str, data: bytes, *, who: str) -> str:
        """Attach a document as the answer at ``path`` (a ``file`` question); returns the value.

        The bytes are stored once by SHA-256; the answer becomes the file reference
        (``gcm_collect.forms.files``), set like any answer: one transaction, one audit row.
        """
        from gcm_collect.forms.files import file_ref  # pure helper; keeps the store import light

        ref = file_ref(name, data)
        with self.atomic():
            self._conn.execute(
                "INSERT INTO attachments (sha256, size, data, added_at) VALUES (?, ?, ?, ?) "
                "ON CONFLICT (sha256) DO NOTHING",
                (ref.sha256, ref.size, bytes(data), self.now()),
            )
            self.set_answer(uuid, path, ref.value, who=who)
        return ref.value

    def put_attachment_data(self, sha256: str, data: bytes) -> bool:
        """Store the bytes of a document an imported ``file`` answer names; True if new.

        No answer changes (the imported record already holds the reference). UserError when
        the bytes do not have that SHA-256.
        """
        if sha256_hex(data) != sha256:
            raise UserError(_("the attached file does not match its SHA-256"))
        with self.atomic():
            cursor = self._conn.execute(
                "INSERT INTO attachments (sha256, size, data, added_at) VALUES (?, ?, ?, ?) "
                "ON CONFLICT (sha256) DO NOTHING",
                (sha256, len(data), bytes(data), self.now()),
            )
            return cursor.rowcount > 0

    def get_attachment(self, sha256: str) -> bytes | None:
        """The bytes of an attached document, by its SHA-256 (None if not in this database)."""
        with self._guard():
            row = self._conn.execute(
                "SELECT data FROM attachments WHERE sha256 = ?", (sha256,)
            ).fetchone()
        return None if row is None else bytes(row[0])

    def data_version(self) -> int:
        """A number that changes when another connection (another program, a worker, the
        command line) commits to the database; this connection's own writes leave it as is."""
        with self._guard():
            return self._conn.execute("PRAGMA data_version").fetchone()[0]

    def get_answers(self, uuid: str, paths: Iterable[str] | None = None) -> dict[str, Any]:
        """The submission's answers by path; with ``paths``, only those (a few of thousands)."""
        with self._guard():
            if paths is None:
                rows = self._conn.execute(
                    "SELECT path, value FROM answers WHERE submission_uuid = ? ORDER BY path",
                    (uuid,),
                ).fetchall()
            else:
                wanted = list(dict.fromkeys(paths))
                rows = []
                for start in range(0, len(wanted), 500):  # within SQLite's variable limit
                    chunk = wanted[start : start + 500]
                    marks = ", ".join("?" * len(chunk))
                    rows += self._conn.execute(
                        "SELECT path, value FROM answers WHERE submission_uuid = ?"
                        f" AND path IN ({marks}) ORDER BY path",
                        (uuid, *chunk),
                    ).fetchall()
        return {path: values.decode(value) for path, value in rows}

    def mark_to_confirm(self, uuid: str, paths: Iterable[str]) -> None:
        """Mark answers carried over from last cycle as "to confirm"."""
        with self.atomic():
            self._editable(uuid)
            carried.mark(self._conn, uuid, paths)

    def confirm_answers(self, uuid: str, paths: Iterable[str], *, who: str) -> list[str]:
        """The officer confirms carried answers as they are: their marks go, one audit row
        each (action ``confirm``). Returns the paths that were marked."""
        with self.atomic():
            self._editable(uuid)
            gone = carried.unmark(self._conn, uuid, paths)
            at = self.now()
            for path in gone:
                self._audit(uuid, at, who, "confirm", path=path, touch=True)
        return gone

    def to_confirm(self, uuid: str) -> set[str]:
        """The paths of the answers still marked "to confirm"."""
        with self._guard():
            return carried.marked(self._conn, uuid)


def _stored_as(stored: str | None, expected: Any) -> bool:
    """Whether the stored text holds ``expected`` (None: no answer stored)."""
    if expected is None or stored is None:
        return expected is None and stored is None
    return stored == values.dumps(expected) or values.decode(stored) == expected
