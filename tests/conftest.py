"""Shared fixtures: every test runs in English unless it asks otherwise, on its own files."""

from __future__ import annotations

import os

import pytest

from gcm_collect.i18n import set_language


def pytest_collection_modifyitems(config, items):
    if os.name == "posix":
        return
    skip = pytest.mark.skip(reason="POSIX only (fork, SIGKILL, geteuid)")
    for item in items:
        if item.get_closest_marker("posix"):
            item.add_marker(skip)


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


# Runs one command in a child and reports the child's peak memory (resident set, MB). The
# child may reserve at most 4 GB of address space: a reader asking for 512 GB fails at once
# instead of pushing the machine into swap.
_MEASURE = """
import resource, subprocess, sys
resource.setrlimit(resource.RLIMIT_AS, (4 * 1024**3, 4 * 1024**3))
done = subprocess.run(sys.argv[1:], capture_output=True, text=True)
peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // 1024
print(repr((done.returncode, done.stdout, done.stderr, peak)))
"""


@pytest.fixture()
def gcm_measured(tmp_path):
    """``gcm_measured(*args)`` -> (exit status, stdout, stderr, peak MB) of ``gcm-collect``."""
    import ast
    import subprocess
    import sys

    def run(*args: str) -> tuple[int, str, str, int]:
        command = [sys.executable, "-m", "gcm_collect", "--db", str(tmp_path / "m.sqlite3")]
        done = subprocess.run(
            [sys.executable, "-c", _MEASURE, *command, *args],
            capture_output=True,
            text=True,
            check=True,
        )
        return ast.literal_eval(done.stdout)

    return run


@pytest.fixture()
def libreoffice(tmp_path):
    """``libreoffice(path, to, outdir)`` converts a file with headless LibreOffice (a profile of
    its own) and returns the converted file: ``to`` is ``pdf``, ``xlsx``, ``csv``..."""
    import shutil
    import subprocess
    from pathlib import Path

    soffice = shutil.which("soffice")
    if soffice is None:
        pytest.skip("LibreOffice is not installed")

    def convert(path: Path, to: str, outdir: Path) -> Path:
        result = subprocess.run(
            [
                soffice,
                f"-env:UserInstallation=file://{tmp_path}/lo-profile",
                "--headless",
                "--convert-to",
                to,
                "--outdir",
                str(outdir),
                str(path),
            ],
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert result.returncode == 0, result.stderr
        return outdir / f"{Path(path).stem}.{to.split(':')[0]}"

    return convert


@pytest.fixture(scope="session")
def built_once(tmp_path_factory):
    """``built_once(name, build, into)``: ``build(folder)`` writes its files (databases, exported
    workbooks) once per test run; each call copies them into ``into`` (the test's own folder, so
    a test may edit what it gets). Exporting costs far more than copying, and many tests start
    from the same workbooks."""
    import shutil

    folders = {}

    def get(name, build, into):
        if name not in folders:
            folder = tmp_path_factory.mktemp(name)
            build(folder)
            folders[name] = folder
        shutil.copytree(folders[name], into, dirs_exist_ok=True)
        return into

    return get
