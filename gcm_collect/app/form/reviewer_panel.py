"""The form view of a reviewer reading a workbook (File ▸ Open for review…): the officer's
Review panel (the threads, a reply box) plus the reviewer's decision on this revision, and a
*Comment…* button under every question that asks for the comment and stores it.

Everything is an operation of ``ops.reviewing`` on the scratch review database; nothing here
decides what is valid (a return without a reason is refused there, said here).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from gcm_collect.app import messages
from gcm_collect.app.form.controller import FormController
from gcm_collect.app.form.questions.base import QuestionWidget
from gcm_collect.app.form.review_panel import ReviewPanel
from gcm_collect.conversation import DECISION_LABELS, DECISIONS
from gcm_collect.errors import UserError
from gcm_collect.forms.model import NOTE
from gcm_collect.i18n import _
from gcm_collect.ops import reviewing

BUTTON = "commentButton"  # the property a question's Comment… button is found by


class ReviewerPanel(ReviewPanel):
    """``decided`` after the reviewer's decision changed (the review window's list follows);
    ``commented`` after a comment was stored (the form view shows it under its question)."""

    decided = Signal(str)
    commented = Signal(str)

    def __init__(self, ctrl: FormController, parent: QWidget | None = None) -> None:
        self.ready = False  # the base class retranslates before the decision row is made
        super().__init__(ctrl, parent)
        self.comment_dialog: CommentDialog | None = None
        self.decision_label = QLabel(self)
        self.decision = QComboBox(self)
        self.reason_label = QLabel(self)
        self.reason = QLineEdit(self)
        self.decide_button = QPushButton(self)
        self.decision.setObjectName("reviewDecision")
        self.reason.setObjectName("reviewReason")
        self.decide_button.setObjectName("reviewDecide")
        self.decision_label.setBuddy(self.decision)
        self.reason_label.setBuddy(self.reason)
        row = QHBoxLayout()
        row.addWidget(self.decision_label)
        row.addWidget(self.decision, 1)
        reason_row = QHBoxLayout()
        reason_row.addWidget(self.reason_label)
        reason_row.addWidget(self.reason, 1)
        reason_row.addWidget(self.decide_button)
        layout = self.layout()
        assert isinstance(layout, QVBoxLayout)
        layout.insertLayout(0, row)  # the decision first, then the comments
        layout.insertLayout(1, reason_row)
        self.decision.currentIndexChanged.connect(self._reason_needed)
        self.reason.returnPressed.connect(self.decide)
        self.decide_button.clicked.connect(self.decide)
        self.ready = True
        self.retranslate()

    def retranslate(self) -> None:
        super().retranslate()
        if not self.ready:
            return
        self.title.setText(_("Comments on this survey"))
        self.list.setAccessibleName(_("Comments on this survey"))
        self.decision_label.setText(_("&Decision:"))
        self.reason_label.setText(_("Reason:"))
        self.reason.setPlaceholderText(_("Needed to return or reject"))
        self.decide_button.setText(_("Decide"))
        self.decision.blockSignals(True)
        self.decision.clear()
        self.decision.addItem(_("(not decided)"), "")
        for code in DECISIONS:
            self.decision.addItem(_(DECISION_LABELS[code]), code)
        self.decision.blockSignals(False)
        self.show_decision()

    def refresh(self) -> None:
        super().refresh()
        self.setVisible(True)  # a reviewer always decides here, threads or not

    def show_decision(self) -> None:
        made = reviewing.decision_of(self.ctrl.store, self.ctrl.uuid)
        code = made.code if made is not None else ""
        self.decision.setCurrentIndex(max(0, self.decision.findData(code)))
        self.reason.setText(made.reason if made is not None else "")
        self._reason_needed()

    def _reason_needed(self, *_args: object) -> None:
        self.reason.setEnabled(self.decision.currentData() in ("return", "reject"))

    def decide(self) -> bool:
        code = self.decision.currentData() or ""
        try:
            reviewing.decide(self.ctrl.store, self.ctrl.uuid, code, self.reason.text())
        except UserError as exc:
            messages.show_error(self, _("Decision"), str(exc))
            return False
        self.show_decision()
        self.decided.emit(self.ctrl.uuid)
        return True

    # -- comments on questions ----------------------------------------------------------------

    def add_comment_buttons(self, page: QWidget) -> None:
        """A Comment… button under each question of ``page`` that has none yet (pages and
        repeat entries are built as they are first shown)."""
        for question in page.findChildren(QuestionWidget):
            if question.property(BUTTON) or question.question.type == NOTE:
                continue  # a note asks nothing: there is no answer to comment on
            button = QPushButton(_("Comment…"), question)
            button.setObjectName(f"comment_{question.question.name}")
            button.setAccessibleName(
                _("Comment on {question}").format(
                    question=question.label_text() or question.question.name
                )
            )
            layout = question.layout()
            assert isinstance(layout, QVBoxLayout)  # QuestionWidget's own
            layout.addWidget(button, 0, Qt.AlignmentFlag.AlignLeading)
            question.setProperty(BUTTON, True)
            button.clicked.connect(lambda _c=False, q=question: self.ask_comment(q))

    def ask_comment(self, question: QuestionWidget) -> CommentDialog:
        """The comment dialog for the question (its path now: an entry's question follows the
        entry shown)."""
        path = question.path
        dialog = CommentDialog(
            question.label_text() or question.question.name,
            lambda text: self.comment(path, text),
            self.window(),
        )
        self.comment_dialog = dialog
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    def comment(self, path: str, text: str) -> bool:
        try:
            reviewing.comment(self.ctrl.store, self.ctrl.uuid, path, text)
        except UserError as exc:
            messages.show_error(self, _("Comment"), str(exc))
            return False
        self.commented.emit(path)
        return True


class CommentDialog(QDialog):
    """Asks for one comment on a question; ``save(text)`` stores it (False: kept open)."""

    def __init__(self, question: str, save: Callable[[str], bool], parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("commentDialog")
        self.setWindowTitle(_("Comment on {question}").format(question=question))
        self.save = save
        layout = QVBoxLayout(self)
        self.label = QLabel(_("&Your comment on “{question}”:").format(question=question), self)
        self.label.setWordWrap(True)
        self.text = QPlainTextEdit(self)
        self.text.setObjectName("commentText")
        self.text.setTabChangesFocus(True)
        self.label.setBuddy(self.text)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        layout.addWidget(self.label)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.buttons)
        self.buttons.accepted.connect(self._save)
        self.buttons.rejected.connect(self.reject)
        self.resize(520, 260)

    def _save(self) -> None:
        if self.save(self.text.toPlainText()):
            self.accept()
