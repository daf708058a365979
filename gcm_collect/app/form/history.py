"""The history of a submission, from the audit log: who changed what, when."""

from __future__ import annotations

import json

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

from gcm_collect.forms import Form, parse_path
from gcm_collect.i18n import N_, _
from gcm_collect.store.records import AuditEntry

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
}
COLUMNS = (N_("When"), N_("Who"), N_("Change"), N_("Question"), N_("Before"), N_("After"))


def _short(value) -> str:
    if value is None:
        return ""
    if isinstance(value, (dict, list)):
        text = json.dumps(value, ensure_ascii=False)
    else:
        text = str(value)
    return text if len(text) <= 80 else text[:79] + "…"


class HistoryDialog(QDialog):
    def __init__(
        self, entries: list[AuditEntry], form: Form, lang: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("historyDialog")
        self.setWindowTitle(_("History"))
        self.resize(860, 480)
        layout = QVBoxLayout(self)
        self.table = QTableWidget(len(entries), len(COLUMNS), self)
        self.table.setAccessibleName(_("History"))
        self.table.setHorizontalHeaderLabels([_(c) for c in COLUMNS])
        self.table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        for row, entry in enumerate(reversed(entries)):  # newest first
            question = ""
            if entry.path:
                try:
                    name = parse_path(entry.path)[0]
                except ValueError:
                    name = entry.path
                if name in form:
                    question = form.item(name).label(lang)[0] or name
                else:
                    question = name
            cells = (
                entry.at[:19].replace("T", " "),
                entry.who,
                _(ACTIONS.get(entry.action, entry.action)),
                question,
                _short(entry.old_value) if entry.action != "remove_instance" else "",
                _short(entry.new_value),
            )
            for column, text in enumerate(cells):
                self.table.setItem(row, column, QTableWidgetItem(text))
        self.table.resizeColumnsToContents()
        layout.addWidget(self.table)
        buttons = QDialogButtonBox(QDialogButtonBox.Close, self)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
