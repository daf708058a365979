"""Reading an XLSForm workbook (and the CSV files beside it) into plain rows, whatever its shape.

Workbooks made by hand or by other tools are odd in ways that must not matter: a recorded
dimension claiming a million rows and 1,024 columns, formulas in cells, cells under a merged or
empty header, trailing empty columns, hidden rows. python-calamine reads .xlsx and .xls alike
(no library warnings on the terminal, about ten times faster than openpyxl): rows as the file
stores them, dimensions ignored; formulas give their saved values, with a warning (the .xlsx
parts are scanned for where formulas are); hidden rows are read like any other (pyxform does
the same).
"""

from __future__ import annotations

import csv
import re
import zipfile
from collections.abc import Iterable
from datetime import date, datetime, time
from io import BytesIO
from os import PathLike
from pathlib import Path
from typing import Any

from gcm_collect.errors import UserError
from gcm_collect.forms.problems import WARNING, Problem
from gcm_collect.i18n import _, ngettext

StrPath = str | PathLike[str]
MAX_CSV_BYTES = 16 * 1024**2  # a choices file beside a form (100,000 villages: about 5 MB)
SheetRows = list[tuple[int, dict[str, str]]]


def cell_text(value: Any) -> str:
    """A cell as the text an author typed: whole numbers without '.0', dates in ISO form."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time(0) else value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, time):
        return value.isoformat()
    return str(value)


def _column(number: int) -> str:
    """A column's letters (1 -> A) for messages about cells."""
    from gcm_collect.safezip import column_letters

    return column_letters(number)


def _kind(path: StrPath) -> str:
    """``xlsx`` or ``xls`` by the file's first bytes (never by its name: forms are mailed
    and renamed); UserError for anything else."""
    from gcm_collect.safezip import OLE2_MAGIC, ZIP_MAGIC

    file = Path(path)
    try:
        with file.open("rb") as handle:
            head = handle.read(8)
    except FileNotFoundError:
        raise UserError(_("file not found"), path) from None
    except OSError as exc:
        message = _("the file cannot be read: {problem}").format(problem=exc.strerror or exc)
        raise UserError(message, path) from None
    if head.startswith(ZIP_MAGIC):
        return "xlsx"
    if head.startswith(OLE2_MAGIC):
        return "xls"
    raise UserError(_("not an Excel workbook (.xlsx or .xls)"), path)


class _Cell:
    """A cell as python-calamine read it (a formula gives its saved value), and whether the
    file holds a formula there."""

    __slots__ = ("formula", "value")

    def __init__(self, value: Any, formula: bool = False):
        self.value = None if value == "" else value
        self.formula = formula


def read_workbook(path: StrPath) -> tuple[dict[str, SheetRows], list[Problem]]:
    """Every sheet as (row number, {header: text}) rows (header is row 1), and the warnings
    about cells that were read in a special way. ``.xlsx`` and ``.xls`` alike, through
    python-calamine, which reads saved formula values and never trusts recorded dimensions."""
    from gcm_collect.safezip import FORMS, check_cells, check_container

    file = Path(path)
    formulas: dict[str, set[tuple[int, int]]] = {}
    xlsx = _kind(path) == "xlsx"
    if xlsx:
        check_container(file, FORMS)  # zip and entity bombs, as for exports, with a form's limits
        check_cells(file, FORMS)  # a cell at XFD1048576 would make a grid of 17 billion cells
        formulas = _formula_cells(file)
    elif file.stat().st_size > FORMS.total:
        raise UserError(_("the workbook is too large to open safely"), path)
    return _read(file, formulas, checked=xlsx)


def _read(
    file: Path, formulas: dict[str, set[tuple[int, int]]], checked: bool
) -> tuple[dict[str, SheetRows], list[Problem]]:
    """The sheets of ``file``; ``checked``: check_cells bounded its grids already."""
    from python_calamine import CalamineError, CalamineWorkbook

    from gcm_collect.safezip import FORMS

    source = str(file)
    notes: list[Problem] = []
    sheets: dict[str, SheetRows] = {}
    try:
        # from the bytes, not the name: calamine picks its reader by the extension otherwise
        book = CalamineWorkbook.from_filelike(BytesIO(file.read_bytes()))
        for title in book.sheet_names:
            sheet = book.get_sheet_by_name(title)
            if not checked and sheet.height * sheet.width > FORMS.cells:
                # an .xls has no cell check before calamine reads it: its grid is bounded here
                raise UserError(_("the workbook is too large to open safely"), file)
            at = formulas.get(title, set())
            # row by row, no Python copy of the whole grid; iter_rows gives every row from the
            # first but each from the first used column: the cells before it are put back
            pad = (None,) * (sheet.start[1] if sheet.start else 0)
            numbered = (
                (n, tuple(_Cell(v, (n, i) in at) for i, v in enumerate((*pad, *values))))
                for n, values in enumerate(sheet.iter_rows(), start=1)
            )
            sheets[title] = _sheet(title, numbered, notes, source)
    except (CalamineError, OSError, ValueError):
        # the library's own words (in English, about its internals) would not help the author;
        # an encrypted .xlsx is an OLE2 file too
        raise UserError(
            _(
                "cannot read this file as an Excel workbook (.xls): it is damaged or "
                "password-protected; open it in a spreadsheet program and save it as .xlsx"
            )
            if file.read_bytes()[:2] != b"PK"
            else _("cannot read this file as an Excel workbook (.xlsx or .xls): it is damaged"),
            file,
        ) from None
    return sheets, notes


_CELL_REF = re.compile(rb"<(?:\w+:)?c\b[^>]*?\br=\"([A-Z]{1,3})([0-9]{1,7})\"")
_FORMULA = re.compile(rb"<(?:\w+:)?f[\s>/]")


def _formula_cells(file: Path) -> dict[str, set[tuple[int, int]]]:
    """(row, column from 0) of the cells holding a formula, by sheet title: calamine reads
    their saved values, and the author is told which cells were read so."""
    from defusedxml.ElementTree import fromstring

    from gcm_collect.safezip import column_number

    rel = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
    found: dict[str, set[tuple[int, int]]] = {}
    with zipfile.ZipFile(file) as archive:
        names = set(archive.namelist())
        if "xl/workbook.xml" not in names or "xl/_rels/workbook.xml.rels" not in names:
            return found
        targets = {
            r.get("Id"): r.get("Target", "")
            for r in fromstring(archive.read("xl/_rels/workbook.xml.rels"))
        }
        for sheet in fromstring(archive.read("xl/workbook.xml")).iter():
            if not sheet.tag.endswith("}sheet"):
                continue
            target = targets.get(sheet.get(rel), "").lstrip("/")
            part = target if target.startswith("xl/") else f"xl/{target}"
            if part not in names:
                continue
            data = archive.read(part)
            cells = set()
            for match in _FORMULA.finditer(data):
                # the formula's cell: the last one opened before it
                refs = list(_CELL_REF.finditer(data, max(0, match.start() - 4096), match.start()))
                if refs:
                    cells.add((int(refs[-1][2]), column_number(refs[-1][1].decode()) - 1))
            if cells:
                found[sheet.get("name", "")] = cells
    return found


def _sheet(
    title: str,
    numbered: Iterable[tuple[int, tuple[_Cell, ...]]],
    notes: list[Problem],
    source: str,
) -> SheetRows:
    """One sheet's rows as {header: text}, and a warning for its formulas and its values
    without a header."""
    header: list[str] = []
    twice: set[int] = set()  # columns whose header repeats an earlier one
    named: list[str] = []
    rows: SheetRows = []
    stray: dict[int, int] = {}  # column index without a header -> first row with data
    formulas: list[tuple[int, int]] = []
    unsaved = 0
    for number, cells in numbered:
        for i, cell in enumerate(cells):
            if cell.formula:
                formulas.append((number, i))
                unsaved += cell.value is None
        if number == 1:
            header, twice = _header(title, [c.value for c in cells], notes, source)
            named = [h for h in header if h]
            continue
        # every header in every row, in column order, as before: the core reads the
        # column order (the first language column is the default language)
        row = dict.fromkeys(named, "")
        for i, cell in enumerate(cells):
            value = cell.value
            if value is None:
                continue
            h = header[i] if i < len(header) else ""
            if not h:
                if i not in twice and cell_text(value).strip():
                    stray.setdefault(i, number)
                continue
            row[h] = cell_text(value)
        rows.append((number, row))
    for i, first in sorted(stray.items()):
        notes.append(
            Problem(
                title,
                first,
                _column(i + 1),
                _("this column has values but no header; it is ignored"),
                WARNING,
                source,
            )
        )
    if formulas:
        notes.append(_formula_note(title, formulas, unsaved, source))
    return rows


def _formula_note(
    title: str, formulas: list[tuple[int, int]], unsaved: int, source: str
) -> Problem:
    message = ngettext(
        "{n} cell holds a formula; its saved value is used",
        "{n} cells hold formulas; their saved values are used",
        len(formulas),
    ).format(n=len(formulas))
    if unsaved:
        message += "; " + ngettext(
            "{n} has no saved value (open and save the file in a spreadsheet program)",
            "{n} have no saved value (open and save the file in a spreadsheet program)",
            unsaved,
        ).format(n=unsaved)
    first_row, first_col = min(formulas)
    return Problem(title, first_row, _column(first_col + 1), message, WARNING, source)


def _header(
    title: str, values: list[Any], notes: list[Problem], source: str
) -> tuple[list[str], set[int]]:
    header: list[str] = []
    twice: set[int] = set()
    seen: set[str] = set()
    for i, value in enumerate(values):
        text = cell_text(value).strip()
        if text and text in seen:
            notes.append(
                Problem(
                    title,
                    1,
                    _column(i + 1),
                    _("the header {header} appears twice; this column is ignored").format(
                        header=text
                    ),
                    WARNING,
                    source,
                )
            )
            text = ""
            twice.add(i)
        seen.add(text)
        header.append(text)
    return header, twice


def csv_loader(folder: StrPath) -> Any:
    """A ``load_file`` for ``check_sheets``: reads ``name`` from ``folder`` as UTF-8 CSV rows."""
    base = Path(folder)

    def load(name: str) -> list[tuple[int, dict[str, str]]]:
        target = base / name
        if not target.is_file():
            raise FileNotFoundError(name)
        if target.stat().st_size > MAX_CSV_BYTES:
            raise ValueError(
                _("the file is larger than {limit} MB").format(limit=MAX_CSV_BYTES // 1024**2)
            )
        with target.open(encoding="utf-8-sig", newline="") as handle:
            reader = csv.reader(handle)
            try:
                header = [h.strip() for h in next(reader, [])]
                return [
                    (number, {h: v for h, v in zip(header, row, strict=False) if h})
                    for number, row in enumerate(reader, start=2)
                ]
            except csv.Error as exc:  # a field over csv's limit, a NUL: not a choices file
                raise ValueError(str(exc)) from None

    return load
