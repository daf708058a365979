"""Writing the documents of the review: the State's report of one submission, the regional
synthesis of a regional workbook."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from gcm_collect.consolidate.indicators import Indicators, count
from gcm_collect.documents.model import Document
from gcm_collect.documents.report import ReportSubject, build_report
from gcm_collect.documents.synthesis import build_synthesis
from gcm_collect.documents.write import check_target, write_document
from gcm_collect.errors import UserError
from gcm_collect.forms import Form
from gcm_collect.i18n import _
from gcm_collect.ops.answers import form_of
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


def regional_indicators(workbook: Path, lang: str) -> Indicators:
    """The indicators of a regional workbook's submissions (it is verified first)."""
    book = read_export(workbook)
    forms = {(f.form_id, f.version): Form.from_json(f.definition) for f in book.forms}
    region = book.meta.filters.get("region")
    return count((r.data for r in book.records), forms, region, lang)


def write_synthesis(workbook: Path, out: Path, lang: str) -> Indicators:
    """Write the regional synthesis draft of a regional workbook to ``out`` (.docx or .pdf)."""
    check_target(out)
    indicators = regional_indicators(workbook, lang)
    write_document(build_synthesis(indicators, lang), out)
    return indicators
