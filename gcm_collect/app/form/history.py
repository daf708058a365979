"""The history of a submission, from the audit log: who changed what, when."""

from __future__ import annotations

import json
from collections.abc import Callable

from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from gcm_collect.app.a11y import name_by_visible_words
from gcm_collect.app.form.problems import describe_path
from gcm_collect.app.timefmt import local_time
from gcm_collect.conversation import STATE_LABELS, STATE_OF
from gcm_collect.forms import Form, Question, parse_path
from gcm_collect.forms.answer_text import choice_text
from gcm_collect.forms.types import question_type
from gcm_collect.i18n import N_, _, moments
from gcm_collect.ops.answers import IDENTIFICATION
from gcm_collect.store.records import AuditEntry
from gcm_collect.vocabulary import LEVEL_LABELS, STATUS_LABELS

ACTIONS = {
    "create": N_("Created"),
    "answer": N_("Answer"),
    "add_instance": N_("Entry added"),
    "remove_instance": N_("Entry removed"),
    "restore_instance": N_("Entry restored"),
    "move_instance": N_("Entry moved"),
    "status": N_("Status"),
    "title": N_("Title"),
    "delete": N_("Moved to trash"),
    "restore": N_("Restored from trash"),
    "reopened": N_("Reopened as a new revision"),
    "revise": N_("Revision of an earlier one"),
    "import": N_("Imported"),
    "identify": N_("Identification"),
    "confirm": N_("Confirmed from last cycle"),
    "review_comment": N_("Reviewer's comment"),
    "review_reply": N_("Reply to a reviewer"),
    "review_resolve": N_("Comment resolved"),
    "review_decision": N_("Review decision"),
    "review_state": N_("Review state"),
}
# The submission columns an "identify" row names, by the question they follow.
_IDENTIFYING = {column: question for question, column in IDENTIFICATION.items()}
COLUMNS = (N_("When"), N_("Who"), N_("Change"), N_("Question"), N_("Before"), N_("After"))


def _short(value) -> str:
    if value is None:
        return ""
    if isinstance(value, (dict, list)):
        text = json.dumps(value, ensure_ascii=False)
    else:
        text = str(value)
    return text if len(text) <= 80 else text[:79] + "…"


def answer_text(form: Form, path: str, value, lang: str) -> str:
    """An answer as the form shows it: choices by their labels in ``lang`` ("Yes", not
    "yes"; "Objective 15 ...", not "obj_15")."""
    try:
        name = parse_path(path)[0]
    except ValueError:
        return _short(value)
    question = form.item(name) if name in form else None
    if not isinstance(question, Question) or value is None:
        return _short(value)
    moment = question_type(question.type).moment
    if moment is not None and isinstance(value, str):
        return moments.shown(moment, value)  # as the form's field shows it
    if question.list_name is None:
        return _short(value)
    return _short(choice_text(form, question, value, lang))


def _label(labels: dict[str, str], code: object) -> str:
    """A code of the vocabulary by its label in the app language; anything else as it is."""
    return _(labels[code]) if isinstance(code, str) and code in labels else _short(code)


def review_text(action: str, value: object) -> str:
    """What a review event of the log says, in words: codes (national, return, approved) by
    their labels, never as the JSON the log keeps."""
    if action == "review_state":
        return _label(STATE_LABELS, value)
    if not isinstance(value, dict):
        return _short(value)
    level = _label(LEVEL_LABELS, value.get("level"))
    if action == "review_decision":
        text = _("{decision} by {reviewer} ({level})").format(
            decision=_label(STATE_LABELS, STATE_OF.get(str(value.get("code")))),
            reviewer=value.get("reviewer") or "",
            level=level,
        )
        reason = value.get("reason")
        return _short(f"{text}: {reason}" if reason else text)
    if action == "review_resolve":
        return str(value.get("author") or "")
    return _short(
        _("{author} ({level}): {text}").format(
            author=value.get("author") or "", level=level, text=value.get("text") or ""
        )
    )


def _revision(number: object) -> str:
    return _("Revision {n}").format(n=number) if isinstance(number, int) else ""


# Entries added, removed or restored: their positions and snapshots say nothing to a person.
_INSTANCE_ACTIONS = ("add_instance", "remove_instance", "restore_instance")


def _position(value: object) -> str:
    """A repeat entry's place, counted from 1 as the form shows it."""
    return str(value + 1) if isinstance(value, int) else ""


def _review_cell(action: str, value: object) -> str:
    return review_text(action, value) if value is not None else ""


class HistoryDialog(QDialog):
    """The audit log of one submission, newest first. ``lang`` gives the form language to name
    questions in (a callable follows the form window's choice); ``revision`` is the submission's
    own revision, to name the one it was reopened as."""

    def __init__(
        self,
        entries: list[AuditEntry],
        form: Form,
        lang: str | Callable[[], str],
        parent: QWidget | None = None,
        revision: int | None = None,
        instances: dict[str, list[str]] | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("historyDialog")
        self.entries = entries
        self.form = form
        self.instances = instances or {}  # repeat entries in order: "Practice 2", not its id
        self._lang = lang
        self.revision = revision
        self.resize(860, 480)
        layout = QVBoxLayout(self)
        self.table = QTableWidget(len(entries), len(COLUMNS), self)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        layout.addWidget(self.table)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.retranslate()
        self.table.resizeColumnsToContents()

    def show_entries(self, entries: list[AuditEntry]) -> None:
        """The log read again (the submission changed while the dialog was open)."""
        self.entries = entries
        self.table.setRowCount(len(entries))
        self.retranslate()

    def retranslate(self) -> None:
        """Every text again in the current languages (called on a language switch)."""
        self.setWindowTitle(_("History"))
        self.table.setAccessibleName(_("History"))
        self.table.setHorizontalHeaderLabels([_(c) for c in COLUMNS])
        lang = self._lang() if callable(self._lang) else self._lang
        for row, entry in enumerate(reversed(self.entries)):  # newest first
            for column, text in enumerate(self._cells(entry, lang)):
                item = self.table.item(row, column)
                if item is None:
                    item = QTableWidgetItem()
                    self.table.setItem(row, column, item)
                item.setText(text)
            # The raw identifiers stay at hand for support, out of the way.
            if entry.action in ("revise", "reopened"):
                uuid = entry.old_value if entry.action == "revise" else entry.new_value
                cell = self.table.item(row, 4 if entry.action == "revise" else 5)
                if cell is not None:
                    cell.setToolTip(str(uuid))
        name_by_visible_words(self)

    def _cells(self, entry: AuditEntry, lang: str) -> tuple[str, ...]:
        path = entry.path
        if entry.action == "identify" and path:  # the submission's own State, region, period
            path = _IDENTIFYING.get(path, path)
        # Where, as the officer knows it: "Practice 2 › Objective 5 › Status".
        question = describe_path(self.form, lang, self.instances, path) if path else ""
        before, after = self._values(entry, path, lang)
        return (
            local_time(entry.at),  # as the list and the Saved label: local, in the app language
            entry.who,
            _(ACTIONS.get(entry.action, entry.action)),
            question,
            before,
            after,
        )

    def _values(self, entry: AuditEntry, path: str | None, lang: str) -> tuple[str, str]:
        """The Before and After cells, in words a person knows."""
        action, old, new = entry.action, entry.old_value, entry.new_value
        if action in ("answer", "identify") and path:
            return answer_text(self.form, path, old, lang), answer_text(self.form, path, new, lang)
        if action in _INSTANCE_ACTIONS:
            return "", ""  # internal positions and snapshots say nothing to a person
        if action == "move_instance":
            return _position(old), _position(new)
        # Revisions are linked by UUID in the log (see Store): a person knows them by number.
        # A new revision is always the revised one's number + 1.
        if action == "revise":
            return (_revision(new - 1) if isinstance(new, int) else _short(old)), _revision(new)
        if action == "reopened" and self.revision is not None:
            return _short(old), _revision(self.revision + 1)
        if action.startswith("review_"):  # the conversation, in words
            return _review_cell(action, old), _review_cell(action, new)
        if action == "status":  # "draft" -> "Draft", in the app language
            return _label(STATUS_LABELS, old), _label(STATUS_LABELS, new)
        return _short(old), _short(new)
