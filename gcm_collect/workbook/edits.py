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
from collections.abc import Iterable
from datetime import date, datetime, time
from typing import Any

from openpyxl.utils import get_column_letter
from openpyxl.utils.datetime import to_excel

from gcm_collect.forms.model import Form
from gcm_collect.forms.types import is_time
from gcm_collect.workbook.model import Edit, ExportedWorkbook
from gcm_collect.workbook.reader import read_export, sheet_rows
from gcm_collect.workbook.render import (
    HEADER_ROWS,
    Column,
    DataSheet,
    RelevanceCache,
    RenderedRow,
    Renderer,
)


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


# The cells that identify a data row, by sheet role: rows are matched by these, never by their
# place, so sorting, filtering or moving rows is not an edit (a repeat entry's UUID is only
# unique within its submission: a reopened revision keeps its entries' UUIDs).
ROW_KEYS = {
    "submissions": ("_uuid",),
    "repeat": ("_submission_uuid", "_instance"),
    "objectives": ("_submission_uuid", "objective"),
    "pairs": ("_submission_uuid", "_instance", "question", "code"),
}


def _at(row: list[Any], position: int | None) -> Any:
    return row[position] if position is not None and position < len(row) else None


def _positions(sheet: DataSheet, names: list[Any]) -> list[int | None]:
    """Where each rendered column stands in the file, by its row-2 name (None: gone)."""
    where: dict[str, int] = {}
    for i, name in enumerate(names):
        if isinstance(name, str) and name and name not in where:
            where[name] = i
    known = {c.key for c in sheet.columns}
    positions: list[int | None] = []
    for j, column in enumerate(sheet.columns):
        p = where.get(column.key)
        if p is None and j < len(names) and names[j] not in known:
            p = j  # renamed in place: its cells are still compared where they were
        positions.append(p)
    return positions


class _SheetMatch:
    """One data sheet as the file holds it, matched against its rendering.

    Columns are found by their row-2 name (a column renamed in place keeps its place); rows by
    their key cells. A row whose key cells were changed is paired by its ``_index`` with the
    exported row it replaces, so the changed key is itself reported as an edit.
    """

    def __init__(self, sheet: DataSheet, rows: list[list[Any]]):
        self.sheet = sheet
        self.rows = rows
        self.names = names = rows[1] if len(rows) > 1 else []
        self.positions = _positions(sheet, names)
        self.mapped = {p for p in self.positions if p is not None}
        # (rendered index, found position) of every column still there, and the positions
        # under row-2 names that are not ours: the loops of _compare, computed once
        self.pairs = [(j, p) for j, p in enumerate(self.positions) if p is not None]
        self.unmapped = [p for p in range(len(names)) if p not in self.mapped]
        index = {c.key: j for j, c in enumerate(sheet.columns)}
        keys = ROW_KEYS[sheet.role.split(":")[0]]
        self.key_columns = [index[k] for k in keys]
        key_positions = [self.positions[j] for j in self.key_columns]
        self.index_column = index["_index"]
        self.key_positions = key_positions
        self.keyed = all(p is not None for p in key_positions)
        self.by_key = self._keyed_rows() if self.keyed else {}
        self.used: set[int] = set()
        self.missing: list[tuple[int, RenderedRow]] = []  # (exported row, rendering)
        self.exported = HEADER_ROWS  # the row the next rendered row was written to

    def _keyed_rows(self) -> dict[tuple[Any, ...], int]:
        """The first data row holding each key."""
        by_key: dict[tuple[Any, ...], int] = {}
        rows = self.rows
        for r in range(HEADER_ROWS, len(rows)):
            key = self.row_key(rows[r])
            if key is not None:
                by_key.setdefault(key, r)
        return by_key

    def row_key(self, row: list[Any]) -> tuple[Any, ...] | None:
        """The key cells of a data row, normalised (None: one is empty)."""
        key = tuple(normalize(_at(row, p)) for p in self.key_positions)
        return None if None in key else key

    # Where the rows are: a list here, a spool on disk for a streamed import (streamedits.py).
    def _find(self, key: tuple[Any, ...]) -> int | None:
        return self.by_key.get(key)

    def _row(self, r: int) -> list[Any]:
        return self.rows[r] if r < len(self.rows) else []

    def _data_rows(self) -> Iterable[int]:
        return range(HEADER_ROWS, len(self.rows))

    def header_edits(self) -> list[Edit]:
        """Stable names (row 2) removed, renamed or added."""
        edits = []
        for j, column in enumerate(self.sheet.columns):
            p = self.positions[j]
            have = _at(self.names, p)
            if not _same(column.key, have):
                cell = f"{get_column_letter((j if p is None else p) + 1)}2"
                edits.append(Edit(self.sheet.name, cell, column.key, have, None, column.key))
        for p, name in enumerate(self.names):
            if p not in self.mapped and normalize(name) is not None:
                edits.append(
                    Edit(self.sheet.name, f"{get_column_letter(p + 1)}2", None, name, None, None)
                )
        return edits

    def expect(self, rendered: RenderedRow) -> list[Edit]:
        """The edits of the row that shows ``rendered`` (none yet if it cannot be found)."""
        exported = self.exported
        self.exported += 1
        if self.keyed:
            key = tuple(normalize(rendered.values[j]) for j in self.key_columns)
            r = self._find(key)
            if r is None:
                self.missing.append((exported, rendered))
                return []
        else:  # no key columns left: rows are taken in their place
            r = exported
        self.used.add(r)
        return self._compare(r, rendered)

    def leftover_edits(self) -> list[Edit]:
        """Rows whose keys were changed, deleted rows and added rows."""
        unused = [
            r
            for r in self._data_rows()
            if r not in self.used and any(normalize(v) is not None for v in self._row(r))
        ]
        by_index: dict[Any, int] = {}
        index_position = self.positions[self.index_column]
        for r in unused:
            by_index.setdefault(normalize(_at(self._row(r), index_position)), r)
        edits: list[Edit] = []
        for exported, rendered in self.missing:
            paired = by_index.pop(normalize(rendered.values[self.index_column]), None)
            if paired is not None and paired not in self.used:
                self.used.add(paired)
                edits += self._compare(paired, rendered)
                continue
            j = self.key_columns[-1]
            column = self.sheet.columns[j]
            p = self.positions[j]
            edits.append(  # the row is gone: reported on its key, never taken
                Edit(
                    self.sheet.name,
                    f"{get_column_letter((j if p is None else p) + 1)}{exported + 1}",
                    normalize(rendered.values[j]),
                    None,
                    rendered.uuid,
                    _path(column, rendered.prefix),
                    column.key,
                )
            )
        for r in unused:
            if r not in self.used:  # rows a reviewer added
                edits += self._compare(r, None)
        return edits

    def _compare(self, r: int, rendered: RenderedRow | None) -> list[Edit]:
        have = self._row(r)
        edits = []
        sheet = self.sheet.name
        uuid = None if rendered is None else rendered.uuid
        prefix = "" if rendered is None else rendered.prefix
        columns = self.sheet.columns
        values = [] if rendered is None else rendered.values
        width = len(have)
        for j, p in self.pairs:  # a removed column is reported once, on row 2
            old = values[j] if j < len(values) else None
            new = have[p] if p < width else None
            if old is new or (type(old) is type(new) and old == new):
                continue  # the common case, without the normalising comparison
            if new == "" and old is None:
                continue  # an empty cell inside the row
            if type(old) is int and type(new) is float and old == new:
                continue  # a whole number: cells hold floats
            if not _same(old, new):
                edits.append(
                    Edit(
                        sheet,
                        f"{get_column_letter(p + 1)}{r + 1}",
                        normalize(old),
                        normalize(new),
                        uuid,
                        _path(columns[j], prefix),
                        columns[j].key,
                    )
                )
        for p in [*self.unmapped, *range(len(self.names), width)]:
            new = have[p] if p < width else None
            if normalize(new) is not None:
                column_name = _at(self.names, p)
                edits.append(
                    Edit(
                        sheet,
                        f"{get_column_letter(p + 1)}{r + 1}",
                        None,
                        normalize(new),
                        uuid,
                        None,
                        column_name if isinstance(column_name, str) else None,
                    )
                )
        return edits


def find_edits(
    workbook: str | os.PathLike[str] | ExportedWorkbook, *, cache: RelevanceCache | None = None
) -> list[Edit]:
    """Every visible data cell that differs from what the export wrote.

    Takes a path (read and verified with ``read_export``) or an already read workbook.
    ``cache`` keeps each record's relevance evaluation for rendering it again later.
    Rows are matched by their keys and columns by their stable names, so a reviewer's sorting,
    filtering, hiding or moving is not an edit; ``Edit.cell`` is where the cell is now.
    """
    wb = workbook if isinstance(workbook, ExportedWorkbook) else read_export(workbook)
    book = wb.book
    forms = [Form.from_json(entry.definition) for entry in wb.forms]
    renderer = Renderer(forms, wb.meta, lambda text: text, cache)
    edits: list[Edit] = []
    found: dict[str, _SheetMatch] = {}
    for role, sheet in renderer.sheets.items():
        if sheet.name not in book.sheet_names:
            edits.append(Edit(sheet.name, "A1", sheet.name, None, None, None))
            continue
        found[role] = _SheetMatch(sheet, sheet_rows(book, sheet.name, wb.path))
        edits += found[role].header_edits()
    for record in wb.records:
        for role, rows in renderer.render(record).items():
            match = found.get(role)
            if match is not None:
                for rendered in rows:
                    edits += match.expect(rendered)
    for match in found.values():
        edits += match.leftover_edits()
    return edits
