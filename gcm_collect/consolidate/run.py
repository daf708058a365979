"""``consolidate``: many reviewer workbooks in, one regional workbook out.

Each input is checked on its own (a bad one is reported and left out, unless ``strict``);
the records of the good ones are merged (gcm_collect.consolidate.merge) and the regional
workbook is written atomically: nothing appears at ``out`` unless the run succeeds.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType

from gcm_collect import reference
from gcm_collect.consolidate.accumulator import (
    BY_PERIOD,
    BY_REGION,
    BY_STATUS,
    Accumulator,
    Excluded,
    Filters,
)
from gcm_collect.consolidate.inputs import DUPLICATE, EDITED, REJECTED, VERIFIED, InputStatus
from gcm_collect.consolidate.merge import MAX_JUMP, REFUSED_SIGNER, Merger, RecordSet
from gcm_collect.consolidate.output import Output, write
from gcm_collect.errors import UserError
from gcm_collect.files import check_portable_name
from gcm_collect.i18n import LANGUAGES, _, ngettext
from gcm_collect.keys.trust import Register
from gcm_collect.vocabulary import REGIONS
from gcm_collect.workbook.review import REFUSED, EditOutcome
from gcm_collect.workbook.signing import SigningKey
from gcm_collect.workbook.writer import ExportCancelled

Progress = Callable[[int, int], None]
PROGRESS_SCALE = 1000  # progress(done, 1000): reading the inputs is the first half

__all__ = [
    "BY_PERIOD",
    "BY_REGION",
    "BY_STATUS",
    "ConsolidationFailed",
    "ConsolidationReport",
    "ExportCancelled",
    "Excluded",
    "consolidate",
]


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
    approved: str | None = None,
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
    the submissions first seen now, to keep for the next run). ``approved`` (national or
    regional) keeps only the revisions whose latest decision at that level approves them.

    The review conversation (comments on cells, decisions on the Review sheet, and what each
    input carries) is merged from every input, order-free, and written with the workbook.
    """
    target = Path(out)
    members = _check_request(inputs, target, region, lang)
    region = region.upper() if region is not None else None
    gathered = Accumulator(
        Filters(region, frozenset(statuses), frozenset(str(p) for p in periods)),
        accept_edits=accept_edits,
        reviewer=reviewer,
        signing_key=signing_key,
        register=register,
        merger=Merger(bound),
        approved=approved,
    )
    for i, raw in enumerate(inputs):
        if cancel is not None and cancel():
            raise ExportCancelled()
        gathered.take(Path(raw))
        if progress is not None:
            progress((i + 1) * PROGRESS_SCALE // (2 * len(inputs)), PROGRESS_SCALE)
    merged = gathered.result()
    problems = _problems(gathered.inputs, gathered.outcomes) + _trust_problems(
        gathered.inputs, gathered.untrusted, merged
    )
    problems += [f"{s.path}: {x}" for s in gathered.inputs if s.ok for x in s.review_problems]
    if strict and problems:
        raise ConsolidationFailed(
            ngettext(
                "{count} problem with the inputs (strict): {first}",
                "{count} problems with the inputs (strict); first: {first}",
                len(problems),
            ).format(count=len(problems), first=problems[0]),
            _report(gathered, merged, problems, None),
        )
    if not any(s.ok for s in gathered.inputs):
        raise ConsolidationFailed(
            _("none of the inputs could be consolidated; first problem: {first}").format(
                first=problems[0] if problems else ""
            ),
            _report(gathered, merged, problems, None),
        )
    second_half = None
    if progress is not None:
        half = PROGRESS_SCALE // 2
        second_half = lambda d, t: progress(half + (d * half // max(t, 1)), PROGRESS_SCALE)  # noqa: E731
    fp = write(
        gathered,
        merged,
        Output(target, lang, members, now, signing_key, second_half, cancel),
    )
    return _report(gathered, merged, problems, target, fp)


def _check_request(
    inputs: Sequence[str | os.PathLike[str]], target: Path, region: str | None, lang: str
) -> list[str]:
    """UserError for what no input can fix (a language, the output's name, a region, no
    inputs, an input as the output), before anything is read; the region's States."""
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
        if region.upper() not in REGIONS:
            raise UserError(
                _("unknown region {region}; use one of {regions}").format(
                    region=region.upper(), regions=", ".join(REGIONS)
                )
            )
        members = [s.iso3 for s in reference.review_participants(region.upper())]
    if not inputs:
        raise UserError(_("no input workbooks given"))
    for raw in inputs:  # never write over an officer's export
        if _same_file(Path(raw), target):
            raise UserError(
                _("the output file is also one of the inputs; choose another name for --out"),
                target,
            )
    return members


def _report(
    gathered: Accumulator,
    merged: RecordSet,
    problems: list[str],
    out: Path | None,
    fp: str = "",
) -> ConsolidationReport:
    return ConsolidationReport(
        out,
        tuple(gathered.inputs),
        sum(1 for _c in merged.entries),
        len(merged.conflicts()),
        len(merged.superseded),
        tuple(gathered.excluded),
        tuple(gathered.outcomes),
        fp,
        gathered.filters.region,
        tuple(problems),
        gathered.revisions,
        len(merged.refused),
        MappingProxyType(merged.new_bindings() if out is not None else {}),
    )


def _same_file(a: Path, b: Path) -> bool:
    """The same file by any path (links, relative names, case-insensitive disks). Names that
    differ only in letter case count as the same even where the disk tells them apart: on
    Windows and macOS disks they are one file, even before the output exists."""
    if str(a.resolve()).casefold() == str(b.resolve()).casefold():
        return True
    try:
        return os.path.samefile(a, b)
    except OSError:  # one of them does not exist (yet)
        return False
