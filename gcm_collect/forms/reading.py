"""Reading an XLSForm workbook (and the CSV files beside it) into plain rows, whatever its shape.

Workbooks made by hand or by other tools are odd in ways that must not matter: a recorded
dimension claiming a million rows and 1,024 columns (openpyxl's read-only mode would pad every
row to it and iterate to the last row), formulas in cells, cells under a merged or empty header,
trailing empty columns, hidden rows. Rows are read as the file stores them, dimensions ignored;
formulas give their saved values, with a warning; hidden rows are read like any other (pyxform
does the same).
"""

from __future__ import annotations

import csv
import warnings
import zipfile
from collections.abc import Callable, Iterable, Iterator
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
    from openpyxl.utils import get_column_letter

    return get_column_letter(number)


def _open(path: StrPath, data_only: bool) -> Any:
    # openpyxl loads here, not with the module: the built-in form and CSV files never need it.
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    from gcm_collect.workbook.safezip import FORMS, check_cells, check_container

    file = Path(path)
    if not data_only:  # the second opening, for saved values, reads the file already checked
        check_container(file, FORMS)  # zip and entity bombs, as for exports, with a form's limits
        check_cells(file, FORMS)  # a cell at XFD1048576 would pad rows to 16,384 cells
    try:
        # A file object, not the name: openpyxl refuses an .xlsx saved under another extension.
        return load_workbook(BytesIO(file.read_bytes()), read_only=True, data_only=data_only)
    except FileNotFoundError:
        raise UserError(_("file not found"), path) from None
    except (zipfile.BadZipFile, InvalidFileException, KeyError, ValueError, OSError, TypeError):
        # the library's own words (in English, about its internals) would not help the author
        message = _("cannot read this file as an Excel workbook (.xlsx or .xls): it is damaged")
        raise UserError(message, path) from None


def _kind(path: StrPath) -> str:
    """``xlsx`` or ``xls`` by the file's first bytes (never by its name: forms are mailed
    and renamed); UserError for anything else."""
    from gcm_collect.workbook.safezip import OLE2_MAGIC, ZIP_MAGIC

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


def _rows(ws: Any) -> Iterator[tuple[int, tuple[Any, ...]]]:
    """(row number, cells) of the rows the sheet stores, ignoring its recorded dimension."""
    ws.reset_dimensions()  # without it, a claimed A1:AMJ1048576 means a million padded rows
    for number, cells in enumerate(ws.iter_rows(), start=1):
        if cells:
            yield number, cells


class _Cell:
    """A cell of an .xls sheet, shaped like openpyxl's (calamine gives saved values only)."""

    __slots__ = ("value",)
    data_type = "n"

    def __init__(self, value: Any):
        self.value = None if value == "" else value


def read_workbook(path: StrPath) -> tuple[dict[str, SheetRows], list[Problem]]:
    """Every sheet as (row number, {header: text}) rows (header is row 1), and the warnings
    about cells that were read in a special way. ``.xlsx`` and ``.xls`` alike."""
    kind = _kind(path)
    # openpyxl warns on stderr about parts it drops (data validation, default styles): the
    # author can do nothing with those lines, and nothing they name matters to the form
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        if kind == "xls":
            return _read_xls(path)
        return _read_xlsx(path)


def _read_xls(path: StrPath) -> tuple[dict[str, SheetRows], list[Problem]]:
    """An Excel 97-2003 workbook, through python-calamine: formulas give their saved values."""
    from python_calamine import CalamineError, CalamineWorkbook

    from gcm_collect.workbook.safezip import FORMS

    file = Path(path)
    if file.stat().st_size > FORMS.total:
        raise UserError(_("the workbook is too large to open safely"), path)
    source = str(path)
    notes: list[Problem] = []
    sheets: dict[str, SheetRows] = {}
    try:
        # from the bytes, not the name: calamine picks its reader by the extension otherwise
        book = CalamineWorkbook.from_filelike(BytesIO(file.read_bytes()))
        for title in book.sheet_names:
            sheet = book.get_sheet_by_name(title)
            if sheet.height * sheet.width > FORMS.cells:
                raise UserError(_("the workbook is too large to open safely"), path)
            grid = sheet.to_python(skip_empty_area=False)
            numbered = (
                (number, tuple(_Cell(v) for v in values))
                for number, values in enumerate(grid, start=1)
                if values
            )
            sheets[title] = _sheet(title, numbered, notes, source, {}, lambda: ())
    except (CalamineError, OSError, ValueError):
        # an encrypted .xlsx is an OLE2 file too
        raise UserError(
            _(
                "cannot read this file as an Excel workbook (.xls): it is damaged or "
                "password-protected; open it in a spreadsheet program and save it as .xlsx"
            ),
            path,
        ) from None
    return sheets, notes


def _read_xlsx(path: StrPath) -> tuple[dict[str, SheetRows], list[Problem]]:
    source = str(path)
    notes: list[Problem] = []
    formulas: dict[str, dict[tuple[int, int], str]] = {}  # sheet -> (row, col) -> header
    sheets: dict[str, SheetRows] = {}
    wb = _open(path, data_only=False)
    try:
        for ws in wb.worksheets:
            found: dict[tuple[int, int], str] = {}

            def saved_header(title: str = ws.title) -> tuple[Any, ...]:
                return _saved_row(path, title)

            sheets[ws.title] = _sheet(ws.title, _rows(ws), notes, source, found, saved_header)
            if found:
                formulas[ws.title] = found
    finally:
        wb.close()
    if formulas:
        _use_saved_values(path, sheets, formulas, notes, source)
    return sheets, notes


def _sheet(
    title: str,
    numbered: Iterable[tuple[int, tuple[Any, ...]]],
    notes: list[Problem],
    source: str,
    found: dict[tuple[int, int], str],
    saved_header: Callable[[], tuple[Any, ...]],
) -> SheetRows:
    """One sheet's rows as {header: text}; formula cells (openpyxl's type "f") are noted in
    ``found`` for their saved values, a header's read at once through ``saved_header``."""
    header: list[str] = []
    twice: set[int] = set()  # columns whose header repeats an earlier one
    named: list[str] = []
    rows: SheetRows = []
    stray: dict[int, int] = {}  # column index without a header -> first row with data
    for number, cells in numbered:
        if number == 1:
            values = [c.value for c in cells]
            if any(c.data_type == "f" for c in cells):  # a header made by a formula
                found.update({(1, i): "" for i, c in enumerate(cells) if c.data_type == "f"})
                saved = saved_header()
                values = [
                    saved[i] if c.data_type == "f" and i < len(saved) else c.value
                    for i, c in enumerate(cells)
                ]
            header, twice = _header(title, values, notes, source)
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
            if cell.data_type == "f":
                found[(number, i)] = h
                continue  # the saved value is put in below
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
    return rows


def _saved_row(path: StrPath, title: str) -> tuple[Any, ...]:
    """The values the spreadsheet program saved in the first row of sheet ``title``."""
    wb = _open(path, data_only=True)
    try:
        for _number, cells in _rows(wb[title]):
            return tuple(c.value for c in cells)
        return ()
    finally:
        wb.close()


def _header(
    title: str, values: list[Any], notes: list[Problem], source: str
) -> tuple[list[str], set[int]]:
    header: list[str] = []
    twice: set[int] = set()
    seen: set[str] = set()
    for i, value in enumerate(values):
        text = cell_text(value).strip()
        if text.startswith("="):  # a formula never saved: no header
            text = ""
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


def _use_saved_values(
    path: StrPath,
    sheets: dict[str, SheetRows],
    formulas: dict[str, dict[tuple[int, int], str]],
    notes: list[Problem],
    source: str,
) -> None:
    """Put the values the spreadsheet program saved in place of formulas, and say so."""
    wb = _open(path, data_only=True)
    try:
        for title, found in formulas.items():
            last = max(r for r, _c in found)
            saved: dict[tuple[int, int], Any] = {}
            for number, cells in _rows(wb[title]):
                if number > last:
                    break
                for i, value in enumerate(c.value for c in cells):
                    if (number, i) in found:
                        saved[(number, i)] = value
            by_number = dict(sheets[title])
            missing = 0
            for (number, i), h in sorted(found.items()):
                value = saved.get((number, i))
                if value is None:
                    missing += 1
                elif h and number in by_number:
                    by_number[number][h] = cell_text(value)
            first_row, first_col = min(found)
            message = ngettext(
                "{n} cell holds a formula; its saved value is used",
                "{n} cells hold formulas; their saved values are used",
                len(found),
            ).format(n=len(found))
            if missing:
                message += "; " + ngettext(
                    "{n} has no saved value (open and save the file in a spreadsheet program)",
                    "{n} have no saved value (open and save the file in a spreadsheet program)",
                    missing,
                ).format(n=missing)
            notes.append(
                Problem(
                    title, first_row, _column(first_col + 1), message, WARNING, source
                )
            )
    finally:
        wb.close()


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
