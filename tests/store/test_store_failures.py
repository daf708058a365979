"""Full disk and a locked database: one clear UserError naming the file, nothing lost."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from gcm_collect.errors import UserError
from gcm_collect.store import Store


def test_full_disk_loses_nothing_and_recovers(store: Store, submission: str, db_path) -> None:
    store.set_answer(submission, "kept", "before the disk filled", who="t")
    history = store.history(submission)
    pages = store._conn.execute("PRAGMA page_count").fetchone()[0]
    store._conn.execute(f"PRAGMA max_page_count = {pages}")  # no room for one more page

    with pytest.raises(UserError, match="disk is full") as info:
        store.set_answer(submission, "big", "x" * 200_000, who="t")
    assert info.value.path == str(db_path)
    with pytest.raises(UserError, match="disk is full"):
        with store.atomic():
            for i in range(200):
                store.set_answer(submission, f"q{i}", "y" * 5_000, who="t")

    assert store.get_answers(submission) == {"kept": "before the disk filled"}
    assert store.history(submission) == history
    assert not store._conn.in_transaction

    store._conn.execute("PRAGMA max_page_count = 1073741823")  # space freed
    store.set_answer(submission, "big", "x" * 200_000, who="t")
    assert len(store.get_answers(submission)["big"]) == 200_000


def test_locked_database_is_a_clear_error_after_the_busy_timeout(
    store: Store, submission: str, db_path: Path
) -> None:
    store.set_answer(submission, "q", "mine", who="t")
    other = sqlite3.connect(db_path, isolation_level=None)
    try:
        other.execute("BEGIN IMMEDIATE")  # another program holds the write lock
        with pytest.raises(UserError, match="in use by another program") as info:
            store.set_answer(submission, "q", "blocked", who="t")
        assert info.value.path == str(db_path)
        # Reading still works, and a second window can still open the file (WAL).
        assert store.get_answers(submission) == {"q": "mine"}
        with Store.open(db_path, busy_timeout=0.1) as second:
            assert second.get_answers(submission) == {"q": "mine"}
        other.execute("ROLLBACK")
    finally:
        other.close()
    store.set_answer(submission, "q", "after", who="t")
    assert store.get_answers(submission) == {"q": "after"}


def test_programming_errors_are_not_disguised(store: Store) -> None:
    with pytest.raises(sqlite3.ProgrammingError):
        with store.atomic():
            store._conn.execute("SELECT ?", (1, 2))
