"""Repeat entries (instances): added, removed (and restored from the audit row), moved."""

from __future__ import annotations

from typing import Any

from gcm_collect.errors import UserError
from gcm_collect.i18n import _
from gcm_collect.store import instances, paths, values
from gcm_collect.store.aggregates.base import StoreBase
from gcm_collect.store.ids import new_uuid


class InstancesPart(StoreBase):
    def get_instances(self, uuid: str) -> dict[str, list[str]]:
        """``repeat_path -> [instance_uuid, ...]`` in display order."""
        with self._guard():
            return instances.all_orders(self._conn, uuid)

    def add_instance(
        self,
        uuid: str,
        repeat_path: str,
        *,
        who: str,
        position: int | None = None,
        instance_uuid: str | None = None,
    ) -> str:
        """Add a repeat instance (last, or at ``position``); returns its UUID."""
        refs = paths.repeat_refs(repeat_path)
        instance_uuid = instance_uuid or new_uuid()
        with self.atomic():
            self._editable(uuid)
            if refs and not instances.exists(self._conn, uuid, *refs[-1]):
                raise UserError(_("the entry this one belongs to was removed"))
            current = instances.order(self._conn, uuid, repeat_path)
            if instance_uuid in current:
                raise ValueError(f"instance {instance_uuid} already exists in {repeat_path}")
            index = len(current) if position is None else max(0, min(position, len(current)))
            current.insert(index, instance_uuid)
            instances.write_order(self._conn, uuid, repeat_path, current)
            self._audit_entry(uuid, who, "add_instance", repeat_path, instance_uuid, new=index)
        return instance_uuid

    def remove_instance(self, uuid: str, repeat_path: str, instance_uuid: str, *, who: str) -> int:
        """Remove a repeat instance with its answers and nested instances.

        Returns an undo token (the audit row id): ``restore_instance(uuid, token, who=...)``
        puts everything back, at the same position.
        """
        with self.atomic():
            self._editable(uuid)
            if not instances.exists(self._conn, uuid, repeat_path, instance_uuid):
                raise UserError(_("this repeat entry no longer exists"))
            snapshot = instances.snapshot_and_remove(self._conn, uuid, repeat_path, instance_uuid)
            return self._audit_entry(
                uuid, who, "remove_instance", repeat_path, instance_uuid, old=snapshot
            )

    def restore_instance(self, uuid: str, token: int, *, who: str) -> str:
        """Undo ``remove_instance`` (``token`` is what it returned); returns the instance UUID.

        Works at any later time, as long as the enclosing instance (if any) still exists and
        the instance has not been restored already.
        """
        with self.atomic():
            self._editable(uuid)
            row = self._conn.execute(
                "SELECT old_value FROM audit WHERE id = ? AND submission_uuid = ? "
                "AND action = 'remove_instance'",
                (token, uuid),
            ).fetchone()
            if row is None:
                raise UserError(_("there is no removed repeat entry to restore"))
            snapshot = values.decode(row[0])
            repeat_path, instance_uuid = snapshot["repeat_path"], snapshot["instance_uuid"]
            refs = paths.repeat_refs(repeat_path)
            if instances.exists(self._conn, uuid, repeat_path, instance_uuid):
                raise UserError(_("this repeat entry has already been restored"))
            if refs and not instances.exists(self._conn, uuid, *refs[-1]):
                raise UserError(_("the entry this one belongs to was removed; restore it first"))
            position = instances.put_back(self._conn, uuid, snapshot)
            self._audit_entry(
                uuid, who, "restore_instance", repeat_path, instance_uuid, old=token, new=position
            )
        return instance_uuid

    def move_instance(
        self, uuid: str, repeat_path: str, instance_uuid: str, new_position: int, *, who: str
    ) -> None:
        """Move an instance to ``new_position`` (clamped to the list); others keep their order."""
        with self.atomic():
            self._editable(uuid)
            current = instances.order(self._conn, uuid, repeat_path)
            if instance_uuid not in current:
                raise UserError(_("this repeat entry no longer exists"))
            old = current.index(instance_uuid)
            new = max(0, min(new_position, len(current) - 1))
            if old == new:
                return
            current.pop(old)
            current.insert(new, instance_uuid)
            instances.write_order(self._conn, uuid, repeat_path, current)
            self._audit_entry(
                uuid, who, "move_instance", repeat_path, instance_uuid, old=old, new=new
            )

    def _audit_entry(
        self,
        uuid: str,
        who: str,
        action: str,
        repeat_path: str,
        instance_uuid: str,
        *,
        old: Any = None,
        new: Any = None,
    ) -> int:
        """The audit row of a change to one repeat entry (its path: ``repeat[uuid]``), which
        is a change of the submission; the row's id."""
        path = paths.instance_path(repeat_path, instance_uuid)
        return self._audit(uuid, self.now(), who, action, path=path, old=old, new=new, touch=True)
