"""What an operation changed (``Changed``), so that whoever called it refreshes just that.

Operations return it (like Anki's OpChanges); the app broadcasts it on one signal
(gcm_collect/app/changes.py) and each view refreshes from it: the main list re-reads the one
row of ``uuid`` (or its rows when ``rows``: a submission came or went), an open form and its
history re-read their submission, the filters re-read the forms (``forms``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Changed:
    """``action`` names what was done (created, duplicated, trashed, restored, edited,
    imported, exported ...); ``uuid`` the submission it was done to, if one.

    An edit of one submission's answers says what it wrote, so the form that made it follows
    without reading the submission again: ``answers`` written, carried answers ``confirmed``,
    the repeat ``entry`` added, copied or restored (``undo``: the token that brings a removed
    one back), and ``fields`` when the submission's own State, region, period, status or title
    changed with it."""

    action: str
    uuid: str | None = None
    source: str | None = None  # for a copy: the submission it copies
    rows: bool = False  # submissions came or went (or may have): the list's rows, not one row
    forms: bool = False  # forms were stored or refreshed
    answers: Mapping[str, Any] = field(default_factory=dict)  # path -> value (None: cleared)
    confirmed: tuple[str, ...] = ()
    entry: str | None = None
    undo: int | None = None
    fields: bool = False

    def touches(self, uuid: str) -> bool:
        """Whether a view of submission ``uuid`` must read it again."""
        return self.rows or self.uuid == uuid or self.source == uuid


CREATED, DUPLICATED, TRASHED, RESTORED = "created", "duplicated", "trashed", "restored"
EDITED, IMPORTED, EXPORTED, FORM_IMPORTED = "edited", "imported", "exported", "form imported"
# The review conversation of a submission changed (a reply, a thread resolved).
REVIEWED = "reviewed"
