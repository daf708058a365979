"""This installation's signing key: made at first use, shown, handed out as a key card."""

from __future__ import annotations

import base64
import secrets
import weakref
from typing import Any

from gcm_collect.keys import DeviceKey, KeyCard, key_file_for, load_or_create
from gcm_collect.store import Store

SETTING = "device_key"  # {"secret": base64, "created": UTC time}: the key file's password
_EPHEMERAL: weakref.WeakKeyDictionary[Store, DeviceKey] = weakref.WeakKeyDictionary()


def device_key(store: Store) -> DeviceKey:
    """The key pair of this database's installation, made (and its secret kept in the
    database) at first use. An in-memory database gets a key for its lifetime only."""
    if store.path is None:
        if store not in _EPHEMERAL:
            _EPHEMERAL[store] = DeviceKey.generate()
        return _EPHEMERAL[store]
    setting = _setting(store)
    key, made = load_or_create(key_file_for(store.path), base64.b64decode(setting["secret"]))
    if made:  # a new key (first use, or the file was moved away): a new creation time
        store.set_setting(SETTING, {**setting, "created": store.now()})
    return key


def _setting(store: Store) -> dict[str, Any]:
    setting = store.get_setting(SETTING)
    if not isinstance(setting, dict) or not isinstance(setting.get("secret"), str):
        setting = {"secret": base64.b64encode(secrets.token_bytes(32)).decode("ascii")}
        store.set_setting(SETTING, setting)
    return setting


def officer(store: Store) -> str:
    name = store.get_setting("officer", "") or ""
    return name.get("name", "") if isinstance(name, dict) else str(name)


def key_card(store: Store) -> KeyCard:
    """What the officer hands out: the public key, and who holds it for which States."""
    key = device_key(store)
    created = (store.get_setting(SETTING) or {}).get("created") or ""
    return KeyCard(
        public_key=key.public_bytes,
        officer=officer(store),
        states=tuple(store.submission_states()),
        device_id=store.device_id,
        created=str(created),
    )


def card_lines(card: KeyCard) -> list[tuple[str, str]]:
    """The card as label/value pairs, for ``key show`` and the app's key window."""
    from gcm_collect.i18n import _

    return [
        (_("Officer"), card.officer or _("(not set)")),
        (_("States"), ", ".join(card.states) or _("(none yet)")),
        (_("Device"), card.device_id),
        (_("Key fingerprint"), card.fingerprint),
        (_("Key made at (UTC)"), card.created),
    ]
