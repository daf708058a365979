"""What the regional workbook holds, from what was gathered and merged: its rows in order, the
forms they use, its sheet plan and meta; then it is written (gcm_collect.consolidate.regional).

Each record's compressed payload is unpacked once, as it is written (the versions of a
conflict once, for the Conflicts sheet and the hidden part alike): what orders the rows and
fills the Edits sheet was read from the record when its candidate was made.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from gcm_collect import __version__ as app_version
from gcm_collect.consolidate.accumulator import Accumulator
from gcm_collect.consolidate.conversation_sheets import conversation_tables
from gcm_collect.consolidate.inputs import Packed, unpack
from gcm_collect.consolidate.merge import Candidate, RecordSet
from gcm_collect.consolidate.regional import CONFLICTS_SHEET, EXTRA_ROLES, write_regional
from gcm_collect.consolidate.tables import doubt, review_rows, tables
from gcm_collect.errors import UserError
from gcm_collect.forms.model import Form
from gcm_collect.i18n import N_, _
from gcm_collect.workbook.layout import TRUNCATION_MARKER, labels_for, sheet_plan, translator_for
from gcm_collect.workbook.model import (
    LAYOUT,
    MACHINE_SHEETS,
    ExportMeta,
    ExportRecord,
    FormEntry,
    SheetPlan,
)
from gcm_collect.workbook.sheetnames import safe_sheet_names
from gcm_collect.workbook.sheets import CODEBOOK_HEADER, codebook_rows
from gcm_collect.workbook.signing import SigningKey

Progress = Callable[[int, int], None]

_EXTRA_LABELS = {
    "summary": N_("Summary"),
    "indicators": N_("Indicators"),
    "coverage": N_("Coverage"),
    "sources": N_("Sources"),
    "conflicts": N_("Conflicts"),
    "edits": N_("Edits"),
    "provenance": N_("Provenance"),
    "comments": N_("Comments"),
    "decisions": N_("Decisions"),
    "changes": N_("Changes since review"),
}


@dataclass(frozen=True)
class Output:
    """Where and how the regional workbook is written."""

    target: Path
    lang: str
    members: Sequence[str]  # the States of the review region (the Coverage sheet lists each)
    now: str | None = None  # the consolidation's time (None: now)
    signing: SigningKey | None = None
    progress: Progress | None = None  # the second half of the run's progress
    cancel: Callable[[], bool] | None = None


@dataclass(frozen=True)
class _Row:
    order: tuple[str, ...]
    candidate: Candidate
    versions: int  # more than one: a conflict


def _now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"


def write(gathered: Accumulator, merged: RecordSet, out: Output) -> str:
    """Write the regional workbook atomically; returns its fingerprint."""
    tr = translator_for(out.lang)
    conflicts = merged.conflicts()
    unpacked = {id(c): unpack(c.payload) for cs in conflicts.values() for c in cs}
    # One row per UUID (a conflict's representative is its smallest checksum)
    rows: list[_Row] = []
    alternates: list[ExportRecord] = []
    reviewed: list[list[Any]] = []  # the Edits sheet's rows of every reviewer's revision shown
    for candidates in merged.entries.values():
        ordered = sorted(candidates.values(), key=lambda c: c.checksum)
        first = ordered[0]
        reviewed += review_rows(first)
        rows.append(_Row((first.state, first.period, *first.form, first.uuid), first, len(ordered)))
        for other in ordered[1:]:
            alternates.append(ExportRecord(unpacked[id(other)], other.provenance, other.checksum))
    rows.sort(key=lambda r: r.order)
    form_list = _forms(gathered, {r.candidate.form for r in rows}, alternates)
    meta = _meta(gathered, merged, out, form_list, rows, alternates, tr)
    conversation = gathered.talk.conversation()
    # Only a new revision (it revises one) needs its answers, for the changes since review;
    # the others are known by what the candidate carries: every record unpacked at once
    # held 21 MB per 2,000 submissions while the workbook was written.
    written = {r.candidate.uuid: _talk_data(r.candidate) for r in rows}
    talk = conversation_tables(
        conversation,
        gathered.talk.unplaced,
        written,
        gathered.talk.reviewed(conversation, written),
        {(e.form_id, e.version): f for e, f in form_list},
        meta.labels,
        out.lang,
        tr,
    )
    return write_regional(
        out.target,
        meta=meta,
        forms=form_list,
        records=_records(gathered, merged, rows, unpacked, tr),
        alternates=alternates,
        total=len(rows),
        tr=tr,
        tables=tables(gathered, merged, conflicts, unpacked, reviewed, meta, tr, len(rows)),
        codebook=codebook_rows([f for _e, f in form_list], out.lang, tr),
        codebook_header=CODEBOOK_HEADER,
        members=out.members,
        attachments=gathered.files.get,
        cache=gathered.cache,
        progress=out.progress,
        cancel=out.cancel,
        key=out.signing,
        conversation=conversation,
        talk=talk,
    )


def _talk_data(c: Candidate) -> Mapping[str, Any]:
    """What the conversation sheets read of a written record."""
    if c.revises:
        return unpack(c.payload)
    form_id, version = c.form
    return {
        "state": c.state,
        "form_id": form_id,
        "form_version": version,
        "revision": c.revision,
        "revises": None,
    }


def _forms(
    gathered: Accumulator, used: set[tuple[str, str]], alternates: list[ExportRecord]
) -> list[tuple[FormEntry, Form]]:
    """The forms the rows and the conflicting versions use, each parsed once."""
    used |= {(a.data["form_id"], a.data["form_version"]) for a in alternates}
    form_list: list[tuple[FormEntry, Form]] = []
    for key in sorted(used):
        entry = gathered.forms.get(key)
        if entry is None:
            raise UserError(
                _("form {form_id} version {version} is missing from the inputs").format(
                    form_id=key[0], version=key[1]
                )
            )
        form_list.append((entry, Form.from_json(entry.definition)))
    return form_list


def _plan(parsed: list[Form], lang: str, tr: Callable[[str], str]) -> tuple[SheetPlan, ...]:
    """An export's sheets, with the consolidation's own after the cover and before the
    codebook (Provenance)."""
    base = sheet_plan(parsed, lang, tr)

    extra_names = safe_sheet_names(
        [tr(_EXTRA_LABELS[r]) for r in EXTRA_ROLES],
        taken=[*MACHINE_SHEETS, CONFLICTS_SHEET, *(p.name for p in base)],
    )
    extra = {r: SheetPlan(n, r) for r, n in zip(EXTRA_ROLES, extra_names, strict=True)}
    by_role = {p.role: p for p in base}
    return (
        by_role["cover"],
        *(extra[r] for r in ("summary", "indicators", "coverage", "sources", "conflicts", "edits")),
        *(p for p in base if p.role not in ("cover", "codebook")),
        *(extra[r] for r in ("provenance", "comments", "decisions", "changes")),
        by_role["codebook"],
    )


def _meta(
    gathered: Accumulator,
    merged: RecordSet,
    out: Output,
    form_list: list[tuple[FormEntry, Form]],
    rows: list[_Row],
    alternates: list[ExportRecord],
    tr: Callable[[str], str],
) -> ExportMeta:
    parsed = [f for _e, f in form_list]
    filters = gathered.filters
    states = {r.candidate.state for r in rows} | set(out.members)
    return ExportMeta(
        exported_at=out.now or _now(),
        officer="",
        device_id="consolidation",
        lang=out.lang,
        app_version=app_version,
        sheets=_plan(parsed, out.lang, tr),
        labels=labels_for(states, out.lang, tr, parsed),
        truncation_marker=tr(TRUNCATION_MARKER),
        filters={
            "states": [],
            "statuses": sorted(filters.statuses),
            "periods": sorted(filters.periods),
            "consolidated": True,
            "region": filters.region,
            "alternates": sorted(a.key for a in alternates),
            "superseded": sorted(merged.superseded),
        },
        layout=LAYOUT,
    )


def _records(
    gathered: Accumulator,
    merged: RecordSet,
    rows: list[_Row],
    unpacked: dict[int, dict[str, Any]],
    tr: Callable[[str], str],
) -> Iterator[tuple[ExportRecord, dict[str, Any]]]:
    """The rows' records, in order, each with its Provenance sheet values."""
    verdicts = {s.path.name: s for s in gathered.inputs if s.ok}
    for row in rows:
        candidate = row.candidate
        data = unpacked.get(id(candidate)) or unpack(candidate.payload)
        mark = (
            tr(N_("conflict: {count} versions")).format(count=row.versions)
            if row.versions > 1
            else None
        )
        # Every row an untrusted input contributes says so, with what its input was.
        why = None if candidate.trusted else doubt(candidate, verdicts, tr)
        sources = ", ".join(sorted(candidate.sources))
        yield (
            ExportRecord(data, candidate.provenance, candidate.checksum),
            {
                "sources": sources,
                "conflict": mark,
                "trust": why,
                "counted": Packed(data, candidate.payload),  # for the Indicators sheet
            },
        )
