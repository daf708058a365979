"""Comments put on a workbook's cells the ways reviewers do: openpyxl notes (what LibreOffice
and Excel's "New Note" write) and Excel's threaded comments (parts added to the zip); and
decisions typed in its Review sheet."""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Any

from openpyxl import load_workbook
from openpyxl.comments import Comment
from openpyxl.utils import get_column_letter


def cell_of(path: Path, sheet: str, key: dict[str, Any], column: str) -> str:
    """The A1 reference of the cell under row-2 name ``column`` in the row whose key cells
    hold ``key`` (row-2 name -> value)."""
    wb = load_workbook(path, read_only=True)
    rows = list(wb[sheet].iter_rows(values_only=True))
    wb.close()
    names = list(rows[1])
    for r, row in enumerate(rows[2:], start=3):
        if all(row[names.index(k)] == v for k, v in key.items()):
            return f"{get_column_letter(names.index(column) + 1)}{r}"
    raise LookupError(key)


def decide(path: Path, decisions: dict[str, tuple[str, str | None]]) -> None:
    """Type a decision and its reason (uuid -> (code, reason)) in the Review sheet's rows."""
    from gcm_collect.workbook import read_export

    wb = load_workbook(path)
    ws = wb[read_export(path).meta.sheet("review").name]
    names = [c.value for c in ws[2]]
    for row in ws.iter_rows(min_row=3):
        typed = decisions.get(row[names.index("_uuid")].value)
        if typed:
            row[names.index("decision")].value, row[names.index("reason")].value = typed
    wb.save(path)


def add_notes(path: Path, notes: list[tuple[str, str, str, str]], out: Path | None = None) -> Path:
    """(sheet, cell, author, text) notes written with openpyxl."""
    wb = load_workbook(path)
    for sheet, cell, author, text in notes:
        wb[sheet][cell].comment = Comment(text, author)
    target = out or path
    wb.save(target)
    return target


_CT = "application/vnd.ms-excel.threadedcomments+xml"
_PERSON_CT = "application/vnd.ms-excel.person+xml"


def add_threaded(path: Path, sheet_part: str, comments: list[dict[str, str]]) -> Path:
    """Excel's threaded comments on one sheet part (``xl/worksheets/sheet2.xml``): each a dict
    with ref, id, author, text, dT and, for a reply, parentId."""
    people = sorted({c["author"] for c in comments})
    ids = {name: f"{{{i:08d}-0000-0000-0000-000000000000}}" for i, name in enumerate(people)}
    persons = "".join(
        f'<person displayName="{n}" id="{ids[n]}" providerId="None"/>' for n in people
    )
    threaded = "".join(
        f'<threadedComment ref="{c["ref"]}" dT="{c["dT"]}" personId="{ids[c["author"]]}" '
        f'id="{c["id"]}"'
        + (f' parentId="{c["parentId"]}"' if c.get("parentId") else "")
        + f"><text>{c['text']}</text></threadedComment>"
        for c in comments
    )
    ns = "http://schemas.microsoft.com/office/spreadsheetml/2018/threadedcomments"
    parts = {
        "xl/threadedComments/threadedComment1.xml": f'<?xml version="1.0"?><ThreadedComments '
        f'xmlns="{ns}">{threaded}</ThreadedComments>',
        "xl/persons/person.xml": f'<?xml version="1.0"?><personList xmlns="{ns}">{persons}'
        "</personList>",
    }
    folder, name = sheet_part.rsplit("/", 1)
    rels_name = f"{folder}/_rels/{name}.rels"
    tmp = path.with_suffix(".tmp.xlsx")
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as dst:
        names = src.namelist()
        for item in names:
            data = src.read(item)
            if item == "xl/_rels/workbook.xml.rels":
                data = data.replace(
                    b"</Relationships>",
                    b'<Relationship Id="rIdP1" Type="http://schemas.microsoft.com/office/2017/10/'
                    b'relationships/person" Target="persons/person.xml"/></Relationships>',
                )
            elif item == rels_name:
                data = data.replace(b"</Relationships>", _thread_rel() + b"</Relationships>")
            elif item == "[Content_Types].xml":
                data = data.replace(
                    b"</Types>",
                    f'<Override PartName="/xl/threadedComments/threadedComment1.xml" '
                    f'ContentType="{_CT}"/><Override PartName="/xl/persons/person.xml" '
                    f'ContentType="{_PERSON_CT}"/></Types>'.encode(),
                )
            dst.writestr(item, data)
        if rels_name not in names:
            dst.writestr(
                rels_name,
                b'<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/'
                b'package/2006/relationships">' + _thread_rel() + b"</Relationships>",
            )
        for item, text in parts.items():
            dst.writestr(item, text.encode())
    tmp.replace(path)
    return path


def _thread_rel() -> bytes:
    return (
        b'<Relationship Id="rIdT1" Type="http://schemas.microsoft.com/office/2017/10/'
        b'relationships/threadedComment" Target="../threadedComments/threadedComment1.xml"/>'
    )
