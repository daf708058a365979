"""The Review panel of the form view: what the reviewers decided and asked about this survey.

Shown only when there is something to show: the review state (with the reason of a return or a
rejection) and the threads of comments on this revision and the revisions it revises, open ones
first. Choosing a thread jumps to its question; the officer replies in the box below, or marks
the thread resolved. Every action is an operation (ops/review.py), through the form's controller;
the panel, like the threads under each question, refreshes from the change it broadcasts.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from gcm_collect.app.form.controller import FormController
from gcm_collect.app.review_threads import in_app_direction, isolated
from gcm_collect.conversation import LEVEL_LABELS, OPEN, STATE_LABELS, THREAD_LABELS, Thread
from gcm_collect.i18n import _
from gcm_collect.ops.review import review_state_of

THREAD_ROLE = Qt.ItemDataRole.UserRole + 1


class ReviewPanel(QWidget):
    """``jump(path)`` asks the form view to show a question."""

    jump = Signal(str)

    def __init__(self, ctrl: FormController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reviewPanel")
        self.ctrl = ctrl
        self.threads: list[Thread] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        self.title = QLabel(self)
        self.state = QLabel(self)
        self.state.setObjectName("reviewState")
        self.state.setWordWrap(True)
        self.list = QListWidget(self)
        self.list.setObjectName("reviewThreads")
        self.list.setWordWrap(True)
        self.title.setBuddy(self.list)
        self.answer = QLineEdit(self)
        self.answer.setObjectName("reviewReply")
        row = QHBoxLayout()
        self.reply_button = QPushButton(self)
        self.reply_button.setObjectName("reviewReplyButton")
        self.resolve_button = QPushButton(self)
        self.resolve_button.setObjectName("reviewResolve")
        row.addWidget(self.answer, 1)
        row.addWidget(self.reply_button)
        row.addWidget(self.resolve_button)
        for widget in (self.title, self.state, self.list):
            layout.addWidget(widget)
        layout.addLayout(row)
        self.list.itemActivated.connect(self._jump)
        self.list.itemClicked.connect(self._jump)
        self.answer.returnPressed.connect(self.send_reply)
        self.reply_button.clicked.connect(self.send_reply)
        self.resolve_button.clicked.connect(self.resolve)
        self.retranslate()
        self.refresh()

    def retranslate(self) -> None:
        self.title.setText(_("Reviewers' comments"))
        self.answer.setPlaceholderText(_("Your reply to the chosen comment"))
        self.answer.setAccessibleName(_("Reply"))
        self.reply_button.setText(_("Reply"))
        self.resolve_button.setText(_("Resolved"))
        self.list.setAccessibleName(_("Reviewers' comments"))
        self.refresh()

    def refresh(self) -> None:
        """Show the review state and the threads as the controller read them last (after a
        reply, an import: the form view has it read them again)."""
        self.threads = sorted(self.ctrl.threads, key=lambda t: t.state != OPEN)
        decided = review_state_of(self.ctrl.store, self.ctrl.uuid)
        if decided is None:
            self.state.clear()
            self.state.hide()
        else:
            state, decision = decided
            text = _("{state} by {reviewer} ({level}, {date})").format(
                state=_(STATE_LABELS[state]),
                reviewer=isolated(decision.reviewer),
                level=_(LEVEL_LABELS[decision.level]),
                date=decision.at[:10],
            )
            if decision.reason:
                text += ": " + isolated(decision.reason)
            self.state.setText(in_app_direction(text))
            self.state.show()
        chosen = self.chosen()
        self.list.clear()
        for thread in self.threads:
            c = thread.comment
            lines = [f"[{_(THREAD_LABELS[thread.state])}] {isolated(c.author)}: {isolated(c.text)}"]
            lines += [f"  {isolated(r.author)}: {isolated(r.text)}" for r in thread.replies]
            item = QListWidgetItem("\n".join(in_app_direction(line) for line in lines))
            item.setData(THREAD_ROLE, c.id)
            self.list.addItem(item)
            if chosen is not None and c.id == chosen.comment.id:
                self.list.setCurrentItem(item)
        if self.list.currentRow() < 0 and self.threads:
            self.list.setCurrentRow(0)
        self.setVisible(bool(self.threads) or decided is not None)

    def chosen(self) -> Thread | None:
        item = self.list.currentItem()
        if item is None:
            return None
        ident = item.data(THREAD_ROLE)
        return next((t for t in self.threads if t.comment.id == ident), None)

    def _jump(self, item: QListWidgetItem) -> None:
        thread = next((t for t in self.threads if t.comment.id == item.data(THREAD_ROLE)), None)
        if thread is not None and thread.comment.path:
            self.jump.emit(thread.comment.path)

    def send_reply(self) -> bool:
        return self._act(resolve=False)

    def resolve(self) -> bool:
        return self._act(resolve=True)

    def _act(self, *, resolve: bool) -> bool:
        thread = self.chosen()
        if thread is None or not (self.answer.text().strip() or resolve):
            return False
        if not self.ctrl.reply_to_review(thread.comment, self.answer.text(), resolve=resolve):
            return False
        self.answer.clear()
        return True
