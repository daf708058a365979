"""Opening databases: pragmas, migrations, and the files that must be refused untouched."""

from __future__ import annotations

import os
import re
import sqlite3
from pathlib import Path

import pytest
from store_helpers import FakeClock, digest, new_submission, read_only

from gcm_collect.errors import UserError
from gcm_collect.store import SCHEMA_VERSION, Store, schema


def pragma(path: Path, name: str):
    conn = sqlite3.connect(path)
    try:
        return conn.execute(f"PRAGMA {name}").fetchone()[0]
    finally:
        conn.close()


def test_new_database_uses_wal_full_sync_and_foreign_keys(store: Store, db_path: Path) -> None:
    conn = store._conn
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert store.schema_version == SCHEMA_VERSION == 8
    assert pragma(db_path, "application_id") == schema.APPLICATION_ID
    assert store.path == db_path


def test_device_id_is_created_once_and_kept(db_path: Path) -> None:
    with Store.open(db_path) as first:
        device = first.device_id
    with Store.open(db_path) as second:
        assert second.device_id == device
        assert second.get_setting("device_id") == device
    assert re.fullmatch(r"[0-9a-f-]{36}", device)


def test_timestamps_are_utc_iso_with_milliseconds(db_path: Path) -> None:
    with Store.open(db_path) as store:
        sub = store.get_submission(new_submission(store))
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z", sub.created_at)


def test_naive_clock_is_refused(db_path: Path) -> None:
    from datetime import datetime

    with Store.open(db_path, now=datetime.now) as store, pytest.raises(ValueError):
        new_submission(store)


def test_memory_database_for_tests() -> None:
    with Store.open(":memory:") as store:
        uuid = new_submission(store)
        store.set_answer(uuid, "q", "v", who="t")
        assert store.get_answers(uuid) == {"q": "v"}
        assert store.path is None


def test_missing_file_without_create_is_a_user_error(tmp_path: Path) -> None:
    path = tmp_path / "nope.sqlite"
    with pytest.raises(UserError) as info:
        Store.open(path, create=False)
    assert info.value.path == str(path)
    assert not path.exists()


def test_folder_instead_of_file(tmp_path: Path) -> None:
    with pytest.raises(UserError, match="folder"):
        Store.open(tmp_path)


def test_file_that_is_not_a_database_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "notes.sqlite"
    path.write_bytes(b"These are my notes, not a database.\n" * 200)
    before = digest(path)
    with pytest.raises(UserError) as info:
        Store.open(path)
    assert "not a GCM Collect database" in str(info.value)
    assert str(path) in str(info.value)
    assert digest(path) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.sqlite"]


def test_another_applications_sqlite_file_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "other.sqlite"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE contacts (name TEXT)")
    conn.execute("INSERT INTO contacts VALUES ('x')")
    conn.commit()
    conn.close()
    before = digest(path)
    with pytest.raises(UserError, match="not a GCM Collect database"):
        Store.open(path)
    assert digest(path) == before


def test_database_from_a_newer_version_is_refused_and_never_written(db_path: Path) -> None:
    with Store.open(db_path) as store:
        uuid = new_submission(store)
    # What a newer app would leave: one more migration recorded.
    conn = sqlite3.connect(db_path)
    conn.execute(
        "INSERT INTO _sqlite_migrations (migration_set, name, applied_at) "
        "VALUES ('gcm_collect', 'm999_from_the_future', '2030-01-01')"
    )
    conn.commit()
    conn.execute("PRAGMA journal_mode = DELETE")  # a plain single file, to compare bytes
    conn.close()
    before, mtime = digest(db_path), db_path.stat().st_mtime_ns
    with pytest.raises(UserError) as info:
        Store.open(db_path)
    assert "newer version" in str(info.value)
    assert info.value.path == str(db_path)
    assert digest(db_path) == before
    assert db_path.stat().st_mtime_ns == mtime
    assert pragma(db_path, "journal_mode") == "delete"  # not even switched to WAL
    conn = sqlite3.connect(db_path)
    assert conn.execute("SELECT uuid FROM submissions").fetchall() == [(uuid,)]
    conn.close()


def build_first_schema_database(path: Path) -> None:
    """A database as the first release made it: migration 1 only, with data in every table."""
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    schema.migrate(conn, stop_before="m002_titles_and_list_indexes")
    conn.execute("BEGIN")
    conn.execute(
        "INSERT INTO forms VALUES ('gcm', '1', 'h1', 'Survey', '{\"a\": 1}', "
        "'2025-01-01T00:00:00.000Z')"
    )
    for i in range(50):
        conn.execute(
            "INSERT INTO submissions (uuid, form_id, form_version, state, region, period, "
            "status, revision, revises, created_at, updated_at, officer, device_id, deleted_at, "
            "last_path) VALUES (?, 'gcm', '1', 'KEN', 'ECA', '2025', 'draft', 1, NULL, "
            "'2025-01-01T00:00:00.000Z', ?, 'old officer', 'dev', NULL, 'q1')",
            (f"s{i:02d}", f"2025-01-01T00:00:{i:02d}.000Z"),
        )
        conn.execute("INSERT INTO answers VALUES (?, 'q1', ?)", (f"s{i:02d}", f'"answer {i}"'))
        conn.execute("INSERT INTO instances VALUES (?, 'practices', 'p1', 0)", (f"s{i:02d}",))
        conn.execute(
            "INSERT INTO audit (submission_uuid, at, who, action, path, old_value, new_value) "
            "VALUES (?, '2025-01-01T00:00:00.000Z', 'x', 'answer', 'q1', NULL, '\"a\"')",
            (f"s{i:02d}",),
        )
    conn.execute("INSERT INTO settings VALUES ('device_id', '\"old-device\"')")
    conn.execute("COMMIT")
    conn.close()


def test_first_schema_database_is_migrated_forward_keeping_every_row(db_path: Path) -> None:
    db_path.parent.mkdir(parents=True)
    build_first_schema_database(db_path)
    conn = sqlite3.connect(db_path)
    columns = [row[1] for row in conn.execute("PRAGMA table_info(submissions)")]
    conn.close()
    assert "title" not in columns  # really the first schema

    with Store.open(db_path, now=FakeClock()) as store:
        assert store.schema_version == SCHEMA_VERSION
        assert store.device_id == "old-device"
        assert store.count_submissions() == 50
        sub = store.get_submission("s07")
        assert (sub.title, sub.officer, sub.last_path) == ("", "old officer", "q1")
        assert store.get_answers("s07") == {"q1": "answer 7"}
        assert store.get_instances("s07") == {"practices": ["p1"]}
        assert len(store.history("s07")) == 1
        assert store.get_form("gcm", "1").definition == '{"a": 1}'
        assert "submissions_live" in store.explain_list()
        # and it is usable under the new schema
        store.set_title("s07", "Kenya 2025", who="t")
        assert store.list_submissions(text="Kenya")[0].uuid == "s07"


def test_migration_is_all_or_nothing(tmp_path: Path, monkeypatch) -> None:
    path = tmp_path / "old.sqlite"
    build_first_schema_database(path)

    def broken(db) -> None:
        db.execute("ALTER TABLE submissions ADD COLUMN title TEXT NOT NULL DEFAULT ''")
        raise RuntimeError("migration failed halfway")

    steps = [(n, broken if n.startswith("m002") else fn) for n, fn in schema._steps]
    monkeypatch.setattr(schema, "_steps", steps)
    with pytest.raises(RuntimeError):
        Store.open(path)
    monkeypatch.undo()
    conn = sqlite3.connect(path)
    columns = [row[1] for row in conn.execute("PRAGMA table_info(submissions)")]
    names = [row[0] for row in conn.execute("SELECT name FROM _sqlite_migrations")]
    conn.close()
    assert "title" not in columns and names == ["m001_first_schema"]
    with Store.open(path) as store:
        assert store.count_submissions() == 50


def test_read_only_database_file_is_a_clear_user_error(db_path: Path) -> None:
    with Store.open(db_path) as store:
        new_submission(store)
    before = digest(db_path)
    with read_only(db_path):
        with pytest.raises(UserError, match="read-only") as info:
            Store.open(db_path)
        assert info.value.path == str(db_path)
    assert digest(db_path) == before


def test_read_only_folder_is_a_clear_user_error(db_path: Path) -> None:
    with Store.open(db_path) as store:
        uuid = new_submission(store)
    with read_only(db_path.parent):
        with pytest.raises(UserError, match="read-only") as info:
            Store.open(db_path)
        assert info.value.path == str(db_path)
        with pytest.raises(UserError, match="read-only"):
            Store.open(db_path.parent / "new.sqlite")
    with Store.open(db_path) as store:
        assert store.get_submission(uuid).uuid == uuid


def test_database_is_created_in_a_missing_folder(tmp_path: Path) -> None:
    path = tmp_path / "a" / "b" / "gcm.sqlite"
    with Store.open(path):
        pass
    assert path.is_file()
    assert os.path.getsize(path) > 0


def test_migrations_table_name_matches_sqlite_utils() -> None:
    from sqlite_utils import Migrations

    assert schema.MIGRATIONS_TABLE == Migrations.migrations_table


def test_the_list_count_reads_an_index_not_every_row(store: Store) -> None:
    plan = store._conn.execute(
        "EXPLAIN QUERY PLAN SELECT count(*) FROM submissions WHERE deleted_at IS NULL"
    ).fetchall()
    assert "submissions_live" in str(plan)


def test_speed_indexes_come_without_a_schema_change(db_path: Path) -> None:
    """A database whose index is missing (an earlier release's) gets it at open, and keeps its
    schema version, so the earlier release still opens it."""
    with Store.open(db_path) as store:
        store._conn.execute("DROP INDEX submissions_live")
    with Store.open(db_path) as store:
        assert "submissions_live" in store.explain_list()
        assert store.schema_version == SCHEMA_VERSION == 8


def test_a_database_behind_a_folder_this_user_may_not_enter_is_one_message(
    tmp_path: Path, monkeypatch
) -> None:
    target = tmp_path / "locked" / "db.sqlite3"
    real_stat = Path.stat

    def stat(self, *args, **kwargs):
        if self == target:
            raise PermissionError(13, "Permission denied")
        return real_stat(self, *args, **kwargs)

    monkeypatch.setattr(Path, "stat", stat)  # (tests may run as root, who enters anything)
    with pytest.raises(UserError, match="cannot be reached: Permission denied") as caught:
        Store.open(target)
    assert caught.value.path == str(target)
