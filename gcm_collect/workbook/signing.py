"""Signed workbooks: who wrote the machine part, proven with an Ed25519 signature.

What is signed is defined here once. The export fingerprint (format 2) is the SHA-256 of one
canonical JSON document that names every part that is data: the meta, each form's id,
version, content hash and definition hash, each record's checksum (its canonical JSON) with
the hash of its provenance, and each attachment's SHA-256 (docs/workbook-format.md). The
signature is over the canonical JSON of ``{"domain", "fingerprint", "signer"}``: the data
through their hashes, and who signs, so a signer's name cannot be swapped under a valid
signature. Cells are read as values: a spreadsheet program that re-saves the file (styles,
column widths, zip layout) changes nothing that is signed.
"""

from __future__ import annotations

import base64
import binascii
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from gcm_collect.keys.device import verify
from gcm_collect.keys.fingerprint import fingerprint as key_fingerprint
from gcm_collect.keys.fingerprint import public_key_problem
from gcm_collect.workbook.canonical import canonical_json

DOMAIN = "gcm-collect-workbook-signature/1"  # never the same bytes as anything else signed
META_KEY = "signature"  # the meta row after the fingerprint

SIGNED, UNSIGNED, INVALID = "signed", "unsigned", "invalid"


@dataclass(frozen=True)
class Signer:
    """Who signed: the public key and what its holder says about themselves."""

    public_key: bytes
    officer: str = ""
    states: tuple[str, ...] = ()
    device_id: str = ""

    @property
    def fingerprint(self) -> str:
        return key_fingerprint(self.public_key)

    def to_data(self) -> dict[str, Any]:
        return {
            "public_key": base64.b64encode(self.public_key).decode("ascii"),
            "fingerprint": self.fingerprint,
            "officer": self.officer,
            "states": list(self.states),
            "device_id": self.device_id,
        }

    @classmethod
    def from_data(cls, data: Mapping[str, Any]) -> Signer:
        """ValueError when it does not hold a valid public key."""
        raw = base64.b64decode(str(data["public_key"]), validate=True)
        problem = public_key_problem(raw)
        if problem is not None:
            raise ValueError(problem)
        states = data.get("states") or []
        if not isinstance(states, list):
            raise ValueError("states")
        return cls(
            raw,
            str(data.get("officer") or ""),
            tuple(str(s) for s in states),
            str(data.get("device_id") or ""),
        )


@dataclass(frozen=True)
class SigningKey:
    """What a writer needs to sign: the signer's identity and a function that signs bytes
    (the private key stays with whoever made the function)."""

    signer: Signer
    sign: Callable[[bytes], bytes] = field(repr=False)


@dataclass(frozen=True)
class Signature:
    """A workbook's signature as read: ``status`` is signed (valid), unsigned or invalid."""

    status: str
    signer: Signer | None = None

    @property
    def valid(self) -> bool:
        return self.status == SIGNED


UNSIGNED_WORKBOOK = Signature(UNSIGNED)


def signed_bytes(fingerprint: str, signer: Signer) -> bytes:
    """The exact bytes an Ed25519 signature of a workbook covers."""
    document = {"domain": DOMAIN, "fingerprint": fingerprint, "signer": signer.to_data()}
    return canonical_json(document).encode("utf-8")


def signature_block(fingerprint: str, key: SigningKey) -> dict[str, Any]:
    """The value of the meta's ``signature`` row."""
    signature = key.sign(signed_bytes(fingerprint, key.signer))
    return {"signer": key.signer.to_data(), "ed25519": base64.b64encode(signature).decode("ascii")}


def check_signature(fingerprint: str, block: Any) -> Signature:
    """The workbook's signature, checked against the fingerprint its data were verified to
    have. No block: unsigned. A block that is damaged or does not verify: invalid."""
    if block is None:
        return UNSIGNED_WORKBOOK
    try:
        signer = Signer.from_data(block["signer"])
        raw = base64.b64decode(str(block["ed25519"]), validate=True)
    except (KeyError, TypeError, ValueError, binascii.Error):
        return Signature(INVALID)
    if not verify(signer.public_key, raw, signed_bytes(fingerprint, signer)):
        return Signature(INVALID, signer)
    return Signature(SIGNED, signer)
