"""Writing the documents of the review: the State's report of one submission."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from gcm_collect.documents.model import Document
from gcm_collect.documents.report import ReportSubject, build_report
from gcm_collect.documents.write import check_target, write_document
from gcm_collect.errors import UserError
from gcm_collect.i18n import _
from gcm_collect.ops.answers import form_of
from gcm_collect.store import Store
from gcm_collect.store.records import Submission
from gcm_collect.workbook.canonical import checksum


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
