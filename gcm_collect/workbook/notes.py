"""The comments people left on cells: notes (LibreOffice, openpyxl, Excel's legacy comments)
and Excel's threaded comments, read straight from the zip parts with defusedxml.

Read after the container checks (``safezip.check_container``): no entity expansion, no bomb.
A cell that carries a threaded comment also carries a legacy note that only says so (Excel
writes it for older readers): the thread is taken and that note left out.
"""

from __future__ import annotations

import posixpath
import zipfile
from dataclasses import dataclass
from pathlib import Path
from xml.etree.ElementTree import Element

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import ParseError, fromstring

from gcm_collect.errors import UserError
from gcm_collect.i18n import _
from gcm_collect.safezip import sheet_parts

_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_THREADED = "{http://schemas.microsoft.com/office/spreadsheetml/2018/threadedcomments}"
_PKG = "{http://schemas.openxmlformats.org/package/2006/relationships}"
MAX_PART = 256 * 1024**2  # a comments part this big is not a reviewer's


@dataclass(frozen=True)
class CellNote:
    """One comment on a cell as the file holds it. ``ident`` and ``parent`` link the replies of
    a threaded comment; a note has neither."""

    sheet: str
    cell: str
    author: str
    text: str
    at: str = ""
    ident: str = ""
    parent: str = ""


def _rels(archive: zipfile.ZipFile, part: str) -> dict[str, str]:
    """Relationship type (its last word) -> target part, for ``part``."""
    folder, name = posixpath.split(part)
    rels = posixpath.join(folder, "_rels", f"{name}.rels")
    if rels not in archive.namelist():
        return {}
    out: dict[str, str] = {}
    for rel in fromstring(_read(archive, rels)).iter(f"{_PKG}Relationship"):
        target = rel.get("Target", "")
        if rel.get("TargetMode") == "External":
            continue
        path = target.lstrip("/") if target.startswith("/") else posixpath.join(folder, target)
        out.setdefault(rel.get("Type", "").rsplit("/", 1)[-1], posixpath.normpath(path))
    return out


def _read(archive: zipfile.ZipFile, part: str) -> bytes:
    info = archive.getinfo(part)
    if info.file_size > MAX_PART:
        raise ValueError(part)
    return archive.read(part)


def _text(element: Element) -> str:
    return "".join(t.text or "" for t in element.iter() if t.tag.endswith("}t"))


def _without_author_prefix(text: str, author: str) -> str:
    # Excel and LibreOffice start a note with "Author:" on its own line; it is not the comment.
    if author and text.startswith(f"{author}:"):
        text = text[len(author) + 1 :]
    return text.strip()


def _legacy(data: bytes, sheet: str) -> list[CellNote]:
    root = fromstring(data)
    authors = [(a.text or "").strip() for a in root.iter(f"{_MAIN}author")]
    notes = []
    for comment in root.iter(f"{_MAIN}comment"):
        try:
            author = authors[int(comment.get("authorId", "0"))]
        except (ValueError, IndexError):
            author = ""
        body = comment.find(f"{_MAIN}text")
        text = _without_author_prefix("" if body is None else _text(body), author)
        notes.append(CellNote(sheet, comment.get("ref", ""), author, text))
    return notes


def _threaded(data: bytes, sheet: str, people: dict[str, str]) -> list[CellNote]:
    notes = []
    for comment in fromstring(data).iter(f"{_THREADED}threadedComment"):
        body = comment.find(f"{_THREADED}text")
        notes.append(
            CellNote(
                sheet,
                comment.get("ref", ""),
                people.get(comment.get("personId", ""), ""),
                ("" if body is None else body.text or "").strip(),
                comment.get("dT", ""),
                comment.get("id", ""),
                comment.get("parentId", ""),
            )
        )
    return notes


def _people(archive: zipfile.ZipFile) -> dict[str, str]:
    part = _rels(archive, "xl/workbook.xml").get("person")
    if part is None or part not in archive.namelist():
        return {}
    return {
        p.get("id", ""): p.get("displayName", "")
        for p in fromstring(_read(archive, part)).iter()
        if p.tag.endswith("}person")
    }


def read_notes(
    path: Path, sheets: list[str] | None = None, archive: zipfile.ZipFile | None = None
) -> list[CellNote]:
    """Every comment on a cell of the named sheets (all visible and hidden sheets: None),
    from ``archive`` when the caller has the file open already (it is then not opened again).

    UserError naming the file when a comments part is damaged.
    """
    if archive is None:
        with zipfile.ZipFile(path) as opened_here:
            return read_notes(path, sheets, opened_here)
    try:
        parts = sheet_parts(archive)
        found: list[CellNote] = []
        people: dict[str, str] | None = None
        for sheet, part in parts.items():
            if sheets is not None and sheet not in sheets:
                continue
            rels = _rels(archive, part)
            threaded: list[CellNote] = []
            target = rels.get("threadedComment")
            if target is not None and target in archive.namelist():
                if people is None:
                    people = _people(archive)
                threaded = _threaded(_read(archive, target), sheet, people)
            target = rels.get("comments")
            legacy: list[CellNote] = []
            if target is not None and target in archive.namelist():
                legacy = _legacy(_read(archive, target), sheet)
            taken = {n.cell for n in threaded}
            found += threaded + [n for n in legacy if n.cell not in taken]
        return found
    except (DefusedXmlException, ParseError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise UserError(
            _("the comments of the workbook cannot be read: {problem}").format(problem=exc), path
        ) from exc
