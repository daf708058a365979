"""What "saved" promises survives a power cut on macOS too: there fsync stops at the drive's
cache, so commits and WAL checkpoints use F_FULLFSYNC (PRAGMA fullfsync), and files put in
place are flushed with it. No Mac here: the platform is set to darwin, SQLite is real."""

from __future__ import annotations

import sqlite3
import sys

import pytest

from gcm_collect import files
from gcm_collect.store import Store
from gcm_collect.store.connection import apply_pragmas


def pragmas(conn: sqlite3.Connection) -> tuple[int, int, int]:
    return (
        conn.execute("PRAGMA fullfsync").fetchone()[0],
        conn.execute("PRAGMA checkpoint_fullfsync").fetchone()[0],
        conn.execute("PRAGMA synchronous").fetchone()[0],
    )


def test_on_macos_commits_and_checkpoints_ask_the_drive_to_write(tmp_path, monkeypatch):
    db = tmp_path / "gcm.sqlite3"
    conn = sqlite3.connect(db, isolation_level=None)
    try:
        with monkeypatch.context() as mac:
            mac.setattr(sys, "platform", "darwin")
            apply_pragmas(conn, db)  # what every opening of a database does
        assert pragmas(conn) == (1, 1, 2)  # fullfsync, checkpoint_fullfsync, FULL
    finally:
        conn.close()


@pytest.mark.skipif(sys.platform == "darwin", reason="the other systems")
def test_elsewhere_fsync_is_enough_and_fullfsync_stays_off(tmp_path):
    with Store.open(tmp_path / "gcm.sqlite3") as store:
        assert pragmas(store._conn) == (0, 0, 2)


def test_files_put_in_place_on_macos_are_flushed_with_f_fullfsync(tmp_path, monkeypatch):
    import fcntl
    import os

    asked: list[int] = []
    monkeypatch.setattr(fcntl, "F_FULLFSYNC", 51, raising=False)  # <sys/fcntl.h> on macOS
    real = fcntl.fcntl
    monkeypatch.setattr(
        fcntl, "fcntl", lambda fd, cmd, *a: asked.append(cmd) if cmd == 51 else real(fd, cmd, *a)
    )
    fsynced: list[int] = []
    monkeypatch.setattr(os, "fsync", fsynced.append)
    monkeypatch.setattr(sys, "platform", "darwin")  # last: nothing imported meanwhile
    files.write_file(tmp_path / "card.json", b"{}")
    monkeypatch.undo()
    assert asked == [51] and fsynced == []
    assert (tmp_path / "card.json").read_bytes() == b"{}"
