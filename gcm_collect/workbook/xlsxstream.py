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
import os
import re
import tempfile
import zipfile
from collections.abc import Iterator
from datetime import datetime, time, timedelta
from typing import IO, Any
from xml.etree import ElementTree

from defusedxml.ElementTree import fromstring, iterparse
from openpyxl.styles.numbers import BUILTIN_FORMATS, is_date_format

from gcm_collect.safezip import _DTD, HEAD_BYTES, sheet_parts

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


class SharedStrings:
    """The workbook's shared strings; a big table (a file re-saved by Excel or LibreOffice
    keeps every text there) is written to a temporary file, only its offsets kept."""

    def __init__(self, archive: zipfile.ZipFile):
        self._list: list[str] | None = []
        self._file: IO[bytes] | None = None
        self._offsets = array.array("q", [0])
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

    def _plain_rows(self, part: str) -> Iterator[list[Any] | None]:
        """Rows as every spreadsheet program writes them (``<c r="B7" s="3" t="s"><v>..``),
        matched with regular expressions: five times faster than an XML parser building every
        element. Anything else (formulas, rich text, prefixes, comments ...) yields None once:
        the caller goes on with the XML parser."""
        decoder = codecs.getincrementaldecoder("utf-8")()
        buffer = ""
        started = done = False
        expected = 0
        with self._archive.open(part) as stream:
            head = stream.read(HEAD_BYTES)
            if _DTD.search(head) or not _PLAIN_HEAD.match(head):
                yield None
                return
            buffer = decoder.decode(head)
            eof = False
            while not done:
                if not eof and len(buffer) < (1 << 20):
                    chunk = stream.read(1 << 20)
                    eof = not chunk
                    buffer += decoder.decode(chunk, final=eof)
                pos = 0
                if not started:
                    found = _SHEET_DATA_OPEN.search(buffer)
                    if found is None:
                        if eof:
                            return  # no data at all
                        continue
                    if found.group(1):  # <sheetData/>
                        return
                    started, pos = True, found.end()
                while True:
                    m = _SPACE.match(buffer, pos)
                    pos = m.end() if m else pos
                    if buffer.startswith("</sheetData>", pos):
                        done = True
                        break
                    m = _ROW_RE.match(buffer, pos)
                    if m is None:
                        if eof or "</row>" in buffer[pos:] or "/>" in buffer[pos : pos + 200]:
                            if len(buffer) - pos > 0:
                                yield None
                                return
                        break
                    cells = self._plain_cells(m.group(2) or "")
                    if cells is None:
                        yield None
                        return
                    number = _ROW_NUMBER.search(m.group(1))
                    index = int(number.group(1)) - 1 if number else expected
                    while expected < index:
                        yield []
                        expected += 1
                    yield cells
                    expected = index + 1
                    pos = m.end()
                buffer = buffer[pos:]
                if eof and not done:
                    if buffer.strip():
                        yield None
                    return

    def _plain_cells(self, inner: str) -> list[Any] | None:
        assert self._strings is not None
        strings, dates, columns = self._strings, self._dates, self._columns
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
                if value is None:
                    return None
            elif not number:
                continue
            elif kind is None or kind == "n":
                value = float(number)
                if style is not None and int(style) in dates:
                    value = _moment(value)
            elif kind == "s":
                value = strings[int(number)]
            elif kind == "b":
                value = number == "1"
            elif kind == "d":
                value = _iso_moment(number)
            else:
                value = _unescape(number) if "&" in number else number
                if value is None:
                    return None
            if value == "":
                continue
            column = columns.get(letters)
            if column is None:
                column = columns[letters] = _column(letters)
            _place(out, column, value)
        if at != len(inner):
            return None
        return out

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
