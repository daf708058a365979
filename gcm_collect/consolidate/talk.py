"""The review conversation a consolidation gathers from its inputs (the accumulator keeps one):
every input's conversation and comments on no answer, the candidates seen (the revisions a
returned survey's new revision is compared with), and, with ``--approved``, the candidates
waiting for every input's decisions."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from gcm_collect.consolidate.inputs import unpack
from gcm_collect.consolidate.merge import Candidate
from gcm_collect.conversation import Conversation, merge
from gcm_collect.workbook.comments import Unplaced
from gcm_collect.workbook.reviewed import Review


class Talk:
    """The review conversation gathered from the inputs, and what the sheets about it need:
    comments on no answer (with their input), the candidates seen (the revisions a returned
    survey's new revision is compared with) and, with ``approved``, the candidates waiting for
    every input's decisions."""

    def __init__(self) -> None:
        self.parts: list[Conversation] = []
        self.unplaced: list[tuple[str, Unplaced]] = []
        self.candidates: dict[str, Candidate] = {}
        self.pending: list[tuple[str, Candidate]] = []

    def add(self, source: str, review: Review) -> None:
        self.parts.append(review.conversation)
        self.unplaced += [(source, u) for u in review.unplaced]

    def seen(self, candidate: Candidate) -> None:
        self.candidates.setdefault(candidate.uuid, candidate)

    def conversation(self) -> Conversation:
        return merge(*self.parts)

    def reviewed(
        self, conversation: Conversation, written: Mapping[str, Mapping[str, Any]]
    ) -> dict[str, Mapping[str, Any]]:
        """The data of the revisions the written ones revise, when they were decided on."""
        decided = {d.submission for d in conversation.decisions}
        out: dict[str, Mapping[str, Any]] = {}
        for data in written.values():
            before = data.get("revises")
            if before in decided and before in self.candidates:
                out[str(before)] = unpack(self.candidates[str(before)].payload)
        return out
