"""Files with answers are readable by their owner only: folders 0700, files 0600.

On Windows the modes mean little: a folder the app creates gets an access control list of its
own instead (``icacls``): the inherited entries removed, full control for the user and for
SYSTEM (backups, the indexer), inherited by every file made inside. SQLite gives the -wal and
-shm files the mode of their database.
"""

from __future__ import annotations

import contextlib
import csv
import os
import stat
import subprocess
from collections.abc import Callable
from pathlib import Path, PureWindowsPath
from typing import Any

FOLDER_MODE = 0o700
FILE_MODE = 0o600
COMPANIONS = ("-wal", "-shm", "-journal")


def private_folder(folder: Path) -> None:
    """Create ``folder`` (and its parents) if missing; the folder itself readable by its
    owner only. OSError if it cannot be created."""
    created = not folder.exists()
    folder.mkdir(parents=True, exist_ok=True, mode=FOLDER_MODE)
    if os.name == "nt":
        if created:  # an existing folder keeps the ACL its owner gave it
            windows_private(folder)
        return
    _restrict(folder, FOLDER_MODE)


def private_file(path: Path) -> None:
    """Create ``path`` empty and owner-only if missing (before SQLite or a writer puts
    answers in it); an existing one, and its SQLite companions, lose group and other rights."""
    try:
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE))
    except FileExistsError:
        pass
    for file in (path, *(path.with_name(path.name + end) for end in COMPANIONS)):
        _restrict(file, FILE_MODE)


def _restrict(path: Path, mode: int) -> None:
    # Not ours to change (another owner, a read-only medium): leave it, it still opens.
    with contextlib.suppress(OSError):
        if stat.S_IMODE(path.stat().st_mode) & 0o077:
            os.chmod(path, mode)


SYSTEM_SID = "S-1-5-18"  # LocalSystem, which Windows' own backups and indexer run as


def system_tool(name: str) -> str:
    """Windows' own ``name``.exe by its full path: a bare name would be looked for in the
    current folder first, where a file of the same name may wait (on a USB stick)."""
    root = os.environ.get("SystemRoot", r"C:\Windows")
    return str(PureWindowsPath(root, "System32", f"{name}.exe"))


def icacls_command(folder: Path, user_sid: str) -> list[str]:
    """The command giving ``folder`` an ACL of its own: no inherited entries, full control
    for the user and SYSTEM, inherited by sub-folders (CI) and files (OI). SIDs, not names:
    they need no quoting and mean the same in every language of Windows."""
    grant = "(OI)(CI)F"
    return [
        system_tool("icacls"),
        str(folder),
        "/inheritance:r",
        "/grant:r",
        f"*{user_sid}:{grant}",
        f"*{SYSTEM_SID}:{grant}",
        "/Q",
    ]


def sid_from_whoami(output: str) -> str | None:
    """The user's SID from ``whoami /user /fo csv /nh`` ("DOMAIN\\user","S-1-5-21-...")."""
    for row in csv.reader(output.splitlines()):
        if row and row[-1].startswith("S-1-"):
            return row[-1]
    return None


def windows_private(folder: Path, run: Callable[..., Any] = subprocess.run) -> bool:
    """Give ``folder`` its own ACL (``icacls_command``); False when it could not be done
    (no whoami or icacls, a file system without ACLs): the folder stays as its parent made it,
    which in the user's profile is private to the user already."""
    flags = getattr(subprocess, "CREATE_NO_WINDOW", 0)  # no console flashing up
    try:
        who = run(
            [system_tool("whoami"), "/user", "/fo", "csv", "/nh"],
            capture_output=True,
            text=True,
            check=True,
            creationflags=flags,
        )
        sid = sid_from_whoami(who.stdout)
        if sid is None:
            return False
        run(icacls_command(folder, sid), capture_output=True, check=True, creationflags=flags)
    except (OSError, subprocess.CalledProcessError):
        return False
    return True
