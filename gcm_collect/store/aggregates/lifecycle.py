"""A submission's life: created, its status and title, deleted and restored, reopened as a
new revision; its history."""

from __future__ import annotations

from gcm_collect.errors import UserError
from gcm_collect.i18n import _
from gcm_collect.limits import MAX_REVISION
from gcm_collect.store import schema, transfer, values
from gcm_collect.store.aggregates.base import COLUMNS_SQL, StoreBase
from gcm_collect.store.ids import new_uuid
from gcm_collect.store.records import (
    SUBMISSION_COLUMNS,
    AuditEntry,
)


class LifecyclePart(StoreBase):
    def create_submission(
        self,
        *,
        form_id: str,
        form_version: str,
        state: str,
        region: str,
        period: str,
        officer: str = "",
        uuid: str | None = None,
        revision: int = 1,
        revises: str | None = None,
        status: str = "draft",
        title: str = "",
    ) -> str:
        """Create an empty submission; returns its UUID (a new UUID4 unless given)."""
        uuid = uuid or new_uuid()
        transfer.check_metadata(
            {
                "uuid": uuid,
                "form_id": form_id,
                "form_version": form_version,
                "state": state,
                "region": region,
                "period": period,
                "status": status,
                "revision": revision,
                "revises": revises,
            }
        )
        with self.atomic():
            if self._exists(uuid):
                raise UserError(_("a submission {uuid} already exists").format(uuid=uuid))
            at = self.now()
            self._conn.execute(
                f"INSERT INTO submissions ({COLUMNS_SQL}) "
                f"VALUES ({', '.join('?' * len(SUBMISSION_COLUMNS))})",
                (
                    uuid,
                    form_id,
                    form_version,
                    state,
                    region,
                    period,
                    status,
                    revision,
                    revises,
                    at,
                    at,
                    officer,
                    self.device_id,
                    None,
                    None,
                    title,
                ),
            )
            self._audit(uuid, at, officer, "create", new=status)
        return uuid

    def set_status(self, uuid: str, status: str, *, who: str) -> None:
        """draft <-> complete -> finalized. A finalized submission changes only by reopening
        it as a new revision (``new_revision``)."""
        if status not in schema.STATUSES:
            raise ValueError(f"unknown status {status!r}")
        with self.atomic():
            old = self._editable(uuid)
            if old == status:
                return
            at = self.now()
            self._audit(uuid, at, who, "status", old=old, new=status, columns={"status": status})

    def set_title(self, uuid: str, title: str, *, who: str) -> None:
        with self.atomic():
            self._editable(uuid)
            old = self._conn.execute(
                "SELECT title FROM submissions WHERE uuid = ?", (uuid,)
            ).fetchone()[0]
            if old == title:
                return
            at = self.now()
            self._audit(uuid, at, who, "title", old=old, new=title, columns={"title": title})

    def soft_delete(self, uuid: str, *, who: str) -> None:
        """Hide a submission from lists (kept, with its answers, until ``restore``)."""
        with self.atomic():
            sub = self.get_submission(uuid)
            if sub.deleted:
                return
            at = self.now()
            self._audit(uuid, at, who, "delete", new=at, columns={"deleted_at": at})

    def restore(self, uuid: str, *, who: str) -> None:
        """Undo ``soft_delete``."""
        with self.atomic():
            sub = self.get_submission(uuid)
            if not sub.deleted:
                return
            at = self.now()
            self._audit(uuid, at, who, "restore", old=sub.deleted_at, columns={"deleted_at": None})

    def new_revision(self, uuid: str, *, who: str) -> str:
        """Reopen a finalized submission: a new draft with revision + 1 that ``revises`` it,
        carrying its answers and repeat instances (same instance UUIDs). Returns the new UUID.

        Refused if the submission is not finalized or was already reopened.
        """
        with self.atomic():
            sub = self.get_submission(uuid)
            if sub.deleted:
                message = _("submission {uuid} is deleted; restore it first")
                raise UserError(message.format(uuid=uuid))
            if sub.status != "finalized":
                raise UserError(_("only a finalized submission can be reopened as a new revision"))
            self._check_not_approved(uuid)
            if sub.revision >= MAX_REVISION:  # revision + 1 would no longer be exact
                raise UserError(
                    _(
                        "submission {uuid} has the highest revision number; it cannot be reopened"
                    ).format(uuid=uuid)
                )
            row = self._conn.execute(
                "SELECT uuid FROM submissions WHERE revises = ? AND deleted_at IS NULL LIMIT 1",
                (uuid,),
            ).fetchone()
            if row is not None:
                raise UserError(
                    _("submission {uuid} was already reopened as {new}").format(
                        uuid=uuid, new=row[0]
                    )
                )
            revision_uuid = new_uuid()
            at = self.now()
            self._conn.execute(
                f"INSERT INTO submissions ({COLUMNS_SQL}) "
                "SELECT ?, form_id, form_version, state, region, period, 'draft', revision + 1, "
                "uuid, ?, ?, officer, ?, NULL, last_path, title FROM submissions WHERE uuid = ?",
                (revision_uuid, at, at, self.device_id, uuid),
            )
            self._conn.execute(
                "INSERT INTO answers (submission_uuid, path, value) "
                "SELECT ?, path, value FROM answers WHERE submission_uuid = ?",
                (revision_uuid, uuid),
            )
            self._conn.execute(
                "INSERT INTO instances (submission_uuid, repeat_path, instance_uuid, position) "
                "SELECT ?, repeat_path, instance_uuid, position FROM instances "
                "WHERE submission_uuid = ?",
                (revision_uuid, uuid),
            )
            self._audit(revision_uuid, at, who, "revise", old=uuid, new=sub.revision + 1)
            self._audit(uuid, at, who, "reopened", new=revision_uuid)
        return revision_uuid

    def revised_by(self, uuid: str) -> tuple[str, int] | None:
        """The revision that revises ``uuid`` (its UUID and number), if there is one."""
        with self._guard():
            row = self._conn.execute(
                "SELECT uuid, revision FROM submissions WHERE revises = ? AND deleted_at IS NULL "
                "ORDER BY revision DESC LIMIT 1",
                (uuid,),
            ).fetchone()
        return None if row is None else (row[0], row[1])

    def history(self, uuid: str) -> list[AuditEntry]:
        """Every change of a submission, oldest first."""
        with self._guard():
            rows = self._conn.execute(
                "SELECT id, submission_uuid, at, who, action, path, old_value, new_value "
                "FROM audit WHERE submission_uuid = ? ORDER BY id",
                (uuid,),
            ).fetchall()
        return [
            AuditEntry(id_, sub, at, who, action, path, values.decode(old), values.decode(new))
            for id_, sub, at, who, action, path, old, new in rows
        ]
