"""May this user write here? Tried, not asked: os.access on Windows reads only the read-only
attribute (never the access control list) and says yes for every folder; on Linux, as root,
it says yes for folders no file can be made in. The checks open files instead."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from gcm_collect.errors import UserError
from gcm_collect.files import can_read, can_write, can_write_in
from gcm_collect.store import Store

linux = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="/proc is Linux's")


@linux
def test_a_folder_os_access_calls_writable_is_found_not_to_be():
    assert os.access("/proc", os.W_OK) or os.geteuid() != 0  # what the old check believed
    assert not can_write_in("/proc")


@linux
def test_a_database_where_no_file_can_be_made_is_one_clear_message():
    with pytest.raises(UserError, match="read-only") as refused:
        Store.open(Path("/proc/gcm.sqlite3"))
    assert refused.value.path == "/proc/gcm.sqlite3"


def test_the_probes_leave_nothing_behind_and_change_nothing(tmp_path):
    db = tmp_path / "gcm.sqlite3"
    db.write_bytes(b"SQLite format 3\x00" + b"\x00" * 84)
    before = db.read_bytes(), db.stat().st_mtime_ns
    assert can_read(db) and can_write(db) and can_write_in(tmp_path)
    assert (db.read_bytes(), db.stat().st_mtime_ns) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["gcm.sqlite3"]


def test_missing_files_and_folders_are_neither_readable_nor_writable(tmp_path):
    assert not can_read(tmp_path / "missing.sqlite3")
    assert not can_write(tmp_path / "missing.sqlite3")
    assert not can_write_in(tmp_path / "missing")
    assert not can_read(tmp_path)  # a folder is not a file to read


@pytest.mark.skipif(os.name == "nt" or os.geteuid() == 0, reason="POSIX modes; root ignores them")
def test_a_read_only_file_is_found_read_only(tmp_path):
    db = tmp_path / "gcm.sqlite3"
    db.write_bytes(b"x")
    db.chmod(0o444)
    assert can_read(db) and not can_write(db)
    db.chmod(0o000)
    assert not can_read(db)
