"""The consolidation's own sheets: Sources, Conflicts, Edits and the cover's rows.

Their rows depend on what was gathered from the inputs (gcm_collect.consolidate.accumulator) and
on the merge, never on how the records render; the regional workbook's writer lays them out.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from gcm_collect.consolidate.accumulator import (
    BY_APPROVAL,
    BY_PERIOD,
    BY_REGION,
    BY_STATUS,
    Accumulator,
)
from gcm_collect.consolidate.inputs import InputStatus
from gcm_collect.consolidate.merge import Candidate, RecordSet
from gcm_collect.consolidate.regional import Tables
from gcm_collect.i18n import N_
from gcm_collect.vocabulary import LEVEL_LABELS, STATUS_LABELS, STATUSES
from gcm_collect.workbook.model import ExportMeta
from gcm_collect.workbook.render import utc_moment
from gcm_collect.workbook.review import ACCEPTED, REFUSED, EditOutcome
from gcm_collect.workbook.sheets import footnote_rows, language_name, role_help

Translate = Callable[[str], str]


SOURCES_HEADER = [
    ("file", N_("File")),
    ("outcome", N_("Outcome")),
    ("why", N_("Why")),
    ("officer", N_("Exported by")),
    ("device_id", N_("Device")),
    ("exported_at", N_("Exported at (UTC)")),
    ("fingerprint", N_("Fingerprint (SHA-256)")),
    ("consolidated", N_("Regional workbook")),
    ("submissions", N_("Submissions")),
    ("entries", N_("Entries")),
    ("excluded", N_("Outside the region")),
    ("edits", N_("Edited cells")),
    ("accepted", N_("Edits taken")),
    ("refused", N_("Edits refused")),
    ("signature", N_("Signature")),
    ("signed_by", N_("Signed with the key")),
]
CONFLICTS_HEADER = [
    ("_uuid", N_("Submission UUID")),
    ("_state", N_("State (ISO3)")),
    ("_revision", N_("Revision")),
    ("checksum", N_("Content checksum")),
    ("shown", N_("Shown in the data sheets")),
    ("officer", N_("Exported by")),
    ("device_id", N_("Device")),
    ("exported_at", N_("Exported at (UTC)")),
    ("export_fingerprint", N_("Original export fingerprint")),
    ("sources", N_("Input files")),
    ("updated_at", N_("Last changed")),
    ("differs", N_("Answers that differ from the shown version")),
]
EDITS_HEADER = [
    ("file", N_("File")),
    ("sheet", N_("Sheet")),
    ("cell", N_("Cell")),
    ("_uuid", N_("Submission UUID")),
    ("path", N_("Answer")),
    ("old", N_("Exported value")),
    ("new", N_("Value found")),
    ("outcome", N_("Outcome")),
    ("reason", N_("Why")),
    ("reviewer", N_("Edited by")),
    ("edited_at", N_("Edited at (UTC)")),
    ("revision", N_("New revision")),
]
OUTCOME_LABELS = {
    "verified": N_("verified"),
    "edited": N_("verified, edited after export"),
    "rejected": N_("rejected"),
    "duplicate": N_("duplicate, read once"),
    "kept": N_("reported; exported value kept"),
    "accepted": N_("accepted"),
    "refused": N_("refused"),
}


FILTER_LABELS = {
    BY_REGION: N_("review region {value}"),
    BY_STATUS: N_("status {value}"),
    BY_PERIOD: N_("reporting period {value}"),
    BY_APPROVAL: N_("not approved at the {value} level"),
}
# A filter's value that is a code of the vocabulary, shown as its label in the workbook's
# language ("non approuvé au niveau national", not "... au niveau national" by chance of the
# English code); a region code or a period is shown as it is.
FILTER_VALUE_LABELS: dict[str, Mapping[str, str]] = {
    BY_STATUS: STATUS_LABELS,
    BY_APPROVAL: LEVEL_LABELS,
}


def filter_value(reason: str, value: str, tr: Translate) -> str:
    labels = FILTER_VALUE_LABELS.get(reason, {})
    return tr(labels[value]) if value in labels else value


def _cell(value: Any) -> Any:
    if value is None or isinstance(value, (int, float, str)):
        return value
    return str(value)


def _differs(a: dict[str, Any], b: dict[str, Any]) -> str:
    keys = sorted(k for k in set(a) | set(b) if a.get(k) != b.get(k))
    shown = ", ".join(keys[:10])
    return shown + (f" (+{len(keys) - 10})" if len(keys) > 10 else "")


def review_rows(candidate: Candidate) -> list[list[Any]]:
    """Every edit a reviewer's revision took, earlier reviews included: the Edits sheet keeps
    showing them in every later consolidation, since they travel inside the record."""
    return [
        [
            candidate.provenance.get("workbook") or workbook,
            edit.get("sheet"),
            edit.get("cell"),
            candidate.uuid,
            edit.get("path"),
            _cell(edit.get("old")),
            _cell(edit.get("new")),
            ACCEPTED,
            None,
            by,
            utc_moment(at),
            candidate.revision,
        ]
        for workbook, by, at, edit in candidate.reviews
    ]


def tables(
    gathered: Accumulator,
    merged: RecordSet,
    conflicts: Mapping[str, list[Candidate]],
    unpacked: Mapping[int, dict[str, Any]],
    reviewed: list[list[Any]],
    meta: ExportMeta,
    tr: Translate,
    count: int,
) -> Tables:
    """The rows of the Sources, Conflicts and Edits sheets, and the cover's (``count``: the
    submissions written; ``unpacked``: the data of each conflicting version, by ``id``)."""
    return Tables(
        _sources(gathered, merged, tr),
        SOURCES_HEADER,
        _conflicts(conflicts, unpacked, tr),
        CONFLICTS_HEADER,
        _edits(gathered.outcomes, reviewed, tr),
        EDITS_HEADER,
        _Cover(gathered, merged, len(conflicts), meta, tr, count),
    )


def _sources(gathered: Accumulator, merged: RecordSet, tr: Translate) -> list[list[Any]]:
    per_file: dict[str, list[EditOutcome]] = {}
    for e in gathered.outcomes:
        per_file.setdefault(e.source, []).append(e)
    outside: dict[str, int] = {}
    for x in gathered.excluded:
        if x.reason == BY_REGION:
            outside[x.source] = outside.get(x.source, 0) + 1
    rows = [
        _source_row(s, per_file.get(s.path.name, []), outside.get(s.path.name), tr)
        for s in gathered.inputs
    ]
    if gathered.excluded:
        rows.append([])
        rows.append([tr(N_("Submissions left out by the filters (file, State, UUID, why)"))])
        for x in gathered.excluded:
            why = tr(FILTER_LABELS[x.reason]).format(value=filter_value(x.reason, x.value, tr))
            rows.append([x.source, x.state, x.uuid, why])
    if merged.superseded:
        rows.append([])
        rows.append([tr(N_("Submissions replaced by a newer revision (left out)"))])
        for uuid in sorted(merged.superseded):
            rows.append([uuid])
    if merged.refused:
        rows.append([])
        rows.append(
            [
                tr(
                    N_(
                        "Versions not merged: signed by another key than the submission's "
                        "first version, or a revision jump (file, State, UUID, revision, key, "
                        "first key)"
                    )
                )
            ]
        )
        for refused in merged.refused:
            c = refused.candidate
            rows.append(
                [
                    ", ".join(sorted(c.sources)),
                    c.state,
                    c.uuid,
                    c.revision,
                    c.signer or tr(N_("unsigned")),
                    refused.owner or tr(N_("unsigned")),
                ]
            )
    return rows


def _source_row(
    s: InputStatus, mine: list[EditOutcome], outside: int | None, tr: Translate
) -> list[Any]:
    """One input: what became of it, who exported it, what was taken from it."""
    taken = (
        [
            s.submissions,
            s.entries,
            outside,
            len(s.edits) + len(s.formulas),
            sum(1 for e in mine if e.outcome == ACCEPTED),
            sum(1 for e in mine if e.outcome == REFUSED),
        ]
        if s.ok
        else [None] * 6
    )
    return [
        s.path.name,
        tr(OUTCOME_LABELS[s.outcome]),
        s.problem,
        s.officer,
        s.device_id,
        utc_moment(s.exported_at),
        s.fingerprint,
        tr(N_("yes")) if s.consolidated else None,
        *taken,
        s.signature_text(tr) or None,
        (s.verdict.fingerprint or None) if s.verdict is not None else None,
    ]


def _conflicts(
    conflicts: Mapping[str, list[Candidate]], unpacked: Mapping[int, dict[str, Any]], tr: Translate
) -> list[list[Any]]:
    yes = tr(N_("yes"))
    rows = []
    for uuid, candidates in sorted(conflicts.items()):
        shown = unpacked[id(candidates[0])]
        for i, c in enumerate(candidates):
            data = unpacked[id(c)]
            p = c.provenance
            rows.append(
                [
                    uuid,
                    c.state,
                    c.revision,
                    c.checksum,
                    yes if i == 0 else None,
                    p.get("officer"),
                    p.get("device_id"),
                    utc_moment(p.get("exported_at")),
                    p.get("export_fingerprint"),
                    ", ".join(sorted(c.sources)),
                    utc_moment(data.get("updated_at")),
                    None if i == 0 else _differs(shown.get("answers", {}), data.get("answers", {})),
                ]
            )
    return rows


def _edits(
    outcomes: Sequence[EditOutcome], reviewed: list[list[Any]], tr: Translate
) -> list[list[Any]]:
    # Edits taken are shown from the revisions they made (``reviewed``), wherever those came from.
    rows = [
        [
            e.source,
            e.sheet,
            e.cell,
            e.uuid,
            e.path,
            _cell(e.old),
            _cell(e.new),
            tr(OUTCOME_LABELS[e.outcome]),
            e.reason,
        ]
        for e in outcomes
        if e.outcome != ACCEPTED
    ]
    return rows + [[*row[:7], tr(OUTCOME_LABELS[row[7]]), *row[8:]] for row in reviewed]


class _Cover:
    """The cover's rows, once the fingerprint is known: what was taken, how to read it."""

    def __init__(
        self,
        gathered: Accumulator,
        merged: RecordSet,
        conflicts: int,
        meta: ExportMeta,
        tr: Translate,
        count: int,
    ) -> None:
        self.gathered, self.merged, self.conflicts = gathered, merged, conflicts
        self.meta, self.tr, self.count = meta, tr, count

    def status_names(self, codes: Sequence[str]) -> str:
        labels = self.meta.labels.get("status", {})
        return ", ".join(labels.get(code, code) for code in codes)

    def __call__(self, fp: str) -> list[list[Any]]:
        tr, meta, gathered, merged = self.tr, self.meta, self.gathered, self.merged
        filters, statuses, excluded = gathered.filters, gathered.inputs, gathered.excluded
        region, lang, count = filters.region, meta.lang, self.count
        outside_region = [x for x in excluded if x.reason == BY_REGION]
        pooled = [c for cs in merged.entries.values() for c in list(cs.values())[:1]]
        pooled_statuses = [s for s in STATUSES if any(c.status == s for c in pooled)]
        pooled_periods = sorted({c.period for c in pooled})
        status_names = self.status_names
        ok = sum(1 for s in statuses if s.ok)
        rows: list[list[Any]] = [
            [tr(N_("GCM Collect: regional review workbook"))],
            [
                tr(
                    N_(
                        "State-level survey submissions on practices implementing the Global "
                        "Compact for Safe, Orderly and Regular Migration (GCM), consolidated from "
                        "the reviewer workbooks listed in the Sources sheet."
                    )
                )
            ],
            [],
            [tr(N_("Region")), region or tr(N_("all regions"))],
            [tr(N_("Statuses taken")), status_names(sorted(filters.statuses)) or tr(N_("all"))],
            [
                tr(N_("Reporting periods taken")),
                ", ".join(sorted(filters.periods)) or tr(N_("all")),
            ],
            [tr(N_("Statuses in this workbook")), status_names(pooled_statuses)],
            [tr(N_("Reporting periods in this workbook")), ", ".join(pooled_periods)],
            [tr(N_("Consolidated at (UTC)")), utc_moment(meta.exported_at)],
            [tr(N_("Export language")), language_name(lang)],
            [tr(N_("Input workbooks")), len(statuses)],
            [tr(N_("  consolidated")), ok],
            [tr(N_("  left out")), len(statuses) - ok],
            [tr(N_("Submissions")), count],
            [tr(N_("Conflicts")), self.conflicts],
            [tr(N_("Replaced by a newer revision")), len(merged.superseded)],
            [tr(N_("Outside the region")), len(outside_region)],
            [
                tr(N_("Left out by the status or period filter")),
                len(excluded) - len(outside_region),
            ],
            [tr(N_("Fingerprint (SHA-256)")), fp],
            *footnote_rows(meta),
            [],
            [tr(N_("How to read this workbook"))],
        ]
        help_ = {
            "summary": N_(
                "Practices by GCM objective and by guiding principle, per State and in "
                "total, with charts."
            ),
            "indicators": N_(
                "The regional synthesis' figures: States reporting each objective, principle, "
                "challenge and measure, each with the numbers of the submissions it counts."
            ),
            "coverage": N_(
                "Every State of the region: who reported, how complete each survey "
                "section is, which objectives."
            ),
            "sources": N_(
                "Every input workbook: who exported it, when, its fingerprint, and "
                "whether it was taken."
            ),
            "conflicts": N_(
                "Submissions found in two versions with the same revision: both are "
                "listed; resolve them at the source."
            ),
            "edits": N_("Visible cells changed after export, and what was done with each."),
            "provenance": N_("For every submission row: the original export it came from."),
            "comments": N_(
                "The reviewers' comments on answers, one thread a row, with the officers' "
                "replies and whether each is open, answered or resolved."
            ),
            "decisions": N_(
                "Every decision on a submission (approve, return, reject), by level; "
                "decisions that disagree are marked."
            ),
            "changes": N_(
                "For each returned submission's new revision: every answer changed since the "
                "reviewed revision, before and after."
            ),
            "submissions": N_("One row per submission, with its answers."),
            "repeat": N_("One row per entry of a repeated section."),
            "objectives": N_("One row per State and GCM objective answered, for pivot tables."),
            "codebook": N_(
                "Every question: name, labels, type, whether required, when shown, choices."
            ),
        }
        for plan in meta.sheets:
            if plan.role != "cover":
                rows.append([plan.name, role_help(plan.role, tr, help_)])
        return rows


def doubt(candidate: Candidate, inputs: Mapping[str, InputStatus], tr: Translate) -> str:
    """Why a row is not trusted: how its inputs were signed, or that their trusted key is
    not registered for the row's State."""
    why = set()
    for source in candidate.sources:
        status = inputs.get(source)
        if status is not None and status.trusted:
            why.add(tr(N_("the key is not registered for {state}")).format(state=candidate.state))
        elif status is not None:
            why.add(status.signature_text(tr))
    return "; ".join(sorted(why)) or tr(N_("not trusted"))
