"""Write a reviewer workbook: visible sheets + the hidden machine part, streamed and atomic.

openpyxl's write-only mode keeps memory flat (each sheet streams to its own temporary file).
The file is written under a temporary name in the target folder and renamed at the end, so a
cancelled or failed export never leaves a partial file under the target name. Consolidation
reuses ``write_workbook`` with records that already carry their provenance.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Iterable, Sequence
from copy import copy
from datetime import date
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import Cell, WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.utils.datetime import to_excel

from gcm_collect.errors import UserError
from gcm_collect.forms.model import Form
from gcm_collect.i18n import _, is_rtl
from gcm_collect.workbook import machine
from gcm_collect.workbook.model import (
    FORMS_SHEET,
    META_SHEET,
    RECORDS_SHEET,
    ExportMeta,
    ExportRecord,
    FormEntry,
)
from gcm_collect.workbook.render import DataSheet, Renderer

Progress = Callable[[int, int], None]
Cancel = Callable[[], bool]
Translate = Callable[[str], str]
FORMULA_START = ("=", "+", "-", "@")
WRAP_OVER = 50  # characters; longer texts wrap in their cell
PROGRESS_EVERY = 50


class ExportCancelled(Exception):
    """The user cancelled; nothing was written under the target name."""


class _Cells:
    """Turns rendered values into what openpyxl should write, cheaply.

    Text that starts like a formula is written as a typed string (never a formula); long text
    wraps. Every other value goes through as is.
    """

    def __init__(self, ws: Any):
        self.ws = ws
        proto = WriteOnlyCell(ws, "x")
        proto.alignment = Alignment(wrap_text=True, vertical="top")
        self._wrap = proto._style
        plain = WriteOnlyCell(ws, "x")
        plain.alignment = Alignment(vertical="top")
        self._top = plain._style

    def text(self, value: str) -> WriteOnlyCell:
        cell = WriteOnlyCell(self.ws, value)
        cell.data_type = "s"  # even "=1+1" stays text
        cell._style = copy(self._wrap if len(value) > WRAP_OVER else self._top)
        return cell

    def row(self, values: list[Any]) -> list[Any]:
        for i, v in enumerate(values):
            if v.__class__ is str and v and (v[0] in "=+-@" or len(v) > WRAP_OVER):
                values[i] = self.text(v)
        return values


_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;"})


class _FastRows:
    """Serialises plain data rows straight into a write-only sheet's XML stream.

    openpyxl builds an element tree per cell (about 25 µs a cell); here a row is one string.
    Text is always an inline string, so text starting with = + - @ can never be a formula.
    Cell objects (styled headers) still go through openpyxl. Uses openpyxl's write-only
    internals (``_get_writer``, ``_values_to_row``, ``write_row``): the tests read every
    export back with openpyxl and python-calamine, so a change there shows at once.
    """

    def __init__(self, ws: Any, width: int):
        self.ws = ws
        self.letters = [get_column_letter(i) for i in range(1, max(width, 1) + 1)]
        wrap = WriteOnlyCell(ws, "x")
        wrap.alignment = Alignment(wrap_text=True, vertical="top")
        top = WriteOnlyCell(ws, "x")
        top.alignment = Alignment(vertical="top")
        day = WriteOnlyCell(ws, date(2000, 1, 1))
        self.wrap_id, self.top_id, self.date_id = wrap.style_id, top.style_id, day.style_id
        ws._get_writer()
        self._openpyxl_write_row = ws._writer.write_row
        ws._values_to_row = self._values_to_row  # rows arrive as plain lists
        ws._writer.write_row = self._write_row

    def _values_to_row(self, values: Any, row_idx: int) -> Any:
        return values

    def _write_row(self, xf: Any, values: list[Any], row_idx: int) -> None:
        if any(isinstance(v, Cell) for v in values):  # a styled header row: openpyxl's way
            cells = []
            for col, v in enumerate(values, 1):
                if v is None:
                    continue
                cell = v if isinstance(v, Cell) else WriteOnlyCell(self.ws, v)
                cell.row, cell.column = row_idx, col
                cells.append(cell)
            self._openpyxl_write_row(xf, cells, row_idx)
            return
        r = str(row_idx)
        letters = self.letters
        out = [f'<row r="{r}">']
        for i, v in enumerate(values):
            if v is None:
                continue
            ref = letters[i] + r
            kind = v.__class__
            if kind is str:
                if not v:
                    continue
                text = v.translate(_ESCAPES)
                space = ' xml:space="preserve"' if v[0].isspace() or v[-1].isspace() else ""
                style = self.wrap_id if len(v) > WRAP_OVER else self.top_id
                out.append(
                    f'<c r="{ref}" s="{style}" t="inlineStr"><is><t{space}>{text}</t></is></c>'
                )
            elif kind is int or kind is float:
                out.append(f'<c r="{ref}" t="n"><v>{v!r}</v></c>')
            elif kind is bool:
                out.append(f'<c r="{ref}" t="b"><v>{int(v)}</v></c>')
            elif kind is date:
                out.append(f'<c r="{ref}" s="{self.date_id}" t="n"><v>{to_excel(v)}</v></c>')
            else:
                out.append(
                    f'<c r="{ref}" t="inlineStr"><is><t>{str(v).translate(_ESCAPES)}</t></is></c>'
                )
        out.append("</row>")
        xf._file("".join(out))


def _header_cells(ws: Any, labels: Sequence[str], names: Sequence[str]) -> tuple[list, list]:
    bold = Font(bold=True)
    fill = PatternFill("solid", fgColor="DDEBF7")
    wrap = Alignment(wrap_text=True, vertical="top")
    grey = Font(italic=True, color="666666", size=9)
    first, second = [], []
    for label in labels:
        cell = WriteOnlyCell(ws, label)
        cell.data_type = "s"
        cell.font, cell.fill, cell.alignment = bold, fill, wrap
        first.append(cell)
    for name in names:
        cell = WriteOnlyCell(ws, name)
        cell.data_type = "s"
        cell.font = grey
        second.append(cell)
    return first, second


def _lines(text: str, width: float) -> int:
    """About how many lines ``text`` wraps to in a column ``width`` characters wide."""
    return max(1, -(-len(text) // max(int(width * 1.1), 1)))


def _new_sheet(wb: Workbook, name: str, rtl: bool, widths: Sequence[float] = ()) -> Any:
    ws = wb.create_sheet(name)
    if rtl:
        ws.sheet_view.rightToLeft = True
    # Printed, a sheet runs landscape and one page wide at most as long as it is legible;
    # wide data sheets keep their natural size and flow across pages.
    ws.page_setup.orientation = "landscape"
    if sum(widths) <= 300:
        ws.sheet_properties.pageSetUpPr.fitToPage = True
        ws.page_setup.fitToWidth = 1
        ws.page_setup.fitToHeight = 0
    ws.print_title_rows = "1:2" if len(widths) > 2 else None
    for i, width in enumerate(widths, 1):
        ws.column_dimensions[get_column_letter(i)].width = width
    return ws


class _DataSheetWriter:
    def __init__(self, wb: Workbook, sheet: DataSheet, rtl: bool):
        self.ws = _new_sheet(wb, sheet.name, rtl, [c.width for c in sheet.columns])
        self.ws.freeze_panes = "A3"
        labels, names = _header_cells(
            self.ws, [c.label for c in sheet.columns], [c.key for c in sheet.columns]
        )
        self.width = len(sheet.columns)
        lines = max((_lines(c.label, c.width) for c in sheet.columns), default=1)
        self.ws.row_dimensions[1].height = 15 * min(lines, 5)  # wrapped labels show whole
        self.fast = _FastRows(self.ws, self.width)
        self.ws.append(labels)
        self.ws.append(names)
        self.rows = 2

    def append(self, values: list[Any]) -> None:
        self.ws.append(values)
        self.rows += 1

    def finish(self) -> None:
        self.ws.auto_filter.ref = f"A2:{get_column_letter(self.width)}{self.rows}"


def _plain_sheet(wb: Workbook, name: str, rtl: bool, rows: Iterable[list[Any]], widths) -> Any:
    ws = _new_sheet(wb, name, rtl, widths)
    cells = _Cells(ws)
    for row in rows:
        ws.append(cells.row(list(row)))
    return ws


def _hidden_sheet(wb: Workbook, name: str) -> Any:
    ws = wb.create_sheet(name)
    ws.sheet_state = "hidden"
    return ws


def write_workbook(
    out_path: str | os.PathLike[str],
    *,
    meta: ExportMeta,
    forms: Sequence[tuple[FormEntry, Form]],
    records: Iterable[ExportRecord],
    total: int,
    tr: Translate,
    cover: Callable[[str], list[list[Any]]],
    codebook: list[list[Any]],
    codebook_header: Sequence[tuple[str, str]],
    progress: Progress | None = None,
    cancel: Cancel | None = None,
) -> str:
    """Write the workbook to ``out_path`` atomically; returns the export fingerprint.

    ``records`` are written in the order given (a generator keeps memory flat); ``total`` is
    their number, for progress. ``cover(fingerprint)`` gives the cover rows once the
    fingerprint is known. Raises ExportCancelled when ``cancel()`` turns true.
    """
    target = Path(out_path)
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise UserError(_("the folder does not exist"), folder)
    rtl = is_rtl(meta.lang)
    wb = Workbook(write_only=True)
    temp: str | None = None
    try:
        plans = {p.role: p.name for p in meta.sheets}
        cover_ws = _new_sheet(wb, plans["cover"], rtl, [34, 90])
        renderer = Renderer([form for _entry, form in forms], meta, tr)
        writers = {
            role: _DataSheetWriter(wb, sheet, rtl) for role, sheet in renderer.sheets.items()
        }
        code_ws = _new_sheet(wb, plans["codebook"], rtl, [10, 24, 40, 40, 18, 14, 50, 16, 30, 30])
        code_ws.freeze_panes = "A3"
        first, second = _header_cells(
            code_ws, [tr(label) for _k, label in codebook_header], [k for k, _l in codebook_header]
        )
        code_ws.append(first)
        code_ws.append(second)
        code_cells = _Cells(code_ws)
        for row in codebook:
            code_ws.append(code_cells.row(list(row)))
        code_ws.auto_filter.ref = f"A2:{get_column_letter(len(codebook_header))}{len(codebook) + 2}"
        meta_ws = _hidden_sheet(wb, META_SHEET)
        forms_ws = _hidden_sheet(wb, FORMS_SHEET)
        records_ws = _hidden_sheet(wb, RECORDS_SHEET)
        _FastRows(records_ws, 16_384)
        records_ws.append(machine.RECORDS_HEADER)
        for row in machine.form_rows(entry for entry, _form in forms):
            forms_ws.append(row)

        keys: list[str] = []
        done = 0
        for record in records:
            if cancel is not None and done % PROGRESS_EVERY == 0 and cancel():
                raise ExportCancelled()
            for role, rows in renderer.render(record).items():
                writer = writers[role]
                for rendered in rows:
                    writer.append(rendered.values)
            records_ws.append(machine.record_row(record))
            keys.append(record.key)
            done += 1
            if progress is not None and done % PROGRESS_EVERY == 0:
                progress(done, total)
        if cancel is not None and cancel():
            raise ExportCancelled()
        for writer in writers.values():
            writer.finish()

        fp = machine.fingerprint_from_keys(meta, [entry for entry, _form in forms], keys)
        meta_cells = _Cells(meta_ws)
        for row in machine.meta_rows(meta, fp):
            meta_ws.append(meta_cells.row(row))
        bold = Font(bold=True, size=14)
        cover_cells = _Cells(cover_ws)
        left = Alignment(horizontal="left", vertical="top")
        for i, row in enumerate(cover(fp)):
            if i == 0 and row:
                cell = cover_cells.text(row[0])
                cell.font = bold
                cover_ws.append([cell])
            elif len(row) == 1 and isinstance(row[0], str) and len(row[0]) > WRAP_OVER:
                # A paragraph: wrapped in the wide column, so it prints and reads whole.
                cover_ws.row_dimensions[i + 1].height = 15 * _lines(row[0], 90)
                cover_ws.append([None, cover_cells.text(row[0])])
            else:
                cells = cover_cells.row(list(row))
                for j, value in enumerate(cells):
                    if isinstance(value, int | float) and not isinstance(value, bool):
                        cells[j] = WriteOnlyCell(cover_ws, value)
                        cells[j].alignment = left  # counts line up with the texts beside them
                cover_ws.append(cells)

        handle, temp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
        os.close(handle)
        wb.save(temp)
        with open(temp, "rb+") as saved:
            os.fsync(saved.fileno())
        os.replace(temp, target)
        temp = None
        if progress is not None:
            progress(total, total)
        return fp
    except OSError as exc:
        raise UserError(
            _("cannot write the workbook: {problem}").format(problem=exc.strerror or exc), target
        ) from exc
    finally:
        if temp is not None and os.path.exists(temp):
            os.remove(temp)
        _discard_sheet_files(wb)


def _discard_sheet_files(wb: Workbook) -> None:
    # A cancelled write-only workbook keeps one temporary XML file per sheet until exit.
    for ws in wb.worksheets:
        writer = getattr(ws, "_writer", None)
        if writer is None or not isinstance(writer.out, str) or not os.path.exists(writer.out):
            continue
        try:
            if getattr(ws, "_rows", None) is not None:
                ws._rows.close()  # ends the row stream properly (else it complains when freed)
                ws._rows = None
            writer.close()
        except Exception:  # noqa: BLE001 - the generator may be half-way; the file goes anyway
            pass
        try:
            writer.cleanup()
        except (OSError, ValueError):
            pass
