"""Backups: made and restored by gcm_collect/store/backup.py, which sees the store only through
the public seam here (``copy_into``, ``replace_with``)."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from gcm_collect.store import schema
from gcm_collect.store.aggregates.settings import SettingsPart
from gcm_collect.store.connection import apply_pragmas


class BackupsPart(SettingsPart):
    def copy_into(self, target: sqlite3.Connection) -> None:
        """SQLite's online backup of this database into ``target`` (the same key on both
        sides: the pages are copied as they are)."""
        self._conn.backup(target)

    def replace_with(self, source: sqlite3.Connection) -> None:
        """This database's contents become ``source``'s, in one step (the live file changes all
        at once or not at all), then brought up to date; the device id is read again."""
        with self._guard():
            source.backup(self._conn)
            apply_pragmas(self._conn, self.path)
            schema.migrate(self._conn)  # up to date already: only the speed indexes
        self.device_id = self._ensure_device_id()

    # backup.py imports the store's module for its type only: imported here when used
    def backup_to(self, path: str | os.PathLike[str]) -> Path:
        from gcm_collect.store import backup

        return backup.backup_to(self, path)

    def restore_from(
        self, path: str | os.PathLike[str], *, keep_dir: str | os.PathLike[str] | None = None
    ) -> Path | None:
        from gcm_collect.store import backup

        return backup.restore_from(self, path, keep_dir=keep_dir)

    def auto_backup(self, folder: str | os.PathLike[str], keep: int = 7) -> Path | None:
        from gcm_collect.store import backup

        return backup.auto_backup(self, folder, keep=keep)
