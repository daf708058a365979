"""Encryption at rest (SQLCipher): real encrypted SQLite files, their backups, conversions."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from store_helpers import digest

from gcm_collect.demo.generate import generate
from gcm_collect.errors import UserError
from gcm_collect.store import Store, cipher
from gcm_collect.store.encrypting import decrypt, encrypt

PASSPHRASE = "correct horse 'battery' staple, مفتاح 钥匙"  # quotes, any script
SECRET = "Initiative de santé à Ouagadougou"  # an answer that must not be readable on disk


def everything(store: Store) -> list[dict]:
    return [store.get_record(s.uuid) for s in store.list_submissions(include_deleted=True)]


@pytest.fixture
def plain(db_path: Path) -> tuple[Path, list[dict]]:
    """A database of 12 submissions, one with a known answer; closed."""
    with Store.open(db_path) as store:
        generate(store, 12, seed=3)
        first = store.list_submissions()[0].uuid
        store.set_answer(first, "notes", SECRET, who="t")
        records = everything(store)
    return db_path, records


def forget(path: Path) -> None:
    """As a new process would: no passphrase known yet."""
    cipher.remember(path, None)


def test_encrypted_file_is_unreadable_without_the_passphrase(plain) -> None:
    path, records = plain
    assert SECRET.encode() in path.read_bytes()
    encrypt(path, PASSPHRASE)
    forget(path)
    raw = path.read_bytes()
    assert not raw.startswith(b"SQLite format 3")
    assert SECRET.encode() not in raw and b"gcm_state_practice" not in raw
    with pytest.raises(sqlite3.DatabaseError, match="not a database"):
        sqlite3.connect(path).execute("SELECT * FROM sqlite_master").fetchall()
    with Store.open(path, passphrase=PASSPHRASE) as store:
        assert everything(store) == records


def test_without_a_passphrase_one_message_names_the_database(plain) -> None:
    path, _records = plain
    encrypt(path, PASSPHRASE)
    forget(path)
    with pytest.raises(cipher.PassphraseNeeded) as info:
        Store.open(path)
    assert str(info.value).startswith(f"{path}: this database is encrypted")
    assert cipher.PASSPHRASE_ENV in str(info.value)


def test_a_wrong_passphrase_is_one_message_and_nothing_on_stderr(plain, capfd) -> None:
    path, _records = plain
    encrypt(path, PASSPHRASE)
    forget(path)
    before = digest(path)
    capfd.readouterr()
    with pytest.raises(cipher.WrongPassphrase) as info:
        Store.open(path, passphrase="correct horse battery staple, مفتاح 钥匙")
    assert str(info.value) == (
        f"{path}: the passphrase does not open this database (or it is not a GCM Collect database)"
    )
    assert capfd.readouterr().err == ""  # SQLCipher's own log stays quiet
    assert digest(path) == before


def test_encrypt_then_decrypt_keeps_every_submission(plain) -> None:
    path, records = plain
    encrypt(path, PASSPHRASE)
    assert cipher.is_encrypted(path)
    with Store.open(path) as store:  # this process opened it with the passphrase already
        store.set_answer(store.list_submissions()[1].uuid, "notes", "written encrypted", who="t")
        records = everything(store)
    decrypt(path, PASSPHRASE)
    assert path.read_bytes().startswith(b"SQLite format 3")
    with Store.open(path) as store:
        assert everything(store) == records
    assert sorted(p.name for p in path.parent.iterdir()) == [path.name]  # no temp file left


def test_decrypt_with_a_wrong_passphrase_changes_nothing(plain) -> None:
    path, _records = plain
    encrypt(path, PASSPHRASE)
    before = digest(path)
    with pytest.raises(cipher.WrongPassphrase):
        decrypt(path, "guess")
    assert digest(path) == before


def test_encrypting_twice_or_decrypting_a_plain_file_is_refused(plain) -> None:
    path, _records = plain
    with pytest.raises(UserError, match="is not encrypted"):
        decrypt(path, PASSPHRASE)
    encrypt(path, PASSPHRASE)
    with pytest.raises(UserError, match="already encrypted"):
        encrypt(path, "another")


def test_encrypting_a_database_open_in_another_program_is_refused(plain) -> None:
    path, records = plain
    # Another process (locks taken by one process do not stop the same process).
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(path)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env=dict(os.environ, PYTHONPATH=str(Path(__file__).resolve().parents[2])),
    )
    try:
        assert holder.stdout.readline().strip() == "open"
        with pytest.raises(UserError, match="in use by another program"):
            encrypt(path, PASSPHRASE, timeout=0.2)
    finally:
        holder.communicate("")
    assert not cipher.is_encrypted(path)
    with Store.open(path) as store:
        assert everything(store) == records


HOLD = """
import sys
from gcm_collect.store import Store
with Store.open(sys.argv[1]) as store:
    store.count_submissions()
    print("open", flush=True)
    sys.stdin.read()
"""


def test_backups_of_an_encrypted_database_are_encrypted_and_restore(plain, tmp_path: Path) -> None:
    path, records = plain
    encrypt(path, PASSPHRASE)
    with Store.open(path) as store:
        copy = store.backup_to(tmp_path / "out" / "copy.sqlite")
        daily = store.auto_backup(tmp_path / "daily")
        assert daily is not None
        for made in (copy, daily):
            assert cipher.is_encrypted(made)
            assert SECRET.encode() not in made.read_bytes()
        store.set_answer(store.list_submissions()[0].uuid, "notes", "changed", who="t")
        store.restore_from(copy, keep_dir=tmp_path / "kept")
        assert everything(store) == records
    kept = next((tmp_path / "kept").iterdir())
    assert cipher.is_encrypted(kept)  # the replaced database is kept encrypted too


def test_a_plain_backup_restored_into_an_encrypted_database_stays_encrypted(
    plain, tmp_path: Path
) -> None:
    path, records = plain
    with Store.open(path) as store:
        copy = store.backup_to(tmp_path / "plain-copy.sqlite")
    encrypt(path, PASSPHRASE)
    with Store.open(path) as store:
        store.set_answer(store.list_submissions()[0].uuid, "notes", "changed", who="t")
        store.restore_from(copy, keep_dir=tmp_path / "kept")
        assert everything(store) == records
    assert cipher.is_encrypted(path) and SECRET.encode() not in path.read_bytes()


def test_encrypt_also_encrypts_the_daily_backups_and_decrypt_undoes_it(
    plain, tmp_path: Path
) -> None:
    path, records = plain
    folder = tmp_path / "backups"
    with Store.open(path) as store:
        daily = store.auto_backup(folder)
    other = folder / "another-2026-01-01.sqlite"  # another database's backup: left alone
    other.write_bytes(daily.read_bytes())
    assert encrypt(path, PASSPHRASE, backups=folder) == [daily]
    assert cipher.is_encrypted(daily) and not cipher.is_encrypted(other)
    assert decrypt(path, PASSPHRASE, backups=folder) == [daily]
    with Store.open(daily) as store:
        assert everything(store) == records


def test_an_old_encrypted_database_is_migrated_by_sqlite_utils_on_sqlcipher(tmp_path) -> None:
    from sqlite_utils import Database
    from test_store_open import build_first_schema_database

    from gcm_collect.store import SCHEMA_VERSION

    path = tmp_path / "first-release.sqlite3"
    build_first_schema_database(path)
    encrypt(path, PASSPHRASE)  # as the first release's file, only encrypted
    forget(path)
    with Store.open(path, passphrase=PASSPHRASE) as store:  # migrations run on SQLCipher
        assert store.schema_version == SCHEMA_VERSION
        assert store.count_submissions() == 50
        db = Database(store._conn)  # sqlite-utils on the encrypted connection
        assert db["answers"].count == 50 and "audit" in db.table_names()
    assert cipher.is_encrypted(path)


def test_the_open_store_goes_on_after_converting_in_place(plain) -> None:
    from gcm_collect.store.encrypting import convert_open

    path, records = plain
    with Store.open(path) as store:
        states = sorted({r["state"] for r in records}, reverse=True)
        store.set_state_order("fr", states)
        convert_open(store, PASSPHRASE, encrypting=True)
        assert cipher.is_encrypted(path)
        assert not store.has_state_order("fr")  # its ranks went with the old connection
        store.set_state_order("fr", states)
        listed = store.list_submissions(order_by="state_name", lang="fr", descending=False)
        assert [s.state for s in listed] == sorted((r["state"] for r in records), reverse=True)
        with pytest.raises(cipher.WrongPassphrase):
            convert_open(store, "not it", encrypting=False)
        assert everything(store) == records  # still open, still encrypted, after a refusal
        convert_open(store, PASSPHRASE, encrypting=False)
        assert everything(store) == records and not cipher.is_encrypted(path)
