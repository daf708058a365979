"""Find visible cells a reviewer changed after export.

The data sheets are a deterministic rendering of the hidden canonical records (see render.py),
so rendering them again and comparing cell by cell finds every change: the stable-name row
(row 2) and every data row. Header labels (row 1), the cover and the codebook are explanations,
not data, and are not compared.
"""

from __future__ import annotations

import math
import os
from datetime import date, datetime
from typing import Any

from openpyxl.utils import get_column_letter

from gcm_collect.forms.model import Form
from gcm_collect.workbook.model import Edit, ExportedWorkbook
from gcm_collect.workbook.reader import read_export, sheet_rows
from gcm_collect.workbook.render import HEADER_ROWS, Column, RelevanceCache, Renderer


def normalize(value: Any) -> Any:
    """A cell value as compared: empty is None, whole numbers are ints, midnight is a date."""
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, datetime):
        return value.date() if value.time() == datetime.min.time() else value
    return value


def _same(a: Any, b: Any) -> bool:
    a, b = normalize(a), normalize(b)
    if (
        isinstance(a, (int, float))
        and isinstance(b, (int, float))
        and not (isinstance(a, date) or isinstance(b, date))
    ):
        return math.isclose(a, b, rel_tol=1e-12, abs_tol=0.0)
    return type(a) is type(b) and a == b if isinstance(a, date) else a == b


def _path(column: Column | None, prefix: str) -> str | None:
    if column is None:
        return None
    if column.source.startswith("_") or not prefix:
        return column.source or None
    return f"{prefix}/{column.source}"


def find_edits(
    workbook: str | os.PathLike[str] | ExportedWorkbook, *, cache: RelevanceCache | None = None
) -> list[Edit]:
    """Every visible data cell that differs from what the export wrote, in sheet order.

    Takes a path (read and verified with ``read_export``) or an already read workbook.
    ``cache`` keeps each record's relevance evaluation for rendering it again later.
    """
    wb = workbook if isinstance(workbook, ExportedWorkbook) else read_export(workbook)
    book = wb.book
    forms = [Form.from_json(entry.definition) for entry in wb.forms]
    renderer = Renderer(forms, wb.meta, lambda text: text, cache)
    edits: list[Edit] = []
    found: dict[str, list[list[Any]]] = {}
    for role, sheet in renderer.sheets.items():
        if sheet.name not in book.sheet_names:
            edits.append(Edit(sheet.name, "A1", sheet.name, None, None, None))
            continue
        found[role] = sheet_rows(book, sheet.name)
        names = found[role][1] if len(found[role]) > 1 else []
        for i, column in enumerate(sheet.columns):
            have = names[i] if i < len(names) else None
            if not _same(column.key, have):
                edits.append(
                    Edit(
                        sheet.name,
                        f"{get_column_letter(i + 1)}2",
                        column.key,
                        have,
                        None,
                        column.key,
                    )
                )
    next_row = {role: HEADER_ROWS for role in found}
    for record in wb.records:
        for role, rows in renderer.render(record).items():
            if role not in found:
                continue
            sheet = renderer.sheets[role]
            have_rows = found[role]
            for rendered in rows:
                r = next_row[role]
                next_row[role] += 1
                have = have_rows[r] if r < len(have_rows) else []
                _compare_row(
                    edits,
                    sheet.name,
                    sheet.columns,
                    r + 1,
                    rendered.values,
                    have,
                    rendered.uuid,
                    rendered.prefix,
                )
    for role, r in next_row.items():  # rows a reviewer added below the data
        sheet = renderer.sheets[role]
        for extra in range(r, len(found[role])):
            _compare_row(
                edits, sheet.name, sheet.columns, extra + 1, [], found[role][extra], None, ""
            )
    return edits


def _compare_row(
    edits: list[Edit],
    sheet: str,
    columns: list[Column],
    row_number: int,
    expected: list[Any],
    have: list[Any],
    uuid: str | None,
    prefix: str,
) -> None:
    for i in range(max(len(expected), len(have))):
        old = expected[i] if i < len(expected) else None
        new = have[i] if i < len(have) else None
        if not _same(old, new):
            column = columns[i] if i < len(columns) else None
            edits.append(
                Edit(
                    sheet,
                    f"{get_column_letter(i + 1)}{row_number}",
                    normalize(old),
                    normalize(new),
                    uuid,
                    _path(column, prefix),
                )
            )
