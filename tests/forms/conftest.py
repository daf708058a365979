"""Helpers: small XLSForm workbooks written with openpyxl, read back by the real reader."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import Workbook


def write_workbook(path: Path, sheets: dict[str, list[dict[str, object]]]) -> Path:
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


YES_NO = [
    {"list_name": "yn", "name": "yes", "label::English (en)": "Yes", "label::Français (fr)": "Oui"},
    {"list_name": "yn", "name": "no", "label::English (en)": "No", "label::Français (fr)": "Non"},
]


@pytest.fixture
def xlsform(tmp_path):
    """``xlsform(survey, choices=..., settings=..., name=...)`` -> path of a real .xlsx file."""

    def make(survey, choices=None, settings=None, name="FORM.xlsx", extra=None):
        sheets = {"survey": survey, "choices": YES_NO if choices is None else choices}
        sheets["settings"] = settings or [{"form_id": "test_form", "version": "1"}]
        sheets.update(extra or {})
        return write_workbook(tmp_path / name, sheets)

    return make
