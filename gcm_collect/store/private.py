"""Files with answers are readable by their owner only: folders 0700, files 0600.

On Windows the modes mean little; the user's profile folder (where the data folder lives) is
private by its ACLs. SQLite gives the -wal and -shm files the mode of their database.
"""

from __future__ import annotations

import contextlib
import os
import stat
from pathlib import Path

FOLDER_MODE = 0o700
FILE_MODE = 0o600
COMPANIONS = ("-wal", "-shm", "-journal")


def private_folder(folder: Path) -> None:
    """Create ``folder`` (and its parents) if missing; the folder itself readable by its
    owner only. OSError if it cannot be created."""
    folder.mkdir(parents=True, exist_ok=True, mode=FOLDER_MODE)
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
