"""The ODK/Kobo corpus: small XLSForms as ODK and Kobo users write them (plain ``label``
columns, often no settings sheet), written by the tests as real workbooks."""

from __future__ import annotations

from pathlib import Path

from conftest import write_workbook

from gcm_collect.forms import FormProblem as Problem
from gcm_collect.forms import check_xlsform

YES_NO = [
    {"list_name": "yn", "name": "yes", "label": "Yes"},
    {"list_name": "yn", "name": "no", "label": "No"},
]


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
