"""This installation's Ed25519 key pair, kept beside its database.

The private key is written as PKCS#8 PEM encrypted with ``BestAvailableEncryption`` (the
``cryptography`` package's choice of cipher and key derivation) under a random secret that
the database keeps: the key file alone, copied off the laptop, signs nothing. Whoever has the
database *and* the key file (the same user account) can sign; docs/security.md says so.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import (
    Ed25519PrivateKey,
    Ed25519PublicKey,
)

from gcm_collect.errors import UserError
from gcm_collect.files import write_file
from gcm_collect.i18n import _
from gcm_collect.keys.fingerprint import fingerprint
from gcm_collect.store.private import FILE_MODE, private_folder

KEYS_FOLDER = "keys"


@dataclass(frozen=True)
class DeviceKey:
    private: Ed25519PrivateKey = field(repr=False)

    @property
    def public_bytes(self) -> bytes:
        return self.private.public_key().public_bytes(
            serialization.Encoding.Raw, serialization.PublicFormat.Raw
        )

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.public_bytes)

    def sign(self, data: bytes) -> bytes:
        return self.private.sign(data)

    @classmethod
    def generate(cls) -> DeviceKey:
        return cls(Ed25519PrivateKey.generate())


def key_file_for(database: Path) -> Path:
    """Where the key of the database at ``database`` lives: ``keys/<database name>.pem``."""
    return database.parent / KEYS_FOLDER / f"{database.name}.pem"


def load_or_create(path: Path, secret: bytes) -> tuple[DeviceKey, bool]:
    """The key in ``path`` (True when it was made now). A new key is written owner-only,
    encrypted under ``secret``. UserError naming the file when it cannot be opened."""
    if path.exists():
        try:
            loaded = serialization.load_pem_private_key(path.read_bytes(), password=secret)
        except (ValueError, TypeError, OSError) as exc:
            raise UserError(
                _(
                    "the device key cannot be opened (it belongs to another database or is "
                    "damaged); move it away to make a new key, then hand out a new key card"
                ),
                path,
            ) from exc
        if not isinstance(loaded, Ed25519PrivateKey):
            raise UserError(_("the device key is not an Ed25519 key"), path)
        return DeviceKey(loaded), False
    key = DeviceKey.generate()
    pem = key.private.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.BestAvailableEncryption(secret),
    )
    try:
        private_folder(path.parent)
        write_file(path, pem, mode=FILE_MODE)
    except OSError as exc:
        raise UserError(
            _("cannot write the device key: {problem}").format(problem=exc.strerror or exc), path
        ) from exc
    return key, True


def verify(public_key: bytes, signature: bytes, data: bytes) -> bool:
    """Whether ``signature`` is ``public_key``'s Ed25519 signature of ``data``."""
    from cryptography.exceptions import InvalidSignature

    try:
        Ed25519PublicKey.from_public_bytes(public_key).verify(signature, data)
    except (InvalidSignature, ValueError):
        return False
    return True
