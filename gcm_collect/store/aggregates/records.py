"""Whole records, as exports carry them and imports bring them."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from typing import Any

from gcm_collect.store import bulk, transfer
from gcm_collect.store.aggregates.answers import AnswersPart
from gcm_collect.store.aggregates.instances import InstancesPart
from gcm_collect.store.records import (
    SUBMISSION_COLUMNS,
    Submission,
)


class RecordsPart(AnswersPart, InstancesPart):
    def get_record(self, uuid: str) -> dict[str, Any]:
        """A submission as one plain dict: metadata columns + ``answers`` + ``instances``.

        The shape ``put_submission`` takes; ``put_submission(get_record(u))`` is "unchanged".
        """
        with self._guard():
            record = dict(zip(SUBMISSION_COLUMNS, _astuple(self.get_submission(uuid)), strict=True))
            record["answers"] = self.get_answers(uuid)
            record["instances"] = self.get_instances(uuid)
            review = transfer.review_of(self._conn, uuid)
            if review is not None:  # only a reviewer's revision has the key
                record["review"] = review
        return record

    def put_submission(self, record: Mapping[str, Any], *, who: str) -> str:
        """Insert or update one complete submission as a unit (for imports).

        Returns ``"inserted"`` (new UUID), ``"unchanged"`` (identical to the stored one),
        ``"updated"`` (the incoming one is newer: higher revision, or same revision and later
        ``updated_at``; it replaces the stored one, whose full record is kept in the audit row),
        or ``"skipped"`` (the stored one is newer or as new: it is kept as it is).
        Invalid records raise UserError. Wrap many calls in ``atomic()`` for all-or-nothing.
        """
        incoming = transfer.normalized(record, now=self.now(), device_id="")
        with self.atomic():
            uuid = incoming["uuid"]
            if not self._exists(uuid):
                transfer.insert(self._conn, incoming)
                self._audit(uuid, self.now(), who, "import", new="inserted")
                return "inserted"
            current = self.get_record(uuid)
            outcome = transfer.compare(current, incoming)
            if outcome == "updated":
                transfer.replace(self._conn, incoming)
                self._audit(uuid, self.now(), who, "import", old=current, new="updated")
            return outcome

    def put_submissions(self, records: Iterable[Mapping[str, Any]], *, who: str) -> Counter[str]:
        """``put_submission`` of many records (a batch of an import), with the same outcomes,
        counted; the new ones written in bulk (store/bulk.py)."""
        batch = list(records)
        now = self.now()
        incoming = [transfer.normalized(r, now=now, device_id="") for r in batch]
        outcomes: Counter[str] = Counter()
        with self.atomic():
            there = bulk.held(self._conn, [r["uuid"] for r in incoming])
            new: list[dict[str, Any]] = []
            later: list[Mapping[str, Any]] = []  # held already, or twice in the batch
            for record, normal in zip(batch, incoming, strict=True):
                if normal["uuid"] in there:
                    later.append(record)
                else:
                    there.add(normal["uuid"])
                    new.append(normal)
            bulk.insert_new(self._conn, new)
            self._audit_many((r["uuid"] for r in new), now, who, "import", "inserted")
            outcomes["inserted"] += len(new)
            for record in later:
                outcomes[self.put_submission(record, who=who)] += 1
        return outcomes

    def held_submissions(self, uuids: Iterable[str]) -> set[str]:
        """Which of ``uuids`` this database holds (one query per 500)."""
        with self._guard():
            return bulk.held(self._conn, list(uuids))


def _astuple(sub: Submission) -> tuple[Any, ...]:
    return tuple(getattr(sub, column) for column in SUBMISSION_COLUMNS)
