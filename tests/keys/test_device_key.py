"""The installation's key: made once, kept private and encrypted, handed out as a key card."""

from __future__ import annotations

import json
import stat

import pytest
from cryptography.hazmat.primitives import serialization

from gcm_collect.errors import UserError
from gcm_collect.keys import key_file_for, read_card, write_card
from gcm_collect.ops.keys import device_key, key_card
from gcm_collect.store import Store


def test_key_is_made_once_private_and_encrypted(tmp_path):
    db = tmp_path / "db.sqlite3"
    with Store.open(db) as store:
        first = device_key(store).fingerprint
    with Store.open(db) as store:
        assert device_key(store).fingerprint == first  # the same key on the next start
    path = key_file_for(db)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    pem = path.read_bytes()
    assert b"ENCRYPTED PRIVATE KEY" in pem
    with pytest.raises(TypeError):  # the file alone opens nothing: it needs the secret
        serialization.load_pem_private_key(pem, password=None)
    groups = first.split(" ")
    assert len(groups) == 8 and all(len(g) == 4 and g.isalnum() and g.isupper() for g in groups)


def test_a_key_file_of_another_database_is_one_clear_message(tmp_path):
    one, two = tmp_path / "one.sqlite3", tmp_path / "two.sqlite3"
    with Store.open(one) as store:
        device_key(store)
    with Store.open(two) as store:
        device_key(store)
    key_file_for(two).write_bytes(key_file_for(one).read_bytes())
    with Store.open(two) as store, pytest.raises(UserError) as caught:
        device_key(store)
    assert str(caught.value).startswith(str(key_file_for(two)))
    assert "another database" in str(caught.value)


def test_card_round_trip_and_tampered_cards_refused(tmp_path):
    with Store.open(tmp_path / "db.sqlite3") as store:
        store.set_setting("officer", "Amina Diallo")
        card = key_card(store)
    path = write_card(card, tmp_path / "card.json")
    assert read_card(path) == card
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["officer"] == "Amina Diallo" and data["fingerprint"] == card.fingerprint
    with Store.open(tmp_path / "other.sqlite3") as other:
        stranger = key_card(other)
    data["public_key"] = json.loads(write_card(stranger, tmp_path / "s.json").read_text())[
        "public_key"
    ]
    path.write_text(json.dumps(data), encoding="utf-8")  # someone else's key, Amina's name
    with pytest.raises(UserError, match="fingerprint does not match"):
        read_card(path)
    (tmp_path / "junk.json").write_text("[1, 2]", encoding="utf-8")
    with pytest.raises(UserError, match="not a GCM Collect key card"):
        read_card(tmp_path / "junk.json")
