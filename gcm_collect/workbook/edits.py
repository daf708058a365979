"""Find visible cells a reviewer changed after export.

The data sheets are a deterministic rendering of the hidden canonical records (see render.py),
so rendering them again and comparing cell by cell finds every change: the stable-name row
(row 2) and every data row. Header labels (row 1), the cover and the codebook are explanations,
not data, and are not compared.
"""

from __future__ import annotations

import math
import os
import re
from datetime import date, datetime, time
from typing import Any

from openpyxl.utils import get_column_letter
from openpyxl.utils.datetime import to_excel

from gcm_collect.forms.evaluate import is_time
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


# Times and date-times are written to the second; readers give them back through a float
# (openpyxl rounds to the millisecond), so they match within half a second.
_SECOND = 0.5 / 86_400  # half a second, in days (Excel serials)


def _serial(value: Any) -> float | None:
    """A date, date-time or time as an Excel serial (days); a plain number as itself."""
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return float(value)
    if isinstance(value, (date, time)):  # a datetime is a date
        return float(to_excel(value))
    return None


def _same_moment(a: Any, b: Any) -> bool | None:
    """Whether a cell holds the exported time or date-time (None: neither side is one).

    Compared as serials: calamine reads a midnight date-time as a date, and a reviewer who only
    set the cell's format to General leaves the same number. Times are below 1, dates 1 and up,
    so a time never matches a date.
    """
    if not (isinstance(a, (datetime, time)) or isinstance(b, (datetime, time))):
        return None
    if isinstance(b, str):
        return _same_legacy_text(a, b)
    x, y = _serial(a), _serial(b)
    return x is not None and y is not None and abs(x - y) < _SECOND


_LEGACY_ZONE = re.compile(r"( [+-]\d\d:\d\d(:\d\d)?)?\Z")


def _same_legacy_text(expected: Any, text: str) -> bool:
    """Whether ``text`` is how exports before Excel times showed the moment: a time as stored
    (``14:30:05``), a date-time to the minute with its offset (``2026-03-01 14:30 +01:00``).
    Those workbooks are re-rendered with Excel values now and must not turn into edits."""
    if isinstance(expected, datetime) and len(text) >= 16:
        try:
            shown = datetime.fromisoformat(text[:16])
        except ValueError:
            return False
        return shown == expected.replace(second=0) and bool(_LEGACY_ZONE.match(text, 16))
    if isinstance(expected, time) and is_time(text):
        return time.fromisoformat(text).replace(microsecond=0) == expected
    return False


def _same(a: Any, b: Any) -> bool:
    moment = _same_moment(a, b)
    if moment is not None:
        return moment
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
