"""Write a reviewer workbook: visible sheets + the hidden machine part, streamed and atomic.

openpyxl's write-only mode keeps memory flat (each sheet streams to its own temporary file).
The file is written under a temporary name in the target folder and renamed at the end, so a
cancelled or failed export never leaves a partial file under the target name. Consolidation
reuses ``write_workbook`` with records that already carry their provenance.
"""

from __future__ import annotations

import dataclasses
import hashlib
import math
import os
import re
import tempfile
from collections.abc import Callable, Iterable, Mapping, Sequence
from copy import copy
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import Cell, WriteOnlyCell
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import column_index_from_string, get_column_letter
from openpyxl.utils.datetime import to_excel
from openpyxl.worksheet.page import PageMargins

from gcm_collect.conversation import Conversation, merge
from gcm_collect.errors import UserError
from gcm_collect.files import flush_to_disk
from gcm_collect.forms.files import parse_file_value
from gcm_collect.forms.model import FILE, Form
from gcm_collect.i18n import N_, _, is_rtl
from gcm_collect.workbook import machine, reviewsheet
from gcm_collect.workbook.cells import ILLEGAL
from gcm_collect.workbook.edits import normalize
from gcm_collect.workbook.model import (
    FILES_SHEET,
    FORMS_SHEET,
    META_SHEET,
    RECORDS_SHEET,
    REVIEW_SHEET,
    ExportMeta,
    ExportRecord,
    FormEntry,
)
from gcm_collect.workbook.render import (
    DataSheet,
    RelevanceCache,
    RenderedRow,
    Renderer,
)
from gcm_collect.workbook.rowdigest import RowDigests, bucket_of, first_key
from gcm_collect.workbook.scratch import Scratch, move_into_place
from gcm_collect.workbook.signing import SigningKey, signature_block

Progress = Callable[[int, int], None]
Cancel = Callable[[], bool]
Translate = Callable[[str], str]
Attachments = Callable[[str], bytes | None]  # sha256 -> the document's bytes (None: unknown)
FORMULA_START = ("=", "+", "-", "@")
WRAP_OVER = 50  # characters; longer texts wrap in their cell (data sheets: longer than the column)
LINE_HEIGHT = 15.0  # points per line of 11-point text
MAX_LINES = 8  # a wrapped cell shows at most this many lines; the whole text is a click away
HEADER_LINES = 5  # lines of a wrapped row-1 label at most
# Printed, a sheet is landscape and as many pages wide as it takes to stay legible: this many
# column-width units on one page (about 65 % of the natural size on A4 or Letter).
PAGE_WIDTH = 230
# Leading data columns that say which row one is reading: frozen on screen and printed on every
# page, while they fit in KEY_WIDTH units.
KEY_COLUMNS = (
    "_index",
    "_parent_index",
    "_uuid",
    "_submission_uuid",
    "_state",
    "_state:label",
    "_instance",
)
KEY_WIDTH = 70
COVER_WIDTHS = (34, 90)
CODEBOOK_WIDTHS = (8, 20, 36, 36, 18, 9, 36, 12, 27, 27)  # one legible page wide
UUID_WIDTH = 13
NO_WRAP = 1 << 40
DEFAULT_WIDTH = (
    8.43  # a column given no width  # a UUID column shows its start; the whole key is in the cell
)
UUID_COLUMNS = ("_uuid", "_submission_uuid", "_instance", "_parent_instance")
# East Asian wide characters take two column-width units.
_WIDE = re.compile(
    r"[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]"
)
PROGRESS_EVERY = 50
# Excel has no time zones: a date-time cell is the wall-clock time as recorded (see render.py).
DATETIME_FORMAT = "yyyy-mm-dd hh:mm"
MINUTE_FORMAT = "hh:mm"  # a time answered to the minute
SECOND_FORMAT = "hh:mm:ss"  # a time with seconds shows them


class ExportCancelled(Exception):
    """The user cancelled; nothing was written under the target name."""


class _Cells:
    """Turns rendered values into what openpyxl should write, cheaply.

    Text that starts like a formula is written as a typed string (never a formula); text wider
    than its column (``widths``; WRAP_OVER characters without them) wraps. Every other value
    goes through as is.
    """

    def __init__(self, ws: Any, widths: Sequence[float] = ()):
        self.ws = ws
        self.widths = list(widths)
        proto = WriteOnlyCell(ws, "x")
        proto.alignment = Alignment(wrap_text=True, vertical="top")
        self._wrap = proto._style  # type: ignore[attr-defined]  # a cell's style ids: not in openpyxl's stubs
        plain = WriteOnlyCell(ws, "x")
        plain.alignment = Alignment(vertical="top")
        self._top = plain._style  # type: ignore[attr-defined]  # a cell's style ids: not in openpyxl's stubs
        self.lines = 1  # of the last row made, when it wraps

    def _limit(self, i: int) -> float:
        return self.widths[i] if i < len(self.widths) else WRAP_OVER

    def text(self, value: str, i: int = -1) -> Cell:
        # a character XML cannot hold (a control character in a file name) would stop the write
        cell = WriteOnlyCell(self.ws, ILLEGAL.sub("\ufffd", value))
        cell.data_type = "s"  # even "=1+1" stays text
        limit = self._limit(i) if i >= 0 else WRAP_OVER
        wraps = text_width(value) > limit or "\n" in value
        cell._style = copy(self._wrap if wraps else self._top)  # type: ignore[attr-defined]  # a cell's style ids: not in openpyxl's stubs
        if wraps and i >= 0 and i < len(self.widths):
            self.lines = max(self.lines, wrapped_lines(value, self.widths[i]))
        return cell

    def row(self, values: list[Any]) -> list[Any]:
        """The row's cells: texts (wrapped when wider than their column) and numbers set at the
        top of their cells, like the texts beside them."""
        self.lines = 1
        for i, v in enumerate(values):
            kind = v.__class__
            if kind is str and v:
                values[i] = self.text(v, i)
            elif kind is int or kind is float:
                cell = WriteOnlyCell(self.ws, v)
                cell._style = copy(self._top)  # type: ignore[attr-defined]  # a cell's style ids: not in openpyxl's stubs
                values[i] = cell
        return values


def _styled(ws: Any, value: Any, number_format: str) -> int:
    """The style id of a cell showing ``value`` with ``number_format`` (for raw XML cells)."""
    cell = WriteOnlyCell(ws, value)
    cell.number_format = number_format
    cell.alignment = Alignment(vertical="top")
    return cell.style_id


_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;"})


class FastRows:
    """Serialises plain data rows straight into a write-only sheet's XML stream.

    openpyxl builds an element tree per cell (about 25 µs a cell); here a row is one string.
    Text is always an inline string, so text starting with = + - @ can never be a formula.
    Cell objects (styled headers) still go through openpyxl. Uses openpyxl's write-only
    internals (``_get_writer``, ``_values_to_row``, ``write_row``): the tests read every
    export back with openpyxl and python-calamine, so a change there shows at once.
    """

    def __init__(self, ws: Any, width: int, widths: Sequence[float] = (), keys: Sequence[str] = ()):
        self.ws = ws
        self.letters = [get_column_letter(i) for i in range(1, max(width, 1) + 1)]
        # A text wider than its column wraps, and its row is made tall enough to show it
        # (MAX_LINES at most); without widths (hidden sheets), texts over WRAP_OVER wrap.
        # Keys (UUIDs) never wrap: their column shows their start.
        self.widths = [float(w) for w in widths]
        self.limits = [
            NO_WRAP if i < len(keys) and keys[i] in UUID_COLUMNS else max(int(w), 1)
            for i, w in enumerate(widths)
        ] + [WRAP_OVER] * (width - len(widths))
        wrap = WriteOnlyCell(ws, "x")
        wrap.alignment = Alignment(wrap_text=True, vertical="top")
        top = WriteOnlyCell(ws, "x")
        top.alignment = Alignment(vertical="top")
        self.wrap_id, self.top_id = wrap.style_id, top.style_id
        self.date_id = _styled(ws, date(2000, 1, 1), "yyyy-mm-dd")
        self.datetime_id = _styled(ws, datetime(2000, 1, 1), DATETIME_FORMAT)
        self.minute_id = _styled(ws, time(0, 0), MINUTE_FORMAT)
        self.second_id = _styled(ws, time(0, 0), SECOND_FORMAT)
        ws._get_writer()
        self._openpyxl_write_row = ws._writer.write_row
        ws._values_to_row = self._values_to_row  # rows arrive as plain lists
        ws._writer.write_row = self._write_row
        # A data sheet's: the SHA-256 of its plain rows' XML as written (its data rows), so an
        # import can tell an untouched sheet without rendering it again (model.ExportMeta).
        self.digest: Any = None
        self._formats: dict[type, Callable[[str, Any], str]] = {
            int: self._number_xml,
            float: self._number_xml,
            bool: self._bool_xml,
            date: self._date_xml,
            datetime: self._datetime_xml,
            time: self._time_xml,
        }

    def _values_to_row(self, values: Any, row_idx: int) -> Any:
        return values

    def _write_row(self, xf: Any, values: list[Any], row_idx: int) -> None:
        if any(isinstance(v, Cell) for v in values):  # a styled header row: openpyxl's way
            self._write_cells(xf, values, row_idx)
            return
        r = str(row_idx)
        letters = self.letters
        limits = self.limits
        formats = self._formats
        lines = 1
        out = [f'<row r="{r}">']
        for i, v in enumerate(values):
            if v is None:
                continue
            ref = letters[i] + r
            if v.__class__ is not str:  # texts (most cells) inline; other types by table
                out.append(formats.get(v.__class__, self._other_xml)(ref, v))
                continue
            if not v:
                continue
            text = v.translate(_ESCAPES)
            space = ' xml:space="preserve"' if v[0].isspace() or v[-1].isspace() else ""
            if (len(v) * 2 > limits[i] and text_width(v) > limits[i]) or "\n" in v:
                style = self.wrap_id
                if self.widths and lines < MAX_LINES:
                    lines = max(lines, wrapped_lines(v, self.widths[i]))
            else:
                style = self.top_id
            out.append(f'<c r="{ref}" s="{style}" t="inlineStr"><is><t{space}>{text}</t></is></c>')
        out.append("</row>")
        if lines > 1:
            height = LINE_HEIGHT * min(lines, MAX_LINES)
            out[0] = f'<row r="{r}" ht="{height}" customHeight="1">'
        self._put(xf, "".join(out))

    def _put(self, xf: Any, xml: str) -> None:
        xf._file(xml)
        if self.digest is not None:  # the bytes the file gets: openpyxl writes it in text
            # mode, XML references for what UTF-8 cannot hold, the platform's line ends
            data = xml.replace("\n", os.linesep) if "\n" in xml else xml
            self.digest.update(data.encode("utf-8", "xmlcharrefreplace"))

    def _write_cells(self, xf: Any, values: list[Any], row_idx: int) -> None:
        cells = []
        for col, v in enumerate(values, 1):
            if v is None:
                continue
            cell = v if isinstance(v, Cell) else WriteOnlyCell(self.ws, v)
            cell.row, cell.column = row_idx, col
            cells.append(cell)
        self._openpyxl_write_row(xf, cells, row_idx)

    # The XML of a cell that is not text, by the value's exact class (bool before int).
    def _number_xml(self, ref: str, v: Any) -> str:
        return f'<c r="{ref}" s="{self.top_id}" t="n"><v>{v!r}</v></c>'

    def _bool_xml(self, ref: str, v: Any) -> str:
        return f'<c r="{ref}" t="b"><v>{int(v)}</v></c>'

    def _date_xml(self, ref: str, v: Any) -> str:
        return f'<c r="{ref}" s="{self.date_id}" t="n"><v>{to_excel(v)}</v></c>'

    def _datetime_xml(self, ref: str, v: Any) -> str:
        return f'<c r="{ref}" s="{self.datetime_id}" t="n"><v>{to_excel(v)!r}</v></c>'

    def _time_xml(self, ref: str, v: Any) -> str:
        style = self.second_id if v.second else self.minute_id
        return f'<c r="{ref}" s="{style}" t="n"><v>{to_excel(v)!r}</v></c>'

    def _other_xml(self, ref: str, v: Any) -> str:
        return f'<c r="{ref}" t="inlineStr"><is><t>{str(v).translate(_ESCAPES)}</t></is></c>'


def _header_cells(
    ws: Any, labels: Sequence[str], names: Sequence[str]
) -> tuple[list[Cell], list[Cell]]:
    bold = Font(bold=True)
    fill = PatternFill("solid", fgColor="DDEBF7")
    wrap = Alignment(wrap_text=True, vertical="top")
    grey = Font(italic=True, color="666666", size=9)
    first: list[Cell] = []
    second: list[Cell] = []
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


def text_width(text: str) -> int:
    """Column-width units ``text`` takes on one line (a wide East Asian character takes two)."""
    if text.isascii():
        return len(text)
    return len(text) + len(_WIDE.findall(text))


def wrapped_lines(text: str, width: float) -> int:
    """About how many lines ``text`` wraps to in a column ``width`` units wide."""
    per_line = max(int(width * 1.05), 1)  # average text is a little narrower than "0"
    return sum(max(1, -(-text_width(part) // per_line)) for part in text.split("\n"))


def _escape_print(text: str) -> str:
    """Text for a printed page header or footer, where "&" starts a field code."""
    return text.replace("&", "&&")


def _print_setup(ws: Any, width: float, footer: str, *, grid: bool = True) -> None:
    """Landscape, as many pages wide as legibility needs (PAGE_WIDTH units a page), pages as
    long as the sheet; the sheet's name on top of every page, "Page N of M" at the bottom."""
    ws.page_setup.orientation = "landscape"
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_setup.fitToWidth = max(1, math.ceil(width / PAGE_WIDTH))
    ws.page_setup.fitToHeight = 0
    ws.page_margins = PageMargins(left=0.4, right=0.4, top=0.7, bottom=0.7, header=0.3, footer=0.3)
    ws.oddHeader.center.text = "&A"
    ws.oddHeader.center.size = 9
    if footer:
        ws.oddFooter.right.text = footer
        ws.oddFooter.right.size = 9
    ws.print_options.gridLines = grid


def key_columns(keys: Sequence[str], widths: Sequence[float]) -> int:
    """How many leading columns say which row one reads (frozen, printed on every page)."""
    n, used = 0, 0.0
    for key, width in zip(keys, widths, strict=False):
        if key not in KEY_COLUMNS or used + width > KEY_WIDTH:
            break
        n += 1
        used += width
    return n


def _column_width(key: str, width: float) -> float:
    return UUID_WIDTH if key in UUID_COLUMNS else width


_OBJECTIVE_COLUMN = re.compile(r"obj\d{2}_")


def _folded(role: str, key: str) -> bool:
    """Columns folded away (hidden in an outline group, a [+] shows them) for reading and
    printing: the 0/1 columns of each choice (``q/<code>``), for sums and pivots; and, on the
    Submissions sheet, the answers per GCM objective, which the Objectives sheet shows one
    objective a row."""
    return "/" in key or (role == "submissions" and _OBJECTIVE_COLUMN.match(key) is not None)


def _header_height(labels: Sequence[str], widths: Sequence[float]) -> float:
    lines = max(
        (wrapped_lines(label, w) for label, w in zip(labels, widths, strict=False) if label),
        default=1,
    )
    return LINE_HEIGHT * min(lines, HEADER_LINES)


def new_sheet(
    wb: Workbook,
    name: str,
    rtl: bool,
    widths: Sequence[float] = (),
    *,
    footer: str = "",
    folded: Sequence[bool] = (),
    grid: bool = True,
) -> Any:
    """A visible sheet with its column widths and print setup; ``folded`` columns are hidden
    in an outline group (a [+] above them shows them) and neither printed nor counted."""
    ws = wb.create_sheet(name)
    if rtl:
        ws.sheet_view.rightToLeft = True
    for i, width in enumerate(widths, 1):
        ws.column_dimensions[get_column_letter(i)].width = width
    shown = 0.0
    for i, width in enumerate(widths):
        if i < len(folded) and folded[i]:
            dim = ws.column_dimensions[get_column_letter(i + 1)]
            dim.outlineLevel, dim.hidden = 1, True
            ws.sheet_format.outlineLevelCol = 1
        else:
            shown += width
    _print_setup(ws, shown, footer, grid=grid)
    return ws


# Columns that show State names: their header carries the footnotes of the States named (Kosovo*).
STATE_NAME_COLUMNS = ("_state:label", "state:label")


def _note(text: str) -> Comment:
    """A cell note (comment) wide enough to read a footnote without resizing it."""
    note = Comment(text, "GCM Collect")
    note.width, note.height = 320, 110
    return note


def _footnotes(meta: ExportMeta, *, shown_in_data: bool = False) -> str:
    """The footnotes of the States the workbook names (its codebook included), or only of
    those its data rows can show (``labels["state"]``)."""
    notes = meta.labels.get("footnote", {})
    shown = meta.labels.get("state", {}) if shown_in_data else notes
    return "\n".join(line for code, line in notes.items() if line and code in shown)


def _print_footnotes(wb: Workbook, text: str, rtl: bool) -> None:
    """The footnotes at the foot of every printed page of every visible sheet (UN practice: a
    footnote on every page naming Kosovo)."""
    if not text:
        return
    if rtl:  # page footers run left to right: a right-to-left mark keeps "*" before the words
        text = "\n".join(f"\u200f{line}" for line in text.split("\n"))
    escaped = text.replace("&", "&&")  # & starts a header/footer code
    for ws in wb.worksheets:
        footer = ws.oddFooter
        if ws.sheet_state == "visible" and footer is not None:  # never None in a new sheet
            footer.left.text = escaped
            footer.left.size = 8


class _DataSheetWriter:
    def __init__(
        self, wb: Workbook, sheet: DataSheet, rtl: bool, footer: str = "", footnotes: str = ""
    ):
        keys = [c.key for c in sheet.columns]
        widths = [_column_width(c.key, c.width) for c in sheet.columns]
        self.ws = new_sheet(
            wb,
            sheet.name,
            rtl,
            widths,
            footer=footer,
            folded=[_folded(sheet.role, k) for k in keys],
        )
        frozen = key_columns(keys, widths)
        self.ws.freeze_panes = f"{get_column_letter(frozen + 1)}3"
        self.ws.print_title_rows = "1:2"
        if frozen:
            self.ws.print_title_cols = f"A:{get_column_letter(frozen)}"
        labels, names = _header_cells(self.ws, [c.label for c in sheet.columns], keys)
        if footnotes:
            for cell, column in zip(labels, sheet.columns, strict=True):
                if column.key in STATE_NAME_COLUMNS:
                    cell.comment = _note(footnotes)
        self.width = len(sheet.columns)
        # Wrapped labels show whole (up to HEADER_LINES lines).
        self.ws.row_dimensions[1].height = _header_height([c.label for c in sheet.columns], widths)
        self.fast = FastRows(self.ws, self.width, widths, keys)
        self.fast.digest = hashlib.sha256()
        self.ws.append(labels)
        self.ws.append(names)
        self.rows = 2
        self.digests = RowDigests()
        self.uuid_at = first_key(sheet.columns, sheet.role)

    def append(self, values: list[Any]) -> None:
        self.ws.append(values)
        self.rows += 1
        padded = values + [None] * (self.width - len(values))
        self.digests.add(bucket_of(normalize(values[self.uuid_at])), padded)

    def finish(self) -> None:
        self.ws.auto_filter.ref = f"A2:{get_column_letter(self.width)}{self.rows}"

    @property
    def sha256(self) -> str:
        """The SHA-256 of the data rows' XML (row 3 on), as the sheet's file holds them."""
        digest: str = self.fast.digest.hexdigest()
        return digest


def hidden_sheet(wb: Workbook, name: str) -> Any:
    ws = wb.create_sheet(name)
    ws.sheet_state = "hidden"
    return ws


class Sheet:
    """A sheet an ``Extras`` hook adds: rows go in as plain lists, text never becomes a formula.

    ``ws`` is the openpyxl write-only worksheet, for what rows cannot say (charts). A text wider
    than its column wraps, and its row is made tall enough to show it (MAX_LINES at most).
    """

    def __init__(self, ws: Any, widths: Sequence[float] = ()):
        self.ws = ws
        self.widths = list(widths)
        self.rows = 0  # rows appended so far
        self._cells = _Cells(ws, widths)
        self._filter_width = 0

    def columns(self, widths: Sequence[float]) -> None:
        """Set the column widths (and the printed width) before the first row is written."""
        self.widths = list(widths)
        self._cells.widths = self.widths
        for i, width in enumerate(widths, 1):
            self.ws.column_dimensions[get_column_letter(i)].width = width
        self.ws.page_setup.fitToWidth = max(1, math.ceil(sum(widths) / PAGE_WIDTH))

    def append(
        self,
        values: Sequence[Any],
        *,
        bold: bool = False,
        size: float | None = None,
        align: Mapping[int, str] | None = None,
        span: int = 0,
        percent: Iterable[int] = (),
    ) -> None:
        """One row; with ``bold`` (and ``size``), its texts are set as headings; ``align`` sets
        the horizontal alignment of some cells (position -> "center", "right"...); ``span``
        merges the first cells of the row (a heading across that many columns); numbers at the
        ``percent`` positions show as percentages."""
        cells = self._spanned(values, span) if span > 1 else self._cells.row(list(values))
        if bold:
            self._bolden(cells, size, span)
        if span > 1:
            row = self.rows + 1
            self.ws.merged_cells.add(f"A{row}:{get_column_letter(span)}{row}")
        for i, how in (align or {}).items():
            if i < len(cells) and cells[i] is not None:
                cell = self._as_cell(cells, i)
                wrap = cell.alignment.wrap_text
                cell.alignment = Alignment(horizontal=how, vertical="top", wrap_text=wrap)
        for i in percent:
            if i < len(cells) and isinstance(cells[i], int | float | Cell):
                cell = self._as_cell(cells, i)
                if isinstance(cell.value, int | float):
                    cell.number_format = "0%"
        if self._cells.lines > 1:
            height = LINE_HEIGHT * min(self._cells.lines, MAX_LINES) * (size or 11) / 11
            self.ws.row_dimensions[self.rows + 1].height = height
        self.ws.append(cells)
        self.rows += 1

    def _spanned(self, values: Sequence[Any], span: int) -> list[Any]:
        """A row whose heading spans ``span`` cells: it wraps only over them all."""
        cells = list(values)
        self._cells.lines = 1
        if cells and isinstance(cells[0], str):
            heading = cells[0] = self._cells.text(cells[0])
            if heading.alignment.wrap_text:
                across = sum(self.widths[:span]) or WRAP_OVER
                self._cells.lines = wrapped_lines(str(heading.value), across)
        return cells

    def _bolden(self, cells: list[Any], size: float | None, span: int) -> None:
        font = Font(bold=True, size=size) if size else Font(bold=True)
        for i, v in enumerate(cells):
            if isinstance(v, str):
                cells[i] = self._cells.text(v, -1 if span else i)
            if isinstance(cells[i], Cell):
                cells[i].font = font

    def _as_cell(self, cells: list[Any], i: int) -> Any:
        """The cell at ``i``, made a styled cell (in ``cells``) if it is a plain value."""
        if not isinstance(cells[i], Cell):
            cells[i] = WriteOnlyCell(self.ws, cells[i])
        return cells[i]

    def noted(self, value: str, note: str) -> Cell:
        """A text cell with a note (a footnote shown on hover), to put in a row."""
        cell = self._cells.text(value)
        cell.comment = _note(note)
        return cell

    def header(self, labels: Sequence[str], keys: Sequence[str], *, freeze: str = "A3") -> None:
        """The two header rows of a table (labels for people, stable names), with an autofilter
        over the table once the workbook is finished. Printed on every page, with the columns
        left of ``freeze``."""
        first, second = _header_cells(self.ws, labels, keys)
        self.ws.freeze_panes = freeze
        top = self.rows + 1
        self.ws.print_title_rows = f"{top}:{top + 1}"
        frozen = freeze.rstrip("0123456789")
        if frozen != "A":
            self.ws.print_title_cols = (
                f"A:{get_column_letter(column_index_from_string(frozen) - 1)}"
            )
        self.ws.row_dimensions[top].height = _header_height(labels, self.widths)
        # Columns past the given widths keep the default width: printed too.
        shown = sum(self.widths) + DEFAULT_WIDTH * max(0, len(keys) - len(self.widths))
        self.ws.page_setup.fitToWidth = max(1, math.ceil(shown / PAGE_WIDTH))
        self.ws.append(first)
        self.ws.append(second)
        self.rows += 2
        self._filter_width = max(len(keys), 1)

    def table(
        self,
        header: Sequence[tuple[str, str]],
        rows: Iterable[Sequence[Any]],
        tr: Callable[[str], str],
    ) -> None:
        """A whole table: ``header`` is (stable name, label to translate) pairs."""
        self.header([tr(label) for _k, label in header], [k for k, _l in header])
        for row in rows:
            self.append(row)

    def finish(self) -> None:
        if self._filter_width:
            self.ws.auto_filter.ref = f"A2:{get_column_letter(self._filter_width)}{self.rows}"


class SheetBook:
    """What an ``Extras`` hook may add to the workbook being written."""

    def __init__(
        self,
        wb: Workbook,
        rtl: bool,
        attach: Callable[[ExportRecord], None],
        footer: str = "",
    ):
        self._wb = wb
        self.rtl = rtl
        self._attach = attach
        self._footer = footer
        self.sheets: list[Sheet] = []

    def sheet(
        self,
        name: str,
        widths: Sequence[float] = (),
        *,
        hidden: bool = False,
        grid: bool = True,
    ) -> Sheet:
        """A new sheet, placed after the sheets made so far (printed with grid lines unless
        ``grid`` is false)."""
        ws = (
            hidden_sheet(self._wb, name)
            if hidden
            else new_sheet(self._wb, name, self.rtl, widths, footer=self._footer, grid=grid)
        )
        sheet = Sheet(ws, widths)
        self.sheets.append(sheet)
        return sheet

    def records_sheet(self, name: str, records: Iterable[ExportRecord]) -> None:
        """A hidden sheet of machine records (the ``_gcm_records`` layout), read back with
        ``machine.parse_records``; the attachments their answers name are carried too. The
        fingerprint does not cover these rows: the caller records their keys in the meta."""
        ws = hidden_sheet(self._wb, name)
        FastRows(ws, 16_384)
        ws.append(machine.RECORDS_HEADER)
        for record in records:
            ws.append(machine.record_row(record))
            self._attach(record)


class Extras:
    """Hooks for a caller that adds its own sheets to a workbook (consolidation does).

    Every method is optional. Sheets are placed in the order they are made: ``before_data``
    right after the cover, ``after_data`` after the data sheets and before the codebook,
    ``hidden`` after the machine part. ``record`` sees each record as it is written, with the
    rows it rendered (role -> rows); ``finish`` runs after the last record.
    """

    def before_data(self, book: SheetBook) -> None:
        pass

    def after_data(self, book: SheetBook) -> None:
        pass

    def hidden(self, book: SheetBook) -> None:
        pass

    def record(self, record: ExportRecord, rows: Mapping[str, list[RenderedRow]]) -> None:
        pass

    def finish(self) -> None:
        pass


class _Attachments:
    """Writes each attachment the records' ``file`` answers name, once per SHA-256."""

    def __init__(self, ws: Any, forms: Sequence[tuple[FormEntry, Form]], load: Attachments | None):
        self.ws = ws
        self.load = load
        self.names = {
            (entry.form_id, entry.version): {q.name for q in form.questions() if q.type == FILE}
            for entry, form in forms
        }
        self.written: set[str] = set()
        ws.append(machine.FILES_HEADER)

    def __call__(self, record: ExportRecord) -> None:
        if self.load is None:
            return
        data = record.data
        names = self.names.get((str(data.get("form_id")), str(data.get("form_version"))))
        if not names:
            return
        for path, value in record.answers.items():
            if path.rsplit("/", 1)[-1] not in names:
                continue
            ref = parse_file_value(value)
            if ref is None or ref.sha256 in self.written:
                continue
            content = self.load(ref.sha256)
            # Bytes that are missing (or do not match) stay out: the reader would refuse them.
            if content is None or hashlib.sha256(content).hexdigest() != ref.sha256:
                continue
            self.ws.append(machine.file_row(ref.sha256, ref.name, content))
            self.written.add(ref.sha256)


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
    attachments: Attachments | None = None,
    extras: Extras | None = None,
    cache: RelevanceCache | None = None,
    key: SigningKey | None = None,
    conversation: Conversation | None = None,
) -> str:
    """Write the workbook to ``out_path`` atomically; returns the export fingerprint.

    ``records`` are written in the order given (a generator keeps memory flat); ``total`` is
    their number, for progress. ``cover(fingerprint)`` gives the cover rows once the
    fingerprint is known. ``attachments(sha256)`` gives the bytes of an attached document (None
    when unknown): each one a ``file`` answer names is carried once in ``_gcm_files``.
    ``extras`` adds sheets (see Extras); ``cache`` reuses relevance evaluations made earlier
    (by find_edits on the same records). ``key`` signs the machine part (workbook/signing.py).
    ``conversation`` (review comments and decisions) is carried in the hidden part, covered by
    the fingerprint, and shown on the Review sheet when the sheet plan has one.
    Raises ExportCancelled when ``cancel()`` turns true.
    """
    target = Path(out_path)
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise UserError(_("the folder does not exist"), folder)
    rtl = is_rtl(meta.lang)
    extras = extras or Extras()
    conversation = merge(conversation or Conversation())
    meta = dataclasses.replace(meta, conversation=machine.conversation_hash(conversation))
    wb = Workbook(write_only=True)
    temp: list[str] = []  # the file being saved, until it is moved into place
    try:
        scratch = Scratch()  # the sheets' temporary files go in the private data folder
    except OSError as exc:
        raise _cannot_write(exc, target) from exc
    try:
        plans = {p.role: p.name for p in meta.sheets}
        footer = _escape_print(tr(N_("Page {page} of {pages}"))).format(page="&P", pages="&N")
        cover_ws = new_sheet(wb, plans["cover"], rtl, COVER_WIDTHS, footer=footer, grid=False)
        attach: list[Callable[[ExportRecord], None]] = []  # set once the files sheet exists
        book = SheetBook(wb, rtl, lambda record: attach[0](record), footer)
        extras.before_data(book)
        renderer = Renderer([form for _entry, form in forms], meta, tr, cache)
        in_data = _footnotes(meta, shown_in_data=True)
        writers = {
            role: _DataSheetWriter(wb, sheet, rtl, footer, in_data)
            for role, sheet in renderer.sheets.items()
        }
        review = _review_sheet(wb, plans["review"], rtl, footer, tr) if "review" in plans else None
        extras.after_data(book)
        _write_codebook(wb, plans["codebook"], rtl, footer, meta, codebook, codebook_header, tr)
        hidden = _MachineSheets(wb, forms, attachments, conversation)
        attach.append(hidden.files)
        extras.hidden(book)

        rows = _RecordRows(renderer, writers, extras, hidden, review, meta, conversation, tr)
        keys = rows.write(records, total, progress, cancel)
        for writer in writers.values():
            writer.finish()
        extras.finish()
        if review is not None:
            review.ws.data_validations.append(reviewsheet.dropdown(len(keys), tr))
            review.finish()
        for sheet in book.sheets:
            sheet.finish()

        meta = _with_digests(meta, writers)
        fp = machine.fingerprint_from_keys(
            meta, [entry for entry, _form in forms], keys, hidden.files.written
        )
        hidden.write_meta(meta, fp, key)
        _write_cover(cover_ws, cover(fp), rtl)
        _print_footnotes(wb, _footnotes(meta), rtl)
        _save(wb, scratch, target, temp)
        if progress is not None:
            progress(total, total)
        return fp
    except OSError as exc:
        raise _cannot_write(exc, target) from exc
    finally:
        for path in temp:
            if os.path.exists(path):
                os.remove(path)
        _discard_sheet_files(wb)
        scratch.close()


def _with_digests(meta: ExportMeta, writers: Mapping[str, _DataSheetWriter]) -> ExportMeta:
    """The meta with the SHA-256 of each data sheet's rows as written (model.ExportMeta)."""
    return dataclasses.replace(
        meta,
        data_sha256={role: writer.sha256 for role, writer in writers.items()},
        data_buckets={role: tuple(w.digests.hexdigests()) for role, w in writers.items()},
    )


def _cannot_write(exc: OSError, target: Path) -> UserError:
    return UserError(
        _("cannot write the workbook: {problem}").format(problem=exc.strerror or exc), target
    )


def _review_sheet(wb: Workbook, title: str, rtl: bool, footer: str, tr: Translate) -> Sheet:
    """The Review sheet, with its header: a row per record is appended as they come."""
    review = Sheet(new_sheet(wb, title, rtl, reviewsheet.WIDTHS, footer=footer), reviewsheet.WIDTHS)
    review.header(
        [tr(label) for _key, label, _width in reviewsheet.COLUMNS],
        reviewsheet.KEYS,
        freeze="C3",
    )
    return review


def _write_codebook(
    wb: Workbook,
    title: str,
    rtl: bool,
    footer: str,
    meta: ExportMeta,
    codebook: list[list[Any]],
    codebook_header: Sequence[tuple[str, str]],
    tr: Translate,
) -> None:
    # The English columns of the codebook say nothing new in an English workbook: folded.
    english = [meta.lang == "en" and k.endswith("_en") for k, _label in codebook_header]
    code_ws = new_sheet(wb, title, rtl, CODEBOOK_WIDTHS, footer=footer, folded=english)
    code = Sheet(code_ws, CODEBOOK_WIDTHS)
    code.table(codebook_header, codebook, tr)
    code.finish()


class _MachineSheets:
    """The hidden sheets a workbook is read back from: meta, forms, records, files and (when
    there is one) the review conversation."""

    def __init__(
        self,
        wb: Workbook,
        forms: Sequence[tuple[FormEntry, Form]],
        attachments: Attachments | None,
        conversation: Conversation,
    ) -> None:
        self.meta_ws = hidden_sheet(wb, META_SHEET)
        forms_ws = hidden_sheet(wb, FORMS_SHEET)
        self.records_ws = hidden_sheet(wb, RECORDS_SHEET)
        FastRows(self.records_ws, 16_384)
        self.records_ws.append(machine.RECORDS_HEADER)
        FastRows(forms_ws, 16_384)  # inline strings: a form id like "=HYPERLINK(..)" stays text
        for row in machine.form_rows(entry for entry, _form in forms):
            forms_ws.append(row)
        files_ws = hidden_sheet(wb, FILES_SHEET)
        FastRows(files_ws, 16_384)
        self.files = _Attachments(files_ws, forms, attachments)
        if conversation:
            review_ws = hidden_sheet(wb, REVIEW_SHEET)
            FastRows(review_ws, 16_384)
            for row in machine.conversation_rows(conversation):
                review_ws.append(row)

    def record(self, record: ExportRecord) -> None:
        self.records_ws.append(machine.record_row(record))
        self.files(record)

    def write_meta(self, meta: ExportMeta, fp: str, key: SigningKey | None) -> None:
        meta_cells = _Cells(self.meta_ws)
        signature = signature_block(fp, key) if key is not None else None
        for row in machine.meta_rows(meta, fp, signature):
            self.meta_ws.append(meta_cells.row(row))


@dataclass
class _RecordRows:
    """Each record's rows on the data sheets, the extra sheets, the Review sheet and the
    hidden ones."""

    renderer: Renderer
    writers: dict[str, _DataSheetWriter]
    extras: Extras
    hidden: _MachineSheets
    review: Sheet | None
    meta: ExportMeta
    conversation: Conversation
    tr: Translate

    def write(
        self,
        records: Iterable[ExportRecord],
        total: int,
        progress: Progress | None,
        cancel: Cancel | None,
    ) -> list[str]:
        """The records' keys, in order; ExportCancelled when ``cancel()`` turns true."""
        keys: list[str] = []
        done = 0
        for record in records:
            if cancel is not None and done % PROGRESS_EVERY == 0 and cancel():
                raise ExportCancelled()
            self.write_one(record)
            keys.append(record.key)
            done += 1
            if progress is not None and done % PROGRESS_EVERY == 0:
                progress(done, total)
        if cancel is not None and cancel():
            raise ExportCancelled()
        return keys

    def write_one(self, record: ExportRecord) -> None:
        rendered = self.renderer.render(record)
        writers = self.writers
        for role, rows in rendered.items():
            writer = writers[role]
            for rendered_row in rows:
                writer.append(rendered_row.values)
        self.extras.record(record, rendered)
        if self.review is not None:
            self.review.append(
                reviewsheet.review_row(record, self.meta, self.conversation, self.tr)
            )
        self.hidden.record(record)


def _save(wb: Workbook, scratch: Scratch, target: Path, temp: list[str]) -> None:
    """Save to a private temporary file (named in ``temp`` until moved), flushed, then moved
    into place atomically."""
    handle, path = tempfile.mkstemp(suffix=".xlsx", dir=scratch.path)  # private, never left
    temp.append(path)
    os.close(handle)
    wb.save(path)
    with open(path, "rb+") as saved:
        flush_to_disk(saved.fileno())
    move_into_place(Path(path), target)
    temp.clear()


def _write_cover(ws: Any, rows: list[list[Any]], rtl: bool) -> None:
    cells = _Cells(ws, COVER_WIDTHS)
    # A count stands next to its label: at the start of its column, which is the right edge
    # of the column in a right-to-left sheet.
    near = "right" if rtl else "left"
    for i, row in enumerate(rows, 1):
        if i == 1 and row or len(row) == 1 and isinstance(row[0], str) and text_width(row[0]) > 34:
            _cover_paragraph(ws, i, row[0])
        else:
            _cover_row(ws, cells, i, row, near)


def _cover_paragraph(ws: Any, i: int, text: str) -> None:
    """The title (row 1) or a paragraph: across both columns, wrapped, shown whole."""
    cell = WriteOnlyCell(ws, ILLEGAL.sub("\ufffd", text))
    cell.data_type = "s"
    cell.alignment = Alignment(wrap_text=True, vertical="top")
    size = 14 if i == 1 else 11
    if i == 1:
        cell.font = Font(bold=True, size=size)
    lines = wrapped_lines(text, sum(COVER_WIDTHS) * 11 / size)
    ws.merged_cells.add(f"A{i}:B{i}")
    ws.row_dimensions[i].height = LINE_HEIGHT * size / 11 * lines + 3
    ws.append([cell])


def _cover_row(ws: Any, cells: _Cells, i: int, row: list[Any], near: str) -> None:
    """A label and its count (or a heading alone)."""
    indent = 0
    if row and isinstance(row[0], str) and row[0].startswith(" "):
        # A sub-item ("  Draft"): indented by the cell, not by spaces, which would turn a
        # right-to-left label the wrong way round.
        indent = 2
        row = [row[0].strip(), *row[1:]]
    values = cells.row(list(row))
    for j, value in enumerate(values):
        if isinstance(value, Cell):
            value.alignment = Alignment(
                horizontal=near if j == 1 or indent else None,
                vertical="top",
                wrap_text=value.alignment.wrap_text,
                indent=indent if j == 0 else 0,
            )
    if len(values) == 1 and isinstance(values[0], Cell):
        values[0].font = Font(bold=True)  # a heading ("How to read this workbook")
    if cells.lines > 1:
        ws.row_dimensions[i].height = LINE_HEIGHT * min(cells.lines, MAX_LINES)
    ws.append(values)


def _discard_sheet_files(wb: Workbook) -> None:
    # A cancelled write-only workbook keeps one temporary XML file per sheet until exit.
    for ws in wb.worksheets:
        writer = getattr(ws, "_writer", None)
        if writer is None or not isinstance(writer.out, str) or not os.path.exists(writer.out):
            continue
        try:
            rows = getattr(ws, "_rows", None)  # a write-only sheet's row stream (private)
            if rows is not None:
                rows.close()  # ends the row stream properly (else it complains when freed)
                ws._rows = None  # type: ignore[attr-defined]  # private: not in openpyxl's stubs
            writer.close()
        except Exception:  # noqa: BLE001 - the generator may be half-way; the file goes anyway
            pass
        try:
            writer.cleanup()
        except (OSError, ValueError):
            pass
