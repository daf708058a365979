"""What each data sheet's rows say, as digests that survive a re-save.

``data_sha256`` proves a sheet untouched only while its bytes are the export's own; Excel or
LibreOffice rewrite every byte when they save. These digests are made from the cell values as
any reader gives them back (normalised as edit detection compares them), so a re-saved sheet
still matches, and they come in buckets, so a few edited cells leave most of the sheet proven
unchanged: an import renders again only the records of the buckets that differ
(streamread.py).

A row's bucket is the one of its submission's UUID (the first key cell of every data sheet),
so all the rows of one record fall in the same bucket of each sheet. A bucket's digest covers
the sorted digests of its rows: sorting and filtering change nothing, while a row changed,
added, removed or moved to another record changes the bucket.

Equal canonical values are always the same cell for edit detection (``edits._same``), never
the other way round: a value a re-save writes otherwise (a number rounded to 15 digits) only
costs that bucket being compared cell by cell, as before.
"""

from __future__ import annotations

import hashlib
import zlib
from collections.abc import Sequence
from datetime import datetime, time
from typing import Any

from openpyxl.utils.datetime import to_excel

from gcm_collect.workbook.edits import ROW_KEYS, normalize

BUCKETS = 128
LOOSE = -1  # a row without a submission UUID: never proven unchanged
_DIGEST = 16  # bytes of a row's or a bucket's SHA-256 kept


def first_key(columns: Sequence[Any], role: str) -> int:
    """Where the submission UUID stands among a data sheet's ``columns`` (each with ``key``)."""
    name = ROW_KEYS[role.split(":")[0]][0]
    return next(j for j, c in enumerate(columns) if c.key == name)


def bucket_of(uuid: Any) -> int:
    """The bucket of the rows of the submission ``uuid`` (a cell value, normalised)."""
    if uuid is None:
        return LOOSE
    return zlib.crc32(repr(uuid).encode("utf-8")) % BUCKETS


def canonical(value: Any) -> Any:
    """A cell as compared: moments as milliseconds (readers round to them), the rest as
    ``normalize`` gives it."""
    kind = type(value)
    if kind is str:  # most cells: no call to normalize
        return value or None
    if value is None:
        return None
    if kind is float:
        return int(value) if value.is_integer() else value
    value = normalize(value)
    if isinstance(value, datetime):
        return ("T", round(to_excel(value) * 86_400_000))
    if isinstance(value, time):
        return ("t", round(to_excel(value) * 86_400_000))
    return value


class RowDigests:
    """The rows of one data sheet, bucket by bucket."""

    def __init__(self) -> None:
        self._rows: dict[int, list[bytes]] = {}

    def add(self, bucket: int, values: Sequence[Any], extra: Sequence[Any] = ()) -> None:
        """One row: ``values`` in the rendered columns' order; ``extra``: (position, value) of
        cells under no column of ours (none in an export)."""
        text = repr((tuple(map(canonical, values)), tuple(extra)))
        row = hashlib.sha256(text.encode("utf-8", "surrogatepass")).digest()[:_DIGEST]
        self._rows.setdefault(bucket, []).append(row)

    def hexdigests(self) -> list[str]:
        """Each bucket's digest, bucket 0 first."""
        out = []
        for bucket in range(BUCKETS):
            rows = sorted(self._rows.get(bucket, ()))
            out.append(hashlib.sha256(b"".join(rows)).hexdigest()[: 2 * _DIGEST])
        return out

    def differing(self, expected: Sequence[str] | None) -> set[int] | None:
        """The buckets whose rows are not as ``expected`` (the export's digests), LOOSE
        included; None when there is nothing to compare with (every bucket differs)."""
        if expected is None or len(expected) != BUCKETS:
            return None
        mine = self.hexdigests()
        return {b for b in range(BUCKETS) if mine[b] != expected[b]} | {LOOSE}
