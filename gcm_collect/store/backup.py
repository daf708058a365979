"""Backups with SQLite's online backup API: consistent copies of a live database."""

from __future__ import annotations

import contextlib
import os
import re
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from gcm_collect.errors import UserError
from gcm_collect.files import replace
from gcm_collect.i18n import _
from gcm_collect.store import cipher, durable, schema
from gcm_collect.store.connection import check_newer_or_foreign
from gcm_collect.store.failures import translated, user_error
from gcm_collect.store.private import private_file, private_folder

if TYPE_CHECKING:
    from gcm_collect.store.aggregates.backups import BackupsPart as Store

AUTO_PREFIX = "gcm-collect-"  # daily backups of an in-memory database (tests)


def auto_backup_prefix(store: Store) -> str:
    """Daily backups are named after their database (``officer.sqlite3`` ->
    ``officer-2026-03-04.sqlite``): several databases in one folder each keep their own."""
    return f"{store.path.stem}-" if store.path is not None else AUTO_PREFIX


def daily_backups(folder: Path, prefix: str) -> list[Path]:
    """The daily backups named ``PREFIX-YYYY-MM-DD.sqlite`` in ``folder``, oldest first."""
    if not folder.is_dir():
        return []
    ours = re.compile(re.escape(prefix) + r"(\d{4}-\d{2}-\d{2})\.sqlite")
    dated = sorted(
        (match.group(1), entry)
        for entry in folder.iterdir()
        if (match := ours.fullmatch(entry.name)) and entry.is_file()
    )
    return [entry for _date, entry in dated]


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.exists() and b.exists() and os.path.samefile(a, b)
    except OSError:
        return False


def backup_to(store: Store, path: str | os.PathLike[str]) -> Path:
    """Write a consistent copy of the database to ``path`` (a temp file, then a rename).

    The copy is a single self-contained file (rollback journal, not WAL), encrypted with the
    database's passphrase when the database is. Returns the path.
    """
    dest = Path(path)
    if store.path is not None and _same_file(dest, store.path):
        # Replacing the live file would leave every open connection writing to a deleted one.
        raise UserError(
            _("cannot write the backup: {reason}").format(
                reason=_("Database: {path}").format(path=store.path)
            ),
            dest,
        )
    temp = dest.with_name(f".{dest.name}.{os.getpid()}.tmp")
    try:
        if not dest.parent.exists():
            private_folder(dest.parent)
        durable.discard(temp)
        private_file(temp)  # a backup holds every answer: owner only, from the first byte
        # Same key on both sides: SQLite's backup copies the encrypted pages as they are.
        passphrase = cipher.known(store.path)
        target = cipher.connect(str(temp), passphrase, timeout=store.busy_timeout)
        try:
            store.copy_into(target)
            target.execute("PRAGMA journal_mode = DELETE")
        finally:
            target.close()
        durable.fsync_file(temp)
        replace(temp, dest)
        durable.fsync_dir(dest.parent)
    except UserError:  # the backup's file open in another program
        durable.discard(temp)
        raise
    except cipher.db_errors() as exc:
        durable.discard(temp)
        error = user_error(exc, dest)
        if error is None:
            raise
        raise error from exc
    except OSError as exc:
        durable.discard(temp)
        raise UserError(
            _("cannot write the backup: {reason}").format(reason=exc.strerror or exc), dest
        ) from exc
    return dest


def check_backup_file(
    path: Path, *, timeout: float, passphrase: str | None = None
) -> schema.FileInfo:
    """UserError unless ``path`` is an intact GCM Collect database this version can open
    (an encrypted backup: with ``passphrase``)."""
    if not path.is_file():
        raise UserError(_("there is no backup file here"), path)
    if not cipher.is_encrypted(path):
        passphrase = None
    elif passphrase is None:
        raise cipher.needed(path)
    try:
        with translated(path):
            info = schema.inspect_file(path, timeout=timeout, integrity=True, passphrase=passphrase)
    except ValueError as exc:
        raise UserError(
            _("the backup file is damaged ({problem})").format(problem=exc), path
        ) from exc
    if info.empty:
        raise UserError(_("this file is not a GCM Collect database"), path)
    check_newer_or_foreign(info, path)
    return info


def restore_from(
    store: Store,
    path: str | os.PathLike[str],
    *,
    keep_dir: str | os.PathLike[str] | None = None,
) -> Path | None:
    """Replace the database contents with the backup at ``path``, checked first.

    The replaced database is saved first in ``keep_dir`` (default: a ``backups`` folder next
    to the database) and that copy's path is returned (None for an in-memory store without
    ``keep_dir``). Nothing changes until the backup has passed every check: an SQLite file,
    intact, ours, not newer, copied to a private file beside the database, migrated there, and
    holding exactly the tables and indexes this version makes (no views, no triggers: a trigger
    in a backup would run on every later change). The live database then changes in one step.
    """
    source = Path(path)
    check_backup_file(source, timeout=store.busy_timeout, passphrase=cipher.known(store.path))
    with _checked_copy(store, source) as copy:
        if keep_dir is None and store.path is not None:
            keep_dir = store.path.parent / "backups"
        kept = None
        if keep_dir is not None:
            stamp = store.now().replace("-", "").replace(":", "").replace(".", "")
            kept = backup_to(store, Path(keep_dir) / f"gcm-collect-before-restore-{stamp}.sqlite")
        store.replace_with(copy)
    return kept


@contextlib.contextmanager
def _checked_copy(store: Store, source: Path) -> Iterator[sqlite3.Connection]:
    """The backup copied into a private file beside the database (memory for an in-memory
    store), migrated and checked; UserError naming ``source`` when it is not exactly ours.
    The file is deleted afterwards, whatever happens."""
    temp = None
    if store.path is not None:
        temp = store.path.with_name(f".{store.path.name}.restore-{os.getpid()}.tmp")
        durable.discard(temp)
        try:  # created private before SQLite writes answers into it
            private_file(temp)
        except OSError as exc:
            raise UserError(
                _("the database cannot be written: the file or its folder is read-only"),
                store.path,
            ) from exc
    try:
        with translated(source):
            copy = _copy_of(store, source, temp)
        try:
            _check_parts(copy, source, migrated=False)  # before a trigger could fire
            refused: tuple[type[BaseException], ...] = (
                *cipher.db_errors(),
                schema.NewerSchemaError,
            )
            try:
                schema.migrate(copy)
            except refused as exc:
                raise UserError(
                    _(
                        "the backup cannot be brought up to date ({problem}); the database "
                        "was not changed"
                    ).format(problem=exc),
                    source,
                ) from exc
            _check_parts(copy, source, migrated=True)
            yield copy
        finally:
            copy.close()
    finally:
        if temp is not None:
            durable.discard(temp)


def _copy_of(store: Store, source: Path, temp: Path | None) -> sqlite3.Connection:
    """The backup at ``source`` copied into ``temp`` (memory when None), keyed like the store:
    a plain backup restored into an encrypted database is encrypted on the way in."""
    passphrase = cipher.known(store.path)
    backup_key = passphrase if cipher.is_encrypted(source) else None
    src = schema.connect_read_only(source, store.busy_timeout, backup_key)
    try:
        if passphrase is None or backup_key is not None:  # same key: the backup API
            copy = cipher.connect(
                str(temp) if temp else ":memory:", passphrase, timeout=store.busy_timeout
            )
            src.backup(copy)
            return copy
    finally:
        src.close()
    assert temp is not None  # an encrypted store has a file
    plain = cipher.connect(str(source), None, timeout=store.busy_timeout, cipher=True)
    try:
        with cipher.attached(plain, temp, passphrase):
            cipher.export_into(plain)
    finally:
        plain.close()
    return cipher.connect(str(temp), passphrase, timeout=store.busy_timeout)


def _check_parts(copy: sqlite3.Connection, source: Path, *, migrated: bool) -> None:
    foreign = schema.foreign_parts(copy, migrated=migrated)
    if foreign:
        raise UserError(
            _(
                "the backup holds database parts GCM Collect does not make ({parts}); it was "
                "refused and the database was not changed"
            ).format(parts=", ".join(foreign[:5])),
            source,
        )


def auto_backup(store: Store, folder: str | os.PathLike[str], *, keep: int = 7) -> Path | None:
    """At most one backup a day (UTC date) of this database in ``folder``; keeps its newest
    ``keep``.

    Returns the new backup's path, or None if today's backup already exists. Backups are named
    after the database (``NAME-YYYY-MM-DD.sqlite``, see ``auto_backup_prefix``), and only this
    database's are ever deleted.
    """
    if keep < 1:
        raise ValueError("keep must be at least 1")
    target = Path(folder)
    today = store.now()[:10]
    prefix = auto_backup_prefix(store)
    dest = target / f"{prefix}{today}.sqlite"
    if dest.exists():
        return None
    backup_to(store, dest)
    for old in daily_backups(target, prefix)[:-keep]:
        try:
            old.unlink()
        except OSError:
            pass  # an old backup we cannot delete is harmless; the new one is written
    return dest
