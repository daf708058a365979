"""Encryption at rest: SQLCipher opens, converts and copies encrypted databases.

All the cryptography is SQLCipher's own (AES-256 pages with an HMAC each, the key derived from
the passphrase by its default PBKDF2-HMAC-SHA512); nothing here encrypts anything itself.
Plain databases keep Python's sqlite3; SQLCipher (module ``sqlcipher3`` of the package
``sqlcipher3-wheels``) is loaded only when a database is encrypted or converted.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any, cast

from gcm_collect.errors import UserError
from gcm_collect.i18n import _

SQLITE_MAGIC = b"SQLite format 3\x00"
_PAGE = 512  # SQLCipher's pages are multiples of this; a stray file seldom is
PASSPHRASE_ENV = "GCM_COLLECT_PASSPHRASE"

# Passphrases this process has opened a database with, by file: worker threads, backups and
# later opens of the same file use it without asking again. Memory only, never written.
_known: dict[Path, str] = {}


class PassphraseNeeded(UserError):
    """The database is encrypted and no passphrase was given."""


class WrongPassphrase(UserError):
    """The passphrase given does not open the database."""


def is_encrypted(path: str | os.PathLike[str]) -> bool:
    """True when ``path`` looks like an SQLCipher file: not an SQLite header, whole pages.

    A missing or empty file is not encrypted (a new database)."""
    try:
        with open(path, "rb") as handle:
            head = handle.read(len(SQLITE_MAGIC))
            size = os.fstat(handle.fileno()).st_size
    except OSError:
        return False
    return len(head) == len(SQLITE_MAGIC) and head != SQLITE_MAGIC and size % _PAGE == 0


def _key(path: Path) -> Path:
    return path.resolve()


def remember(path: Path, passphrase: str | None) -> None:
    if passphrase is None:
        _known.pop(_key(path), None)
    else:
        _known[_key(path)] = passphrase


def known(path: Path | None) -> str | None:
    """The passphrase this process opened ``path`` with (None: plain, or never opened)."""
    return None if path is None else _known.get(_key(path))


def _driver() -> Any:
    import sqlcipher3.dbapi2

    return sqlcipher3.dbapi2


def db_errors() -> tuple[type[BaseException], ...]:
    """The error classes of both drivers, for ``except``: SQLCipher's are not sqlite3's."""
    loaded = sys.modules.get("sqlcipher3.dbapi2")
    return (sqlite3.Error,) if loaded is None else (sqlite3.Error, loaded.Error)


def _literal(passphrase: str) -> str:
    # PRAGMA key takes no bound parameter: a quoted literal, quotes doubled.
    if not passphrase or "\x00" in passphrase:
        raise UserError(_("a passphrase cannot be empty nor hold a NUL character"))
    return "'" + passphrase.replace("'", "''") + "'"


def connect(
    target: str,
    passphrase: str | None,
    *,
    timeout: float,
    uri: bool = False,
    cipher: bool = False,
) -> sqlite3.Connection:
    """A connection (autocommit: we BEGIN ourselves) keyed with ``passphrase``.

    Without a passphrase it is Python's sqlite3, unless ``cipher`` asks for SQLCipher's driver
    (to ATTACH an encrypted copy). SQLCipher's connection has the same DB-API as sqlite3's.
    """
    if passphrase is None and not cipher:
        return sqlite3.connect(target, uri=uri, timeout=timeout, isolation_level=None)
    conn = _driver().connect(target, uri=uri, timeout=timeout, isolation_level=None)
    try:
        conn.execute("PRAGMA cipher_log_level = NONE")  # a wrong key is told once, by us
        if passphrase is not None:
            conn.execute(f"PRAGMA key = {_literal(passphrase)}")
    except BaseException:
        conn.close()
        raise
    return cast(sqlite3.Connection, conn)


def needed(path: Path) -> PassphraseNeeded:
    return PassphraseNeeded(
        _("this database is encrypted: give its passphrase (or set {variable} for scripts)").format(
            variable=PASSPHRASE_ENV
        ),
        path,
    )


def wrong(path: Path) -> WrongPassphrase:
    return WrongPassphrase(
        _("the passphrase does not open this database (or it is not a GCM Collect database)"),
        path,
    )


def check_key(conn: sqlite3.Connection, path: Path, passphrase: str | None) -> None:
    """WrongPassphrase unless ``conn`` can read its first page (SQLCipher checks the key only
    when a page is read)."""
    if passphrase is None:
        return
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except db_errors() as exc:
        if getattr(exc, "sqlite_errorcode", 0) & 0xFF == 26:  # SQLITE_NOTADB
            raise wrong(path) from exc
        raise


@contextlib.contextmanager
def attached(conn: sqlite3.Connection, target: Path, passphrase: str | None) -> Iterator[None]:
    """``target`` attached to ``conn`` (SQLCipher's) as ``converted``, keyed with
    ``passphrase`` (None: plain), for ``export_into``; detached after (outside a transaction:
    SQLite refuses to detach inside one)."""
    conn.execute("ATTACH ? AS converted KEY ?", (str(target), passphrase or ""))
    try:
        yield
    finally:
        conn.execute("DETACH converted")


def export_into(conn: sqlite3.Connection) -> None:
    """Copy every table and row of ``conn``'s main database into the attached ``converted``,
    with its application id. The backup API cannot copy between a plain and an encrypted
    file; ``sqlcipher_export`` can."""
    conn.execute("SELECT sqlcipher_export('converted')")
    for pragma in ("application_id", "user_version"):
        value = int(conn.execute(f"PRAGMA main.{pragma}").fetchone()[0])
        conn.execute(f"PRAGMA converted.{pragma} = {value}")
