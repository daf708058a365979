"""Encryption at rest turned on and off, as the command line and the app both do it: the
database and its daily backups in their usual folder beside it (store/encrypting.py does the
crash-safe conversion)."""

from __future__ import annotations

from pathlib import Path

from gcm_collect.environment import default_backup_dir
from gcm_collect.store import Store, encrypting


def encrypt(path: Path, passphrase: str) -> list[Path]:
    """Encrypt the plain database at ``path``, then its plain backups; the backups encrypted."""
    return encrypting.encrypt(path, passphrase, backups=default_backup_dir(path))


def decrypt(path: Path, passphrase: str) -> list[Path]:
    """Turn the database at ``path`` and its backups back to plain; the backups decrypted."""
    return encrypting.decrypt(path, passphrase, backups=default_backup_dir(path))


def convert_open(store: Store, passphrase: str, *, encrypt: bool) -> list[Path]:
    """``encrypt`` (or decrypt) the database ``store`` has open, for the app: the store works
    on the converted file after (or on the file as it was, when the conversion failed)."""
    backups = None if store.path is None else default_backup_dir(store.path)
    return encrypting.convert_open(store, passphrase, encrypting=encrypt, backups=backups)
