"""`gcm-collect` with no subcommand opens the main window on the database (offscreen)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from gcm_collect.store import Store

pytestmark = pytest.mark.slow  # the slow lane: `make test` runs it, `make test-fast` not

# Runs the app as `python -m gcm_collect` does (error boxes printed instead), then tells whether
# the CLI library was loaded and whether the garbage collector (off during start-up) is back on.
PROBE = """
import gc, runpy, sys
from gcm_collect.app import messages
messages.show_error = lambda parent, title, text: print(f"error box: {text}", flush=True)
sys.argv = ["gcm-collect", *sys.argv[1:]]
try:
    runpy.run_module("gcm_collect", run_name="__main__")
finally:
    print("click loaded" if "click" in sys.modules else "click not loaded", flush=True)
    print(f"collector on: {gc.isenabled()}", flush=True)
    from gcm_collect.i18n import language
    print(f"language: {language()}", flush=True)
"""


def open_app(*args: str, **env_vars: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", GCM_COLLECT_EXIT_AFTER_SHOW="1", **env_vars)
    return subprocess.run(
        [sys.executable, "-c", PROBE, *args], capture_output=True, text=True, env=env, timeout=120
    )


def test_app_opens_a_window_on_an_empty_database(tmp_path):
    db = tmp_path / "fresh.sqlite3"
    result = open_app("--db", str(db))
    assert result.returncode == 0, result.stderr
    assert "window shown" in result.stdout
    assert "collector on: True" in result.stdout
    assert db.exists()


def test_opening_the_window_does_not_load_the_command_line(tmp_path):
    db = tmp_path / "a.sqlite3"
    Store.open(db).close()  # a first run migrates with sqlite-utils, which loads click itself
    result = open_app("--db", str(db), "--lang", "fr")
    assert result.returncode == 0, result.stderr
    assert "window shown" in result.stdout
    assert "click not loaded" in result.stdout


def test_a_first_run_speaks_the_desktop_language(tmp_path, monkeypatch):
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "GCM_COLLECT_LANG"):
        monkeypatch.delenv(name, raising=False)
    result = open_app("--db", str(tmp_path / "a.sqlite3"), LANG="ar_EG.UTF-8")
    assert "language: ar" in result.stdout, result.stderr


def test_the_officers_choice_wins_over_the_desktop(tmp_path, monkeypatch):
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "GCM_COLLECT_LANG"):
        monkeypatch.delenv(name, raising=False)
    db = tmp_path / "a.sqlite3"
    with Store.open(db) as store:
        store.set_setting("language", "ru")
    assert "language: ru" in open_app("--db", str(db), LANG="ar_EG.UTF-8").stdout
    assert "language: es" in open_app("--db", str(db), "--lang", "es", LANG="ar_EG.UTF-8").stdout


def test_a_database_that_cannot_be_opened_is_told_in_the_desktop_language(tmp_path, monkeypatch):
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "GCM_COLLECT_LANG"):
        monkeypatch.delenv(name, raising=False)
    a_file = tmp_path / "notes.txt"
    a_file.write_text("not a folder", encoding="utf-8")
    result = open_app("--db", str(a_file / "db.sqlite3"), LANG="fr_FR.UTF-8")
    assert result.returncode == 1
    assert "error box: " in result.stdout and "impossible" in result.stdout, result.stdout


def test_a_missing_database_named_with_db_is_asked_about_not_created(qtbot, tmp_path, told):
    from gcm_collect.app.application import run

    typo = tmp_path / "oficer.sqlite3"
    told.answer = False  # "No": I meant an existing one
    assert run(typo, language_given="en", ask_new=True) == 1
    assert not typo.exists()
    assert len(told.questions) == 1 and str(typo) in told.questions[0]
    assert told.questions[0].startswith("There is no database at")


def test_a_new_database_is_created_when_the_officer_says_so(qtbot, tmp_path, told):
    from gcm_collect.app.application import confirm_new_database

    new, existing = tmp_path / "new.sqlite3", tmp_path / "existing.sqlite3"
    Store.open(existing).close()
    assert confirm_new_database(existing) and told.questions == []  # nothing to ask
    told.answer = True
    assert confirm_new_database(new) and len(told.questions) == 1


def test_a_second_window_on_the_same_database_is_refused_until_the_first_is_gone(tmp_path):

    from gcm_collect.ops.forms import ensure_builtin
    from gcm_collect.ops.submissions import OfficerProfile, set_profile

    db = tmp_path / "officer.sqlite3"
    with Store.open(db) as store:
        form = ensure_builtin(store)
        set_profile(store, OfficerProfile(name="Amina Diallo"))
        uuid = store.create_submission(
            form_id=form.form_id,
            form_version=form.version,
            state="SEN",
            region="ECA",
            period="2025",
        )
    sys.path.insert(0, str(Path(__file__).parent / "form"))
    from typing_app import launch

    with launch(db, uuid, "lead_entity", "forever") as first:  # the first window, typing
        try:
            assert first.stdout is not None and first.stdout.readline().strip() == "ready"
            second = open_app("--db", str(db), "--lang", "en")
            assert second.returncode == 1
            assert "window shown" not in second.stdout
            assert "is already open in another GCM Collect window" in second.stdout
        finally:
            first.kill()  # a crash (SIGKILL, TerminateProcess) leaves its lock behind
            first.wait(timeout=30)
    third = open_app("--db", str(db), "--lang", "en")
    assert third.returncode == 0, third.stdout + third.stderr
    assert "window shown" in third.stdout
