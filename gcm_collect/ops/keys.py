"""This installation's signing key: made at first use, shown, handed out as a key card."""

from __future__ import annotations

import base64
import secrets
import weakref
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from gcm_collect.errors import UserError
from gcm_collect.i18n import _
from gcm_collect.keys import DeviceKey, KeyCard, key_file_for, load_or_create, read_card
from gcm_collect.keys.fingerprint import normalized
from gcm_collect.keys.trust import Register
from gcm_collect.store import Store, TrustedKey
from gcm_collect.workbook.signing import Signer, SigningKey

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


def signing_key(store: Store) -> SigningKey:
    """What export and consolidation sign with: this installation's key and identity."""
    card = key_card(store)
    key = device_key(store)
    signer = Signer(card.public_key, card.officer, card.states, card.device_id)
    return SigningKey(signer, key.sign)


def card_lines(card: KeyCard) -> list[tuple[str, str]]:
    """The card as label/value pairs, for ``key show`` and the app's key window."""
    return [
        (_("Officer"), card.officer or _("(not set)")),
        (_("States"), ", ".join(card.states) or _("(none yet)")),
        (_("Device"), card.device_id),
        (_("Key fingerprint"), card.fingerprint),
        (_("Key made at (UTC)"), card.created),
    ]


def register(store: Store) -> Register:
    """The reviewer's register of trusted keys, with their own key believed for any State."""
    own = device_key(store)
    return Register.of(
        ((k.fingerprint, k.officer, k.states) for k in store.trusted_keys()),
        own=(own.fingerprint, officer(store)),
    )


def trust_card(store: Store, path: Path, states: Sequence[str] = ()) -> tuple[TrustedKey, bool]:
    """Register the key of the card at ``path`` for ``states`` (default: the card's own);
    True when it was not registered before. UserError naming the card when it is not valid
    or names no State, or names an unknown State."""
    from gcm_collect import reference

    card = read_card(path)
    chosen = tuple(sorted({s.upper() for s in states} or set(card.states)))
    if not chosen:
        raise UserError(_("the key card names no State; say which with --state ISO3"), path)
    for state in chosen:
        if reference.state(state) is None:
            raise UserError(_("unknown State {state}").format(state=state), path)
    key = TrustedKey(
        fingerprint=card.fingerprint,
        public_key=base64.b64encode(card.public_key).decode("ascii"),
        officer=card.officer,
        device_id=card.device_id,
        states=chosen,
        created=card.created,
        added_at=store.now(),
    )
    return key, store.trust_key(key)


def untrust(store: Store, fingerprint: str) -> str:
    """Remove a key from the register (its fingerprint as typed, any spacing); UserError
    when no key has it."""
    wanted = normalized(fingerprint)
    if not store.untrust_key(wanted):
        raise UserError(
            _("no trusted key has the fingerprint {fingerprint}").format(fingerprint=wanted)
        )
    return wanted


def consolidation_keys(store: Store) -> dict[str, Any]:
    """What ``consolidate`` needs from the reviewer's database: their signing key, their
    register, and the first signers earlier consolidations saw."""
    return {
        "signing_key": signing_key(store),
        "register": register(store),
        "bound": store.submission_keys(),
    }


def remember_first_signers(store: Store, bindings: Mapping[str, str]) -> int:
    """Keep the first signer of each submission a consolidation saw for the first time."""
    return store.bind_submission_keys(bindings)
