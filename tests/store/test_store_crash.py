"""Kill a writer at random moments, hundreds of times: every acknowledged change survives."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from store_helpers import new_submission

from gcm_collect.store import Store

pytestmark = pytest.mark.slow  # the slow lane: `make test` runs it, `make test-fast` not

WRITER = Path(__file__).with_name("crash_writer.py")
KILLS = 300


@pytest.mark.slow
@pytest.mark.skipif(not hasattr(os, "fork"), reason="the crash writer forks")
def test_acknowledged_writes_survive_sigkill(tmp_path: Path) -> None:
    db_path = tmp_path / "crash.sqlite"
    with Store.open(db_path) as store:
        uuid = new_submission(store)
    env = dict(os.environ, PYTHONPATH=str(Path(__file__).resolve().parents[2]))
    with subprocess.Popen(
        [sys.executable, str(WRITER), str(db_path), uuid],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        bufsize=1,
        env=env,
    ) as zygote:
        answers = run_kills(zygote, db_path, uuid, random.Random(20260301))
    assert len(answers) > KILLS  # the writers really wrote


def run_kills(zygote: subprocess.Popen, db_path: Path, uuid: str, rng: random.Random) -> set[int]:
    assert zygote.stdin and zygote.stdout
    answers: set[int] = set()
    counter = -1
    alive: set[int] = set()
    removed: set[int] = set()
    try:
        assert zygote.stdout.readline().strip() == "ready"
        for run in range(KILLS):
            zygote.stdin.write(f"go {run * 1_000_000}\n")
            line = zygote.stdout.readline().split()
            assert line[0] == "child", line
            pid = int(line[1])
            for _ in range(rng.randrange(0, 12)):  # let it acknowledge a few changes...
                kind, n = zygote.stdout.readline().split()
                if kind == "a":
                    answers.add(int(n))
            time.sleep(rng.random() * 0.002)  # ...then kill it anywhere, mid-commit included
            os.kill(pid, signal.SIGKILL)
            zygote.stdin.write(f"wait {pid}\n")
            while True:
                raw = zygote.stdout.readline()
                assert len(raw.split()) == 2, repr(raw)
                kind, n = raw.split()
                if kind == "dead":
                    break
                value = int(n)
                if kind == "a":
                    answers.add(value)
                elif kind == "c":
                    counter = value
                elif kind == "i":
                    alive.add(value)
                elif kind == "x":
                    alive.discard(value)
                    removed.add(value)
            if run % 10 == 9:
                check(db_path, uuid, answers, counter, alive, removed)
    finally:
        zygote.kill()
    return answers


def check(
    db_path: Path, uuid: str, answers: set[int], counter: int, alive: set[int], removed: set[int]
) -> None:
    with Store.open(db_path) as store:
        assert store._conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        stored = store.get_answers(uuid)
        instances = set(store.get_instances(uuid).get("r", []))
    missing = [n for n in answers if stored.get(f"k{n}") != n]
    assert not missing, f"acknowledged answers lost: {missing[:10]}"
    # The counter may be one step ahead: committed, then killed before the acknowledgement.
    assert stored["counter"] >= counter
    assert {f"i{n}" for n in alive} <= instances
    assert not ({f"i{n}" for n in removed} & instances)
    assert all(f"r[i{n}]/v" not in stored for n in removed)
