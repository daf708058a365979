"""The merge of submission records, as a join-semilattice over record sets.

A ``RecordSet`` maps each submission UUID to its *maximal candidates*: the records of the
highest revision seen, one per distinct content checksum. One candidate is a clean submission;
more than one is a conflict (same UUID and revision, different content), and the conflict is
part of the state, so ``join`` stays associative: nothing is decided by input order.

The UUIDs named by any record's ``revises`` are superseded (a newer revision exists along the
chain) and are dropped, with the set of superseded UUIDs kept in the state so a later join
cannot bring them back.

``join`` is commutative, associative and idempotent (tested with hypothesis). Which copy of
one content is kept, when the same checksum arrives with different provenance, is the smallest
provenance (canonical JSON): a choice that does not depend on order either.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

from gcm_collect.workbook.canonical import canonical_json


@dataclass(frozen=True)
class Candidate:
    """One record of one submission, as the merge sees it.

    ``payload`` is the record's data in whatever form the caller keeps it (the merge never
    looks inside); ``sources`` are the inputs that carried this content (reporting only).
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

    @property
    def provenance_key(self) -> str:
        return canonical_json(dict(self.provenance))

    def identity(self) -> tuple[str, int, str, str]:
        """What the merged state is made of (payload and sources are carried along)."""
        return (self.uuid, self.revision, self.checksum, self.provenance_key)


def _pick(a: Candidate, b: Candidate) -> Candidate:
    """Two copies of one content: the smaller provenance wins, the sources add up."""
    keep = a if a.provenance_key <= b.provenance_key else b
    if a.sources == b.sources and keep.sources == a.sources:
        return keep
    return Candidate(
        keep.uuid,
        keep.revision,
        keep.checksum,
        keep.provenance,
        keep.revises,
        keep.state,
        keep.payload,
        a.sources | b.sources,
        keep.region,
        keep.status,
        keep.period,
    )


@dataclass(frozen=True)
class RecordSet:
    """uuid -> {checksum -> candidate} (all of the highest revision), plus superseded UUIDs."""

    entries: Mapping[str, Mapping[str, Candidate]] = field(
        default_factory=lambda: MappingProxyType({})
    )
    superseded: frozenset[str] = frozenset()

    def clean(self) -> list[Candidate]:
        return [next(iter(c.values())) for c in self.entries.values() if len(c) == 1]

    def conflicts(self) -> dict[str, list[Candidate]]:
        return {
            u: sorted(c.values(), key=lambda x: x.checksum)
            for u, c in self.entries.items()
            if len(c) > 1
        }

    def signature(self) -> tuple[frozenset[tuple[str, int, str, str]], frozenset[str]]:
        """The whole state as comparable values (payloads excluded)."""
        return (
            frozenset(c.identity() for cs in self.entries.values() for c in cs.values()),
            self.superseded,
        )


class Merger:
    """Accumulates candidates in place; ``result()`` equals the join of their singletons."""

    def __init__(self) -> None:
        self._entries: dict[str, dict[str, Candidate]] = {}
        self._superseded: set[str] = set()

    def add(self, candidate: Candidate) -> None:
        if candidate.revises:
            self._supersede(candidate.revises)
        if candidate.uuid in self._superseded:
            return
        current = self._entries.get(candidate.uuid)
        if current is None:
            self._entries[candidate.uuid] = {candidate.checksum: candidate}
            return
        revision = next(iter(current.values())).revision
        if candidate.revision < revision:
            return
        if candidate.revision > revision:
            self._entries[candidate.uuid] = {candidate.checksum: candidate}
            return
        same = current.get(candidate.checksum)
        current[candidate.checksum] = candidate if same is None else _pick(same, candidate)

    def supersede(self, uuids: Iterable[str]) -> None:
        for uuid in uuids:
            self._supersede(uuid)

    def _supersede(self, uuid: str) -> None:
        self._superseded.add(uuid)
        self._entries.pop(uuid, None)

    def add_set(self, other: RecordSet) -> None:
        self.supersede(other.superseded)
        for candidates in other.entries.values():
            for candidate in candidates.values():
                self.add(candidate)

    def result(self) -> RecordSet:
        return RecordSet(
            MappingProxyType({u: MappingProxyType(dict(c)) for u, c in self._entries.items()}),
            frozenset(self._superseded),
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
