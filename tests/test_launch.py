"""`gcm-collect` alone opens the window without the CLI machinery; anything else is the CLI."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from gcm_collect.launch import AppArguments, app_arguments


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        ([], AppArguments(None, None, False)),
        (["--db", "a.sqlite3"], AppArguments(Path("a.sqlite3"), None, False)),
        (["--db=a.sqlite3", "--lang=ar"], AppArguments(Path("a.sqlite3"), "ar", False)),
        (["--lang", "zh", "--debug"], AppArguments(None, "zh", True)),
    ],
)
def test_the_app_options_alone_open_the_window(args, expected, monkeypatch):
    monkeypatch.delenv("GCM_COLLECT_DB", raising=False)
    assert app_arguments(args) == expected


@pytest.mark.parametrize(
    "args",
    [
        ["backup", "--out", "x"],  # a command
        ["--help"],
        ["--version"],
        ["--lang", "de"],  # not a UN language: the CLI says so (exit 2)
        ["--lang"],  # value missing
        ["--db", "--lang", "en"],
        ["--db", "a", "--db", "b"],
        ["--dbx", "a"],
        ["--db="],
    ],
)
def test_anything_else_goes_to_the_command_line(args):
    assert app_arguments(args) is None


def test_a_folder_given_as_database_goes_to_the_command_line(tmp_path):
    assert app_arguments(["--db", str(tmp_path)]) is None


def test_the_database_from_the_environment(monkeypatch):
    monkeypatch.setenv("GCM_COLLECT_DB", "env.sqlite3")
    assert app_arguments([]).db_path == Path("env.sqlite3")
    assert app_arguments(["--db", "given.sqlite3"]).db_path == Path("given.sqlite3")


def test_a_folder_as_database_is_one_usage_line(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "gcm_collect", "--db", str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 2
    assert "is a directory" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_database_file_this_user_may_not_read_goes_to_the_command_line(tmp_path, monkeypatch):
    db = tmp_path / "a.sqlite3"
    db.write_bytes(b"")
    # Tests may run as root, who reads everything: the probe (tests/test_permissions.py) says no.
    monkeypatch.setattr("gcm_collect.files.can_read", lambda path: False)
    assert app_arguments(["--db", str(db)]) is None


def test_without_a_display_the_app_says_so_in_one_line(tmp_path):
    import os

    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")
    }
    db = tmp_path / "db.sqlite3"
    result = subprocess.run(
        [sys.executable, "-m", "gcm_collect", "--db", str(db)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert result.returncode == 1
    assert result.stderr == (
        "there is no display to open the window on (DISPLAY is not set); "
        "the commands work without one: gcm-collect --help\n"
    )
    assert not db.exists()
