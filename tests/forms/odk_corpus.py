"""The ODK/Kobo corpus: small XLSForms as ODK and Kobo users write them (plain ``label``
columns, often no settings sheet), written by the tests as real workbooks."""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook

from gcm_collect.forms import FormProblem as Problem
from gcm_collect.forms import check_xlsform

YES_NO = [
    {"list_name": "yn", "name": "yes", "label": "Yes"},
    {"list_name": "yn", "name": "no", "label": "No"},
]


def write_workbook(path: Path, sheets: dict[str, list[dict[str, object]]]) -> Path:
    """``path`` written with one sheet per entry, the headers those of all its rows."""
    wb = Workbook()
    wb.remove(wb.active)
    for name, rows in sheets.items():
        ws = wb.create_sheet(name)
        headers: list[str] = []
        for row in rows:
            for key in row:
                if key not in headers:
                    headers.append(key)
        ws.append(headers)
        for row in rows:
            ws.append([row.get(h) for h in headers])
    wb.save(path)
    return path


def odk_book(
    path: Path,
    survey: list[dict[str, object]],
    choices: list[dict[str, object]] | None = None,
    settings: list[dict[str, object]] | None = None,
) -> Path:
    """``path`` written as an XLSForm; no settings sheet unless ``settings`` is given."""
    sheets = {"survey": survey, "choices": YES_NO if choices is None else choices}
    if settings is not None:
        sheets["settings"] = settings
    return write_workbook(path, sheets)


def errors(path: Path) -> list[Problem]:
    return [p for p in check_xlsform(path) if p.severity == "error"]


def warnings(path: Path) -> list[Problem]:
    return [p for p in check_xlsform(path) if p.severity == "warning"]
