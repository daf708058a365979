"""``consolidate``: many reviewer workbooks in, one regional workbook out.

Each input is checked on its own (a bad one is reported and left out, unless ``strict``);
the records of the good ones are merged (gcm_collect.consolidate.merge) and the regional
workbook is written atomically: nothing appears at ``out`` unless the run succeeds.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from types import MappingProxyType
from typing import Any

from gcm_collect import __version__ as app_version
from gcm_collect import reference
from gcm_collect.consolidate.inputs import (
    DUPLICATE,
    EDITED,
    REJECTED,
    VERIFIED,
    InputStatus,
    LoadedInput,
    candidate_of,
    load_input,
    unpack,
)
from gcm_collect.consolidate.merge import (
    MAX_JUMP,
    REFUSED_SIGNER,
    Candidate,
    Merger,
    RecordSet,
)
from gcm_collect.consolidate.regional import CONFLICTS_SHEET, EXTRA_ROLES, Tables, write_regional
from gcm_collect.errors import UserError
from gcm_collect.files import check_portable_name
from gcm_collect.forms.model import Form
from gcm_collect.i18n import LANGUAGES, N_, _, ngettext
from gcm_collect.keys.trust import Register
from gcm_collect.vocabulary import REGIONS, STATUSES
from gcm_collect.workbook.layout import TRUNCATION_MARKER, labels_for, sheet_plan, translator_for
from gcm_collect.workbook.model import (
    LAYOUT,
    MACHINE_SHEETS,
    ExportMeta,
    ExportRecord,
    FormEntry,
    SheetPlan,
)
from gcm_collect.workbook.render import RelevanceCache, utc_moment
from gcm_collect.workbook.review import ACCEPTED, REFUSED, EditOutcome, review_edits, review_trail
from gcm_collect.workbook.sheetnames import safe_sheet_names
from gcm_collect.workbook.sheets import (
    CODEBOOK_HEADER,
    codebook_rows,
    footnote_rows,
    language_name,
    role_help,
)
from gcm_collect.workbook.signing import SigningKey
from gcm_collect.workbook.writer import ExportCancelled

Progress = Callable[[int, int], None]
PROGRESS_SCALE = 1000  # progress(done, 1000): reading the inputs is the first half

__all__ = ["ConsolidationFailed", "ConsolidationReport", "ExportCancelled", "consolidate"]


# Why a submission was left out: the filters of a consolidation, in the order they are tried.
BY_STATUS, BY_PERIOD, BY_REGION = "status", "period", "region"


@dataclass(frozen=True)
class Excluded:
    source: str
    uuid: str
    state: str
    reason: str = BY_REGION  # which filter left it out
    value: str = ""  # the submission's own status, period or review region


@dataclass(frozen=True)
class ConsolidationReport:
    out: Path | None  # None when nothing was written (strict failure)
    inputs: tuple[InputStatus, ...]
    submissions: int  # rows of the regional workbook
    conflicts: int  # submissions with more than one version
    superseded: int  # UUIDs replaced by a newer revision
    excluded: tuple[Excluded, ...]  # left out by the filters (region, status, period)
    edits: tuple[EditOutcome, ...]
    fingerprint: str = ""
    region: str | None = None
    problems: tuple[str, ...] = field(default=())  # one line each: inputs not taken as they are
    revisions: int = 0  # new revisions made from the edits taken (``accept_edits``)
    refused: int = 0  # versions not merged: signed by another key, or a revision jump
    # submissions first seen in this run, signed by a trusted key: uuid -> key fingerprint
    bindings: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))

    @property
    def failed_inputs(self) -> tuple[InputStatus, ...]:
        return tuple(s for s in self.inputs if not s.ok)


class ConsolidationFailed(UserError):
    """``strict`` and at least one problem: nothing was written. ``report`` says what."""

    def __init__(self, message: str, report: ConsolidationReport):
        super().__init__(message)
        self.report = report


def _problems(inputs: Sequence[InputStatus], edits: Sequence[EditOutcome]) -> list[str]:
    lines = [s.line() for s in inputs if s.outcome in (REJECTED, DUPLICATE, EDITED)]
    for e in edits:
        if e.outcome == REFUSED:
            lines.append(
                _("{file}: edit of sheet {sheet}, cell {cell} refused: {reason}").format(
                    file=e.source, sheet=e.sheet, cell=e.cell, reason=e.reason
                )
            )
    return lines


def _trust_problems(
    inputs: Sequence[InputStatus], outside: Mapping[str, list[str]], merged: RecordSet
) -> list[str]:
    """One line per input not signed by a trusted key, per input whose key signed for States
    it is not registered for, and per version not merged (another key, a revision jump)."""
    # (an edited input's line already says how it is signed)
    lines = [
        f"{s.path}: {s.signature_text()}" for s in inputs if s.outcome == VERIFIED and not s.trusted
    ]
    for name, states in outside.items():
        lines.append(
            _(
                "{file}: the key is not registered for {states}; those submissions are marked "
                "and cannot replace others"
            ).format(file=name, states=", ".join(states))
        )
    for refused in merged.refused:
        c = refused.candidate
        why = (
            _("signed by another key than its first version ({owner}); not merged")
            if refused.reason == REFUSED_SIGNER
            else _("its revision jumps more than {limit} above the first; not merged")
        ).format(owner=refused.owner or _("unsigned"), limit=MAX_JUMP)
        lines.append(
            _("{file}: submission {uuid} revision {revision}: {why}").format(
                file=", ".join(sorted(c.sources)), uuid=c.uuid, revision=c.revision, why=why
            )
        )
    return lines


def _doubt(candidate: Candidate, inputs: Mapping[str, InputStatus], tr) -> str:
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


def _now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"


def _order(c: Candidate, data: dict[str, Any]) -> tuple:
    return (
        c.state,
        str(data.get("period")),
        str(data.get("form_id")),
        str(data.get("form_version")),
        c.uuid,
    )


def consolidate(
    inputs: Sequence[str | os.PathLike[str]],
    out: str | os.PathLike[str],
    *,
    region: str | None = None,
    statuses: Sequence[str] = (),
    periods: Sequence[str] = (),
    lang: str = "en",
    accept_edits: bool = False,
    reviewer: str | None = None,
    strict: bool = False,
    progress: Progress | None = None,
    cancel: Callable[[], bool] | None = None,
    now: str | None = None,
    signing_key: SigningKey | None = None,
    register: Register | None = None,
    bound: Mapping[str, str] | None = None,
) -> ConsolidationReport:
    """Verify every input, merge their submissions and write the regional workbook at ``out``.

    ``region``, ``statuses`` and ``periods`` keep the submissions whose own review region,
    status and reporting period are those (empty: all). Edits found in an input are reported
    and the exported values kept; with ``accept_edits`` each valid edit is taken instead, as a
    new revision by ``reviewer`` (by default whoever last saved that workbook).

    Inputs that cannot be taken are reported (``report.problems``) and left out; with
    ``strict`` any problem raises ConsolidationFailed and nothing is written. ``progress(done,
    1000)`` goes from 0 to 1000; ``cancel()`` returning True raises ExportCancelled.
    ``signing_key`` (the reviewer's) signs the regional workbook. ``register`` (the reviewer's
    trusted keys) judges each input's signature: inputs signed by unknown keys, unsigned or
    with an invalid signature are consolidated but marked, and cannot supersede anything nor
    take over a submission; with ``strict`` they are refused. None: not judged. ``bound``:
    uuid -> the key an earlier consolidation saw first sign it (``report.bindings`` gives
    the submissions first seen now, to keep for the next run).
    """
    target = Path(out)
    if lang not in LANGUAGES:
        raise UserError(
            _("unsupported language {lang}; use one of {languages}").format(
                lang=lang, languages=", ".join(LANGUAGES)
            )
        )
    if target.suffix.lower() != ".xlsx":
        raise UserError(_("the output file name must end in .xlsx"), target)
    check_portable_name(target)
    members: list[str] = []
    if region is not None:
        region = region.upper()
        if region not in REGIONS:
            raise UserError(
                _("unknown region {region}; use one of {regions}").format(
                    region=region, regions=", ".join(REGIONS)
                )
            )
        members = [s.iso3 for s in reference.review_participants(region)]
    if not inputs:
        raise UserError(_("no input workbooks given"))
    for raw in inputs:  # before anything is read: never write over an officer's export
        if _same_file(Path(raw), target):
            raise UserError(
                _("the output file is also one of the inputs; choose another name for --out"),
                target,
            )
    keep_statuses, keep_periods = frozenset(statuses), frozenset(str(p) for p in periods)

    inputs_seen: list[InputStatus] = []
    outcomes: list[EditOutcome] = []
    revisions = 0
    excluded: list[Excluded] = []
    forms: dict[tuple[str, str], FormEntry] = {}
    files: dict[str, bytes] = {}  # sha256 -> attached document, from every input
    cache = RelevanceCache()  # find_edits evaluates each record; writing reuses it
    merger = Merger(bound)
    untrusted: dict[str, list[str]] = {}  # input -> States its trusted key may not sign for
    seen_paths: dict[Path, str] = {}
    seen_digests: dict[str, str] = {}
    for i, raw in enumerate(inputs):
        if cancel is not None and cancel():
            raise ExportCancelled()
        path = Path(raw)
        resolved = path.resolve()
        if resolved in seen_paths:
            inputs_seen.append(
                InputStatus(path, DUPLICATE, _("given twice; read once").format(), fingerprint="")
            )
            continue
        seen_paths[resolved] = str(path)
        loaded: LoadedInput = load_input(path, cache=cache, register=register)
        if loaded.status.ok and loaded.digest in seen_digests:
            inputs_seen.append(
                InputStatus(
                    path,
                    DUPLICATE,
                    _("the same file as {other}; read once").format(
                        other=seen_digests[loaded.digest]
                    ),
                )
            )
            continue
        inputs_seen.append(loaded.status)
        if progress is not None:
            progress((i + 1) * PROGRESS_SCALE // (2 * len(inputs)), PROGRESS_SCALE)
        if not loaded.status.ok or loaded.workbook is None:
            continue
        seen_digests[loaded.digest] = str(path)
        wb = loaded.workbook
        review = review_edits(
            wb, loaded.status.edits, loaded.status.formulas, accept=accept_edits, reviewer=reviewer
        )
        outcomes += review.outcomes
        revisions += len(review.revisions)
        for attachment in wb.attachments:  # verified on reading; the same bytes are kept once
            files.setdefault(attachment.sha256, attachment.data)
        for entry in wb.forms:
            key = (entry.form_id, entry.version)
            if key not in forms or entry.sha256 < forms[key].sha256:
                forms[key] = entry
        verdict = loaded.status.verdict
        if loaded.status.trusted:  # an untrusted input's list of superseded UUIDs is ignored
            holder = verdict.holder if verdict is not None else None
            merger.supersede(
                loaded.superseded,
                verdict.fingerprint if verdict is not None else "",
                holder.states if holder is not None else None,
            )
        made = [candidate_of(r, wb, path.name, signing_key) for r in review.revisions]
        if loaded.status.trusted:  # a trusted key, but for other States than some records'
            outside = sorted({c.state for c in loaded.candidates if not c.trusted})
            if outside:
                untrusted[path.name] = outside
        for candidate in [*loaded.candidates, *made]:
            left_out = _left_out(candidate, region, keep_statuses, keep_periods)
            if left_out is None:
                merger.add(candidate)
                continue
            excluded.append(Excluded(path.name, candidate.uuid, candidate.state, *left_out))
            if candidate.revises and candidate.trusted and left_out[0] != BY_STATUS:
                # A newer revision moved to another region or period: the older one goes too.
                # One left out for its status does not hide the revision it revises, so a
                # finalized survey stays while its reopened draft is not taken.
                merger.supersede([candidate.revises], candidate.signer, candidate.states)
        loaded.workbook = None  # the records are in the merger now, compressed
    merged = merger.result()
    problems = _problems(inputs_seen, outcomes) + _trust_problems(inputs_seen, untrusted, merged)

    def report(out_path: Path | None, fp: str = "") -> ConsolidationReport:
        return ConsolidationReport(
            out_path,
            tuple(inputs_seen),
            sum(1 for _c in merged.entries),
            len(merged.conflicts()),
            len(merged.superseded),
            tuple(excluded),
            tuple(outcomes),
            fp,
            region,
            tuple(problems),
            revisions,
            len(merged.refused),
            MappingProxyType(merged.new_bindings() if out_path is not None else {}),
        )

    if strict and problems:
        raise ConsolidationFailed(
            ngettext(
                "{count} problem with the inputs (strict): {first}",
                "{count} problems with the inputs (strict); first: {first}",
                len(problems),
            ).format(count=len(problems), first=problems[0]),
            report(None),
        )
    if not any(s.ok for s in inputs_seen):
        raise ConsolidationFailed(
            _("none of the inputs could be consolidated; first problem: {first}").format(
                first=problems[0] if problems else ""
            ),
            report(None),
        )
    fp = _write(
        target,
        merged,
        forms,
        files,
        cache,
        inputs_seen,
        outcomes,
        excluded,
        _Filters(region, sorted(keep_statuses), sorted(keep_periods)),
        members,
        lang,
        now,
        progress,
        cancel,
        signing_key,
    )
    return report(target, fp)


@dataclass(frozen=True)
class _Filters:
    region: str | None
    statuses: list[str]
    periods: list[str]


def _same_file(a: Path, b: Path) -> bool:
    """The same file by any path (links, relative names, case-insensitive disks)."""
    if a.resolve() == b.resolve():
        return True
    try:
        return os.path.samefile(a, b)
    except OSError:  # one of them does not exist (yet)
        return False


def _left_out(
    c: Candidate, region: str | None, statuses: frozenset[str], periods: frozenset[str]
) -> tuple[str, str] | None:
    """Which filter leaves a submission out, and its own value there; None: it is taken."""
    if statuses and c.status not in statuses:
        return BY_STATUS, c.status
    if periods and c.period not in periods:
        return BY_PERIOD, c.period
    if region is not None and c.region != region:
        return BY_REGION, c.region
    return None


def _write(
    target: Path,
    merged: RecordSet,
    forms: dict[tuple[str, str], FormEntry],
    files: dict[str, bytes],
    cache: RelevanceCache,
    statuses: list[InputStatus],
    outcomes: list[EditOutcome],
    excluded: list[Excluded],
    filters: _Filters,
    members: list[str],
    lang: str,
    now: str | None,
    progress: Progress | None,
    cancel: Callable[[], bool] | None,
    signing: SigningKey | None = None,
) -> str:
    tr = translator_for(lang)
    conflicts = merged.conflicts()
    # What is written: one row per UUID (a conflict's representative is its smallest checksum)
    rows: list[tuple[tuple, Candidate, int]] = []
    alternates: list[ExportRecord] = []
    reviewed: list[list[Any]] = []  # the Edits sheet's rows of every reviewer's revision shown
    for candidates in merged.entries.values():
        ordered = sorted(candidates.values(), key=lambda c: c.checksum)
        first = ordered[0]
        data = unpack(first.payload)
        reviewed += _review_rows(first, data)
        rows.append((_order(first, data), first, len(ordered)))
        for other in ordered[1:]:
            alternates.append(ExportRecord(unpack(other.payload), other.provenance, other.checksum))
    rows.sort(key=lambda r: r[0])
    used = {(r[0][2], r[0][3]) for r in rows} | {
        (a.data["form_id"], a.data["form_version"]) for a in alternates
    }
    form_list: list[tuple[FormEntry, Form]] = []
    for key in sorted(used):
        entry = forms.get(key)
        if entry is None:
            raise UserError(
                _("form {form_id} version {version} is missing from the inputs").format(
                    form_id=key[0], version=key[1]
                )
            )
        form_list.append((entry, Form.from_json(entry.definition)))
    parsed = [f for _e, f in form_list]
    base = sheet_plan(parsed, lang, tr)
    extra_labels = {
        "summary": N_("Summary"),
        "coverage": N_("Coverage"),
        "sources": N_("Sources"),
        "conflicts": N_("Conflicts"),
        "edits": N_("Edits"),
        "provenance": N_("Provenance"),
    }
    extra_names = safe_sheet_names(
        [tr(extra_labels[r]) for r in EXTRA_ROLES],
        taken=[*MACHINE_SHEETS, CONFLICTS_SHEET, *(p.name for p in base)],
    )
    extra = {r: SheetPlan(n, r) for r, n in zip(EXTRA_ROLES, extra_names, strict=True)}
    by_role = {p.role: p for p in base}
    ordered_plans = [
        by_role["cover"],
        *(extra[r] for r in ("summary", "coverage", "sources", "conflicts", "edits")),
    ]
    ordered_plans += [p for p in base if p.role not in ("cover", "codebook")]
    ordered_plans += [extra["provenance"], by_role["codebook"]]
    states = {r[1].state for r in rows} | set(members)
    alternate_keys = sorted(a.key for a in alternates)
    meta = ExportMeta(
        exported_at=now or _now(),
        officer="",
        device_id="consolidation",
        lang=lang,
        app_version=app_version,
        sheets=tuple(ordered_plans),
        labels=labels_for(states, lang, tr, parsed),
        truncation_marker=tr(TRUNCATION_MARKER),
        filters={
            "states": [],
            "statuses": filters.statuses,
            "periods": filters.periods,
            "consolidated": True,
            "region": filters.region,
            "alternates": alternate_keys,
            "superseded": sorted(merged.superseded),
        },
        layout=LAYOUT,
    )
    sources_of = {
        id(c): ", ".join(sorted(c.sources)) for cs in merged.entries.values() for c in cs.values()
    }
    verdicts = {s.path.name: s for s in statuses if s.ok}

    def records():
        for _key, candidate, versions in rows:
            data = unpack(candidate.payload)
            mark = (
                tr(N_("conflict: {count} versions")).format(count=versions)
                if versions > 1
                else None
            )
            # Every row an untrusted input contributes says so, with what its input was.
            doubt = None if candidate.trusted else _doubt(candidate, verdicts, tr)
            yield (
                ExportRecord(data, candidate.provenance, candidate.checksum),
                {"sources": sources_of[id(candidate)], "conflict": mark, "trust": doubt},
            )

    tables = _tables(
        statuses, outcomes, reviewed, excluded, conflicts, merged, meta, tr, filters, len(rows)
    )
    scaled = None
    if progress is not None:
        half = PROGRESS_SCALE // 2
        scaled = lambda d, t: progress(half + (d * half // max(t, 1)), PROGRESS_SCALE)  # noqa: E731
    return write_regional(
        target,
        meta=meta,
        forms=form_list,
        records=records(),
        alternates=alternates,
        total=len(rows),
        tr=tr,
        tables=tables,
        codebook=codebook_rows(parsed, lang, tr),
        codebook_header=CODEBOOK_HEADER,
        members=members,
        attachments=files.get,
        cache=cache,
        progress=scaled,
        cancel=cancel,
        key=signing,
    )


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
}


def _cell(value: Any) -> Any:
    if value is None or isinstance(value, (int, float, str)):
        return value
    return str(value)


def _differs(a: dict[str, Any], b: dict[str, Any]) -> str:
    keys = sorted(k for k in set(a) | set(b) if a.get(k) != b.get(k))
    shown = ", ".join(keys[:10])
    return shown + (f" (+{len(keys) - 10})" if len(keys) > 10 else "")


def _review_rows(candidate: Candidate, data: dict[str, Any]) -> list[list[Any]]:
    """Every edit a reviewer's revision took, earlier reviews included: the Edits sheet keeps
    showing them in every later consolidation, since they travel inside the record."""
    rows = []
    for review in review_trail(data):
        for edit in review.get("edits") or ():
            rows.append(
                [
                    candidate.provenance.get("workbook") or review.get("workbook"),
                    edit.get("sheet"),
                    edit.get("cell"),
                    candidate.uuid,
                    edit.get("path"),
                    _cell(edit.get("old")),
                    _cell(edit.get("new")),
                    ACCEPTED,
                    None,
                    review.get("by"),
                    utc_moment(review.get("at")),
                    candidate.revision,
                ]
            )
    return rows


def _tables(
    statuses, outcomes, reviewed, excluded, conflicts, merged, meta, tr, filters, count
) -> Tables:
    region, lang = filters.region, meta.lang
    yes = tr(N_("yes"))
    per_file: dict[str, list[EditOutcome]] = {}
    for e in outcomes:
        per_file.setdefault(e.source, []).append(e)
    outside: dict[str, int] = {}
    for x in excluded:
        if x.reason == BY_REGION:
            outside[x.source] = outside.get(x.source, 0) + 1
    sources = []
    for s in statuses:
        mine = per_file.get(s.path.name, [])
        sources.append(
            [
                s.path.name,
                tr(OUTCOME_LABELS[s.outcome]),
                s.problem,
                s.officer,
                s.device_id,
                utc_moment(s.exported_at),
                s.fingerprint,
                yes if s.consolidated else None,
                s.submissions if s.ok else None,
                s.entries if s.ok else None,
                outside.get(s.path.name) if s.ok else None,
                len(s.edits) + len(s.formulas) if s.ok else None,
                sum(1 for e in mine if e.outcome == ACCEPTED) if s.ok else None,
                sum(1 for e in mine if e.outcome == REFUSED) if s.ok else None,
                s.signature_text(tr) or None,
                (s.verdict.fingerprint or None) if s.verdict is not None else None,
            ]
        )
    if excluded:
        sources.append([])
        sources.append([tr(N_("Submissions left out by the filters (file, State, UUID, why)"))])
        for x in excluded:
            why = tr(FILTER_LABELS[x.reason]).format(value=x.value)
            sources.append([x.source, x.state, x.uuid, why])
    if merged.superseded:
        sources.append([])
        sources.append([tr(N_("Submissions replaced by a newer revision (left out)"))])
        for uuid in sorted(merged.superseded):
            sources.append([uuid])
    if merged.refused:
        sources.append([])
        sources.append(
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
            sources.append(
                [
                    ", ".join(sorted(c.sources)),
                    c.state,
                    c.uuid,
                    c.revision,
                    c.signer or tr(N_("unsigned")),
                    refused.owner or tr(N_("unsigned")),
                ]
            )
    conflict_rows = []
    for uuid, candidates in sorted(conflicts.items()):
        shown = unpack(candidates[0].payload)
        for i, c in enumerate(candidates):
            data = unpack(c.payload)
            p = c.provenance
            conflict_rows.append(
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
    # Edits taken are shown from the revisions they made (below), wherever those came from.
    edit_rows = [
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
    edit_rows += [[*row[:7], tr(OUTCOME_LABELS[row[7]]), *row[8:]] for row in reviewed]

    status_label = meta.labels.get("status", {})
    outside_region = [x for x in excluded if x.reason == BY_REGION]
    pooled = [c for cs in merged.entries.values() for c in list(cs.values())[:1]]
    pooled_statuses = [s for s in STATUSES if any(c.status == s for c in pooled)]
    pooled_periods = sorted({c.period for c in pooled})

    def status_names(codes: Sequence[str]) -> str:
        return ", ".join(status_label.get(code, code) for code in codes)

    def cover(fp: str) -> list[list[Any]]:
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
            [tr(N_("Statuses taken")), status_names(filters.statuses) or tr(N_("all"))],
            [tr(N_("Reporting periods taken")), ", ".join(filters.periods) or tr(N_("all"))],
            [tr(N_("Statuses in this workbook")), status_names(pooled_statuses)],
            [tr(N_("Reporting periods in this workbook")), ", ".join(pooled_periods)],
            [tr(N_("Consolidated at (UTC)")), utc_moment(meta.exported_at)],
            [tr(N_("Export language")), language_name(lang)],
            [tr(N_("Input workbooks")), len(statuses)],
            [tr(N_("  consolidated")), ok],
            [tr(N_("  left out")), len(statuses) - ok],
            [tr(N_("Submissions")), count],
            [tr(N_("Conflicts")), len(conflicts)],
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

    return Tables(
        sources, SOURCES_HEADER, conflict_rows, CONFLICTS_HEADER, edit_rows, EDITS_HEADER, cover
    )
