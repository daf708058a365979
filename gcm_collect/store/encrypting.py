"""Turning encryption at rest on and off for a database file, crash-safely.

The converted database is written to a private file beside the old one, checked (its key, its
integrity, the same rows in every table), flushed to disk, then put in place by one rename: a
crash or a power cut at any moment leaves either the old database or the new one, whole.
"""

from __future__ import annotations

import contextlib
import glob
import os
from pathlib import Path
from typing import TYPE_CHECKING

from gcm_collect.errors import UserError
from gcm_collect.files import replace
from gcm_collect.i18n import _
from gcm_collect.store import cipher, durable, schema
from gcm_collect.store.backup import daily_backups
from gcm_collect.store.cipher import WrongPassphrase
from gcm_collect.store.connection import check_newer_or_foreign
from gcm_collect.store.failures import translated
from gcm_collect.store.private import private_file

if TYPE_CHECKING:
    from gcm_collect.store.repository import Store


def encrypt(
    path: str | os.PathLike[str],
    passphrase: str,
    *,
    backups: Path | None = None,
    timeout: float = 5.0,
) -> list[Path]:
    """Encrypt the plain database at ``path`` with ``passphrase``, then its plain daily
    backups in ``backups`` (a plain copy left beside it would give the answers away).
    Returns the backups encrypted."""
    file = Path(path)
    _exists(file)
    if cipher.is_encrypted(file):
        raise UserError(_("this database is already encrypted"), file)
    _convert(file, None, passphrase, timeout)
    return _convert_backups(file, backups, None, passphrase, timeout)


def decrypt(
    path: str | os.PathLike[str],
    passphrase: str,
    *,
    backups: Path | None = None,
    timeout: float = 5.0,
) -> list[Path]:
    """Turn the encrypted database at ``path`` (opened with ``passphrase``) back to plain, and
    its daily backups in ``backups`` (so they restore without it). Returns those backups."""
    file = Path(path)
    _exists(file)
    if not cipher.is_encrypted(file):
        raise UserError(_("this database is not encrypted"), file)
    _convert(file, passphrase, None, timeout)
    return _convert_backups(file, backups, passphrase, None, timeout)


def _convert_backups(
    file: Path, folder: Path | None, old: str | None, new: str | None, timeout: float
) -> list[Path]:
    if folder is None:
        return []
    done = []
    for copy in daily_backups(folder, f"{file.stem}-"):
        if cipher.is_encrypted(copy) == (old is not None):  # another key's copy stays as is
            with contextlib.suppress(WrongPassphrase):
                _convert(copy, old, new, timeout)
                done.append(copy)
    return done


def _exists(file: Path) -> None:
    if not file.is_file():
        raise UserError(_("there is no database file here"), file)


def _counts(conn) -> dict[str, int]:
    tables = [
        row[0]
        for row in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        )
    ]
    return {name: conn.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0] for name in tables}


def _convert(file: Path, old: str | None, new: str | None, timeout: float) -> None:
    for stale in file.parent.glob(f".{glob.escape(file.name)}.convert-*.tmp"):
        durable.discard(stale)  # left by a conversion that was killed: never the database
    temp = file.with_name(f".{file.name}.convert-{os.getpid()}.tmp")
    with translated(file):
        source = cipher.connect(str(file), old, timeout=timeout, cipher=True)
        try:
            cipher.check_key(source, file, old)
            check_newer_or_foreign(schema.read_info(source), file)
            # Leaving WAL needs every other connection closed: an open app is told, not raced.
            mode = source.execute("PRAGMA journal_mode = DELETE").fetchone()[0]
            if str(mode).lower() != "delete":
                raise UserError(
                    _(
                        "the database is in use by another program (is GCM Collect open?); "
                        "close it and try again"
                    ),
                    file,
                )
            try:
                private_file(temp)  # owner only before a single answer is copied in
                with cipher.attached(source, temp, new):
                    source.execute("BEGIN EXCLUSIVE")  # nobody writes while we copy
                    try:
                        before = _counts(source)
                        cipher.export_into(source)
                        source.execute("COMMIT")
                    except BaseException:
                        if source.in_transaction:
                            source.execute("ROLLBACK")
                        raise
                _check(temp, new, before, timeout)
                durable.fsync_file(temp)
            except BaseException:
                durable.discard(temp)
                raise
        finally:
            source.close()
    # The old file is closed before the rename (Windows refuses to replace an open file).
    try:
        replace(temp, file)
        durable.fsync_dir(file.parent)
    except UserError:  # held by another program
        durable.discard(temp)
        raise
    except OSError as exc:
        durable.discard(temp)
        raise UserError(
            _("cannot replace the database: {reason}").format(reason=exc.strerror or exc), file
        ) from exc
    cipher.remember(file, new)  # this process opens it again without asking


def _check(temp: Path, passphrase: str | None, before: dict[str, int], timeout: float) -> None:
    """The new file opens with its key, is intact and holds every row of the old one."""
    conn = cipher.connect(str(temp), passphrase, timeout=timeout)
    try:
        result = conn.execute("PRAGMA integrity_check").fetchall()
        after = _counts(conn)
    finally:
        conn.close()
    if result != [("ok",)] or after != before:
        raise UserError(
            _("the converted copy did not match the database; nothing was changed"), temp
        )


def convert_open(
    store: Store, passphrase: str, *, encrypting: bool, backups: Path | None = None
) -> list[Path]:
    """``encrypt`` (or ``decrypt``) the database ``store`` has open, for the app: its connection
    is closed for the conversion and opened again on the same file after, converted or (on a
    failure, then raised) as it was. Every other connection must be closed first."""
    with store.released() as path:
        if encrypting:
            return encrypt(path, passphrase, backups=backups, timeout=store.busy_timeout)
        return decrypt(path, passphrase, backups=backups, timeout=store.busy_timeout)
