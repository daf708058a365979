"""An attacker's tools, for tests: change a workbook's hidden data and make every checksum
and the fingerprint agree again, as anyone can with the format's public rules. Only the
signature (the private key's work) cannot be remade."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import openpyxl

from gcm_collect.workbook import machine
from gcm_collect.workbook.canonical import canonical_json, checksum, chunks
from gcm_collect.workbook.model import (
    FILES_SHEET,
    FORMS_SHEET,
    META_SHEET,
    RECORDS_SHEET,
    ExportMeta,
)


def _values(ws) -> list[list[Any]]:
    return [["" if c is None else c for c in row] for row in ws.iter_rows(values_only=True)]


def _set_row(ws, row: int, values: list[Any]) -> None:
    for column in range(1, max(ws.max_column, len(values)) + 1):
        ws.cell(row=row, column=column).value = (
            values[column - 1] if column <= len(values) else None
        )


def refingerprint(book) -> str:
    """Recompute and store the fingerprint of ``book`` (an openpyxl workbook)."""
    raw, _stored, _signature = machine.parse_meta(_values(book[META_SHEET]), META_SHEET)
    meta = ExportMeta.from_data(raw)
    forms = machine.parse_forms(_values(book[FORMS_SHEET]), FORMS_SHEET)
    records = machine.parse_records(_values(book[RECORDS_SHEET]), RECORDS_SHEET)
    files = (
        machine.parse_files(_values(book[FILES_SHEET]), FILES_SHEET)
        if FILES_SHEET in book.sheetnames
        else []
    )
    fp = machine.export_fingerprint(meta, forms, records, files)
    ws = book[META_SHEET]
    for row in range(2, ws.max_row + 1):
        if ws.cell(row=row, column=1).value == "fingerprint":
            ws.cell(row=row, column=2).value = canonical_json(fp)
    return fp


def forge_records(
    path: Path, change: Callable[[dict[str, Any], dict[str, Any]], None], out: Path | None = None
) -> Path:
    """Apply ``change(data, provenance)`` to every record, then remake checksums and the
    fingerprint; the signature row is left as it was."""
    book = openpyxl.load_workbook(path)
    ws = book[RECORDS_SHEET]
    for row in range(2, ws.max_row + 1):
        cells = [ws.cell(row=row, column=c).value for c in range(1, ws.max_column + 1)]
        if not cells or cells[0] in (None, ""):
            continue
        data = json.loads("".join(c for c in cells[4:] if isinstance(c, str)))
        provenance = json.loads(cells[3])
        change(data, provenance)
        _set_row(
            ws,
            row,
            [
                data["uuid"],
                data["revision"],
                checksum(data),
                canonical_json(provenance),
                *chunks(canonical_json(data)),
            ],
        )
    refingerprint(book)
    target = out or path
    book.save(target)
    return target


def forge_forms(path: Path, change: Callable[[list[Any]], None]) -> Path:
    """Apply ``change(row)`` to every row of the forms sheet (form_id, version, ...)."""
    book = openpyxl.load_workbook(path)
    ws = book[FORMS_SHEET]
    for row in range(2, ws.max_row + 1):
        cells = [ws.cell(row=row, column=c).value for c in range(1, ws.max_column + 1)]
        change(cells)
        _set_row(ws, row, cells)
    book.save(path)
    return path


def forge_meta(path: Path, change: Callable[[dict[str, Any]], None], *, fingerprint=True) -> Path:
    """Apply ``change(values)`` to the meta rows (key -> parsed JSON value, the fingerprint
    and signature included); then remake the fingerprint unless told not to."""
    book = openpyxl.load_workbook(path)
    ws = book[META_SHEET]
    values: dict[str, Any] = {}
    for row in _values(ws)[1:]:
        if row and row[0]:
            values[str(row[0])] = json.loads("".join(c for c in row[1:] if isinstance(c, str)))
    change(values)
    ws.delete_rows(2, ws.max_row)
    for row, (key, value) in enumerate(values.items(), start=2):
        _set_row(ws, row, [key, *chunks(canonical_json(value))])
    if fingerprint:
        refingerprint(book)
    book.save(path)
    return path
