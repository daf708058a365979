"""Private by default (issue 15): the data folder 0700, databases and backups 0600, and no
temporary file with answers outside the data folder, even after a crash during an export."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest
from datasets import open_store, record

from gcm_collect.export import export_workbook
from gcm_collect.store import Store
from gcm_collect.workbook.scratch import STALE_AFTER, remove_stale

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(os.name != "posix", reason="POSIX modes; Windows uses ACLs"),
]


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_a_new_database_its_folder_journal_and_backups_are_owner_only(tmp_path):
    db = tmp_path / "new folder" / "gcm.sqlite3"
    with Store.open(db) as store:
        store.put_submission(record(1), who="t")
        assert mode(db.parent) == 0o700
        assert {p.name: mode(p) for p in db.parent.iterdir()} == {
            "gcm.sqlite3": 0o600,
            "gcm.sqlite3-wal": 0o600,
            "gcm.sqlite3-shm": 0o600,
        }
        backup = store.backup_to(tmp_path / "backups" / "copy.sqlite")
        assert mode(backup) == 0o600 and mode(backup.parent) == 0o700


def test_an_existing_database_readable_by_others_is_made_owner_only(tmp_path):
    db = tmp_path / "gcm.sqlite3"
    Store.open(db).close()
    os.chmod(db, 0o644)
    with Store.open(db):
        assert mode(db) == 0o600


def test_the_default_data_folder_is_owner_only(tmp_path, monkeypatch):
    from gcm_collect import environment

    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    path = environment.default_database_path()
    os.chmod(path.parent, 0o755)
    assert mode(environment.default_database_path().parent) == 0o700


CRASHING_EXPORT = """
import os, sys
sys.path.insert(0, sys.argv[2])
from pathlib import Path
from datasets import open_store, record
from gcm_collect.export import export_workbook
store = open_store(Path(sys.argv[1]))
with store.atomic():
    for n in range(120):
        store.put_submission(record(n), who="t")
calls = []
def crash():  # the machine loses power after the first 50 records are written
    calls.append(1)
    if len(calls) == 2:
        os._exit(9)
    return False
export_workbook(store, Path(sys.argv[1]) / "out.xlsx", lang="en", cancel=crash)
"""


def test_a_crash_during_export_leaves_nothing_outside_the_data_folder(tmp_path):
    temp, data = tmp_path / "system-temp", tmp_path / "data"
    temp.mkdir()
    env = dict(os.environ, TMPDIR=str(temp), XDG_DATA_HOME=str(data), HOME=str(tmp_path))
    tests_workbook = str(Path(__file__).parents[1] / "workbook")
    done = subprocess.run(
        [sys.executable, "-c", CRASHING_EXPORT, str(tmp_path), tests_workbook], env=env
    )
    assert done.returncode == 9
    assert list(temp.iterdir()) == []  # the system's temporary folder never saw an answer
    assert not (tmp_path / "out.xlsx").exists()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []
    (left,) = (data / "gcm-collect" / "tmp").iterdir()  # the sheets written so far
    assert mode(left) == 0o700 and any(left.iterdir())
    assert all(mode(p) == 0o600 for p in left.iterdir())
    remove_stale(left.parent)  # another export starting now: it may still be running
    assert left.exists()
    remove_stale(left.parent, now=time.time() + STALE_AFTER + 1)
    assert not left.exists()


def test_an_export_leaves_no_piece_behind(tmp_path, monkeypatch):
    monkeypatch.setenv("TMPDIR", str(tmp_path / "system-temp"))
    (tmp_path / "system-temp").mkdir()
    import tempfile

    monkeypatch.setattr(tempfile, "tempdir", None)  # read TMPDIR again
    store = open_store(tmp_path)
    store.put_submission(record(1), who="t")
    (tmp_path / "out").mkdir()
    export_workbook(store, tmp_path / "out" / "r.xlsx", lang="en")
    assert [p.name for p in (tmp_path / "out").iterdir()] == ["r.xlsx"]
    assert list((tmp_path / "system-temp").iterdir()) == []
    scratch = Path(os.environ["XDG_DATA_HOME"]) / "gcm-collect" / "tmp"
    assert list(scratch.iterdir()) == []
