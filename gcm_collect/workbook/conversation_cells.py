"""How a review thread and a decision read as cells of a visible sheet, the same in the
regional workbook's Comments and Decisions sheets and in a return file's: the columns that
follow where the thread or decision belongs (State, submission, revision, question ...)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from gcm_collect.conversation import (
    DECISION_LABELS,
    LEVEL_LABELS,
    THREAD_LABELS,
    Decision,
    Thread,
)
from gcm_collect.i18n import N_

Translate = Callable[[str], str]

# (row-2 name, row-1 label) of the columns ``thread_cells`` and ``decision_cells`` fill.
THREAD_COLUMNS = [
    ("comment", N_("Comment")),
    ("author", N_("Author")),
    ("level", N_("Level")),
    ("date", N_("Date")),
    ("reply", N_("Replies")),
    ("thread", N_("Thread")),
]
DECISION_COLUMNS = [
    ("level", N_("Level")),
    ("decision", N_("Decision")),
    ("reason", N_("Reason")),
    ("reviewer", N_("Reviewer")),
    ("date", N_("Date")),
]


def thread_cells(thread: Thread, tr: Translate) -> list[Any]:
    """The comment, its author, level and date, the replies (one a line) and the state."""
    c = thread.comment
    return [
        c.text,
        c.author,
        tr(LEVEL_LABELS[c.level]),
        c.at[:10],
        "\n".join(f"{r.author}: {r.text}" for r in thread.replies),
        tr(THREAD_LABELS[thread.state]),
    ]


def decision_cells(d: Decision, tr: Translate) -> list[Any]:
    """The level, the decision, its reason, the reviewer and the date."""
    return [tr(LEVEL_LABELS[d.level]), tr(DECISION_LABELS[d.code]), d.reason, d.reviewer, d.at[:10]]
