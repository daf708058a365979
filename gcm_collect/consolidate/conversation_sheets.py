"""The review conversation in the regional workbook: the Comments, Decisions and "Changes since
review" sheets, as tables of plain rows (regional.py writes them).

Comments are shown one thread a row, with the question's label in the workbook's language and
the thread's state; decisions one a row, those that disagree on one revision and level marked,
never settled here; a returned submission's new revision shows, answer by answer, what changed
since the revision the reviewer returned.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from gcm_collect.conversation import (
    RETURN,
    Conversation,
    conflicts,
    latest,
    threads,
)
from gcm_collect.forms.model import Form
from gcm_collect.i18n import N_
from gcm_collect.workbook.comments import Unplaced
from gcm_collect.workbook.conversation_cells import (
    DECISION_COLUMNS,
    THREAD_COLUMNS,
    decision_cells,
    thread_cells,
)

Translate = Callable[[str], str]
_INSTANCE = re.compile(r"\[[^\]]*\]")

COMMENTS_HEADER = [
    ("state", N_("State")),
    ("_uuid", N_("Submission UUID")),
    ("_revision", N_("Revision")),
    ("question", N_("Question")),
    ("_path", N_("Answer path")),
    *THREAD_COLUMNS,
]
DECISIONS_HEADER = [
    ("state", N_("State")),
    ("_uuid", N_("Submission UUID")),
    ("_revision", N_("Revision")),
    *DECISION_COLUMNS,
    ("conflict", N_("Conflict")),
]
CHANGES_HEADER = [
    ("state", N_("State")),
    ("_uuid", N_("Submission UUID")),
    ("_revision", N_("Revision")),
    ("_reviewed", N_("Reviewed revision")),
    ("question", N_("Question")),
    ("_path", N_("Answer path")),
    ("before", N_("Before")),
    ("after", N_("After")),
]


@dataclass(frozen=True)
class ConversationTables:
    """The sheets' rows; the Comments rows are made as the sheet is written (read them once):
    with 200,000 comments, built beforehand, they held some 40 MB."""

    comments: Iterable[list[Any]] = ()
    decisions: list[list[Any]] = field(default_factory=list)
    changes: list[list[Any]] = field(default_factory=list)


class _Questions:
    """An answer path's question label in the workbook's language."""

    def __init__(self, forms: Mapping[tuple[str, str], Form], lang: str, tr: Translate):
        self.forms, self.lang, self.tr = forms, lang, tr

    def label(self, form_key: tuple[str, str] | None, path: str) -> str:
        if not path:
            return self.tr(N_("the submission as a whole"))
        name = _INSTANCE.sub("", path).rsplit("/", 1)[-1]
        form = self.forms.get(form_key) if form_key is not None else None
        if form is None or name.startswith("_"):
            return name
        try:
            return form.question(name).label(self.lang)[0] or name
        except KeyError:
            return name


def _shown(value: Any) -> Any:
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    if value is None or isinstance(value, (int, float, str)):
        return value
    return str(value)


def conversation_tables(
    conversation: Conversation,
    unplaced: Iterable[tuple[str, Unplaced]],
    records: Mapping[str, Mapping[str, Any]],
    reviewed: Mapping[str, Mapping[str, Any]],
    forms: Mapping[tuple[str, str], Form],
    labels: Mapping[str, Mapping[str, str]],
    lang: str,
    tr: Translate,
) -> ConversationTables:
    """``records``: the written records' data by UUID; ``reviewed``: the data of revisions
    they revise (read from any input, written or not), for the changes since review."""
    questions = _Questions(forms, lang, tr)
    state_names = labels.get("state", {})
    meta: dict[str, Mapping[str, Any]] = {**reviewed, **records}

    def state_of(uuid: str) -> str:
        state = str((meta.get(uuid) or {}).get("state") or "")
        return state_names.get(state, state)

    def form_of(uuid: str) -> tuple[str, str] | None:
        data = meta.get(uuid)
        return None if data is None else (str(data["form_id"]), str(data["form_version"]))

    comments = _comment_rows(conversation, list(unplaced), questions, state_of, form_of, tr)
    disagreeing = {d.id for group in conflicts(conversation) for d in group}
    decisions = [
        [
            state_of(d.submission),
            d.submission,
            d.revision,
            *decision_cells(d, tr),
            tr(N_("disagrees with another decision on this revision"))
            if d.id in disagreeing
            else "",
        ]
        for d in conversation.decisions
    ]
    return ConversationTables(
        comments, decisions, _changes(conversation, records, reviewed, questions, state_of)
    )


def _comment_rows(
    conversation: Conversation,
    unplaced: list[tuple[str, Unplaced]],
    questions: _Questions,
    state_of: Callable[[str], str],
    form_of: Callable[[str], tuple[str, str] | None],
    tr: Translate,
) -> Iterator[list[Any]]:
    """One row per thread, oldest first, then the comments on no answer."""
    for thread in threads(conversation):
        c = thread.comment
        yield [
            state_of(c.submission),
            c.submission,
            c.revision,
            questions.label(form_of(c.submission), c.path),
            c.path,
            *thread_cells(thread, tr),
        ]
    for source, u in unplaced:
        yield [
            "",
            "",
            None,
            f"{source}: {u.sheet}!{u.cell}",
            "",
            u.text,
            u.author,
            "",
            "",
            "",
            u.reason,
        ]


def _changes(
    conversation: Conversation,
    records: Mapping[str, Mapping[str, Any]],
    reviewed: Mapping[str, Mapping[str, Any]],
    questions: _Questions,
    state_of: Callable[[str], str],
) -> list[list[Any]]:
    rows: list[list[Any]] = []
    for uuid, data in sorted(records.items(), key=lambda item: str(item[1].get("state"))):
        before_uuid = data.get("revises")
        before = reviewed.get(str(before_uuid)) if before_uuid else None
        if before is None:
            continue
        decision = latest(conversation, str(before_uuid))
        if decision is None or decision.code != RETURN:
            continue
        old, new = before.get("answers") or {}, data.get("answers") or {}
        form_key = (str(data["form_id"]), str(data["form_version"]))
        for path in sorted(set(old) | set(new)):
            if old.get(path) != new.get(path):
                rows.append(
                    [
                        state_of(uuid),
                        uuid,
                        data.get("revision"),
                        before.get("revision"),
                        questions.label(form_key, path),
                        path,
                        _shown(old.get(path)),
                        _shown(new.get(path)),
                    ]
                )
    return rows


def approved_at(conversation: Conversation, uuid: str, level: str) -> bool:
    """Whether the latest decision at ``level`` on this revision approves it."""
    decision = latest(conversation, uuid, level)
    return decision is not None and decision.code == "approve"
