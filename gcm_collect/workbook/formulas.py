"""Formulas typed into a workbook's cells, found by streaming its sheets with defusedxml.

Exports never write a formula (text that looks like one is written as text), so a formula is
always someone's addition: consolidation reports them, and a comment on one says so.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from defusedxml.ElementTree import iterparse

from gcm_collect.safezip import sheet_parts

_FORMULA = re.compile(rb"<(?:\w+:)?f[\s/>]")
_MAIN_NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"


def formula_cells(source: Path | zipfile.ZipFile, sheets: list[str]) -> list[tuple[str, str, str]]:
    """(sheet, cell, formula) of every formula in the named sheets, streamed with defusedxml
    from the file or from its zip already open.

    A quick byte scan skips sheets without any ``<f>`` element, which is every sheet of an
    untouched export.
    """
    if not isinstance(source, zipfile.ZipFile):
        with zipfile.ZipFile(source) as archive:
            return formula_cells(archive, sheets)
    parts = sheet_parts(source)
    found: list[tuple[str, str, str]] = []
    for sheet in sheets:
        part = parts.get(sheet)
        if part is not None and _has_formula(source, part):
            found += _with_refs(source, part, sheet)
    return found


def _has_formula(archive: zipfile.ZipFile, part: str) -> bool:
    tail = b""
    with archive.open(part) as stream:
        while chunk := stream.read(1 << 20):
            if has_formula(tail + chunk):
                return True
            tail = chunk[-16:]
    return False


def has_formula(data: bytes) -> bool:
    """Whether these bytes of a sheet hold a formula element (``<f>``, ``<x:f ...>``)."""
    # "<f" or a prefixed ":f" first, at memchr speed: every "<" starts the regex
    return (b"<f" in data or b":f" in data) and _FORMULA.search(data) is not None


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
