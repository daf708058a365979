"""First-run language and data locations."""

from __future__ import annotations

import pytest

from gcm_collect import environment


@pytest.mark.parametrize(
    ("lang", "expected"),
    [("fr_FR.UTF-8", "fr"), ("ar_EG.UTF-8", "ar"), ("zh_CN.UTF-8", "zh"), ("de_DE.UTF-8", "en")],
)
def test_first_run_picks_system_language_when_it_is_a_un_language(monkeypatch, lang, expected):
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "GCM_COLLECT_LANG"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", lang)
    assert environment.initial_language() == expected


def test_default_database_is_in_the_user_data_folder(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    path = environment.default_database_path()
    assert path.parent == tmp_path / "gcm-collect"
    assert path.name.endswith(".sqlite3")
