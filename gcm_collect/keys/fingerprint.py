"""A public key's fingerprint: what people compare, on a key card or over the phone."""

from __future__ import annotations

import base64
import hashlib

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from gcm_collect.i18n import _

PUBLIC_KEY_SIZE = 32  # an Ed25519 public key, raw
# 160 bits of the SHA-256, as OpenPGP fingerprints: finding another key with the same
# fingerprint takes about 2^160 tries. Base32 (A-Z, 2-7) has no 0/O or 1/I to confuse.
GROUPS, GROUP = 8, 4


def fingerprint(public_key: bytes) -> str:
    """``ABCD EFGH …``: base32 of the SHA-256 of the raw public key, 8 groups of 4."""
    text = base64.b32encode(hashlib.sha256(public_key).digest()).decode("ascii")
    return " ".join(text[i : i + GROUP] for i in range(0, GROUPS * GROUP, GROUP))


def normalized(text: str) -> str:
    """A fingerprint as typed (any case, spaces or dashes) in its written form."""
    letters = "".join(ch for ch in text.upper() if ch.isalnum())
    return " ".join(letters[i : i + GROUP] for i in range(0, len(letters), GROUP))


def public_key_problem(raw: bytes) -> str | None:
    """Why ``raw`` is not an Ed25519 public key, or None."""
    if len(raw) != PUBLIC_KEY_SIZE:
        return _("the public key must be 32 bytes")
    try:
        Ed25519PublicKey.from_public_bytes(raw)
    except ValueError:
        return _("the public key is not valid")
    return None
