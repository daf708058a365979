"""The command line as a user meets it: exit codes, one-line errors, version."""

from __future__ import annotations

import platform
import subprocess
import sys
from importlib import metadata

from gcm_collect import __version__


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
