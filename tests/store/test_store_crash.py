"""Kill a writer at random moments, hundreds of times: every acknowledged change survives."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import time
from pathlib import Path

import pytest
from store_helpers import Acknowledged, crash_writers, new_submission

from gcm_collect.store import Store

pytestmark = pytest.mark.slow  # the slow lane: `make test` runs it, `make test-fast` not

KILLS = 300


@pytest.mark.slow
@pytest.mark.posix  # the crash writer forks; Windows: test_durable_typing kills a child
def test_acknowledged_writes_survive_sigkill(tmp_path: Path) -> None:
    db_path = tmp_path / "crash.sqlite"
    with Store.open(db_path) as store:
        uuid = new_submission(store)
    with crash_writers(db_path, uuid) as zygote:
        answers = run_kills(zygote, db_path, uuid, random.Random(20260301))
    assert len(answers) > KILLS  # the writers really wrote


def run_kills(zygote: subprocess.Popen, db_path: Path, uuid: str, rng: random.Random) -> set[int]:
    assert zygote.stdin and zygote.stdout
    said = Acknowledged()
    try:
        assert zygote.stdout.readline().strip() == "ready"
        for run in range(KILLS):
            zygote.stdin.write(f"go {run * 1_000_000}\n")
            line = zygote.stdout.readline().split()
            assert line[0] == "child", line
            pid = int(line[1])
            for _ in range(rng.randrange(0, 12)):  # let it acknowledge a few changes...
                said.note(zygote.stdout.readline().split())
            time.sleep(rng.random() * 0.002)  # ...then kill it anywhere, mid-commit included
            os.kill(pid, signal.SIGKILL)
            zygote.stdin.write(f"wait {pid}\n")
            while True:
                raw = zygote.stdout.readline()
                assert len(raw.split()) == 2, repr(raw)
                if raw.split()[0] == "dead":
                    break
                said.note(raw.split())
            if run % 10 == 9:
                said.check(db_path, uuid)
    finally:
        zygote.kill()
    return said.answers
