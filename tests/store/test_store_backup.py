"""Backups (online backup API), checked restores, and the daily automatic backup."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from store_helpers import digest, new_submission

from gcm_collect.errors import UserError
from gcm_collect.store import SCHEMA_VERSION, Store


def filled(store: Store) -> str:
    uuid = new_submission(store)
    practice = store.add_instance(uuid, "practices", who="t")
    store.set_answer(uuid, f"practices[{practice}]/title", "مبادرة صحية", who="t")
    store.set_answer(uuid, "notes", "x" * 40_000, who="t")
    return uuid


def test_backup_is_a_complete_self_contained_copy(store: Store, tmp_path: Path) -> None:
    uuid = filled(store)
    dest = store.backup_to(tmp_path / "out" / "copy.sqlite")
    assert dest == tmp_path / "out" / "copy.sqlite"
    assert sorted(p.name for p in dest.parent.iterdir()) == ["copy.sqlite"]  # no temp, no WAL
    conn = sqlite3.connect(dest)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.close()
    with Store.open(dest) as copy:
        assert copy.get_record(uuid) == store.get_record(uuid)


def test_backup_replaces_an_older_backup_atomically(store: Store, tmp_path: Path) -> None:
    dest = tmp_path / "copy.sqlite"
    dest.write_bytes(b"an older backup")
    filled(store)
    store.backup_to(dest)
    with Store.open(dest) as copy:
        assert copy.count_submissions() == 1


def test_backup_into_an_unwritable_place_is_a_user_error(store: Store, tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    with pytest.raises(UserError) as info:
        store.backup_to(blocker / "copy.sqlite")
    assert "copy.sqlite" in str(info.value)


def test_restore_replaces_contents_and_keeps_the_replaced_database(
    store: Store, db_path: Path, tmp_path: Path
) -> None:
    first = filled(store)
    backup = store.backup_to(tmp_path / "monday.sqlite")
    later = new_submission(store, state="KEN", region="ECA")

    kept = store.restore_from(backup)
    assert kept is not None and kept.parent == db_path.parent / "backups"
    assert [s.uuid for s in store.list_submissions()] == [first]
    store.set_answer(first, "after_restore", 1, who="t")  # still a working, WAL database
    assert store._conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    with Store.open(kept) as replaced:
        assert {s.uuid for s in replaced.list_submissions()} == {first, later}
    store.close()
    with Store.open(db_path) as reopened:
        assert reopened.get_answers(first)["after_restore"] == 1


@pytest.mark.parametrize("kind", ["text", "foreign", "newer", "damaged", "missing"])
def test_restore_refuses_bad_files_without_touching_the_database(
    store: Store, tmp_path: Path, kind: str
) -> None:
    uuid = filled(store)
    source = tmp_path / f"{kind}.sqlite"
    if kind == "text":
        source.write_text("hello")
    elif kind == "foreign":
        conn = sqlite3.connect(source)
        conn.execute("CREATE TABLE t (x)")
        conn.commit()
        conn.close()
    elif kind == "newer":
        store.backup_to(source)
        conn = sqlite3.connect(source)
        conn.execute(
            "INSERT INTO _sqlite_migrations (migration_set, name, applied_at) "
            "VALUES ('gcm_collect', 'm999_future', 'x')"
        )
        conn.commit()
        conn.close()
    elif kind == "damaged":
        store.backup_to(source)
        data = bytearray(source.read_bytes())
        for offset in range(4096 * 3, len(data), 4096):  # scramble every page but the header
            data[offset + 8 : offset + 64] = bytes(range(56))
        source.write_bytes(bytes(data))
    before = store.get_record(uuid)
    with pytest.raises(UserError) as info:
        store.restore_from(source, keep_dir=tmp_path / "kept")
    assert info.value.path == str(source)
    assert store.get_record(uuid) == before
    assert not (tmp_path / "kept").exists()


def test_restore_of_an_older_schema_backup_migrates_it(store: Store, tmp_path: Path) -> None:
    from test_store_open import build_first_schema_database

    old = tmp_path / "old.sqlite"
    build_first_schema_database(old)
    conn = sqlite3.connect(old)
    conn.execute("PRAGMA journal_mode = DELETE")
    conn.close()
    store.restore_from(old, keep_dir=tmp_path / "kept")
    assert store.schema_version == SCHEMA_VERSION
    assert store.count_submissions() == 50
    assert store.get_submission("s01").title == ""


def test_auto_backup_once_a_day_keeping_seven(store: Store, clock, tmp_path: Path) -> None:
    folder = tmp_path / "auto"
    folder.mkdir()
    (folder / "my-notes.sqlite").write_text("not ours to delete")
    filled(store)
    made = []
    for _day in range(10):
        made.append(store.auto_backup(folder))
        assert store.auto_backup(folder) is None  # same day: nothing more
        clock.advance(days=1)
    assert all(made)
    names = sorted(p.name for p in folder.iterdir())
    assert names == sorted([p.name for p in made[-7:]] + ["my-notes.sqlite"])
    assert names[0] == "gcm-2026-03-04.sqlite"  # named after the database, gcm.sqlite
    assert digest(made[-1]) == digest(made[-1])  # a readable file
    with Store.open(made[-1]) as copy:
        assert copy.count_submissions() == 1


def test_each_database_in_a_folder_gets_its_own_daily_backup(
    store: Store, clock, db_path: Path, tmp_path: Path
) -> None:
    folder = db_path.parent / "backups"
    filled(store)
    with Store.open(db_path.with_name("ESCWA office.sqlite3"), now=clock) as other:
        for _day in range(9):
            mine, theirs = store.auto_backup(folder, keep=3), other.auto_backup(folder, keep=3)
            assert mine is not None and theirs is not None  # the same day, both backed up
            clock.advance(days=1)
    names = sorted(p.name for p in folder.iterdir())
    assert names == [
        "ESCWA office-2026-03-07.sqlite",
        "ESCWA office-2026-03-08.sqlite",
        "ESCWA office-2026-03-09.sqlite",
        "gcm-2026-03-07.sqlite",
        "gcm-2026-03-08.sqlite",
        "gcm-2026-03-09.sqlite",
    ]  # each keeps its newest three; neither deletes the other's
    with Store.open(folder / "gcm-2026-03-09.sqlite") as copy:
        assert copy.count_submissions() == 1


def test_backup_onto_the_database_itself_is_refused(store: Store, db_path: Path) -> None:
    # The copy would replace the live file: an app open on it would go on writing to a
    # deleted file, and everything typed afterwards would be lost.
    uuid = filled(store)
    with Store.open(db_path) as cli:
        with pytest.raises(UserError, match="cannot write the backup") as info:
            cli.backup_to(db_path)
        with pytest.raises(UserError):
            cli.backup_to(db_path.parent / "." / db_path.name)
    assert info.value.path == str(db_path)
    store.set_answer(uuid, "notes", "typed after the backup", who="t")
    store.close()
    with Store.open(db_path) as reopened:
        assert reopened.get_answers(uuid)["notes"] == "typed after the backup"


# --- restores that cannot be hijacked (issue 15) ---------------------------------------------

TAMPERING = {
    "trigger": "CREATE TRIGGER t AFTER UPDATE ON answers BEGIN "
    "UPDATE answers SET value = '\"TAMPERED BY TRIGGER\"' WHERE rowid = new.rowid; END",
    "trigger deleting audit": "CREATE TRIGGER gone AFTER INSERT ON audit BEGIN "
    "DELETE FROM audit; END",
    "view": "CREATE VIEW everything AS SELECT * FROM answers",
    "hidden table": "CREATE TABLE copied (value TEXT)",
    "index": "CREATE INDEX odd ON answers (abs(-9223372036854775807 - length(value)))",
}


def _tampered(store: Store, source: Path, statement: str) -> Path:
    store.backup_to(source)
    conn = sqlite3.connect(source)
    conn.execute(statement)
    conn.commit()
    conn.close()
    return source


def _untouched(store: Store, uuid: str, before: dict, db_path: Path) -> None:
    assert store.get_record(uuid) == before
    store.set_answer(uuid, "notes", "typed after the refusal", who="t")  # still usable
    assert store.get_answers(uuid)["notes"] == "typed after the refusal"
    assert sorted(p.name for p in db_path.parent.iterdir() if "restore" in p.name) == []


@pytest.mark.parametrize("kind", sorted(TAMPERING))
def test_a_backup_with_parts_the_app_does_not_make_is_refused(
    store: Store, db_path: Path, tmp_path: Path, kind: str
) -> None:
    uuid = filled(store)
    source = _tampered(store, tmp_path / "tampered.sqlite", TAMPERING[kind])
    before = store.get_record(uuid)
    with pytest.raises(UserError) as refused:
        store.restore_from(source, keep_dir=tmp_path / "kept")
    assert refused.value.path == str(source)
    assert "parts GCM Collect does not make" in refused.value.message
    assert not (tmp_path / "kept").exists()
    _untouched(store, uuid, before, db_path)
    assert "TAMPERED" not in str(store.get_answers(uuid))


def test_an_old_backup_with_a_trigger_is_refused_before_migrating(
    store: Store, db_path: Path, tmp_path: Path
) -> None:
    from test_store_open import build_first_schema_database

    uuid = filled(store)
    before = store.get_record(uuid)
    old = tmp_path / "old.sqlite"
    build_first_schema_database(old)
    conn = sqlite3.connect(old)
    conn.execute("PRAGMA journal_mode = DELETE")
    conn.execute(
        "CREATE TRIGGER spy AFTER INSERT ON _sqlite_migrations BEGIN DELETE FROM audit; END"
    )
    conn.commit()
    conn.close()
    with pytest.raises(UserError, match="trigger spy"):
        store.restore_from(old, keep_dir=tmp_path / "kept")
    _untouched(store, uuid, before, db_path)


def test_a_backup_marked_ours_without_its_migrations_leaves_the_database_usable(
    store: Store, db_path: Path, tmp_path: Path
) -> None:
    uuid = filled(store)
    before = store.get_record(uuid)
    source = _tampered(store, tmp_path / "bare.sqlite", "DROP TABLE _sqlite_migrations")
    with pytest.raises(UserError) as refused:
        store.restore_from(source, keep_dir=tmp_path / "kept")
    assert "cannot be brought up to date" in refused.value.message
    assert refused.value.path == str(source)
    _untouched(store, uuid, before, db_path)
    store.close()
    with Store.open(db_path) as reopened:
        assert reopened.get_answers(uuid)["notes"] == "typed after the refusal"
