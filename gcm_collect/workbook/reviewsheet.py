"""The Review sheet: one row per submission where a reviewer decides (approve, return, reject)
and says why, in a dropdown of labels in the workbook's language.

What is typed here is the reviewer's word on the data, not an edit of it: find_edits compares
only the data sheets. A row shows the latest decision the workbook already carries for that
revision; read back unchanged, it is that decision again, not a new one.
"""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from gcm_collect.conversation import (
    DECISION_LABELS,
    DECISIONS,
    LEVEL_LABELS,
    NEEDS_REASON,
    REGIONAL,
    Conversation,
    Decision,
    latest,
)
from gcm_collect.i18n import N_, _
from gcm_collect.i18n.catalogs import LANGUAGES, load_catalog
from gcm_collect.workbook.formulas import formula_cells
from gcm_collect.workbook.model import ExportedWorkbook, ExportMeta, ExportRecord
from gcm_collect.workbook.reader import sheet_rows
from gcm_collect.workbook.render import value_cell

REVIEW_ROLE = "review"
REVIEW_TITLE = N_("Review")
HEADER_ROWS = 2
# (stable row-2 name, label, width)
COLUMNS = (
    ("_uuid", N_("Submission UUID"), 13),
    ("_revision", N_("Revision"), 9),
    ("_state", N_("State (ISO3)"), 9),
    ("_state:label", N_("State"), 24),
    ("_period", N_("Period"), 10),
    ("_title", N_("Title"), 30),
    ("decision", N_("Decision"), 14),
    ("reason", N_("Reason (required to return or reject)"), 50),
    ("_decided", N_("Decided by"), 30),
)
KEYS = tuple(key for key, _label, _width in COLUMNS)
WIDTHS = tuple(width for _key, _label, width in COLUMNS)
DECISION_COLUMN = KEYS.index("decision")


def _decided(decision: Decision | None, tr: Callable[[str], str]) -> str:
    if decision is None:
        return ""
    return f"{decision.reviewer} ({tr(LEVEL_LABELS[decision.level])}, {decision.at[:10]})"


def review_row(
    record: ExportRecord,
    meta: ExportMeta,
    conversation: Conversation,
    tr: Callable[[str], str],
) -> list[Any]:
    data = record.data
    decision = latest(conversation, record.uuid)
    state = str(data.get("state") or "")
    m = meta.truncation_marker
    return [
        record.uuid,
        value_cell(data.get("revision"), m),
        value_cell(state, m),
        value_cell(meta.labels.get("state", {}).get(state, state), m),
        value_cell(data.get("period"), m),
        value_cell(data.get("title") or "", m),
        "" if decision is None else tr(DECISION_LABELS[decision.code]),
        "" if decision is None else value_cell(decision.reason, m),
        value_cell(_decided(decision, tr), m),
    ]


def dropdown(rows: int, tr: Callable[[str], str]) -> DataValidation:
    """The decision column's list of labels, over every data row."""
    choices = ",".join(tr(DECISION_LABELS[code]).replace(",", " ") for code in DECISIONS)
    column = get_column_letter(DECISION_COLUMN + 1)
    validation = DataValidation(
        type="list",
        formula1=f'"{choices}"',
        allow_blank=True,
        showErrorMessage=True,
        errorTitle=tr(N_("Decision")),
        error=tr(N_("Choose approve, return or reject from the list.")),
    )
    validation.add(f"{column}{HEADER_ROWS + 1}:{column}{max(rows, 1) + HEADER_ROWS}")
    return validation


def _codes() -> dict[str, str]:
    """Every way a decision may be written (its code, its label in any of the six languages),
    folded, -> its code."""
    out = {code: code for code in DECISIONS}
    for lang in LANGUAGES:
        gettext = load_catalog(lang, "messages").gettext
        for code, label in DECISION_LABELS.items():
            out.setdefault(gettext(label).casefold().strip(), code)
    return out


@dataclass(frozen=True)
class ReadDecisions:
    decisions: tuple[Decision, ...] = ()
    problems: tuple[str, ...] = ()


class _Problem(Exception):
    """A decision that cannot be taken; its message says why."""


def _not_a_decision(value: str) -> str:
    return _("{value} is not a decision; choose approve, return or reject").format(value=value)


class _ReviewRows:
    """The rows of one Review sheet, read as decisions on the workbook's submissions."""

    def __init__(
        self,
        wb: ExportedWorkbook,
        names: list[Any],
        carried: Conversation | None,
        new: Callable[[ExportRecord, str, str], Decision],
    ):
        self.where = {n: i for i, n in reversed(list(enumerate(names))) if isinstance(n, str)}
        self.records = {r.uuid: r for r in wb.records}
        self.codes = _codes()
        self.carried = carried
        self.new = new

    @property
    def complete(self) -> bool:
        return "_uuid" in self.where and "decision" in self.where

    def cell(self, row: list[Any], name: str) -> str:
        p = self.where.get(name)
        value = row[p] if p is not None and p < len(row) else None
        return "" if value is None else str(value).strip()

    def ref(self, number: int) -> str:
        """The decision cell of a row (1-based, as Excel counts)."""
        return f"{get_column_letter(self.where['decision'] + 1)}{number}"

    def read(
        self, sheet: str, rows: list[list[Any]], formulas: set[str], problems: list[str]
    ) -> list[Decision]:
        """The new decisions of the data rows; a problem for each one not taken."""
        decisions: list[Decision] = []
        for number, row in enumerate(rows[HEADER_ROWS:], start=HEADER_ROWS + 1):
            written, ref = self.cell(row, "decision"), self.ref(number)
            if not written or ref in formulas:
                continue  # nothing typed, or a formula (a problem already)
            try:
                decision = self.decision(row, written)
            except _Problem as problem:
                problems.append(f"{sheet}!{ref}: {problem}")
                continue
            if decision is not None:
                decisions.append(decision)
        return decisions

    def decision(self, row: list[Any], written: str) -> Decision | None:
        """The decision a row says, None where it is the one the workbook carries; raises
        _Problem where it cannot be taken."""
        record = self.records.get(self.cell(row, "_uuid"))
        if record is None:
            raise _Problem(_("the row names no submission of this workbook"))
        code = self.codes.get(written.casefold())
        if code is None:
            raise _Problem(_not_a_decision(written))
        reason = self.cell(row, "reason")
        if code in NEEDS_REASON and not reason:
            raise _Problem(_("a return or a rejection needs a reason"))
        if self._carried(record.uuid, code, reason):
            return None  # the decision the workbook carries, shown again
        return self.new(record, code, reason)

    def _carried(self, uuid: str, code: str, reason: str) -> bool:
        shown = None if self.carried is None else latest(self.carried, uuid)
        return shown is not None and (shown.code, shown.reason) == (code, reason)


def read_decisions(
    wb: ExportedWorkbook,
    *,
    level: str = REGIONAL,
    reviewer: str,
    at: str,
    carried: Conversation | None = None,
    archive: zipfile.ZipFile | None = None,
) -> ReadDecisions:
    """The decisions typed on the workbook's Review sheet.

    A row showing the decision the workbook carries for that revision is that decision (none
    new); a decision not in the list, or a return or rejection without a reason, is a problem
    (one line naming the cell) and is not taken.
    """
    plan = wb.meta.sheet(REVIEW_ROLE)
    if plan is None or plan.name not in wb.book.sheet_names:
        return ReadDecisions()
    rows = sheet_rows(wb.book, plan.name)
    if len(rows) <= HEADER_ROWS:
        return ReadDecisions()

    def new(record: ExportRecord, code: str, reason: str) -> Decision:
        return Decision.new(record.uuid, record.revision, code, reason, level, reviewer, at)

    review = _ReviewRows(wb, rows[1], carried, new)
    if not review.complete:
        return ReadDecisions(problems=(f"{plan.name}: " + _("the decision column is missing"),))
    # A formula is never a decision, even one that computes "approve".
    found = formula_cells(wb.path if archive is None else archive, [plan.name])
    problems = [f"{plan.name}!{ref}: " + _not_a_decision(formula) for _s, ref, formula in found]
    decisions = review.read(plan.name, rows, {ref for _sheet, ref, _f in found}, problems)
    return ReadDecisions(tuple(decisions), tuple(problems))
