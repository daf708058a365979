"""Writing the documents of the review: the State's report of one submission, the regional
synthesis of a regional workbook."""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from gcm_collect.consolidate.indicators import Indicators, count
from gcm_collect.documents.hub import HubPractice, hub_practices, write_hub_workbook
from gcm_collect.documents.language import speaking
from gcm_collect.documents.model import Document
from gcm_collect.documents.report import ReportSubject, build_report
from gcm_collect.documents.synthesis import build_synthesis
from gcm_collect.documents.write import check_target, write_document, written
from gcm_collect.errors import UserError
from gcm_collect.forms import Form
from gcm_collect.forms.answer_text import answer_text
from gcm_collect.i18n import _, is_rtl
from gcm_collect.ops.answers import form_of
from gcm_collect.ops.forms import form_for
from gcm_collect.store import Store
from gcm_collect.store.records import Submission
from gcm_collect.workbook.canonical import checksum
from gcm_collect.workbook.reader import read_export


@dataclass(frozen=True)
class Written:
    path: Path
    uuid: str
    fingerprint: str


def find_submission(store: Store, state: str, period: str) -> Submission:
    """The latest revision of the State's submission for the period; UserError when there is
    none, or several that are not revisions of one another (then --uuid chooses)."""
    code = state.strip().upper()
    found = [s for s in store.list_submissions(state=code) if s.period == period.strip()]
    revised = {s.revises for s in found if s.revises}
    latest = [s for s in found if s.uuid not in revised]
    if not latest:
        raise UserError(
            _("no submission of {state} for the period {period}").format(state=code, period=period)
        )
    if len(latest) > 1:
        raise UserError(
            _(
                "{state} has several submissions for {period}; choose one with --uuid: {uuids}"
            ).format(state=code, period=period, uuids=", ".join(s.uuid for s in latest))
        )
    return latest[0]


def report_document(store: Store, uuid: str, lang: str) -> tuple[Document, ReportSubject]:
    """The report of the submission as a document in ``lang`` (for the app's preview too),
    with what its cover says of the submission."""
    sub = store.get_submission(uuid)
    form = form_of(store, uuid)
    record = store.get_record(uuid)
    subject = ReportSubject(
        uuid=sub.uuid,
        state=sub.state,
        region=sub.region,
        period=sub.period,
        status=sub.status,
        revision=sub.revision,
        officer=sub.officer,
        fingerprint=checksum(record),
        written=store.now()[:10],
    )
    document = build_report(form, subject, record["answers"], record["instances"], lang)
    return document, subject


def write_report(
    store: Store,
    out: Path,
    lang: str,
    *,
    uuid: str | None = None,
    state: str | None = None,
    period: str | None = None,
) -> Written:
    """Write the report of a submission (by UUID, or by State and period) to ``out`` (.docx
    or .pdf)."""
    check_target(out)
    if uuid is None:
        if not state or not period:
            raise UserError(_("name the submission: --uuid, or --state and --period"))
        uuid = find_submission(store, state, period).uuid
    document, subject = report_document(store, uuid, lang)
    write_document(document, out)
    return Written(out, uuid, subject.fingerprint)


@contextmanager
def _settled() -> Iterator[None]:
    """No cyclic garbage collection while the indicators and the document are made from the
    workbook read: nearly all they allocate lives to the end, and each pass walked the whole
    workbook again (50-100 ms of a synthesis of 2,000 submissions, up to 0.1 s at 200, when
    the reading itself takes 0.35 s). Reference counting still frees the rest."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def regional_indicators(workbook: Path, lang: str) -> Indicators:
    """The indicators of a regional workbook's submissions (it is verified first)."""
    book = read_export(workbook)
    with _settled():
        forms = {  # counting reads questions and choices, never an expression
            (f.form_id, f.version): Form.from_json(f.definition, parse_expressions=False)
            for f in book.forms
        }
        region = book.meta.filters.get("region")
        return count((r.data for r in book.records), forms, region, lang)


def write_synthesis(workbook: Path, out: Path, lang: str) -> Indicators:
    """Write the regional synthesis draft of a regional workbook to ``out`` (.docx or .pdf)."""
    check_target(out)
    indicators = regional_indicators(workbook, lang)
    with _settled():
        write_document(build_synthesis(indicators, lang), out)
    return indicators


def _latest_records(store: Store) -> list[dict[str, Any]]:
    """Every submission of the database, its latest revision only."""
    subs = store.list_submissions()
    revised = {s.revises for s in subs if s.revises}
    return [store.get_record(s.uuid) for s in subs if s.uuid not in revised]


Words = Callable[[Form, str, Any, Mapping[str, Any], str], str]


def _words(lang: str) -> Words:
    """Answers in words, in ``lang`` (choices by their labels, dates as the language writes)."""

    def words(form: Form, question: str, value: Any, answers: Mapping[str, Any], path: str) -> str:
        return answer_text(form, form.question(question), value, lang, answers, path)

    return words


def hub_check(store: Store, uuid: str, lang: str) -> list[HubPractice]:
    """The Hub's checklist on each practice of one submission, as the app shows it."""
    record = store.get_record(uuid)
    form = form_of(store, uuid)
    with speaking(lang):
        return hub_practices([record], {(form.form_id, form.version): form}, _words(lang))


def write_hub(
    out: Path, lang: str, *, workbook: Path | None = None, store: Store | None = None
) -> list[HubPractice]:
    """Write the practices of a regional workbook (or of the database) in the Hub's fields,
    with the Hub's checklist checked, to ``out`` (.xlsx)."""
    check_target(out, (".xlsx",))
    if workbook is not None:
        book = read_export(workbook)
        forms = {(f.form_id, f.version): Form.from_json(f.definition) for f in book.forms}
        records: list[Mapping[str, Any]] = [r.data for r in book.records]
    elif store is not None:
        records = list(_latest_records(store))
        forms = {
            (str(r["form_id"]), str(r["form_version"])): form_for(
                store, str(r["form_id"]), str(r["form_version"])
            )
            for r in records
        }
    else:
        raise UserError(_("name a regional workbook, or --db"))

    with speaking(lang):
        practices = hub_practices(records, forms, _words(lang))
        written(out, lambda scratch: write_hub_workbook(practices, scratch, lang, is_rtl(lang)))
    return practices
