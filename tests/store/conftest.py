"""Fixtures for the store tests: real SQLite files and a deterministic clock."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from store_helpers import FakeClock, new_submission

from gcm_collect.store import Store


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "data" / "gcm.sqlite"


@pytest.fixture
def store(db_path: Path, clock: FakeClock) -> Iterator[Store]:
    with Store.open(db_path, now=clock, busy_timeout=0.2) as opened:
        yield opened


@pytest.fixture
def submission(store: Store) -> str:
    return new_submission(store)
