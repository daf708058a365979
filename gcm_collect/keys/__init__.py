"""Device keys: who signed a workbook. Ed25519 through the ``cryptography`` package.

``DeviceKey`` is this installation's key pair (made at first use, kept encrypted beside the
database); ``KeyCard`` is what an officer hands to the regional commission; ``fingerprint``
is the public key's readable name, short enough to read out over the phone.
"""

from gcm_collect.keys.card import KeyCard, read_card, write_card
from gcm_collect.keys.device import DeviceKey, key_file_for, load_or_create
from gcm_collect.keys.fingerprint import fingerprint, public_key_problem

__all__ = [
    "DeviceKey",
    "KeyCard",
    "fingerprint",
    "key_file_for",
    "load_or_create",
    "public_key_problem",
    "read_card",
    "write_card",
]
