"""New identifiers and content digests, with their modules loaded on first use.

``uuid`` and ``hashlib`` cost about 5 ms to import (``platform``, OpenSSL): opening the app on an
existing database needs neither.
"""

from __future__ import annotations


def new_uuid() -> str:
    import uuid

    return str(uuid.uuid4())


def sha256_hex(data: bytes) -> str:
    import hashlib

    return hashlib.sha256(data).hexdigest()
