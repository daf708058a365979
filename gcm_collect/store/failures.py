"""SQLite failures the user can act on (disk full, locked, read-only...) become UserError."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from gcm_collect.errors import StorageUnavailable, UserError
from gcm_collect.i18n import _
from gcm_collect.store.cipher import db_errors

# Primary result codes (https://sqlite.org/rescode.html); extended codes keep them in the low byte.
_PERM, _BUSY, _LOCKED, _READONLY, _IOERR, _CORRUPT, _FULL, _CANTOPEN, _NOTADB = (
    3,
    5,
    6,
    8,
    10,
    11,
    13,
    14,
    26,
)


def user_error(exc: BaseException, path: Path | str | None) -> UserError | None:
    """The UserError for an environmental failure, or None for a programming error."""
    code = getattr(exc, "sqlite_errorcode", None)
    if code is None:
        return None
    code &= 0xFF
    retry = code in (_BUSY, _LOCKED, _READONLY, _PERM, _FULL, _IOERR)  # may work later
    if code in (_BUSY, _LOCKED):
        message = _(
            "the database is in use by another program (is GCM Collect open twice?); "
            "nothing was changed, try again in a moment"
        )
    elif code in (_READONLY, _PERM):
        message = _("the database cannot be written: the file or its folder is read-only")
    elif code == _FULL:
        message = _("the disk is full: the last change was not saved; free some space and retry")
    elif code == _IOERR:
        message = _("the disk reported an error while reading or writing the database")
    elif code == _CORRUPT:
        message = _("the database file is damaged; restore it from a backup")
    elif code == _NOTADB:
        message = _("this file is not a GCM Collect database")
    elif code == _CANTOPEN:
        message = _("the database file cannot be opened (does its folder exist and allow writing?)")
    else:
        return None
    return (StorageUnavailable if retry else UserError)(message, path)


@contextmanager
def translated(path: Path | str | None) -> Iterator[None]:
    """Re-raise environmental sqlite3 errors as one clear UserError naming ``path``."""
    try:
        yield
    except db_errors() as exc:
        error = user_error(exc, path)
        if error is None:
            raise
        raise error from exc
