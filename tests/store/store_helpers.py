"""Helpers shared by the store tests (imported by name: this folder is on sys.path)."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

WRITER = Path(__file__).with_name("crash_writer.py")


def crash_writers(db_path: Path, uuid: str, **env: str) -> subprocess.Popen:
    """The crash writers' zygote (crash_writer.py) on ``db_path``, ``env`` added to its own."""
    return subprocess.Popen(
        [sys.executable, str(WRITER), str(db_path), uuid],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        bufsize=1,
        env=dict(os.environ, PYTHONPATH=str(Path(__file__).resolve().parents[2]), **env),
    )


class Acknowledged:
    """What the crash writers (crash_writer.py) said they committed, line by line."""

    def __init__(self) -> None:
        self.answers: set[int] = set()
        self.alive: set[int] = set()
        self.removed: set[int] = set()
        self.counter = -1

    def note(self, line: list[str]) -> None:
        kind, value = line[0], int(line[1])
        if kind == "a":
            self.answers.add(value)
        elif kind == "c":
            self.counter = value
        elif kind == "i":
            self.alive.add(value)
        elif kind == "r":  # being removed: gone or not, as the kill fell
            self.alive.discard(value)
        elif kind == "x":
            self.removed.add(value)

    def check(self, db_path: Path, uuid: str) -> None:
        """Every acknowledged change is in the database, and the database is intact."""
        from gcm_collect.store import Store

        with Store.open(db_path) as store:
            assert store._conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
            stored = store.get_answers(uuid)
            instances = set(store.get_instances(uuid).get("r", []))
        missing = [n for n in self.answers if stored.get(f"k{n}") != n]
        assert not missing, f"acknowledged answers lost: {missing[:10]}"
        # The counter may be one step ahead: committed, then killed before the acknowledgement.
        assert stored["counter"] >= self.counter
        assert {f"i{n}" for n in self.alive} <= instances
        assert not ({f"i{n}" for n in self.removed} & instances)
        assert all(f"r[i{n}]/v" not in stored for n in self.removed)


class FakeClock:
    """Starts at a fixed moment and moves 1 ms per reading (so timestamps are ordered)."""

    def __init__(self, start: datetime = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)):
        self.moment = start

    def __call__(self) -> datetime:
        self.moment += timedelta(milliseconds=1)
        return self.moment

    def advance(self, **delta: float) -> None:
        self.moment += timedelta(**delta)


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@contextmanager
def read_only(path: Path) -> Iterator[None]:
    """Make a file or folder read-only, even for root (immutable attribute), then undo it."""
    if os.name != "posix" or os.geteuid() != 0:
        mode = path.stat().st_mode
        path.chmod(0o555 if path.is_dir() else 0o444)
        try:
            yield
        finally:
            path.chmod(mode)
        return
    chattr = shutil.which("chattr")
    if chattr is None or subprocess.run([chattr, "+i", str(path)], capture_output=True).returncode:
        pytest.skip("running as root without chattr +i: cannot make a file read-only")
    try:
        yield
    finally:
        subprocess.run([chattr, "-i", str(path)], check=True)


def new_submission(store, **overrides) -> str:
    fields = dict(
        form_id="gcm_state_practice",
        form_version="2026.1",
        state="FRA",
        region="ECE",
        period="2026",
        officer="ana",
    )
    fields.update(overrides)
    return store.create_submission(**fields)
