"""Helpers: small XLSForm workbooks written with openpyxl, read back by the real reader."""

from __future__ import annotations

import pytest
from odk_corpus import write_workbook

__all__ = ["write_workbook"]  # the tests import it from here


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
