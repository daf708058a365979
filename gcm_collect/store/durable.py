"""Files put in place whole: flushed to disk, renamed, the folder entry flushed too."""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

from gcm_collect.files import flush_to_disk


def fsync_file(path: Path) -> None:
    with open(path, "rb+") as handle:
        flush_to_disk(handle.fileno())


def fsync_dir(folder: Path) -> None:
    # A rename is durable only once the folder entry is on disk (POSIX; no-op elsewhere).
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        flush_to_disk(fd)
    finally:
        os.close(fd)


def discard(temp: Path) -> None:
    """Delete a temporary database and its journal, if there. Cleanup must not hide the real
    error (the folder may be missing or read-only)."""
    for name in (temp, temp.with_name(temp.name + "-journal")):
        with contextlib.suppress(OSError):
            name.unlink(missing_ok=True)
