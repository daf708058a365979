"""Putting a finished file in place, the one way every writer does it (a workbook, a backup,
the device key, an XLSForm).

``os.replace`` is atomic on every system, but on Windows it fails while any program holds the
target or the new file open without sharing deletion: Excel showing the workbook being
re-exported (for as long as it is open), or an antivirus scanner, OneDrive or the search
indexer reading the fresh file (for a moment). The moments are waited out; what stays open is
named to the user ("close it in Excel"), never hidden behind a cleanup's own error.
"""

from __future__ import annotations

import errno
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path

from gcm_collect.errors import UserError
from gcm_collect.i18n import _

_BINARY = getattr(os, "O_BINARY", 0)  # Windows: no newline translation

# Windows errors of a file held by another program: ERROR_ACCESS_DENIED (a replace onto a file
# open in Excel), ERROR_SHARING_VIOLATION, ERROR_LOCK_VIOLATION.
HELD_WINERRORS = frozenset({5, 32, 33})
# Waits between attempts, in seconds: a scanner's or a sync client's hold is over in well
# under two seconds; Excel's is not, and the user is told after these.
WAITS = (0.05, 0.1, 0.2, 0.4, 0.8)


# Names Windows keeps for devices, whatever the extension: "CON.xlsx" opens the console.
RESERVED_NAMES = frozenset(
    {"CON", "PRN", "AUX", "NUL"}
    | {
        f"{port}{n}"
        for port in ("COM", "LPT")
        for n in (*"123456789", "\u00b9", "\u00b2", "\u00b3")
    }
)


def check_portable_name(path: str | os.PathLike[str]) -> None:
    """UserError naming ``path`` when Windows could not hold a file of that name: a device
    name ("CON.xlsx", "nul.sqlite3") or a name ending in a dot or a space (Windows drops
    them). Checked on every system: the file travels to colleagues on Windows."""
    name = Path(path).name
    if not name:
        return
    device = name.split(".", 1)[0].rstrip(" ").upper()
    if device in RESERVED_NAMES:
        raise UserError(
            _("{name} is a name Windows keeps for a device; choose another file name").format(
                name=name
            ),
            path,
        )
    if name.endswith((".", " ")):
        raise UserError(
            _("a file name cannot end with a dot or a space on Windows; choose another"), path
        )


class FileInUse(UserError):
    """The target is held open by another program, so the new file could not take its place;
    nothing was changed at ``path``."""


def held_by_another_program(exc: OSError) -> bool:
    """Whether ``exc`` is another program holding the file (it may let go)."""
    winerror = getattr(exc, "winerror", None)
    if winerror is not None:
        return winerror in HELD_WINERRORS
    # POSIX: EBUSY (a file in use on some network and macOS file systems); EACCES and EPERM
    # there are lasting permissions, not waited for.
    return exc.errno == errno.EBUSY


def replace(
    source: str | os.PathLike[str],
    target: str | os.PathLike[str],
    *,
    sleep: Callable[[float], None] = time.sleep,
) -> None:
    """``os.replace(source, target)``, retried while another program holds either file for a
    moment. A target that stays held raises FileInUse naming it; any other OSError is raised
    as it came. ``source`` is left where it was on failure: the caller removes it."""
    for wait in (*WAITS, None):
        try:
            os.replace(source, target)
            return
        except OSError as exc:
            if not held_by_another_program(exc):
                raise
            if wait is None:
                raise FileInUse(
                    _(
                        "the file is open in another program (Excel?), so it cannot be "
                        "replaced; close it there and try again"
                    ),
                    target,
                ) from exc
            sleep(wait)


def flush_to_disk(fd: int) -> None:
    """``os.fsync``, and on macOS ``F_FULLFSYNC``: there fsync leaves the data in the drive's
    own cache, lost in a power cut; F_FULLFSYNC asks the drive to write it (Apple's
    fsync(2) man page). Where the file system refuses it (some network disks), fsync."""
    if sys.platform == "darwin":
        import fcntl

        try:
            fcntl.fcntl(fd, fcntl.F_FULLFSYNC)
            return
        except (OSError, AttributeError):  # AttributeError: a Python built without it
            pass
    os.fsync(fd)


def discard(path: str | os.PathLike[str]) -> None:
    """Remove a temporary file if it is there. Never raises: a cleanup must not hide the error
    that made it necessary (a leftover hidden temporary file is harmless)."""
    try:
        Path(path).unlink(missing_ok=True)
    except OSError:
        pass


def write_file(target: str | os.PathLike[str], data: bytes, *, mode: int = 0o666) -> None:
    """Write ``data`` at ``target`` whole or not at all: a hidden file beside it (created with
    ``mode``, less the umask), flushed, then ``replace`` (FileInUse while the old one is open
    elsewhere, as in Word or Excel). OSError as it came otherwise, the hidden file removed."""
    target = Path(target)
    check_portable_name(target)
    temp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    try:
        handle = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | _BINARY, mode)
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            flush_to_disk(out.fileno())
        replace(temp, target)
    except BaseException:
        discard(temp)
        raise


def write_beside(
    target: str | os.PathLike[str],
    write: Callable[[Path], None],
    *,
    prefix: str = ".gcm-",
    private: bool = False,
) -> None:
    """``write`` the file at a hidden temporary beside ``target`` (same suffix), then put it in
    place with ``replace``: whole or not at all, the temporary removed on any failure. The
    file gets the mode any file the user writes has, unless ``private`` (owner only).
    OSError as it came (FileInUse while the old one is open elsewhere): the caller names it."""
    import tempfile

    target = Path(target)
    handle, name = tempfile.mkstemp(prefix=prefix, suffix=target.suffix, dir=target.parent)
    os.close(handle)
    scratch = Path(name)
    try:
        write(scratch)
        if not private:  # mkstemp made it private to its owner
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(scratch, 0o666 & ~umask)
        replace(scratch, target)
    finally:
        discard(scratch)  # never hiding the error that brought us here


# -- may this user write here? Tried, not asked ----------------------------------------------
# os.access on Windows reads the read-only attribute only, never the access control list (and
# says yes for every folder); on POSIX it answers for the real user id and knows nothing of
# read-only mounts as root. Opening is the one answer every system gives right.


def can_read(path: str | os.PathLike[str]) -> bool:
    try:
        with open(path, "rb") as handle:
            handle.read(1)
    except OSError:
        return False
    return True


def can_write(path: str | os.PathLike[str]) -> bool:
    """Whether the existing file ``path`` opens for writing (nothing is written)."""
    try:
        with open(path, "r+b"):
            pass
    except OSError:
        return False
    return True


def can_write_in(folder: str | os.PathLike[str]) -> bool:
    """Whether a new file can be made in ``folder`` (a hidden one is made and removed)."""
    import tempfile

    try:
        handle, name = tempfile.mkstemp(prefix=".gcm-probe-", dir=folder)
    except OSError:
        return False
    os.close(handle)
    discard(name)
    return True
