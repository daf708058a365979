"""The review tests' starting point: an officer's export and the reviewer's own database."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parents[1] / "workbook"))

from datasets import open_store  # noqa: E402
from review_helpers import officers_export  # noqa: E402


@pytest.fixture
def exported(tmp_path):
    return officers_export(tmp_path)


@pytest.fixture
def reviewer(tmp_path):
    store = open_store(tmp_path, "reviewer.sqlite")
    store.set_setting("officer", "Lars Berg")
    yield store
    store.close()
