"""Checks that run before any sheet of an input is parsed: the file is what it claims to be.

Order matters: cheap looks at the first bytes, then the zip directory (sizes and compression
ratios, see workbook.safezip), then the head of every XML part for a DTD (entity bombs), then
the structural parts parsed with defusedxml. Only then does python-calamine read the sheets.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import ParseError, fromstring, iterparse

from gcm_collect.errors import UserError
from gcm_collect.i18n import _
from gcm_collect.workbook.safezip import check_zip

OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # encrypted xlsx, or an old .xls
ZIP_MAGIC = b"PK\x03\x04"
HEAD_BYTES = 4096  # a DTD must come before the root element: the head of a part is enough
MAX_STRUCTURE = 4 * 1024**2  # workbook.xml and [Content_Types].xml are small in any real file
_DTD = re.compile(rb"<!(DOCTYPE|ENTITY)", re.IGNORECASE)
_FORMULA = re.compile(rb"<(?:\w+:)?f[\s/>]")
_MAIN_NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"


def check_container(path: Path) -> None:
    """UserError naming ``path`` unless it looks like a safe, plain xlsx container."""
    try:
        size = path.stat().st_size
        with path.open("rb") as handle:
            head = handle.read(8)
    except FileNotFoundError as exc:
        raise UserError(_("file not found (moved or deleted?)"), path) from exc
    except OSError as exc:
        raise UserError(
            _("the file cannot be read: {problem}").format(problem=exc.strerror or exc), path
        ) from exc
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
    check_zip(path)  # truncated files, zip bombs, too many parts
    try:
        with zipfile.ZipFile(path) as archive:
            for info in archive.infolist():
                if not info.filename.endswith((".xml", ".rels", ".vml")):
                    continue
                with archive.open(info) as part:
                    if _DTD.search(part.read(HEAD_BYTES)):
                        raise UserError(
                            _(
                                "the workbook part {part} declares XML entities (an entity "
                                "bomb?); refused"
                            ).format(part=info.filename),
                            path,
                        )
            for name in ("[Content_Types].xml", "xl/workbook.xml"):
                info = archive.getinfo(name)
                if info.file_size > MAX_STRUCTURE:
                    raise UserError(_("the workbook is too large to open safely"), path)
                fromstring(archive.read(name))
    except UserError:
        raise
    except (DefusedXmlException, ParseError) as exc:
        raise UserError(_("the workbook structure is damaged or unsafe"), path) from exc
    except (zipfile.BadZipFile, OSError, EOFError, KeyError, ValueError) as exc:
        raise UserError(_("the workbook is damaged or truncated"), path) from exc


def sheet_parts(path: Path) -> dict[str, str]:
    """Sheet name -> its part in the zip, from xl/workbook.xml and its relationships."""
    rel_ns = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
    pkg_ns = "{http://schemas.openxmlformats.org/package/2006/relationships}"
    with zipfile.ZipFile(path) as archive:
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


def formula_cells(path: Path, sheets: list[str]) -> list[tuple[str, str, str]]:
    """(sheet, cell, formula) of every formula in the named sheets, streamed with defusedxml.

    A quick byte scan skips sheets without any ``<f>`` element, which is every sheet of an
    untouched export.
    """
    parts = sheet_parts(path)
    found: list[tuple[str, str, str]] = []
    with zipfile.ZipFile(path) as archive:
        for sheet in sheets:
            part = parts.get(sheet)
            if part is not None and _has_formula(archive, part):
                found += _with_refs(archive, part, sheet)
    return found


def _has_formula(archive: zipfile.ZipFile, part: str) -> bool:
    tail = b""
    with archive.open(part) as stream:
        while chunk := stream.read(1 << 20):
            if _FORMULA.search(tail + chunk):
                return True
            tail = chunk[-16:]
    return False


def _with_refs(archive: zipfile.ZipFile, part: str, sheet: str) -> list[tuple[str, str, str]]:
    out = []
    with archive.open(part) as stream:
        for event, element in iterparse(stream, events=("start", "end")):
            if event == "end" and element.tag == f"{_MAIN_NS}c":
                f = element.find(f"{_MAIN_NS}f")
                if f is not None:
                    out.append((sheet, element.get("r", ""), "=" + (f.text or "")))
                element.clear()
            elif event == "end" and element.tag == f"{_MAIN_NS}row":
                element.clear()
    return out
