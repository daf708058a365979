"""Backing up is one operation for the command line and the app: the copy, and its time."""

from __future__ import annotations

from gcm_collect.ops.backups import back_up, daily_backup, last_backup, restore
from gcm_collect.store import Store


def test_a_backup_is_a_copy_and_the_status_bar_learns_when(tmp_path):
    with Store.open(tmp_path / "laptop.sqlite3") as store:
        assert last_backup(store) is None
        store.set_setting("officer", "Amina Diallo")
        written = back_up(store)  # the dated file in the backups folder beside the database
        assert written.parent == tmp_path / "backups"
        assert (last_backup(store) or "").startswith(store.now()[:10])  # today, in UTC
        store.set_setting("officer", "someone else")
        restore(store, written)
        assert store.get_setting("officer") == "Amina Diallo"


def test_the_daily_backup_is_made_once_a_day(tmp_path):
    with Store.open(tmp_path / "laptop.sqlite3") as store:
        first = daily_backup(store)
        assert first is not None and first.is_file()
        assert last_backup(store) is not None
        assert daily_backup(store) is None  # not twice the same day
