"""What a consolidation gathers from its inputs, one input at a time.

``Accumulator.take`` reads one input (once: see ``inputs.load_input``), reviews the edits found
in it, and hands its records to the merge, leaving out those the filters do not keep. What it
gathered (every input's status, the edits' outcomes, forms, attached files, the submissions
left out) is what the report and the regional workbook are made of.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from gcm_collect.consolidate.conversation_sheets import approved_at
from gcm_collect.consolidate.inputs import (
    DUPLICATE,
    InputStatus,
    LoadedInput,
    candidate_of,
    load_input,
)
from gcm_collect.consolidate.merge import Candidate, Merger, RecordSet
from gcm_collect.consolidate.talk import Talk
from gcm_collect.i18n import _
from gcm_collect.keys.trust import Register
from gcm_collect.workbook.model import FormEntry
from gcm_collect.workbook.render import RelevanceCache
from gcm_collect.workbook.review import EditOutcome, review_edits
from gcm_collect.workbook.signing import SigningKey

# Why a submission was left out: the filters of a consolidation, in the order they are tried.
BY_STATUS, BY_PERIOD, BY_REGION = "status", "period", "region"
BY_APPROVAL = "approval"  # consolidate --approved: not approved at that level


@dataclass(frozen=True)
class Excluded:
    source: str
    uuid: str
    state: str
    reason: str = BY_REGION  # which filter left it out
    value: str = ""  # the submission's own status, period or review region


@dataclass(frozen=True)
class Filters:
    """Which submissions a consolidation keeps (empty: all)."""

    region: str | None = None
    statuses: frozenset[str] = frozenset()
    periods: frozenset[str] = frozenset()

    def left_out(self, c: Candidate) -> tuple[str, str] | None:
        """Which filter leaves a submission out, and its own value there; None: it is taken."""
        if self.statuses and c.status not in self.statuses:
            return BY_STATUS, c.status
        if self.periods and c.period not in self.periods:
            return BY_PERIOD, c.period
        if self.region is not None and c.region != self.region:
            return BY_REGION, c.region
        return None


@dataclass
class Accumulator:
    """The inputs read so far and what they brought; ``take`` one more."""

    filters: Filters = field(default_factory=Filters)
    accept_edits: bool = False
    reviewer: str | None = None
    signing_key: SigningKey | None = None  # signs the revisions made from the edits taken
    register: Register | None = None  # judges the inputs' signatures (None: all believed)
    merger: Merger = field(default_factory=Merger)
    inputs: list[InputStatus] = field(default_factory=list)
    outcomes: list[EditOutcome] = field(default_factory=list)
    revisions: int = 0
    excluded: list[Excluded] = field(default_factory=list)
    forms: dict[tuple[str, str], FormEntry] = field(default_factory=dict)
    files: dict[str, bytes] = field(default_factory=dict)  # sha256 -> attached document
    cache: RelevanceCache = field(default_factory=RelevanceCache)  # find_edits' evaluations
    untrusted: dict[str, list[str]] = field(default_factory=dict)  # input -> States not its key's
    approved: str | None = None  # keep only the revisions approved at this level
    talk: Talk = field(default_factory=Talk)  # the review conversation of every input
    _paths: dict[Path, str] = field(default_factory=dict)
    _digests: dict[str, str] = field(default_factory=dict)

    def take(self, path: Path) -> None:
        """Read one input and add what it holds; a duplicate is reported and read once."""
        resolved = path.resolve()
        if resolved in self._paths:
            self.inputs.append(InputStatus(path, DUPLICATE, _("given twice; read once")))
            return
        self._paths[resolved] = str(path)
        loaded = load_input(path, cache=self.cache, register=self.register)
        if loaded.status.ok and loaded.digest in self._digests:
            other = self._digests[loaded.digest]
            problem = _("the same file as {other}; read once").format(other=other)
            self.inputs.append(InputStatus(path, DUPLICATE, problem))
            return
        self.inputs.append(loaded.status)
        if loaded.status.ok and loaded.workbook is not None:
            self._digests[loaded.digest] = str(path)
            self._add(path, loaded)
            loaded.workbook = None  # the records are in the merger now, compressed

    def _add(self, path: Path, loaded: LoadedInput) -> None:
        wb = loaded.workbook
        assert wb is not None
        status = loaded.status
        review = review_edits(
            wb, status.edits, status.formulas, accept=self.accept_edits, reviewer=self.reviewer
        )
        self.outcomes += review.outcomes
        self.talk.add(path.name, loaded.review)
        self.revisions += len(review.revisions)
        for attachment in wb.attachments:  # verified on reading; the same bytes are kept once
            self.files.setdefault(attachment.sha256, attachment.data)
        for entry in wb.forms:
            key = (entry.form_id, entry.version)
            if key not in self.forms or entry.sha256 < self.forms[key].sha256:
                self.forms[key] = entry
        if status.trusted:  # an untrusted input's list of superseded UUIDs is ignored
            verdict = status.verdict
            holder = verdict.holder if verdict is not None else None
            self.merger.supersede(
                loaded.superseded,
                verdict.fingerprint if verdict is not None else "",
                holder.states if holder is not None else None,
            )
            # a trusted key, but for other States than some records'
            outside = sorted({c.state for c in loaded.candidates if not c.trusted})
            if outside:
                self.untrusted[path.name] = outside
        made = [candidate_of(r, wb, path.name, self.signing_key) for r in review.revisions]
        for candidate in [*loaded.candidates, *made]:
            self._offer(path.name, candidate)

    def _offer(self, source: str, candidate: Candidate) -> None:
        self.talk.seen(candidate)
        left_out = self.filters.left_out(candidate)
        if left_out is None:
            if self.approved is None:
                self.merger.add(candidate)
            else:  # decided once every input's decisions are known
                self.talk.pending.append((source, candidate))
            return
        self.excluded.append(Excluded(source, candidate.uuid, candidate.state, *left_out))
        if candidate.revises and candidate.trusted and left_out[0] != BY_STATUS:
            # A newer revision moved to another region or period: the older one goes too.
            # One left out for its status does not hide the revision it revises, so a
            # finalized survey stays while its reopened draft is not taken.
            self.merger.supersede([candidate.revises], candidate.signer, candidate.states)

    def result(self) -> RecordSet:
        if self.talk.pending:
            conversation = self.talk.conversation()
            for source, candidate in self.talk.pending:
                if approved_at(conversation, candidate.uuid, str(self.approved)):
                    self.merger.add(candidate)
                else:
                    self.excluded.append(
                        Excluded(
                            source, candidate.uuid, candidate.state, BY_APPROVAL, str(self.approved)
                        )
                    )
            self.talk.pending.clear()
        return self.merger.result()
