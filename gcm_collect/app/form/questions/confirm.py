"""The "to confirm" mark of an answer carried over from last cycle, with its Confirm button:
shown until the officer edits the answer or confirms it as it is."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from gcm_collect.app.a11y import confirm_color, tint
from gcm_collect.i18n import _

if TYPE_CHECKING:
    from gcm_collect.app.form.questions.base import QuestionWidget


class ConfirmMark(QWidget):
    def __init__(self, question: QuestionWidget) -> None:
        super().__init__(question)
        self.question = question
        self.setObjectName("toConfirm")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.note = QLabel(self)
        tint(self.note, confirm_color(self.note.palette()))
        self.button = QPushButton(self)
        self.button.setObjectName("confirmAnswer")
        layout.addWidget(self.note)
        layout.addWidget(self.button)
        layout.addStretch(1)
        self.button.clicked.connect(self._confirm)
        self.hide()

    def follow(self) -> None:
        """Shown while the answer is marked and can still be changed."""
        q = self.question
        shown = q.path in q.ctrl.to_confirm and not q.ctrl.locked
        if shown:
            self.retranslate()
        if shown != self.isVisibleTo(q):
            self.setVisible(shown)

    def retranslate(self) -> None:
        self.note.setText(_("\u21ba From last cycle: to confirm"))
        self.button.setText(_("Confirm"))
        self.button.setToolTip(_("Keep last cycle's answer as it is"))
        self.button.setAccessibleName(
            _("Confirm: {question}").format(question=self.question.label_text())
        )

    def _confirm(self) -> None:
        self.question.ctrl.confirm([self.question.path])
        self.question.focus_input()
