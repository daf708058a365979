"""Helpers for the app tests: many small submissions, fast."""

from __future__ import annotations

import uuid as uuidlib

from gcm_collect.ops.forms import ensure_builtin
from gcm_collect.store import Store

STATES = (("SEN", "ECA"), ("FRA", "ECE"), ("CHL", "ECLAC"), ("JPN", "ESCAP"), ("JOR", "ESCWA"))


def add_minimal(store: Store, count: int, *, start: int = 0) -> None:
    """``count`` small submissions, written in one transaction (thousands a second)."""
    form = ensure_builtin(store)
    statuses = ("draft", "complete", "finalized")
    with store.atomic():
        for i in range(start, start + count):
            state, region = STATES[i % len(STATES)]
            store.put_submission(
                {
                    "uuid": str(uuidlib.UUID(int=i + 1, version=4)),
                    "form_id": form.form_id,
                    "form_version": form.version,
                    "state": state,
                    "region": region,
                    "period": str(2020 + i % 6),
                    "status": statuses[i % 3],
                    "title": f"Submission {i}",
                    "answers": {"lead_entity": f"Ministry {i}"},
                },
                who="test",
            )
