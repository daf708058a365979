"""A conversion killed at any moment leaves the old database or the new one, whole.

``gcm-collect encrypt`` and ``decrypt`` run in a child process that is killed (SIGKILL, no
cleanup) at a spread of moments after its temporary file appears: the database must then open,
intact, with every submission, and still plain unless the rename had happened.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from gcm_collect.demo.generate import generate
from gcm_collect.store import Store, cipher

pytestmark = [
    pytest.mark.slow,
    pytest.mark.posix,  # os.kill with SIGKILL
]

PASSPHRASE = "kill me softly"
DELAYS = (0.0, 0.002, 0.005, 0.01, 0.02, 0.04, 0.08, 0.16, 0.32, 0.64)


def records(path: Path, passphrase: str | None) -> list[dict]:
    cipher.remember(path, None)
    with Store.open(path, passphrase=passphrase) as store:
        assert store._conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        return [store.get_record(s.uuid) for s in store.list_submissions(include_deleted=True)]


def child_env() -> dict[str, str]:
    root = str(Path(__file__).resolve().parents[2])
    return dict(os.environ, PYTHONPATH=root, GCM_COLLECT_PASSPHRASE=PASSPHRASE)


def kill_during(command: str, path: Path, delay: float) -> bool:
    """Run ``gcm-collect --db path command``; SIGKILL it ``delay`` s after its temporary file
    appears. True if it was killed before it finished."""
    child = subprocess.Popen(
        [sys.executable, "-m", "gcm_collect", "--db", str(path), command],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=child_env(),
    )
    temp = f".{path.name}.convert-{child.pid}.tmp"
    while child.poll() is None and not (path.parent / temp).exists():
        time.sleep(0.0005)
    time.sleep(delay)
    killed = child.poll() is None
    child.send_signal(signal.SIGKILL)
    child.wait()
    return killed


@pytest.mark.parametrize("command", ["encrypt", "decrypt"])
def test_a_conversion_killed_midway_leaves_a_whole_database(tmp_path: Path, command) -> None:
    path = tmp_path / "officer.sqlite3"
    with Store.open(path) as store:
        generate(store, 60, seed=5)
    if command == "decrypt":
        from gcm_collect.store.encrypting import encrypt

        encrypt(path, PASSPHRASE)
    before_key = PASSPHRASE if command == "decrypt" else None
    expected = records(path, before_key)
    interrupted = 0
    for delay in DELAYS:
        killed = kill_during(command, path, delay)
        converted = cipher.is_encrypted(path) == (command == "encrypt")
        assert records(path, PASSPHRASE if cipher.is_encrypted(path) else None) == expected
        if converted:  # the rename happened: convert it back for the next kill
            break
        interrupted += killed
    assert interrupted, "no kill fell before the rename: the test proved nothing"
    if not converted:  # a finished conversion removes what the killed ones left
        finished = subprocess.run(
            [sys.executable, "-m", "gcm_collect", "--db", str(path), command],
            capture_output=True,
            env=child_env(),
        )
        assert finished.returncode == 0, finished.stderr
    assert records(path, PASSPHRASE if command == "encrypt" else None) == expected
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []
