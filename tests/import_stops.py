"""Stopping an import in the middle of its one transaction (issue 22): killed, or cancelled,
for the tests of each kind of file."""

from __future__ import annotations

import re
import signal
import subprocess
from pathlib import Path

import pytest

from gcm_collect.export.importer import ImportCancelled
from gcm_collect.ops.importing import import_files
from gcm_collect.store import Store


def kill_half_way(command: list[str]) -> list[str]:
    """Run ``command`` (an ``import --progress``) and SIGKILL it as soon as it says it stored
    some of its submissions but not all: the first batches written, the transaction still
    open. The progress lines it showed."""
    with subprocess.Popen(
        command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True
    ) as process:
        assert process.stderr is not None
        seen = []
        for line in process.stderr:
            seen.append(line)
            found = re.search(r"(\d+) of (\d+)", line)
            if found and 0 < int(found.group(1)) < int(found.group(2)):
                process.send_signal(signal.SIGKILL)
                break
        assert process.wait() == -signal.SIGKILL, seen
    return seen


def cancel_after_first_batch(db: Path, path: Path) -> list[tuple[int, int]]:
    """Import ``path`` into ``db`` and answer Cancel once the first batch is stored; the
    progress it told."""
    told: list[tuple[int, int]] = []
    with Store.open(db) as store, pytest.raises(ImportCancelled):
        import_files(
            store, [path], progress=lambda d, t: told.append((d, t)), cancel=lambda: bool(told)
        )
    return told
