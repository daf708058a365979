"""Backing up and restoring the database: the command line's ``backup`` and ``restore``, the
app's Back up and its daily backup, alike. A backup made here is the one the status bar names
(``last_backup``), whichever of them made it."""

from __future__ import annotations

from pathlib import Path

from gcm_collect.environment import default_backup_dir
from gcm_collect.store import Store

LAST_BACKUP = "last_backup"  # setting: when this database was last backed up (UTC)


def back_up(store: Store, target: Path | None = None) -> Path:
    """A copy of the database at ``target`` (default: a dated file in the backups folder
    beside it); its time is remembered. UserError naming the file when it cannot be written."""
    if target is None:
        if store.path is None:
            raise ValueError("an in-memory database needs a target")
        stamp = store.now()[:19].replace(":", "-")
        # Named after the database, like the daily backups beside it.
        target = default_backup_dir(store.path) / f"{store.path.stem}-{stamp}.sqlite3"
        target.parent.mkdir(parents=True, exist_ok=True)
    written = store.backup_to(target)
    store.set_setting(LAST_BACKUP, store.now())
    return written


def daily_backup(store: Store, keep: int = 7) -> Path | None:
    """At most one automatic backup a day in the backups folder, the last ``keep`` kept."""
    if store.path is None:
        return None
    made = store.auto_backup(default_backup_dir(store.path), keep=keep)
    if made is not None:
        store.set_setting(LAST_BACKUP, store.now())
    return made


def restore(store: Store, backup: Path) -> Path | None:
    """The database becomes the backup (checked first); where the replaced one was kept."""
    return store.restore_from(backup)


def last_backup(store: Store) -> str | None:
    """When this database was last backed up (UTC, as stored), None if never."""
    at = store.get_setting(LAST_BACKUP)
    return str(at) if at else None
