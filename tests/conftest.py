"""Shared fixtures: every test runs in English unless it asks otherwise, on its own files."""

from __future__ import annotations

import pytest

from gcm_collect.i18n import set_language


@pytest.fixture(autouse=True)
def _english_and_isolated(monkeypatch, tmp_path_factory):
    # Never touch the real user data folder, whatever a test calls.
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.delenv("GCM_COLLECT_DB", raising=False)
    set_language("en")
    yield
    set_language("en")
