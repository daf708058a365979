"""Power cuts, not just crashes: every write not yet synced is lost, and still no acknowledged
answer is.

A kill -9 (test_store_crash.py) leaves the operating system's cache in place; a power cut does
not. Here the writer runs with a small preloaded library (power_cut.c, compiled for the test)
that, at each successful fsync or fdatasync, keeps a copy of the file as the disk then holds
it. The test kills the writer at a random moment and puts each file back as of its last sync
(a file never synced is empty on the disk, so it is removed): the disk after the power comes
back, when nothing unsynced survived. Directory changes (a file created, deleted) are kept.
Then every answer the writer acknowledged must be there, and the database intact.
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from store_helpers import Acknowledged, crash_writers, new_submission

from gcm_collect.store import Store

CUTS = 60
SHIM = Path(__file__).with_name("power_cut.c")

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        not sys.platform.startswith("linux") or shutil.which("cc") is None,
        reason="needs Linux (/proc/self/fd, LD_PRELOAD) and a C compiler",
    ),
]


@pytest.fixture(scope="module")
def shim(tmp_path_factory) -> Path:
    library = tmp_path_factory.mktemp("shim") / "power_cut.so"
    subprocess.run(
        ["cc", "-shared", "-fPIC", "-O2", "-o", str(library), str(SHIM), "-ldl"], check=True
    )
    return library


def synced(path: Path) -> Path:
    return path.with_name(path.name + ".synced")


def at_rest(folder: Path) -> None:
    """After a clean close: what the files hold now is on the disk."""
    for stale in folder.glob("*.synced*"):
        stale.unlink()
    for file in folder.iterdir():
        shutil.copyfile(file, synced(file))


def power_cut(folder: Path) -> list[str]:
    """Every file back to its last synced content; the names of those that lost writes."""
    changed = []
    for file in sorted(p for p in folder.iterdir() if ".synced" not in p.name):
        if file.name.endswith("-shm"):  # shared memory, rebuilt by SQLite: never on the disk
            file.unlink()
            continue
        kept = synced(file)
        if not kept.exists():
            file.unlink()
            changed.append(file.name)
        elif kept.read_bytes() != file.read_bytes():
            os.replace(kept, file)
            changed.append(file.name)
    return changed


def test_no_acknowledged_answer_is_lost_when_unsynced_writes_are(tmp_path, shim):
    folder = tmp_path / "disk"
    folder.mkdir()
    db_path = folder / "power.sqlite"
    with Store.open(db_path) as store:
        uuid = new_submission(store)
    at_rest(folder)
    rng = random.Random(20261203)
    said = Acknowledged()
    lost_writes = 0
    with crash_writers(db_path, uuid, LD_PRELOAD=str(shim), POWERCUT_DIR=str(folder)) as zygote:
        assert zygote.stdin and zygote.stdout
        try:
            assert zygote.stdout.readline().strip() == "ready"
            for cut in range(CUTS):
                zygote.stdin.write(f"go {cut * 1_000_000}\n")
                kind, pid = zygote.stdout.readline().split()
                assert kind == "child"
                for _ in range(rng.randrange(1, 40)):  # some acknowledged changes, then the cut
                    said.note(zygote.stdout.readline().split())
                time.sleep(rng.random() * 0.003)  # anywhere: mid-commit, mid-checkpoint
                os.kill(int(pid), signal.SIGKILL)
                zygote.stdin.write(f"wait {pid}\n")
                while (line := zygote.stdout.readline().split())[0] != "dead":
                    said.note(line)
                lost_writes += bool(power_cut(folder))
                said.check(db_path, uuid)
                at_rest(folder)
        finally:
            zygote.kill()
    assert len(said.answers) > CUTS  # the writers really wrote
    assert lost_writes > CUTS // 5  # and the cuts really took unsynced writes away
