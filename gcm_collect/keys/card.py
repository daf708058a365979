"""Key cards: a small JSON file an officer hands to the regional commission.

It holds nothing secret: the public key, its fingerprint and who says they hold it. The
commission checks the fingerprint with the officer (phone, meeting) before ``trust add``.
"""

from __future__ import annotations

import base64
import binascii
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from gcm_collect.errors import UserError
from gcm_collect.files import write_file
from gcm_collect.i18n import _
from gcm_collect.keys.fingerprint import fingerprint, normalized, public_key_problem

CARD_FORMAT = "gcm-collect-key-card"
CARD_VERSION = 1
MAX_CARD_BYTES = 64 * 1024  # a card is a few hundred bytes; anything larger is not one


@dataclass(frozen=True)
class KeyCard:
    public_key: bytes
    officer: str
    states: tuple[str, ...]
    device_id: str
    created: str

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.public_key)

    def to_data(self) -> dict[str, Any]:
        return {
            "format": CARD_FORMAT,
            "version": CARD_VERSION,
            "public_key": base64.b64encode(self.public_key).decode("ascii"),
            "fingerprint": self.fingerprint,
            "officer": self.officer,
            "states": list(self.states),
            "device_id": self.device_id,
            "created": self.created,
        }


def write_card(card: KeyCard, path: str | os.PathLike[str]) -> Path:
    target = Path(path)
    text = json.dumps(card.to_data(), ensure_ascii=False, indent=2) + "\n"
    try:
        write_file(target, text.encode("utf-8"))
    except OSError as exc:
        raise UserError(
            _("cannot write the key card: {problem}").format(problem=exc.strerror or exc), target
        ) from exc
    return target


def read_card(path: str | os.PathLike[str]) -> KeyCard:
    """The card at ``path``; UserError naming the file when it is not a valid key card
    (including a fingerprint that does not match its public key)."""
    file = Path(path)
    try:
        if file.stat().st_size > MAX_CARD_BYTES:
            raise UserError(_("not a GCM Collect key card"), file)
        data = json.loads(file.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise UserError(_("file not found"), file) from exc
    except (OSError, ValueError) as exc:
        raise UserError(_("not a GCM Collect key card"), file) from exc
    if not isinstance(data, dict) or data.get("format") != CARD_FORMAT:
        raise UserError(_("not a GCM Collect key card"), file)
    try:
        raw = base64.b64decode(str(data["public_key"]), validate=True)
        states = tuple(str(s).upper() for s in data.get("states") or ())
        card = KeyCard(
            raw,
            str(data.get("officer") or ""),
            states,
            str(data.get("device_id") or ""),
            str(data.get("created") or ""),
        )
    except (KeyError, TypeError, ValueError, binascii.Error) as exc:
        raise UserError(_("the key card is damaged"), file) from exc
    problem = public_key_problem(raw)
    if problem is not None:
        raise UserError(problem, file)
    if normalized(str(data.get("fingerprint") or "")) != card.fingerprint:
        raise UserError(_("the key card's fingerprint does not match its public key"), file)
    return card
