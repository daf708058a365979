"""Reading one sheet of an xlsx row by row, in memory that does not grow with the sheet.

python-calamine builds a whole sheet as a dense grid before giving a single row back (the
Submissions sheet of 20,000 submissions: 11 million cells, some 400 MB); an import of a
regional workbook reads its sheets through here instead. Rows come back as calamine's
``to_python(skip_empty_area=False)`` gives them (numbers as floats, date-formatted numbers as
dates, times or date-times, empty cells as ""), without the padding to the sheet's width.
The XML is parsed with defusedxml, after the container checks of safezip.py.
"""

from __future__ import annotations

import array
import codecs
import hashlib
import os
import re
import tempfile
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from typing import IO, Any
from xml.etree import ElementTree

from defusedxml.ElementTree import fromstring, iterparse
from openpyxl.styles.numbers import BUILTIN_FORMATS, is_date_format

from gcm_collect.safezip import _DTD, HEAD_BYTES, sheet_parts
from gcm_collect.workbook.formulas import has_formula

_NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_ROW, _C, _V, _IS, _T, _R = (f"{_NS}{t}" for t in ("row", "c", "v", "is", "t", "r"))
_SI = f"{_NS}si"
# The start of a part written in UTF-8 without namespace prefixes: the plain path's premise.
_PLAIN_HEAD = re.compile(
    rb"(\xef\xbb\xbf)?"
    rb'(<\?xml[^>]*encoding="(UTF|utf)-8"[^>]*\?>'
    rb'|<\?xml version="1.0"\s*(standalone="yes"\s*)?\?>)?'
    rb"\s*<worksheet[\s>]"
)
_SHEET_DATA_OPEN = re.compile(r"<sheetData\s*(/)?>")
_SHEET_DATA_BYTES = re.compile(rb"<sheetData\s*(/)?>")
_SPACE = re.compile(r"\s+")
_ROW_RE = re.compile(r"<row((?:\s+[\w:]+=\"[^\"<>]*\")*)\s*(?:/>|>(.*?)</row>)", re.S)
_ROW_NUMBER = re.compile(r'\sr="(\d+)"')
_CELL_RE = re.compile(
    r'<c r="([A-Z]{1,3})\d+"(?: s="(\d+)")?(?: t="(\w+)")?\s*'
    r'(?:/>|>(?:<v>([^<]*)</v>|<is><t(?: xml:space="preserve")?>([^<]*)</t></is>)?</c>)'
)
_ENTITY = re.compile(r"&(#x[0-9a-fA-F]+|#[0-9]+|amp|lt|gt|quot|apos);")
_NAMED = {"amp": "&", "lt": "<", "gt": ">", "quot": '"', "apos": "'"}
_CELL_REF = re.compile(r"([A-Z]{1,3})(\d*)")
_EPOCH = datetime(1899, 12, 30)
IN_MEMORY_STRINGS = 8 * 1024**2  # a shared-strings part bigger than this is kept on disk
CACHED_STRINGS = 8 * 1024**2  # about the bytes of strings kept read from disk (many repeat)
_ENTRY = 100  # what keeping one string costs beyond its characters (dict entry, str object)


class SharedStrings:
    """The workbook's shared strings; a big table (a file re-saved by Excel or LibreOffice
    keeps every text there) is written to a temporary file, only its offsets kept."""

    def __init__(self, archive: zipfile.ZipFile):
        self._list: list[str] | None = []
        self._file: IO[bytes] | None = None
        self._offsets = array.array("q", [0])
        self._cache: dict[int, str] = {}  # strings read back from the file, while few
        self._cached = 0
        name = "xl/sharedStrings.xml"
        if name not in archive.namelist():
            return
        if archive.getinfo(name).file_size > IN_MEMORY_STRINGS:
            self._list = None
            self._file = tempfile.TemporaryFile()
        with archive.open(name) as stream:
            for _event, element in iterparse(stream, events=("end",)):
                if element.tag == _SI:
                    self._add(_text(element))
                    element.clear()

    def _add(self, text: str) -> None:
        if self._list is not None:
            self._list.append(text)
            return
        assert self._file is not None
        data = text.encode("utf-8")
        self._file.write(data)
        self._offsets.append(self._offsets[-1] + len(data))

    def __getitem__(self, index: int) -> str:
        if self._list is not None:
            return self._list[index]
        text = self._cache.get(index)
        if text is None:
            text = self._read(index)
            if self._cached > CACHED_STRINGS:
                self._cache.clear()  # the repeated ones come back soon enough
                self._cached = 0
            self._cache[index] = text
            self._cached += len(text) + _ENTRY
        return text

    def _read(self, index: int) -> str:
        assert self._file is not None
        if not 0 <= index < len(self._offsets) - 1:
            raise IndexError(index)
        start, end = self._offsets[index], self._offsets[index + 1]
        # seek and read, not os.pread: Windows has no pread; then back to the end for _add
        self._file.seek(start)
        data: bytes = self._file.read(end - start)
        self._file.seek(0, os.SEEK_END)
        return data.decode("utf-8")

    def close(self) -> None:
        if self._file is not None:
            self._file.close()


def _text(element: Any) -> str:
    """The text of an ``<si>`` or ``<is>``: its ``<t>``, or the ``<t>`` of each rich-text run."""
    t = element.find(_T)
    if t is not None:
        return t.text or ""
    return "".join(r.findtext(_T) or "" for r in element.iter(_R))


def date_styles(archive: zipfile.ZipFile) -> frozenset[int]:
    """The style indexes (``s``) whose number format shows a date or a time."""
    try:
        styles = fromstring(archive.read("xl/styles.xml"))
    except KeyError:
        return frozenset()
    formats = dict(BUILTIN_FORMATS)
    numfmts = styles.find(f"{_NS}numFmts")
    for fmt in numfmts if numfmts is not None else ():
        try:
            formats[int(fmt.get("numFmtId", ""))] = fmt.get("formatCode", "")
        except ValueError:
            continue
    xfs = styles.find(f"{_NS}cellXfs")
    out = set()
    for i, xf in enumerate(xfs if xfs is not None else ()):
        try:
            number = int(xf.get("numFmtId", "0"))
        except ValueError:
            continue
        code = formats.get(number)
        if (code is not None and is_date_format(code)) or 14 <= number <= 22 or 45 <= number <= 47:
            out.add(i)
    return frozenset(out)


def _moment(serial: float) -> Any:
    """A date-formatted number as calamine gives it: a date at midnight, a time below 1."""
    if serial < 0:
        return serial
    if serial < 1:
        moment = _EPOCH + timedelta(days=serial)
        return time(moment.hour, moment.minute, moment.second, moment.microsecond)
    moment = _EPOCH + timedelta(days=serial)
    # calamine rounds to the millisecond before splitting date and time
    micro = round(moment.microsecond / 1000) * 1000
    moment = moment.replace(microsecond=0) + timedelta(microseconds=micro)
    if moment.time() == time(0):
        return moment.date()
    return moment


def _iterparse(stream: IO[bytes]) -> Iterator[tuple[str, Any]]:
    """``end`` events of the part. Python's own parser, three times faster than defusedxml's:
    what defusedxml guards against needs a DTD, and a part declaring one is refused here (as
    safezip.check_container refuses it before)."""
    head = stream.read(HEAD_BYTES)
    if _DTD.search(head):
        raise ValueError("the sheet declares XML entities")
    parser: Any = ElementTree.XMLPullParser(events=("end",))
    parser.feed(head)
    while True:
        yield from parser.read_events()
        chunk = stream.read(1 << 16)
        if not chunk:
            break
        parser.feed(chunk)
    parser.close()
    yield from parser.read_events()


@dataclass(frozen=True)
class DataDigest:
    """What ``SheetReader.data_digest`` found."""

    sha256: str  # of the bytes after the first rows, up to </sheetData>
    rows: int  # the rows in them
    head_formula: bool  # a formula in the part before them


class _DigestScan:
    """The state of ``data_digest`` from piece to piece: before the data, in the rows it
    skips, then hashing."""

    def __init__(self, skip: int):
        self.skip, self.skipped = skip, 0
        self.at_data = False
        self.digest = hashlib.sha256()
        self.rows = 0
        self.head_formula = False

    def feed(self, piece: bytes) -> bool:
        """Whether the data ended in this piece."""
        at = self._head(piece)
        if at < 0:
            return False
        close = piece.find(b"</sheetData>", at)
        data = piece[at:close] if close >= 0 else piece[at:]
        self.digest.update(data)
        self.rows += data.count(b"<row ")
        return close >= 0

    def _head(self, piece: bytes) -> int:
        """Where the hashed bytes start in ``piece`` (-1: not in it)."""
        at = 0
        if not self.at_data:
            found = _SHEET_DATA_BYTES.search(piece)
            if found is None or found.group(1):  # not yet, or <sheetData/>: no rows
                self.head_formula = self.head_formula or has_formula(piece)
                return -1
            self.at_data, at = True, found.end()
        while self.skipped < self.skip:
            end = piece.find(b"</row>", at)
            if end < 0:
                self.head_formula = self.head_formula or has_formula(piece)
                return -1
            at, self.skipped = end + len(b"</row>"), self.skipped + 1
        if at:
            self.head_formula = self.head_formula or has_formula(piece[:at])
        return at

    def result(self) -> DataDigest:
        return DataDigest(self.digest.hexdigest(), self.rows, self.head_formula)


class _PlainText:
    """A part's text decoded as it is read, a megabyte at a time, and its rows found in it."""

    def __init__(self, stream: IO[bytes], head: bytes):
        self.stream = stream
        self.decoder = codecs.getincrementaldecoder("utf-8")()
        self.buffer = self.decoder.decode(head)
        self.eof = False

    def _more(self) -> None:
        """Read on, unless a megabyte waits already or the part has ended."""
        if not self.eof and len(self.buffer) < (1 << 20):
            chunk = self.stream.read(1 << 20)
            self.eof = not chunk
            self.buffer += self.decoder.decode(chunk, final=self.eof)

    def _data(self) -> bool:
        """Whether there are rows: the text from the first one on (False: none)."""
        while True:
            self._more()
            found = _SHEET_DATA_OPEN.search(self.buffer)
            if found is not None:
                self.buffer = self.buffer[found.end() :]
                return not found.group(1)  # <sheetData/>: none
            if self.eof:
                return False

    def rows(self) -> Iterator[re.Match[str] | None]:
        """Each row up to the end of the data (_ROW_RE: its attributes, its inner XML); None
        once for what is not a plain row."""
        if not self._data():
            return
        while True:
            self._more()
            buffer, pos = self.buffer, 0
            while True:
                space = _SPACE.match(buffer, pos)
                pos = space.end() if space else pos
                if buffer.startswith("</sheetData>", pos):
                    return
                m = _ROW_RE.match(buffer, pos)
                if m is None:
                    if self._whole_row_there(pos):  # there, yet not plain
                        yield None
                        return
                    break
                yield m
                pos = m.end()
            self.buffer = buffer[pos:]
            if self.eof:
                if self.buffer.strip():
                    yield None
                return

    def _whole_row_there(self, pos: int) -> bool:
        """Whether the text from ``pos`` holds a whole row (or the rest of the part)."""
        buffer = self.buffer
        if len(buffer) == pos:
            return False
        return self.eof or "</row>" in buffer[pos:] or "/>" in buffer[pos : pos + 200]


def _pieces(stream: IO[bytes]) -> Iterator[bytes]:
    """The part's bytes in pieces that each end with a ``>``: a tag never spans two pieces
    (unless 16 MB hold no ``>``: not an export's sheet, whose digest will not match anyway)."""
    rest = b""
    while True:
        chunk = stream.read(1 << 20)
        if not chunk:
            if rest:
                yield rest
            return
        data = rest + chunk
        cut = data.rfind(b">") + 1 if len(data) < (1 << 24) else len(data)  # else: no tags
        rest = data[cut:]
        if cut:
            yield data[:cut]


def _place(row: list[Any], column: int, value: Any) -> None:
    """``value`` at ``column``, the cells before it empty ("") if not there yet."""
    if len(row) < column:
        row.extend([""] * (column - len(row)))
    if len(row) == column:
        row.append(value)
    else:
        row[column] = value


def _column(letters: str) -> int:
    number = 0
    for ch in letters:
        number = number * 26 + ord(ch) - 64
    return number - 1


class SheetReader:
    """Every sheet of one workbook, each read as a stream of rows (one open zip)."""

    def __init__(self, source: str | os.PathLike[str] | zipfile.ZipFile):
        """``source``: a path, or a zip already opened (``safezip.opened``: kept open)."""
        self._own = not isinstance(source, zipfile.ZipFile)
        self._archive: zipfile.ZipFile = (
            source if isinstance(source, zipfile.ZipFile) else zipfile.ZipFile(source)
        )
        self.parts = sheet_parts(self._archive)
        self._strings: SharedStrings | None = None
        self._dates = date_styles(self._archive)
        self._columns: dict[str, int] = {}  # "AB" -> 27

    @property
    def sheet_names(self) -> list[str]:
        return list(self.parts)

    def close(self) -> None:
        if self._strings is not None:
            self._strings.close()
        if self._own:
            self._archive.close()

    def __enter__(self) -> SheetReader:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def rows(self, name: str) -> Iterator[list[Any]]:
        """The rows of sheet ``name`` from row 1: a missing row is ``[]``; KeyError if there is
        no such sheet. ValueError (or an XML ParseError) when its XML is damaged."""
        part = self.parts[name]
        if self._strings is None:
            self._strings = SharedStrings(self._archive)
        given = 0
        for row in self._plain_rows(part):
            if row is None:  # not written the plain way: the XML parser, from where we are
                break
            given += 1
            yield row
        else:
            return
        for i, row in enumerate(self._parsed_rows(part)):
            if i >= given:
                yield row

    def data_digest(self, name: str, skip: int) -> DataDigest | None:
        """The SHA-256 of sheet ``name``'s XML after its first ``skip`` rows, up to the end of
        its data; None when its rows cannot be told apart this way (a file the export did not
        write as it is). Bytes only: nothing is parsed."""
        scan = _DigestScan(skip)
        with self._archive.open(self.parts[name]) as stream:
            for piece in _pieces(stream):
                if scan.feed(piece):
                    return scan.result()
        return None

    def _plain_rows(self, part: str) -> Iterator[list[Any] | None]:
        """Rows as every spreadsheet program writes them (``<c r="B7" s="3" t="s"><v>..``),
        matched with regular expressions: five times faster than an XML parser building every
        element. Anything else (formulas, rich text, prefixes, comments ...) yields None once:
        the caller goes on with the XML parser."""
        with self._archive.open(part) as stream:
            head = stream.read(HEAD_BYTES)
            if _DTD.search(head) or not _PLAIN_HEAD.match(head):
                yield None
                return
            expected = 0
            for found in _PlainText(stream, head).rows():
                cells = None if found is None else self._plain_cells(found.group(2) or "")
                if found is None or cells is None:
                    yield None
                    return
                number = _ROW_NUMBER.search(found.group(1))
                index = int(number.group(1)) - 1 if number else expected
                while expected < index:  # rows not written: empty
                    yield []
                    expected += 1
                yield cells
                expected = index + 1

    def _plain_cells(self, inner: str) -> list[Any] | None:
        """The cells of a row's inner XML; None when one is not written the plain way."""
        columns = self._columns
        if "\r" in inner:
            inner = inner.replace("\r\n", "\n").replace("\r", "\n")  # as XML parsers do
        out: list[Any] = []
        at = 0
        for m in _CELL_RE.finditer(inner):
            if m.start() != at:
                return None
            at = m.end()
            letters, style, kind, number, text = m.groups()
            if text is not None:
                value: Any = _unescape(text) if "&" in text else text
            elif not number:
                continue
            else:
                value = self._plain_value(kind, style, number)
            if value is None:
                return None
            if value == "":
                continue
            column = columns.get(letters)
            if column is None:
                column = columns[letters] = _column(letters)
            _place(out, column, value)
        return out if at == len(inner) else None

    def _plain_value(self, kind: str | None, style: str | None, number: str) -> Any:
        """The value of a ``<v>`` by the cell's type (None: damaged text)."""
        if kind is None or kind == "n":
            value = float(number)
            return _moment(value) if style is not None and int(style) in self._dates else value
        if kind == "s":
            assert self._strings is not None
            return self._strings[int(number)]
        if kind == "b":
            return number == "1"
        if kind == "d":
            return _iso_moment(number)
        return _unescape(number) if "&" in number else number

    def _parsed_rows(self, part: str) -> Iterator[list[Any]]:
        assert self._strings is not None
        strings, dates = self._strings, self._dates
        expected = 0
        with self._archive.open(part) as stream:
            for _event, element in _iterparse(stream):
                if element.tag != _ROW:
                    continue
                number = element.get("r")
                index = int(number) - 1 if number else expected
                while expected < index:
                    yield []
                    expected += 1
                yield self._cells(element, strings, dates)
                expected = index + 1
                element.clear()  # an emptied row stays in the tree: some 70 bytes

    @staticmethod
    def _cells(row: Any, strings: SharedStrings, dates: frozenset[int]) -> list[Any]:
        out: list[Any] = []
        for cell in row:
            if cell.tag != _C:
                continue
            ref = cell.get("r")
            if ref:
                match = _CELL_REF.match(ref)
                column = _column(match.group(1)) if match else len(out)
            else:
                column = len(out)
            kind = cell.get("t", "n")
            if kind == "inlineStr":
                inline = cell.find(_IS)
                value: Any = _text(inline) if inline is not None else ""
            else:
                raw = cell.findtext(_V)
                if not raw:  # a formula never calculated holds an empty value
                    continue
                if kind == "s":
                    value = strings[int(raw)]
                elif kind == "n":
                    value = float(raw)
                    style = cell.get("s")
                    if style is not None and int(style) in dates:
                        value = _moment(value)
                elif kind == "b":
                    value = raw == "1"
                elif kind == "d":
                    value = _iso_moment(raw)
                else:  # str (a formula's text), e (an error)
                    value = raw
            if value == "":
                continue
            _place(out, column, value)
        return out


def _unescape(text: str) -> str | None:
    """XML character and entity references; None for any other ``&`` (the XML parser then
    says what is wrong)."""
    if text.count("&") != len(_ENTITY.findall(text)):
        return None

    def one(m: re.Match[str]) -> str:
        ref = m.group(1)
        if ref[0] != "#":
            return _NAMED[ref]
        return chr(int(ref[2:], 16) if ref[1] == "x" else int(ref[1:]))

    try:
        return _ENTITY.sub(one, text)
    except (ValueError, OverflowError):
        return None


def _iso_moment(text: str) -> Any:
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        return text
    return moment.date() if moment.time() == time(0) and len(text) <= 10 else moment


__all__ = ["SheetReader"]
