"""XLSForm workbooks: read (via the sheets core), check, and write back losslessly."""

from __future__ import annotations

from os import PathLike
from pathlib import Path
from typing import Any

from gcm_collect.files import write_beside
from gcm_collect.forms.languages import column_header
from gcm_collect.forms.model import Expression, Form, Group, Item, Question, Text
from gcm_collect.forms.problems import FormError, Problem
from gcm_collect.forms.reading import csv_loader, read_workbook
from gcm_collect.forms.sheets import check_sheets

StrPath = str | PathLike[str]


def read_sheets(path: StrPath) -> dict[str, list[tuple[int, dict[str, str]]]]:
    """Every sheet as (row number, {header: text}) rows; header is row 1."""
    return read_workbook(path)[0]


def _check(path: StrPath, skip_unsupported: bool = False) -> tuple[Form | None, list[Problem]]:
    sheets, notes = read_workbook(path)
    loader = csv_loader(Path(path).parent)
    return check_sheets(
        sheets, str(path), load_file=loader, notes=notes, skip_unsupported=skip_unsupported
    )


def read_xlsform(path: StrPath) -> Form:
    """The Form in an XLSForm workbook; raises UserError naming the file and the first error.

    CSV files named by select_one_from_file / select_multiple_from_file are read from the
    workbook's folder; their choices become part of the form.
    """
    return load_xlsform(path)[0]


def load_xlsform(path: StrPath, skip_unsupported: bool = False) -> tuple[Form, list[Problem]]:
    """``read_xlsform``, with the warnings the form was read with (a form has no errors).

    ``skip_unsupported`` leaves out the questions of refused types nothing refers to."""
    form, problems = _check(path, skip_unsupported)
    if form is None:
        raise FormError(problems, str(path))
    return form, problems


def check_xlsform(path: StrPath, skip_unsupported: bool = False) -> list[Problem]:
    """Every problem (errors and warnings) in the workbook; [] when it is clean.

    A file that cannot be opened at all raises UserError instead.
    """
    return _check(path, skip_unsupported)[1]


# --- writing -----------------------------------------------------------------------------------

_TRANSLATED = ("label", "hint", "required_message", "constraint_message")
_PLAIN = (
    "required",
    "relevant",
    "constraint",
    "default",
    "calculation",
    "choice_filter",
    "read_only",
    "appearance",
    "repeat_count",
    "parameters",
)


def _src(e: Expression | None) -> str:
    return "" if e is None else e.source


def _survey_rows(form: Form) -> list[dict[str, str]]:
    rows: list[dict[str, str]] = []

    def texts(row: dict[str, str], base: str, text: Text | None) -> None:
        if text is not None:
            for lang, value in text.values.items():
                row[f"{base}::{lang}"] = value

    def visit(item: Item) -> None:
        if isinstance(item, Group):
            kind = "repeat" if item.is_repeat else "group"
            row = {"type": f"begin_{kind}", "name": item.name}
            texts(row, "label", item.labels)
            row["relevant"] = _src(item.relevant)
            row["appearance"] = item.appearance
            row["repeat_count"] = _src(item.repeat_count)
            rows.append(row)
            for child in item.children:
                visit(child)
            rows.append({"type": f"end_{kind}"})
            return
        q: Question = item
        qtype = q.type
        if q.list_name is not None:
            qtype = f"{q.type} {q.list_name}" + (" or_other" if q.or_other else "")
        row = {"type": qtype, "name": q.name}
        texts(row, "label", q.labels)
        texts(row, "hint", q.hints)
        texts(row, "required_message", q.required_messages)
        texts(row, "constraint_message", q.constraint_messages)
        row.update(
            required=_src(q.required),
            relevant=_src(q.relevant),
            constraint=_src(q.constraint),
            default=q.default or "",
            calculation=_src(q.calculation),
            choice_filter=_src(q.choice_filter),
            read_only=_src(q.read_only),
            appearance=q.appearance,
            parameters=" ".join(f"{k}={v}" for k, v in q.parameters),
        )
        rows.append(row)

    for item in form.children:
        visit(item)
    return rows


def _put(ws: Any, headers: list[str], rows: list[dict[str, str]]) -> None:
    ws.append(headers)
    for row in rows:
        ws.append([row.get(h, "") or None for h in headers])
    # Text that starts with '=' is an expression or label, never an Excel formula.
    for line in ws.iter_rows(min_row=2):
        for cell in line:
            if isinstance(cell.value, str) and cell.value.startswith("="):
                cell.data_type = "s"


def write_xlsform(form: Form, path: StrPath) -> None:
    """Write ``form`` as an XLSForm that reads back to the same form (same content hash).

    Written to a temporary file next to ``path`` and renamed over it, so a crash never leaves
    half a workbook behind.
    """
    from openpyxl import Workbook  # only when writing a form out

    wb = Workbook()
    survey = wb.worksheets[0]  # the one sheet of a new workbook
    survey.title = "survey"
    _put_survey(survey, form)
    _put_choices(wb.create_sheet("choices"), form)
    _put_settings(wb.create_sheet("settings"), form)

    write_beside(Path(path), wb.save, prefix=".~", private=True)


def _put_survey(ws: Any, form: Form) -> None:
    """The survey sheet: a label column per language, other translated and plain columns only
    where some row uses them."""
    rows = _survey_rows(form)
    used = {k for r in rows for k, v in r.items() if v}
    headers = ["type", "name"]
    header_of: dict[str, str] = {}
    for base in _TRANSLATED:
        if base == "label" or any(k.startswith(base + "::") for k in used):
            for lang in form.languages:
                header_of[f"{base}::{lang}"] = column_header(base, lang)
                headers.append(f"{base}::{lang}")
    headers += [b for b in _PLAIN if b in used]
    renamed = [{header_of.get(k, k): v for k, v in r.items()} for r in rows]
    _put(ws, [header_of.get(h, h) for h in headers], renamed)


def _put_choices(ws: Any, form: Form) -> None:
    """The choices sheet: each choice with its labels and extra columns (first seen order)."""
    extras: list[str] = []
    for cl in form.choice_lists.values():
        for c in cl.choices:
            for k in c.extras:
                if k not in extras:
                    extras.append(k)
    label_headers = [column_header("label", lang) for lang in form.languages]
    crow = []
    for cl in form.choice_lists.values():
        for c in cl.choices:
            row = {"list_name": cl.name, "name": c.name, **dict(c.extras)}
            for lang, value in c.labels.values.items():
                row[column_header("label", lang)] = value
            crow.append(row)
    _put(ws, ["list_name", "name", *label_headers, *extras], crow)


def _put_settings(ws: Any, form: Form) -> None:
    srow = {"form_id": form.form_id, "version": form.version}
    srow["default_language"] = column_header("x", form.default_language).split("::", 1)[1]
    for lang, value in form.title.values.items():
        srow[column_header("form_title", lang)] = value
    srow.update(form.settings)
    _put(ws, list(srow), [srow])
