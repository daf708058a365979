"""Checks on a workbook before any of its sheets is parsed: zip bombs, entity bombs, junk, and
sheets whose cells would make a reader allocate far more than the file holds.

Order matters: cheap looks at the first bytes, then the zip directory (parts, sizes, compression
ratios), then the head of every XML part for a DTD (entity bombs), then the structural parts
parsed with defusedxml, then one streaming pass over the sheets counting their cells and finding
the farthest one. Only then does python-calamine (exports) or openpyxl (XLSForms) read them.

Why the last pass: python-calamine stores a sheet as a dense grid from A1 to its farthest cell,
so one cell at XFD1048576 in a 200 KB file asks for 17 billion cells (512 GB) and the process
aborts; openpyxl pads every row to its last cell. The grid may be at most ``AREA_FLOOR`` cells
plus ``AREA_PER_CELL`` per cell actually present, so memory follows the real content.
The limits are listed, with what each protects against, in docs/security.md.
"""

from __future__ import annotations

import hashlib
import os
import re
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import ParseError, fromstring, iterparse

from gcm_collect.errors import UserError
from gcm_collect.i18n import _


@dataclass(frozen=True)
class Limits:
    """The most a file of one kind may hold (uncompressed bytes, parts, cells present), and
    the size from which a part compressed more than ``MAX_RATIO`` times is refused."""

    total: int
    members: int
    cells: int
    ratio_floor: int


# An export's hidden review sheet holds comments of any length, as officers' databases hold
# them: a long repetitive one compresses 1000:1. A part under 256 MB inflates to no more than
# a quarter of the reading child's 1 GB of memory and a sixteenth of the 4 GB an honest export
# may hold, read in 4 MB chunks: harmless. Bigger and that well compressed, it is a bomb.
EXPORTS = Limits(
    total=4 * 1024**3,
    members=10_000,
    cells=40_000_000,  # 200 x 100 submissions: 26M
    ratio_floor=256 * 1024**2,
)
# A big real form: 10 MB. Forms hold no hidden review sheet: the floor stays low.
FORMS = Limits(total=64 * 1024**2, members=1_000, cells=2_000_000, ratio_floor=1024**2)

MAX_MEMBERS = EXPORTS.members
MAX_TOTAL = EXPORTS.total
MAX_RATIO = 200  # uncompressed / compressed, for parts over their kind's ``ratio_floor``
OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # encrypted xlsx, or an old .xls
ZIP_MAGIC = b"PK\x03\x04"
HEAD_BYTES = 4096  # a DTD must come before the root element: the head of a part is enough
MAX_STRUCTURE = 4 * 1024**2  # workbook.xml and [Content_Types].xml are small in any real file

MAX_ROW = 1_048_576  # the largest sheet Excel and LibreOffice hold
MAX_COLUMN = 16_384  # XFD
AREA_FLOOR = 1_000_000  # grid cells any workbook may span, however empty
AREA_PER_CELL = 16  # and this many more per cell it really holds
CHUNK = 4 * 1024**2
MAX_TAG = 1024**2  # one XML tag longer than this is not a spreadsheet's

_DTD = re.compile(rb"<!(DOCTYPE|ENTITY)", re.IGNORECASE)
# The form every spreadsheet program writes: <c r="B7" ...> (a value inside) or <c r="B7" .../>
# (formatting only: readers skip it). Counted fast, then compared with the count of every <c>
# element; any other spelling (no r, a prefix, odd spacing) takes the slow, exact path through
# an XML parser.
_PLAIN_COLUMN = re.compile(rb'<c r="([A-Z]{1,3})[0-9]{1,7}"')
_PLAIN_ROW = re.compile(rb'<c r="[A-Z]{1,3}([0-9]{1,7})"')
_NOT_A_CELL = re.compile(rb"<c[^\s/>]")  # <col>, <cols>, <cfRule> ...
_PREFIXED = re.compile(rb":c[\s/>]")  # <x:c ...> (or text that looks like it: the slow path)


@dataclass(frozen=True)
class Opened:
    """A workbook file opened once and checked: its zip, and the SHA-256 of its bytes.

    Every reader of the file (the checks, python-calamine, the formula scan) reads through
    ``handle``, so the file is opened once however many look at it."""

    path: Path
    handle: BinaryIO
    archive: zipfile.ZipFile
    digest: str = ""

    def rewound(self) -> BinaryIO:
        self.handle.seek(0)
        return self.handle


@contextmanager
def opened(
    path: Path, limits: Limits = EXPORTS, *, cells: bool = True, digest: bool = True
) -> Iterator[Opened]:
    """``path`` opened once, after the checks of ``check_container`` (and ``check_cells``
    unless ``cells`` is False); UserError naming ``path`` when one fails."""
    try:
        handle = path.open("rb")
    except FileNotFoundError as exc:
        raise UserError(_("file not found (moved or deleted?)"), path) from exc
    except OSError as exc:
        raise UserError(
            _("the file cannot be read: {problem}").format(problem=exc.strerror or exc), path
        ) from exc
    with handle:
        _check_head(os.fstat(handle.fileno()).st_size, handle.read(8), path)
        sha = _sha256(handle) if digest else ""
        handle.seek(0)
        try:
            archive = zipfile.ZipFile(handle)
        except (zipfile.BadZipFile, OSError, ValueError) as exc:
            raise UserError(_("not an Excel workbook (.xlsx)"), path) from exc
        with archive:
            _check_directory(archive.infolist(), path, limits)
            with _reading(path):
                _check_parts(archive, path)
                if cells:
                    _check_cells(archive, path, limits)
            yield Opened(path, handle, archive, sha)


def check_container(path: Path, limits: Limits = EXPORTS) -> None:
    """UserError naming ``path`` unless it looks like a safe, plain xlsx container."""
    with opened(path, limits, cells=False, digest=False):
        pass


def _sha256(handle: BinaryIO) -> str:
    handle.seek(0)
    h = hashlib.sha256()
    while chunk := handle.read(1 << 20):
        h.update(chunk)
    return h.hexdigest()


def _check_head(size: int, head: bytes, path: Path) -> None:
    if size == 0:
        raise UserError(_("the file is empty"), path)
    if head.startswith(OLE2_MAGIC):
        raise UserError(
            _(
                "the workbook is password-protected (or an old .xls file); open it in Excel, "
                "remove the password and save it as .xlsx"
            ),
            path,
        )
    if not head.startswith(ZIP_MAGIC):
        raise UserError(_("not an Excel workbook (.xlsx)"), path)


def _check_parts(archive: zipfile.ZipFile, path: Path) -> None:
    """No part declares entities (a DTD); the structural parts are small and parse."""
    for info in archive.infolist():
        if not info.filename.endswith((".xml", ".rels", ".vml")):
            continue
        with archive.open(info) as part:
            if _DTD.search(part.read(HEAD_BYTES)):
                raise UserError(
                    _(
                        "the workbook part {part} declares XML entities (an entity bomb?); refused"
                    ).format(part=info.filename),
                    path,
                )
    for name in ("[Content_Types].xml", "xl/workbook.xml"):
        info = archive.getinfo(name)
        if info.file_size > MAX_STRUCTURE:
            raise UserError(_("the workbook is too large to open safely"), path)
        fromstring(archive.read(name))


@contextmanager
def _reading(path: Path) -> Iterator[None]:
    """What goes wrong reading the open zip, as one UserError naming ``path``."""
    try:
        yield
    except UserError:
        raise
    except (DefusedXmlException, ParseError) as exc:
        raise UserError(_("the workbook structure is damaged or unsafe"), path) from exc
    except (zipfile.BadZipFile, OSError, EOFError, KeyError, ValueError) as exc:
        raise UserError(_("the workbook is damaged or truncated"), path) from exc


def _check_directory(infos: list[zipfile.ZipInfo], path: Path, limits: Limits) -> None:
    names = {i.filename for i in infos}
    if "[Content_Types].xml" not in names or "xl/workbook.xml" not in names:
        raise UserError(_("not an Excel workbook (.xlsx)"), path)
    if len(infos) > limits.members:
        raise UserError(_("the workbook has too many parts to be safe to open"), path)
    total = 0
    for info in infos:
        total += info.file_size
        if info.file_size > limits.ratio_floor and info.file_size > MAX_RATIO * max(
            info.compress_size, 1
        ):
            raise UserError(
                _("the workbook part {part} is compressed suspiciously well (a zip bomb?)").format(
                    part=info.filename
                ),
                path,
            )
    if total > limits.total:
        raise UserError(_("the workbook is too large to open safely"), path)


@dataclass
class _Extent:
    """What one part holds: cells present, the farthest row and column any of them reaches."""

    cells: int = 0
    rows: int = 0
    columns: int = 0
    exact: bool = True  # False: rows and columns are upper bounds (formatting-only cells in)

    def add(self, row: int, column: int) -> None:
        self.cells += 1
        self.rows = max(self.rows, row)
        self.columns = max(self.columns, column)


def column_number(letters: str) -> int:
    """A1-style column letters as a number (A -> 1); case-insensitive, as readers take them."""
    number = 0
    for ch in letters.upper():
        number = number * 26 + ord(ch) - 64
    return number


def column_letters(number: int) -> str:
    letters = ""
    while number > 0:
        number, rest = divmod(number - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def check_cells(path: Path, limits: Limits = EXPORTS) -> None:
    """UserError naming ``path`` when its sheets hold too many cells, or span a grid far larger
    than their content (a cell at XFD1048576), before any reader allocates that grid."""
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, EOFError, ValueError) as exc:
        raise UserError(_("the workbook is damaged or truncated"), path) from exc
    with archive, _reading(path):
        _check_cells(archive, path, limits)


def _check_cells(archive: zipfile.ZipFile, path: Path, limits: Limits) -> None:
    extents: dict[str, _Extent] = {}
    for info in archive.infolist():
        if info.filename.endswith(".xml") and not info.is_dir():
            extent = _scan(archive, info.filename, path)
            if extent.cells:
                extents[info.filename] = extent
    refusal = _judge(extents, limits, path, archive)
    if refusal is not None and not all(e.exact for e in extents.values()):
        # The fast count placed cells holding only formatting too: look again, exactly.
        for name, extent in list(extents.items()):
            if not extent.exact:
                extents[name] = _scan_exactly(archive, name)
        refusal = _judge(extents, limits, path, archive)
    if refusal is not None:
        raise refusal


def _judge(
    extents: dict[str, _Extent], limits: Limits, path: Path, archive: zipfile.ZipFile
) -> UserError | None:
    cells = sum(e.cells for e in extents.values())
    if cells > limits.cells:
        return UserError(
            _("the workbook holds too many cells to open safely ({count}; at most {limit})").format(
                count=f"{cells:,}", limit=f"{limits.cells:,}"
            ),
            path,
        )
    for part, extent in extents.items():
        if extent.rows > MAX_ROW or extent.columns > MAX_COLUMN:
            message = _("the sheet {sheet} has a cell beyond the largest sheet a spreadsheet holds")
            return UserError(message.format(sheet=_sheet_name(archive, part)), path)
    area = sum(e.rows * e.columns for e in extents.values())
    if area > AREA_FLOOR + AREA_PER_CELL * cells:
        part, extent = max(extents.items(), key=lambda kv: kv[1].rows * kv[1].columns)
        return UserError(
            _(
                "the sheet {sheet} reaches cell {cell}, far beyond its {count} cells of content "
                "(reading it would need too much memory); delete what lies beyond the data and "
                "save it again"
            ).format(
                sheet=_sheet_name(archive, part),
                cell=f"{column_letters(extent.columns)}{extent.rows}",
                count=f"{extent.cells:,}",
            ),
            path,
        )
    return None


def _scan(archive: zipfile.ZipFile, name: str, path: Path) -> _Extent:
    """The cells of one part, by the fast count when every cell is spelt ``<c r="A1"``.

    The fast count places every cell, those holding only formatting included (an upper bound:
    ``exact`` is False), and counts as holding a value the cells that close a value (``</v>``,
    ``</is>``). Any other spelling takes the exact path at once."""
    extent = _Extent(exact=False)
    carry = b""
    with archive.open(name) as stream:
        while True:
            block = stream.read(CHUNK)
            data = carry + block
            # cut before the last tag start, so no tag is split between two chunks
            cut = data.rfind(b"<") if block else len(data)
            if cut <= 0:
                if len(data) > MAX_TAG:
                    raise UserError(
                        _("the workbook part {part} is damaged or unsafe").format(part=name), path
                    )
                carry = data
                if not block:
                    break
                continue
            carry, data = data[cut:], data[:cut]
            every = data.count(b"<c") - len(_NOT_A_CELL.findall(data))
            if every == 0:
                if not block:
                    break
                continue
            columns = _PLAIN_COLUMN.findall(data)
            rows = _PLAIN_ROW.findall(data)
            if not len(columns) == len(rows) == every or _PREFIXED.search(data):
                return _scan_exactly(archive, name)
            # at C speed: the distinct columns and rows of a chunk are few
            extent.cells += min(every, data.count(b"</v>") + data.count(b"</is>"))
            extent.rows = max(extent.rows, max(map(int, set(rows))))
            extent.columns = max(
                extent.columns, max(column_number(c.decode("ascii")) for c in set(columns))
            )
            if not block:
                break
    return extent


def _scan_exactly(archive: zipfile.ZipFile, name: str) -> _Extent:
    """Every cell with a value in a part, placed as spreadsheet readers place them: by its own
    reference, else next to the previous cell, in its row (by the row's reference, else the
    next row). Cells holding only formatting are skipped, as readers skip them."""
    extent = _Extent()
    row = column = 0
    with archive.open(name) as stream:
        for event, element in iterparse(stream, events=("start", "end")):
            tag = element.tag.rpartition("}")[2].rpartition(":")[2]
            if event == "start":
                if tag == "row":
                    ref = (element.get("r") or "").strip()
                    row = int(ref) if ref.isdigit() and len(ref) < 12 else row + 1
                    column = 0
                continue
            if tag == "c":
                ref = (element.get("r") or "").strip()
                match = re.fullmatch(r"([A-Za-z]{1,12})([0-9]{1,12})", ref)
                if match:
                    column = column_number(match[1])
                    row = int(match[2])
                else:
                    column += 1
                if len(element) or (element.text or "").strip():
                    extent.add(max(row, 1), column)
                element.clear()
            elif tag == "row":
                element.clear()
    return extent


def _sheet_name(archive: zipfile.ZipFile, part: str) -> str:
    """The sheet a part holds, as the user sees it (its part name if that cannot be told)."""
    try:
        return next((sheet for sheet, p in sheet_parts(archive).items() if p == part), part)
    except (DefusedXmlException, ParseError, zipfile.BadZipFile, OSError, KeyError, ValueError):
        return part


_MAIN_NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"


def sheet_parts(source: Path | zipfile.ZipFile) -> dict[str, str]:
    """Sheet name -> its part in the zip, from xl/workbook.xml and its relationships."""
    rel_ns = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
    pkg_ns = "{http://schemas.openxmlformats.org/package/2006/relationships}"
    if isinstance(source, zipfile.ZipFile):
        book = fromstring(source.read("xl/workbook.xml"))
        rels = fromstring(source.read("xl/_rels/workbook.xml.rels"))
    else:
        with zipfile.ZipFile(source) as archive:
            book = fromstring(archive.read("xl/workbook.xml"))
            rels = fromstring(archive.read("xl/_rels/workbook.xml.rels"))
    targets = {}
    for rel in rels.iter(f"{pkg_ns}Relationship"):
        target = rel.get("Target", "")
        target = target.lstrip("/") if target.startswith("/") else f"xl/{target}"
        targets[rel.get("Id")] = target
    out = {}
    for sheet in book.iter(f"{_MAIN_NS}sheet"):
        part = targets.get(sheet.get(f"{rel_ns}id"))
        if part:
            out[sheet.get("name", "")] = part
    return out
