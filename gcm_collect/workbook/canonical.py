"""Canonical JSON, checksums and the export fingerprint: the integrity rules of the format.

A record's checksum covers its data only (never who exported it or when), so the same revision
exported from two laptops has the same checksum; consolidation relies on that to spot conflicts.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable, Mapping
from typing import Any

# A cell holds at most 32,767 UTF-16 units; 16,000 code points stay below that even when every
# character needs a surrogate pair.
CHUNK = 16_000
_UNSAFE = re.compile(r"[\ud800-\udfff\ufffe\uffff]")


def canonical_json(data: Any) -> str:
    """Sorted keys, no spaces, UTF-8 text kept as is: one object has exactly one serialisation."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    # U+FFFE / U+FFFF and lone surrogates (the store keeps them) are not allowed in XML or
    # UTF-8; json leaves them raw, so escape them here (they can only occur inside JSON
    # strings, where the escape means the same).
    if _UNSAFE.search(text):
        text = _UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
    return text


def sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def checksum(data: Mapping[str, Any]) -> str:
    """The checksum of one canonical record (its data, without provenance)."""
    return sha256(canonical_json(data))


def chunks(text: str, size: int = CHUNK) -> list[str]:
    """Split ``text`` into cell-sized pieces (at least one, possibly empty)."""
    return [text[i : i + size] for i in range(0, len(text), size)] or [""]


def fingerprint(
    *,
    format_name: str,
    format_version: int,
    meta: Mapping[str, Any],
    form_hashes: Iterable[str],
    record_keys: Iterable[str],
    file_hashes: Iterable[str] = (),
) -> str:
    """One hash over the whole machine part: meta, forms, every record with its provenance and
    the SHA-256 of every attachment.

    ``record_keys`` are ``"<checksum>:<provenance hash>"`` strings; they are sorted, so the
    fingerprint does not depend on row order. ``files`` is only there when the workbook carries
    attachments, so workbooks without any keep the fingerprint they always had.
    """
    covered: dict[str, Any] = {
        "format": format_name,
        "version": format_version,
        "meta": dict(meta),
        "forms": sorted(form_hashes),
        "records": sorted(record_keys),
    }
    files = sorted(file_hashes)
    if files:
        covered["files"] = files
    return sha256(canonical_json(covered))
