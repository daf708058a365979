"""A real database for each documents test, with the built-in survey."""

from __future__ import annotations

import pytest

from gcm_collect.ops.forms import ensure_builtin
from gcm_collect.store import Store


@pytest.fixture
def store(tmp_path):
    with Store.open(tmp_path / "docs.sqlite3") as opened:
        ensure_builtin(opened)
        yield opened
