"""Where a workbook's pieces are written before the file is complete: the private data folder.

openpyxl's write-only mode streams each sheet into its own temporary file, by default in the
system's temporary folder (readable by other users on some systems, and left there for good if
the process is killed): with answers in them. While a ``Scratch`` is open, those files
and the finished zip go into ``<data folder>/tmp/export-XXXX`` (0700), removed afterwards; the
folders of runs that crashed are removed by the next run once nothing has written to them for
an hour (another process may be exporting at the same time).
"""

from __future__ import annotations

import contextvars
import errno
import os
import shutil
import tempfile
import time
from pathlib import Path

from openpyxl.worksheet import _writer as openpyxl_writer

from gcm_collect.environment import data_dir
from gcm_collect.files import discard, flush_to_disk, replace
from gcm_collect.store.private import private_folder

STALE_AFTER = 3600  # seconds without a write: a crashed run's leftovers
PREFIX = "export-"

_FOLDER: contextvars.ContextVar[Path | None] = contextvars.ContextVar("scratch", default=None)
_system_temporary_file = openpyxl_writer.create_temporary_file


def _sheet_file(suffix: str = "") -> str:
    folder = _FOLDER.get()
    if folder is None:
        return _system_temporary_file(suffix)
    handle, name = tempfile.mkstemp(suffix=suffix, prefix="sheet.", dir=folder)  # 0600
    os.close(handle)
    openpyxl_writer.ALL_TEMP_FILES.append(name)  # openpyxl removes them at exit, as its own
    return name


openpyxl_writer.create_temporary_file = _sheet_file  # looked up by WorksheetWriter at each call


class Scratch:
    """A fresh private folder for one run's pieces (sheets, the zip before it is moved);
    ``close()`` removes it. Created in ``<data folder>/tmp`` unless ``root`` is given."""

    def __init__(self, root: Path | None = None):
        root = data_dir() / "tmp" if root is None else root
        private_folder(root)
        remove_stale(root)
        self.path = Path(tempfile.mkdtemp(prefix=PREFIX, dir=root))  # 0700
        self._token: contextvars.Token[Path | None] | None = _FOLDER.set(self.path)

    def close(self) -> None:
        if self._token is not None:
            _FOLDER.reset(self._token)
            self._token = None
        shutil.rmtree(self.path, ignore_errors=True)


def remove_stale(root: Path, *, now: float | None = None) -> None:
    """Remove the scratch folders of runs that ended without cleaning up (a crash)."""
    now = time.time() if now is None else now
    for folder in root.glob(f"{PREFIX}*"):
        try:
            last = max([folder.stat().st_mtime, *(p.stat().st_mtime for p in folder.iterdir())])
        except OSError:
            continue  # removed meanwhile by its own run
        if now - last > STALE_AFTER:
            shutil.rmtree(folder, ignore_errors=True)


def move_into_place(piece: Path, target: Path) -> None:
    """Put the finished file at ``target`` atomically: a rename on the same disk; else a copy
    to a hidden name beside it, flushed, then a rename (a USB stick). A target held open
    (Excel) raises FileInUse; any other failure is raised as it came, never hidden by the
    copy tried after it."""
    try:
        replace(piece, target)
        return
    except OSError as exc:
        if exc.errno != errno.EXDEV:  # Windows' ERROR_NOT_SAME_DEVICE is EXDEV too
            raise
    temp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    try:
        shutil.copyfile(piece, temp)
        with open(temp, "rb+") as copied:
            flush_to_disk(copied.fileno())
        replace(temp, target)
    finally:
        discard(temp)
