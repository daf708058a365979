"""Visible-cell edits of an input: kept as reported, or (``accept_edits``) validated and taken.

An edit is taken only when it maps to one stored answer (a question's value column, or its
"other" text), converts to the question's type, and the form then reports no type, choice,
constraint or required problem for that answer. Everything else is refused with a reason.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from openpyxl.utils.cell import column_index_from_string, coordinate_from_string

from gcm_collect.forms.evaluate import evaluate
from gcm_collect.forms.model import (
    ACKNOWLEDGE,
    DATE,
    DECIMAL,
    INTEGER,
    SELECT_MULTIPLE,
    SELECT_ONE,
    TEXT,
    Form,
    Question,
)
from gcm_collect.i18n import _
from gcm_collect.workbook.model import Edit, ExportedWorkbook
from gcm_collect.workbook.render import Renderer

KEPT, ACCEPTED, REFUSED = "kept", "accepted", "refused"


@dataclass(frozen=True)
class EditOutcome:
    source: str  # the input file name
    sheet: str
    cell: str
    uuid: str | None
    path: str | None
    old: Any
    new: Any
    outcome: str  # kept (the original value stays), accepted or refused
    reason: str = ""


class _Refused(ValueError):
    pass


def _convert(qtype: str, value: Any) -> Any:
    """A cell value as a stored answer of type ``qtype``; _Refused when it cannot be one."""
    if value is None or value == "":
        return None
    if isinstance(value, float) and value.is_integer() and qtype != DECIMAL:
        value = int(value)
    if qtype == SELECT_ONE:
        return str(value).strip()
    if qtype == SELECT_MULTIPLE:
        return str(value).split()
    if qtype == INTEGER:
        try:
            number = float(value) if isinstance(value, str) else value
            if isinstance(number, (int, float)) and float(number).is_integer():
                return int(number)
        except ValueError:
            pass
        raise _Refused(_("not a whole number"))
    if qtype == DECIMAL:
        try:
            number = float(value)
        except (TypeError, ValueError):
            raise _Refused(_("not a number")) from None
        if not math.isfinite(number):
            raise _Refused(_("not a number"))
        return int(number) if number.is_integer() else number
    if qtype == DATE:
        if isinstance(value, datetime):
            return value.date().isoformat()
        if isinstance(value, date):
            return value.isoformat()
        try:
            return date.fromisoformat(str(value).strip()).isoformat()
        except ValueError:
            raise _Refused(_("not a date")) from None
    if qtype == ACKNOWLEDGE:
        if value in (1, True, "1"):
            return True
        if value in (0, False, "0"):
            return None
        raise _Refused(_("not 1 or 0"))
    if qtype == TEXT:
        return str(value)
    raise _Refused(_("this kind of answer cannot be edited in a workbook"))


def _columns(wb: ExportedWorkbook, forms: list[Form]) -> dict[str, list[str]]:
    """Sheet name -> the stable column keys, as the export rendered them."""
    renderer = Renderer(forms, wb.meta, lambda text: text)
    return {s.name: [c.key for c in s.columns] for s in renderer.sheets.values()}


def _question(forms: dict[tuple[str, str], Form], data: dict[str, Any], path: str):
    form = forms.get((data["form_id"], data["form_version"]))
    if form is None:
        raise _Refused(_("the form of this submission is missing"))
    name = path.rsplit("/", 1)[-1]
    if name in form and isinstance(form.item(name), Question):
        return form, form.question(name).type
    if name.endswith("_other") and name[: -len("_other")] in form:
        return form, TEXT
    raise _Refused(_("not an answer of the form"))


def review_edits(
    wb: ExportedWorkbook,
    edits: tuple[Edit, ...],
    formulas: tuple[tuple[str, str, str], ...],
    *,
    accept: bool,
) -> tuple[dict[str, dict[str, Any]], list[EditOutcome]]:
    """The records changed by accepted edits (uuid -> new data) and an outcome for each edit."""
    source = wb.path.name
    if not accept:
        outcomes = [
            EditOutcome(source, e.sheet, e.cell, e.uuid, e.path, e.old, e.new, KEPT) for e in edits
        ]
        edited = {(e.sheet, e.cell) for e in edits}
        outcomes += [
            EditOutcome(source, s, c, None, None, None, f, KEPT, _("formula in a data cell"))
            for s, c, f in formulas
            if (s, c) not in edited
        ]
        return {}, outcomes
    forms = {(e.form_id, e.version): Form.from_json(e.definition) for e in wb.forms}
    keys = _columns(wb, list(forms.values()))
    records = {r.uuid: r for r in wb.records}
    formula_at = {(s, c): f for s, c, f in formulas}
    planned: dict[tuple[str, str], list[tuple[Edit, Any]]] = defaultdict(list)
    outcomes: list[EditOutcome] = []

    def refuse(e: Edit, reason: str, new: Any = None) -> None:
        shown = e.new if new is None else new
        outcomes.append(
            EditOutcome(source, e.sheet, e.cell, e.uuid, e.path, e.old, shown, REFUSED, reason)
        )

    for e in edits:
        formula = formula_at.pop((e.sheet, e.cell), None)
        if formula is not None:
            refuse(e, _("a formula, not a value"), formula)
            continue
        if e.uuid is None or e.path is None or e.uuid not in records:
            refuse(e, _("not a cell of an exported submission (added row or header?)"))
            continue
        column = column_index_from_string(coordinate_from_string(e.cell)[0]) - 1
        sheet_keys = keys.get(e.sheet, [])
        key = sheet_keys[column] if column < len(sheet_keys) else ""
        if key.startswith("_") or e.path.startswith("_") or key in ("objective",):
            refuse(e, _("identifying columns cannot be edited"))
            continue
        if ":" in key or "/" in key.rsplit("]", 1)[-1]:
            refuse(e, _("a derived column; edit the code column instead"))
            continue
        data = records[e.uuid].data
        try:
            form, qtype = _question(forms, dict(data), e.path)
            value = _convert(qtype, e.new)
        except _Refused as exc:
            refuse(e, str(exc))
            continue
        planned[(e.uuid, e.path)].append((e, value))
    for (sheet, cell), formula in formula_at.items():
        outcomes.append(
            EditOutcome(
                source, sheet, cell, None, None, None, formula, REFUSED, _("formula in a data cell")
            )
        )

    changed: dict[str, dict[str, Any]] = {}
    for (uuid, path), items in planned.items():
        values = {repr(v) for _e, v in items}
        if len(values) > 1:
            for e, _v in items:
                refuse(e, _("the same answer was edited to different values"))
            continue
        data = changed.get(uuid) or _copy(records[uuid].data)
        answers = dict(data.get("answers") or {})
        value = items[0][1]
        if value is None:
            answers.pop(path, None)
        else:
            answers[path] = value
        form = forms[(data["form_id"], data["form_version"])]
        try:
            today = date.fromisoformat(wb.meta.exported_at[:10])
        except ValueError:
            today = None
        evaluation = evaluate(form, answers, dict(data.get("instances") or {}), "en", today=today)
        problems = evaluation.problems_for(path)
        if problems:
            for e, _v in items:
                refuse(e, problems[0].message)
            continue
        data["answers"] = answers
        changed[uuid] = data
        for e, _v in items:
            outcomes.append(
                EditOutcome(source, e.sheet, e.cell, e.uuid, e.path, e.old, e.new, ACCEPTED)
            )
    return changed, outcomes


def _copy(data: Any) -> dict[str, Any]:
    out = dict(data)
    out["answers"] = dict(data.get("answers") or {})
    out["instances"] = {k: list(v) for k, v in (data.get("instances") or {}).items()}
    return out
