"""Helpers shared by the store tests (imported by name: this folder is on sys.path)."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest


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
    if os.geteuid() != 0:
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
