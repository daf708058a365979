"""House rules that keep the layers apart."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "gcm_collect"


@pytest.mark.slow
def test_core_runs_without_qt():
    # Import every core module in a fresh interpreter and check Qt never loaded.
    # Everything but the Qt shell and `python -m` entry point.
    modules = sorted(
        ".".join(path.relative_to(PACKAGE.parent).with_suffix("").parts).removesuffix(".__init__")
        for path in PACKAGE.rglob("*.py")
        if "app" not in path.relative_to(PACKAGE).parts and path.name != "__main__.py"
    )
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}: importlib.import_module(name)\n"
        "loaded = sorted(m for m in sys.modules if m.startswith('PySide6'))\n"
        "print(','.join(loaded))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "", f"core imported Qt: {result.stdout}"


def test_sql_only_in_store():
    pattern = re.compile(r"\.(execute|executemany|executescript)\(|\bsqlite3\.connect\(")
    offenders = [
        str(path.relative_to(PACKAGE.parent))
        for path in PACKAGE.rglob("*.py")
        if "store" not in path.relative_to(PACKAGE).parts and pattern.search(path.read_text())
    ]
    assert offenders == []


def test_no_builtin_underscore():
    # The translator is imported explicitly; nobody installs `_` into builtins.
    offenders = [
        str(path)
        for path in PACKAGE.rglob("*.py")
        if re.search(r"builtins\.(_|__dict__\[)|\.install\(", path.read_text())
    ]
    assert offenders == []


def test_test_modules_have_unique_names():
    # tests/ has no packages: two test files of one name cannot both be collected.
    names = [p.name for p in (PACKAGE.parent / "tests").rglob("*.py") if p.name != "conftest.py"]
    assert sorted(n for n in set(names) if names.count(n) > 1) == []


def test_one_writer_of_the_audit_trail():
    # Store._audit (store/aggregates/base.py) writes every audit row, and every updated_at
    # that says a submission changed; nothing else spells either out.
    pattern = re.compile(r"INSERT INTO audit\b|SET[^\"]*\bupdated_at\s*=", re.IGNORECASE)
    writers = sorted(
        str(path.relative_to(PACKAGE))
        for path in PACKAGE.rglob("*.py")
        if pattern.search(path.read_text())
    )
    assert writers == ["store/aggregates/base.py"]


def test_backups_see_the_store_through_its_public_seam():
    # backup.py and the store share no private names (the seam: copy_into, replace_with).
    backup = (PACKAGE / "store" / "backup.py").read_text()
    facade = [(PACKAGE / "store" / "repository.py").read_text()]
    facade += [p.read_text() for p in (PACKAGE / "store" / "aggregates").glob("*.py")]
    assert re.findall(r"\bstore\._\w+", backup) == []
    assert [re.findall(r"backup\._\w+", text) for text in facade] == [[]] * len(facade)
