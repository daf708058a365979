"""Visible-cell edits of a workbook: kept as reported, or (``accept``) validated and taken.

An edit is taken only when it maps to one stored answer (a question's value column, or its
"other" text), converts to the question's type, and the form then reports no type, choice,
constraint or required problem for that answer. Everything else is refused with a reason.

Taken edits never rewrite the exported record: they make a new revision by the reviewer
(revision + 1, ``revises`` the exported one) whose ``review`` says who changed which answers,
when, and in which workbook. Its UUID derives from the exported record and the changes, so
taking the same edits twice gives the same revision (consolidation stays idempotent).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from typing import Any
from uuid import UUID, uuid5
from zipfile import BadZipFile, ZipFile

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import ParseError, fromstring

from gcm_collect.forms.evaluate import evaluate
from gcm_collect.forms.model import TEXT, Form, Question, Text, frozen_map
from gcm_collect.forms.types import Invalid, coerce
from gcm_collect.i18n import _
from gcm_collect.workbook.canonical import canonical_json
from gcm_collect.workbook.edits import ROW_KEYS
from gcm_collect.workbook.model import Edit, ExportedWorkbook, ExportRecord
from gcm_collect.workbook.questions import Unreadable, read_edit
from gcm_collect.workbook.render import DERIVED

KEPT, ACCEPTED, REFUSED = "kept", "accepted", "refused"
# Row keys (a question may well be named "question" or "code": those two are only keys of the
# long tables, whose cells are all refused as derived).
IDENTIFYING = frozenset(k for keys in ROW_KEYS.values() for k in keys) - {"question", "code"}


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


@dataclass(frozen=True)
class Review:
    """What became of a workbook's edits: the reviewer's new revisions, an outcome per edit."""

    revisions: list[ExportRecord]
    outcomes: list[EditOutcome]


REVIEW_NAMESPACE = UUID("6f0c3f1e-6a39-5b8e-9d57-2f4b8f0f6d21")  # revision UUIDs (uuid5)
_CORE = "docProps/core.xml"
_DC = "{http://purl.org/dc/elements/1.1/}"
_CP = "{http://schemas.openxmlformats.org/package/2006/metadata/core-properties}"
_DCTERMS = "{http://purl.org/dc/terms/}"


def saved_by(path: Any) -> tuple[str, str]:
    """Who last saved a workbook, and when (UTC ISO), as Excel and LibreOffice record it in its
    document properties; empty where the file does not say."""
    try:
        with ZipFile(path) as archive:
            info = archive.getinfo(_CORE)
            if info.file_size > 1 << 16:
                return "", ""
            root = fromstring(archive.read(info))
    except (KeyError, OSError, BadZipFile, ParseError, DefusedXmlException):
        return "", ""

    def text(tag: str) -> str:
        node = root.find(tag)
        return (node.text or "").strip()[:200] if node is not None else ""

    name = text(f"{_CP}lastModifiedBy") or text(f"{_DC}creator")
    if name == "openpyxl":  # the library's own mark, not a person
        name = ""
    return name, text(f"{_DCTERMS}modified")


class _Refused(ValueError):
    pass


def _convert(form: Form, q: Question, value: Any) -> Any:
    """A cell value as a stored answer of ``q`` (None: cleared); _Refused when it cannot be one.
    The cell is read by its type's handler, then converted as JSON Lines input is."""
    try:
        loose = read_edit(q.type, value)
        return None if loose is None else coerce(form, q, loose)
    except (Unreadable, Invalid) as problem:
        raise _Refused(str(problem)) from None


def _question(
    forms: dict[tuple[str, str], Form], data: dict[str, Any], path: str
) -> tuple[Form, Question]:
    """The form of a record and the question at ``path`` (an _other text: a text question)."""
    form = forms.get((data["form_id"], data["form_version"]))
    if form is None:
        raise _Refused(_("the form of this submission is missing"))
    name = path.rsplit("/", 1)[-1]
    if name in form and isinstance(form.item(name), Question):
        return form, form.question(name)
    if name.endswith("_other") and name[: -len("_other")] in form:
        return form, Question(name, TEXT, Text(frozen_map(), ""), Text(frozen_map(), ""))
    raise _Refused(_("not an answer of the form"))


def review_edits(
    wb: ExportedWorkbook,
    edits: tuple[Edit, ...],
    formulas: tuple[tuple[str, str, str], ...],
    *,
    accept: bool,
    reviewer: str | None = None,
) -> Review:
    """An outcome for each edit and, with ``accept``, the reviewer's revisions that take them.

    ``reviewer`` names who made the edits; by default, whoever last saved the workbook."""
    if not accept:
        return Review([], _kept(wb.path.name, edits, formulas))
    review = _Reviewing(wb, formulas)
    planned = review.plan(edits)
    review.refuse_formulas()
    changed, trails = review.take(planned)
    if not changed:
        return Review([], review.outcomes)
    name, at = saved_by(wb.path)
    by = reviewer or name or _("unknown reviewer")
    when = at or wb.meta.exported_at
    revisions = [
        _revision(review.records[uuid], data, trails[uuid], by, when, wb)
        for uuid, data in changed.items()
    ]
    return Review(revisions, review.outcomes)


def _kept(
    source: str, edits: tuple[Edit, ...], formulas: tuple[tuple[str, str, str], ...]
) -> list[EditOutcome]:
    """Every edit reported as kept, then each formula no edit already reports."""
    outcomes = [
        EditOutcome(source, e.sheet, e.cell, e.uuid, e.path, e.old, e.new, KEPT) for e in edits
    ]
    edited = {(e.sheet, e.cell) for e in edits}
    outcomes += [
        EditOutcome(source, s, c, None, None, None, f, KEPT, _("formula in a data cell"))
        for s, c, f in formulas
        if (s, c) not in edited
    ]
    return outcomes


def _refusal(e: Edit, records: dict[str, ExportRecord]) -> str | None:
    """Why an edit cannot map to one stored answer, whatever its value (None: it may)."""
    key = e.column or ""
    if e.path == DERIVED:
        return _("a table made from the answers; edit the answer on its own sheet")
    if e.uuid is not None and e.new is None and key in IDENTIFYING and e.old is not None:
        return _("the row was deleted; rows cannot be removed in a workbook")
    if e.uuid is None or e.path is None or e.uuid not in records:
        return _("not a cell of an exported submission (added row or header?)")
    if key.startswith("_") or e.path.startswith("_") or key in IDENTIFYING:
        return _("identifying columns cannot be edited")
    if ":" in key or "/" in key.rsplit("]", 1)[-1]:
        return _("a derived column; edit the code column instead")
    return None


_Planned = dict[tuple[str, str], list[tuple[Edit, Any]]]


class _Reviewing:
    """One accepting review of a workbook: the outcomes so far, in the order they are decided."""

    def __init__(self, wb: ExportedWorkbook, formulas: tuple[tuple[str, str, str], ...]) -> None:
        self.wb = wb
        self.source = wb.path.name
        self.outcomes: list[EditOutcome] = []
        self.forms = {(e.form_id, e.version): Form.from_json(e.definition) for e in wb.forms}
        self.records = {r.uuid: r for r in wb.records}
        self.formula_at = {(s, c): f for s, c, f in formulas}
        try:
            self.today: date | None = date.fromisoformat(wb.meta.exported_at[:10])
        except ValueError:
            self.today = None

    def refuse(self, e: Edit, reason: str, new: Any = None) -> None:
        shown = e.new if new is None else new
        self.outcomes.append(
            EditOutcome(self.source, e.sheet, e.cell, e.uuid, e.path, e.old, shown, REFUSED, reason)
        )

    def plan(self, edits: tuple[Edit, ...]) -> _Planned:
        """Each edit's converted value by the answer it changes; the others refused."""
        planned: _Planned = defaultdict(list)
        for e in edits:
            formula = self.formula_at.pop((e.sheet, e.cell), None)
            if formula is not None:
                self.refuse(e, _("a formula, not a value"), formula)
                continue
            reason = _refusal(e, self.records)
            if reason is not None:
                self.refuse(e, reason)
                continue
            assert e.uuid is not None and e.path is not None  # _refusal says so
            try:
                form, question = _question(self.forms, dict(self.records[e.uuid].data), e.path)
                value = _convert(form, question, e.new)
            except _Refused as exc:
                self.refuse(e, str(exc))
                continue
            planned[(e.uuid, e.path)].append((e, value))
        return planned

    def refuse_formulas(self) -> None:
        """Formulas in data cells that no edit reported."""
        for (sheet, cell), formula in self.formula_at.items():
            self.outcomes.append(
                EditOutcome(
                    self.source,
                    sheet,
                    cell,
                    None,
                    None,
                    None,
                    formula,
                    REFUSED,
                    _("formula in a data cell"),
                )
            )

    def take(
        self, planned: _Planned
    ) -> tuple[dict[str, dict[str, Any]], dict[str, list[dict[str, Any]]]]:
        """The changed data of each record and its trail of taken edits."""
        changed: dict[str, dict[str, Any]] = {}
        trails: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for (uuid, path), items in planned.items():
            data = self._changed(changed, uuid, path, items)
            if data is None:
                continue
            changed[uuid] = data
            first, value = items[0]
            trails[uuid].append(
                {
                    "path": path,
                    "old": self.records[uuid].answers.get(path),
                    "new": value,
                    "sheet": first.sheet,
                    "cell": first.cell,
                }
            )
            for e, _v in items:
                self.outcomes.append(
                    EditOutcome(
                        self.source, e.sheet, e.cell, e.uuid, e.path, e.old, e.new, ACCEPTED
                    )
                )
        return changed, trails

    def _changed(
        self,
        changed: dict[str, dict[str, Any]],
        uuid: str,
        path: str,
        items: list[tuple[Edit, Any]],
    ) -> dict[str, Any] | None:
        """The record's data with this answer changed, or None with its edits refused: edited to
        different values, or the form reports a problem with the new answer."""
        if len({repr(v) for _e, v in items}) > 1:
            for e, _v in items:
                self.refuse(e, _("the same answer was edited to different values"))
            return None
        data = changed.get(uuid) or _copy(self.records[uuid].data)
        answers = dict(data.get("answers") or {})
        value = items[0][1]
        if value is None:
            answers.pop(path, None)
        else:
            answers[path] = value
        form = self.forms[(data["form_id"], data["form_version"])]
        instances = dict(data.get("instances") or {})
        problems = evaluate(form, answers, instances, "en", today=self.today).problems_for(path)
        if problems:
            for e, _v in items:
                self.refuse(e, problems[0].message)
            return None
        data["answers"] = answers
        return data


def _revision(
    exported: ExportRecord,
    data: dict[str, Any],
    trail: list[dict[str, Any]],
    by: str,
    at: str,
    wb: ExportedWorkbook,
) -> ExportRecord:
    """The reviewer's revision of ``exported``: its answers changed as listed in ``trail``."""
    trail = sorted(trail, key=lambda t: t["path"])
    seed = canonical_json({"revises": exported.uuid, "checksum": exported.checksum, "edits": trail})
    data["uuid"] = str(uuid5(REVIEW_NAMESPACE, seed))
    data["revision"] = exported.revision + 1
    data["revises"] = exported.uuid
    data["created_at"] = data["updated_at"] = at
    data["deleted_at"] = None
    review = {"by": by, "at": at, "workbook": wb.fingerprint, "edits": trail}
    if exported.data.get("review"):  # a review of a reviewer's revision keeps the first one
        review["earlier"] = exported.data["review"]
    data["review"] = review
    provenance = {
        "officer": by,
        "device_id": "review",
        "exported_at": at,
        "export_fingerprint": wb.fingerprint,
        "workbook": wb.path.name,
    }
    return ExportRecord(data=data, provenance=provenance)


def _copy(data: Any) -> dict[str, Any]:
    out = dict(data)
    out["answers"] = dict(data.get("answers") or {})
    out["instances"] = {k: list(v) for k, v in (data.get("instances") or {}).items()}
    return out


def review_trail(data: Any) -> list[dict[str, Any]]:
    """Every review a record went through, latest first (each with its ``edits``)."""
    trail: list[dict[str, Any]] = []
    review = data.get("review")
    while isinstance(review, dict) and len(trail) < 1000:
        trail.append(review)
        review = review.get("earlier")
    return trail
