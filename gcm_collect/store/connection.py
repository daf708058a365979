"""Opening a database file safely: look first (read-only), refuse what we must not touch."""

from __future__ import annotations

import contextlib
import os
import sqlite3
import sys
from pathlib import Path

from gcm_collect.errors import UserError
from gcm_collect.files import can_write, can_write_in, check_portable_name
from gcm_collect.i18n import _
from gcm_collect.store import cipher, schema
from gcm_collect.store.failures import translated
from gcm_collect.store.private import private_file, private_folder

MEMORY = ":memory:"


def check_newer_or_foreign(info: schema.FileInfo, path: Path) -> None:
    if info.newer:
        raise UserError(
            _(
                "this database was written by a newer version of GCM Collect; "
                "install the newer version to open it (the file was not changed)"
            ),
            path,
        )
    if not info.empty and not info.ours:
        raise UserError(_("this file is not a GCM Collect database"), path)


def _precheck(path: Path, *, create: bool, busy_timeout: float, passphrase: str | None) -> None:
    try:
        path.stat()
    except (FileNotFoundError, NotADirectoryError):
        pass  # a new database; a file where a folder should be is told below
    except OSError as exc:  # a folder on the way that this user may not enter
        raise UserError(
            _("the database cannot be reached: {reason}").format(reason=exc.strerror or exc), path
        ) from exc
    if path.is_dir():
        raise UserError(_("this is a folder, not a database file"), path)
    if not path.exists():
        if not create:
            raise UserError(_("there is no database file here"), path)
        check_portable_name(path)
        try:
            if not path.parent.exists():
                private_folder(path.parent)  # a folder we make holds answers: owner only
        except OSError as exc:
            raise UserError(
                _("cannot create the folder for the database: {reason}").format(
                    reason=exc.strerror or exc
                ),
                path,
            ) from exc
    # WAL keeps two companion files next to the database, so the folder must be writable too.
    if path.parent.is_dir() and not can_write_in(path.parent):  # a file on the way: below
        raise UserError(
            _("the folder is read-only: the database needs to write its journal next to it"),
            path,
        )
    if not path.exists():
        return
    if not can_write(path):
        raise UserError(_("the database file is read-only"), path)
    if cipher.is_encrypted(path) and passphrase is None:
        raise cipher.needed(path)
    with translated(path):
        info = schema.inspect_file(path, timeout=busy_timeout, passphrase=passphrase)
    check_newer_or_foreign(info, path)


def apply_pragmas(conn: sqlite3.Connection, path: Path | None) -> None:
    if path is not None:
        mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
        if str(mode).lower() != "wal":
            raise UserError(_("the database cannot use its journal (WAL mode)"), path)
    # FULL: a commit is on disk before set_answer returns, so an acknowledged change survives
    # a power cut, not only a crash of the app.
    conn.execute("PRAGMA synchronous = FULL")
    if sys.platform == "darwin":
        # On macOS a plain fsync stops at the drive's cache: FULL is only what it promises
        # with F_FULLFSYNC, for commits and for checkpoints of the WAL into the database.
        conn.execute("PRAGMA fullfsync = ON")
        conn.execute("PRAGMA checkpoint_fullfsync = ON")
    conn.execute("PRAGMA foreign_keys = ON")


def open_connection(
    path: str | os.PathLike[str],
    *,
    create: bool,
    busy_timeout: float,
    passphrase: str | None = None,
):
    """Open (creating if allowed), set pragmas and migrate; returns (connection, Path | None).

    A newer or foreign database is refused before anything writes to it. An encrypted one
    needs ``passphrase`` (default: the one this process opened it with already); a wrong one
    is one WrongPassphrase naming the file.
    """
    if str(path) == MEMORY:
        conn = sqlite3.connect(MEMORY, isolation_level=None)
        apply_pragmas(conn, None)
        schema.migrate(conn)
        return conn, None
    file = Path(path)
    if passphrase is None and cipher.is_encrypted(file):
        passphrase = cipher.known(file)
    elif not cipher.is_encrypted(file):
        passphrase = None  # a plain file (or a new one) stays plain whatever was remembered
    _precheck(file, create=create, busy_timeout=busy_timeout, passphrase=passphrase)
    with translated(file):
        # 0600 before SQLite writes: its -wal and -shm take the same mode. A file that cannot
        # be made (a path through a file, a folder one may not write) is left to SQLite to
        # refuse, with its own message.
        with contextlib.suppress(OSError):
            private_file(file)
        # isolation_level=None: the driver never opens hidden transactions; we BEGIN ourselves.
        conn = cipher.connect(str(file), passphrase, timeout=busy_timeout)
        try:
            apply_pragmas(conn, file)
            try:
                schema.migrate(conn)
            except schema.NewerSchemaError:
                # Another process upgraded the file between our look and our lock.
                check_newer_or_foreign(schema.read_info(conn), file)
                raise
        except BaseException:
            conn.close()
            raise
    cipher.remember(file, passphrase)
    return conn, file
