"""The command line as a user meets it: exit codes, one-line errors, version."""

from __future__ import annotations

import os
import platform
import subprocess
import sys
from importlib import metadata

from gcm_collect import __version__
from gcm_collect.i18n import _, set_language


def run(*args: str, env=None):
    return subprocess.run(
        [sys.executable, "-m", "gcm_collect", *args], capture_output=True, text=True, env=env
    )


def test_version_names_python_and_each_library():
    result = run("--version")
    assert result.returncode == 0
    lines = result.stdout.splitlines()
    assert lines[0] == f"gcm-collect, version {__version__}"
    assert lines[1] == f"Python {platform.python_version()}"
    # What the app needs at run time, as installed; the test tools are no part of it.
    names = [line.split()[0] for line in lines[2:]]
    assert f"PySide6_Essentials {metadata.version('PySide6-Essentials')}" in lines
    assert f"openpyxl {metadata.version('openpyxl')}" in lines
    assert "shiboken6" in names and "et_xmlfile" in names  # requirements of requirements
    assert "pytest" not in names and "gcm-collect" not in names


def test_wrong_usage_exits_2():
    result = run("export")  # --out missing
    assert result.returncode == 2
    assert "--out" in result.stderr


def test_unknown_command_exits_2():
    assert run("frobnicate").returncode == 2


def test_unknown_language_exits_2():
    assert run("--lang", "de", "backup").returncode == 2


def _in(language: str, message: str) -> str:
    set_language(language)
    try:
        return _(message)
    finally:
        set_language("en")


def test_help_speaks_the_language_given_with_lang():
    result = run("--lang", "fr", "--help")
    assert result.returncode == 0
    export_help = "Export submissions to a reviewer workbook."
    assert _in("fr", export_help) in result.stdout and export_help not in result.stdout
    # click's own words too: the usage line, the headings, the --help line.
    assert result.stdout.startswith(_in("fr", "Usage:") + " gcm-collect")
    assert f"\n{_in('fr', 'Commands')}:\n" in result.stdout
    assert _in("fr", "Show this message and exit.") in result.stdout
    assert "Show this message" not in result.stdout


def test_a_command_help_speaks_the_configured_language():
    env = {**os.environ, "GCM_COLLECT_LANG": "ar"}
    result = run("export", "--help", env=env)
    assert result.returncode == 0
    assert _in("ar", "Export submissions to a reviewer workbook.") in result.stdout
    assert _in("ar", "Workbook language.") in result.stdout
    assert "Workbook language." not in result.stdout


def test_a_command_lang_is_the_workbook_language_not_the_help_language():
    env = {**os.environ, "GCM_COLLECT_LANG": "en"}
    result = run("export", "--lang", "fr", "--help", env=env)
    assert "Export submissions to a reviewer workbook." in result.stdout
