"""The command line as a user meets it: exit codes, one-line errors, version."""

from __future__ import annotations

import subprocess
import sys

from gcm_collect import __version__


def run(*args: str, env=None):
    return subprocess.run(
        [sys.executable, "-m", "gcm_collect", *args], capture_output=True, text=True, env=env
    )


def test_version():
    result = run("--version")
    assert result.returncode == 0
    assert __version__ in result.stdout


def test_wrong_usage_exits_2():
    result = run("export")  # --out missing
    assert result.returncode == 2
    assert "--out" in result.stderr


def test_unknown_command_exits_2():
    assert run("frobnicate").returncode == 2


def test_unknown_language_exits_2():
    assert run("--lang", "de", "backup").returncode == 2
