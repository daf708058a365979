"""The merge of submission records, as a join-semilattice over record sets.

The state is a set: every distinct candidate seen (one per submission UUID, revision and
content checksum) and every *claim* that a UUID is superseded (a newer revision ``revises``
it, or a regional workbook lists it). ``join`` is the union of states, so it is commutative,
associative and idempotent (tested with hypothesis), and what the regional workbook shows is
a function of the state alone, computed by ``RecordSet``:

- A submission's UUID is bound to the key that first signed it (*owner*: the key an earlier
  consolidation of this reviewer saw first, else the signer of its lowest revision among the
  candidates from trusted inputs, else among all). The owner's
  highest revision wins; a later revision signed by another key is *refused* (listed, never
  shown), and so is a revision more than ``MAX_JUMP`` above the owner's first.
- Candidates of the winning revision with other contents are a conflict (listed, both kept).
- A claim supersedes a UUID only if it comes from a trusted input and its key owns the UUID,
  is registered for every State the UUID's candidates name, or may sign for any State (the
  reviewer's own). Untrusted inputs never delete anyone's submissions.

Which copy of one content is kept, when the same checksum arrives with different provenance,
is the smallest provenance (canonical JSON): a choice that does not depend on order either.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

from gcm_collect.workbook.canonical import canonical_json

MAX_JUMP = 1000  # a revision more than this above the submission's first is refused


@dataclass(frozen=True)
class Candidate:
    """One record of one submission, as the merge sees it.

    ``payload`` is the record's data in whatever form the caller keeps it (the merge never
    looks inside); ``sources`` are the inputs that carried this content (reporting only).
    ``signer`` is the fingerprint of the key that first signed it ("" when none is believed);
    ``trusted``: it came from a trusted input whose key may sign for its State.
    """

    uuid: str
    revision: int
    checksum: str
    provenance: Mapping[str, Any]
    revises: str | None = None
    state: str = ""
    payload: Any = field(default=None, compare=False, repr=False)
    sources: frozenset[str] = frozenset()
    # What the filters look at (the record's own metadata); carried, never compared.
    region: str = field(default="", compare=False)
    status: str = field(default="", compare=False)
    period: str = field(default="", compare=False)
    signer: str = ""
    trusted: bool = True
    # The States the signer's key may sign for (None: any); only its claims use it.
    states: frozenset[str] | None = field(default=None, compare=False)
    # Read from the record when it was made, so the regional workbook's order and its Edits
    # sheet need not unpack the payload: (form id, version), and each edit a review took as
    # (workbook, reviewer, at, edit).
    form: tuple[str, str] = field(default=("", ""), compare=False)
    reviews: tuple[tuple[Any, Any, Any, Any], ...] = field(default=(), compare=False, repr=False)

    @property
    def provenance_key(self) -> str:
        return canonical_json(dict(self.provenance))

    def identity(self) -> tuple[str, int, str, str, str, bool]:
        """What the merged state is made of (payload and sources are carried along)."""
        return (
            self.uuid,
            self.revision,
            self.checksum,
            self.provenance_key,
            self.signer,
            self.trusted,
        )


@dataclass(frozen=True)
class Claim:
    """``uuid`` is superseded, says a trusted input signed by ``signer`` (``states``: what
    that key may sign for; None: any State)."""

    uuid: str
    signer: str = ""
    states: frozenset[str] | None = None


def _order(c: Candidate) -> tuple:
    """A total order on copies, so which one is kept never depends on which came first."""
    states = "" if c.states is None else ",".join(sorted(c.states))
    return (
        c.provenance_key,
        c.signer,
        c.state,
        c.revises or "",
        c.region,
        c.status,
        c.period,
        c.states is None,
        states,
    )


def _pick(a: Candidate, b: Candidate) -> Candidate:
    """Two copies of one content: the smaller provenance wins, sources add up, and it is
    trusted when either copy is."""
    keep = a if _order(a) <= _order(b) else b
    sources, trusted = a.sources | b.sources, a.trusted or b.trusted
    if keep.sources == sources and keep.trusted == trusted:
        return keep
    return dataclasses.replace(keep, sources=sources, trusted=trusted)


REFUSED_SIGNER, REFUSED_JUMP = "signer", "jump"


@dataclass(frozen=True)
class Refused:
    """A version that is not merged: signed by another key than the submission's owner, or a
    revision jump. ``owner`` is the owner's key fingerprint ("" unsigned)."""

    candidate: Candidate
    reason: str
    owner: str


def _owner(candidates: Iterable[Candidate]) -> Candidate:
    pool = list(candidates)
    trusted = [c for c in pool if c.trusted] or pool
    return min(trusted, key=lambda c: (c.revision, c.signer, c.checksum))


@dataclass(frozen=True)
class RecordSet:
    """Every candidate seen (uuid -> (signer, revision, checksum) -> candidate) and every
    claim; ``entries``, ``superseded`` and ``refused`` are what they mean."""

    candidates: Mapping[str, Mapping[tuple[str, int, str], Candidate]] = field(
        default_factory=lambda: MappingProxyType({})
    )
    claims: frozenset[Claim] = frozenset()
    # uuid -> key fingerprint: first signers an earlier consolidation saw (the reviewer's)
    bound: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    entries: Mapping[str, Mapping[str, Candidate]] = field(init=False, compare=False)
    superseded: frozenset[str] = field(init=False, compare=False)
    refused: tuple[Refused, ...] = field(init=False, compare=False)

    def __post_init__(self) -> None:
        superseded = frozenset(c.uuid for c in self.claims if self._counts(c))
        entries: dict[str, Mapping[str, Candidate]] = {}
        refused: list[Refused] = []
        for uuid, seen in self.candidates.items():
            if uuid in superseded:
                continue
            owner = self.owner(uuid)
            mine = [c for c in seen.values() if c.signer == owner]
            ceiling = min((c.revision for c in mine), default=0) + MAX_JUMP
            top = max((c.revision for c in mine if c.revision <= ceiling), default=0)
            kept: dict[str, Candidate] = {}
            for c in sorted(seen.values(), key=lambda c: (c.revision, c.signer, c.checksum)):
                if c.signer == owner and c.revision > ceiling:
                    refused.append(Refused(c, REFUSED_JUMP, owner))
                elif c.signer != owner and c.revision > top:
                    refused.append(Refused(c, REFUSED_SIGNER, owner))
                elif c.revision == top:
                    same = kept.get(c.checksum)
                    kept[c.checksum] = c if same is None else _pick(same, c)
            if kept:
                entries[uuid] = MappingProxyType(kept)
        object.__setattr__(self, "entries", MappingProxyType(entries))
        object.__setattr__(self, "superseded", superseded)
        object.__setattr__(
            self,
            "refused",
            tuple(sorted(refused, key=lambda r: (r.candidate.uuid, r.candidate.identity()))),
        )

    def owner(self, uuid: str) -> str:
        """The key a submission is bound to: the one an earlier consolidation saw first sign
        it (``bound``), else the signer of its lowest revision here (trusted inputs first)."""
        known = self.bound.get(uuid)
        if known is not None:
            return known
        return _owner(self.candidates[uuid].values()).signer

    def new_bindings(self) -> dict[str, str]:
        """Submissions first seen now, signed by a trusted key: uuid -> that key, to keep."""
        out = {}
        for uuid, seen in self.candidates.items():
            first = _owner(seen.values())
            if uuid not in self.bound and first.trusted and first.signer:
                out[uuid] = first.signer
        return out

    def _counts(self, claim: Claim) -> bool:
        seen = self.candidates.get(claim.uuid)
        if not seen or claim.states is None:
            return True
        if claim.signer and self.owner(claim.uuid) == claim.signer:
            return True
        return all(c.state in claim.states for c in seen.values())

    def clean(self) -> list[Candidate]:
        return [next(iter(c.values())) for c in self.entries.values() if len(c) == 1]

    def conflicts(self) -> dict[str, list[Candidate]]:
        return {
            u: sorted(c.values(), key=lambda x: x.checksum)
            for u, c in self.entries.items()
            if len(c) > 1
        }

    def signature(self) -> tuple[frozenset[tuple], frozenset[Claim]]:
        """The whole state as comparable values (payloads excluded)."""
        return (
            frozenset(c.identity() for cs in self.candidates.values() for c in cs.values()),
            self.claims,
        )

    def view(self) -> tuple:
        """What the regional workbook shows, as comparable values."""
        return (
            frozenset(c.identity() for cs in self.entries.values() for c in cs.values()),
            self.superseded,
            frozenset((r.candidate.identity(), r.reason, r.owner) for r in self.refused),
        )


class Merger:
    """Accumulates candidates in place; ``result()`` equals the join of their singletons.

    ``bound``: the first signers an earlier consolidation saw (fixed for the whole run)."""

    def __init__(self, bound: Mapping[str, str] | None = None) -> None:
        self._seen: dict[str, dict[tuple[str, int, str], Candidate]] = {}
        self._claims: set[Claim] = set()
        self._bound = dict(bound or {})

    def add(self, candidate: Candidate) -> None:
        if candidate.revises and candidate.trusted:  # untrusted inputs supersede nothing
            self._claims.add(Claim(candidate.revises, candidate.signer, candidate.states))
        seen = self._seen.setdefault(candidate.uuid, {})
        key = (candidate.signer, candidate.revision, candidate.checksum)
        same = seen.get(key)
        seen[key] = candidate if same is None else _pick(same, candidate)

    def supersede(
        self, uuids: Iterable[str], signer: str = "", states: frozenset[str] | None = None
    ) -> None:
        for uuid in uuids:
            self._claims.add(Claim(uuid, signer, states))

    def add_set(self, other: RecordSet) -> None:
        self._claims |= other.claims
        for uuid, fp in other.bound.items():  # the same everywhere in one run; else the least
            self._bound[uuid] = min(fp, self._bound.get(uuid, fp))
        for candidates in other.candidates.values():
            for candidate in candidates.values():
                seen = self._seen.setdefault(candidate.uuid, {})
                key = (candidate.signer, candidate.revision, candidate.checksum)
                same = seen.get(key)
                seen[key] = candidate if same is None else _pick(same, candidate)

    def result(self) -> RecordSet:
        return RecordSet(
            MappingProxyType({u: MappingProxyType(dict(c)) for u, c in self._seen.items()}),
            frozenset(self._claims),
            MappingProxyType(dict(self._bound)),
        )


def record_set(candidates: Iterable[Candidate], superseded: Iterable[str] = ()) -> RecordSet:
    merger = Merger()
    merger.supersede(superseded)
    for candidate in candidates:
        merger.add(candidate)
    return merger.result()


def join(*sets: RecordSet) -> RecordSet:
    """The least upper bound of record sets (commutative, associative, idempotent)."""
    merger = Merger()
    for s in sets:
        merger.add_set(s)
    return merger.result()
