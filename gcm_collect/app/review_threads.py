"""The reviewers' threads on one question, shown right under it: each comment with its author,
level, date and state (open, answered, resolved), its replies, a reply box and "Resolved".

A small widget of its own, with no store and no form: whoever shows it hands it the threads
(``show_threads``) and acts on ``send(comment, text, resolve)``, then hands it the threads
again once the change is broadcast. The form view puts one under each commented question; a
read-only view of a workbook can put it under its questions the same way.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from gcm_collect.app.a11y import faint_color, tint
from gcm_collect.app.timefmt import local_time
from gcm_collect.conversation import LEVEL_LABELS, RESOLVED, THREAD_LABELS, Comment, Thread
from gcm_collect.i18n import _, is_rtl, language

# Unicode isolates: a name or a text in another script keeps its own order inside the line; the
# line itself reads in the app's direction (RLM first in Arabic, whatever the name's script).
_FSI, _PDI, _RLM = "\u2068", "\u2069", "\u200f"


def _when(at: str) -> str:
    return local_time(at) if at else ""


def isolated(text: str) -> str:
    return f"{_FSI}{text}{_PDI}"


def in_app_direction(text: str) -> str:
    """A line that reads in the app's direction, whatever script it starts with."""
    return f"{_RLM}{text}" if is_rtl(language()) else text


def heading(thread: Thread) -> str:
    """The thread's first line, in the app's language: Lars (regional, 01/03/2026 10:00): open."""
    c = thread.comment
    return in_app_direction(
        _("{author} ({level}, {date}): {state}").format(
            author=isolated(c.author or _("Reviewer")),
            level=_(LEVEL_LABELS.get(c.level, c.level)),
            date=isolated(_when(c.at)),
            state=_(THREAD_LABELS[thread.state]),
        )
    )


def reply_line(reply: Comment) -> str:
    return in_app_direction(
        _("{author} ({date}): {text}").format(
            author=isolated(reply.author),
            date=isolated(_when(reply.at)),
            text=isolated(reply.text),
        )
    )


class ThreadBox(QFrame):
    """One thread: what the reviewer asked, the replies, and the officer's two controls."""

    send = Signal(object, str, bool)  # the thread's first comment, the reply, resolve or not

    def __init__(self, thread: Thread, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reviewThread")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.shown = thread
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 6)
        layout.setSpacing(2)
        self.heading = QLabel(self)
        self.heading.setObjectName("threadHeading")
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        self.heading.setWordWrap(True)
        tint(self.heading, faint_color(self.heading.palette()))
        self.text = QLabel(self)
        self.text.setObjectName("threadText")
        self.text.setTextFormat(Qt.TextFormat.PlainText)
        self.text.setWordWrap(True)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.replies = QLabel(self)
        self.replies.setObjectName("threadReplies")
        self.replies.setTextFormat(Qt.TextFormat.PlainText)
        self.replies.setWordWrap(True)
        self.replies.setIndent(16)
        self.replies.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        row = QHBoxLayout()
        self.answer = QLineEdit(self)
        self.answer.setObjectName("threadReply")
        self.reply_button = QPushButton(self)
        self.reply_button.setObjectName("threadReplyButton")
        self.resolved = QCheckBox(self)
        self.resolved.setObjectName("threadResolved")
        row.addWidget(self.answer, 1)
        row.addWidget(self.reply_button)
        row.addWidget(self.resolved)
        for widget in (self.heading, self.text, self.replies):
            layout.addWidget(widget)
        layout.addLayout(row)
        self.answer.returnPressed.connect(self._reply)
        self.reply_button.clicked.connect(self._reply)
        self.resolved.clicked.connect(self._resolve)
        self.show_thread(thread)

    def show_thread(self, thread: Thread) -> None:
        """Show the thread as it is now; a reply being typed stays."""
        self.shown = thread
        self.text.setText(thread.comment.text)
        self.replies.setText("\n".join(reply_line(r) for r in thread.replies))
        self.replies.setVisible(bool(thread.replies))
        done = thread.state == RESOLVED
        self.resolved.setChecked(done)
        self.resolved.setEnabled(not done)
        self.retranslate()

    def retranslate(self) -> None:
        thread = self.shown
        self.heading.setText(heading(thread))
        self.answer.setPlaceholderText(_("Your reply"))
        author = thread.comment.author or _("Reviewer")
        self.answer.setAccessibleName(_("Reply to {author}").format(author=author))
        self.answer.setAccessibleDescription(thread.comment.text)
        self.reply_button.setText(_("Reply"))
        self.reply_button.setAccessibleName(_("Reply to {author}").format(author=author))
        self.resolved.setText(_("Resolved"))
        self.resolved.setAccessibleDescription(thread.comment.text)
        self.setAccessibleName(heading(thread))
        self.setAccessibleDescription(thread.comment.text)

    def _reply(self) -> None:
        if self.answer.text().strip():
            self.send.emit(self.shown.comment, self.answer.text(), False)

    def _resolve(self, checked: bool) -> None:
        if checked:
            self.resolved.setChecked(False)  # checked for good once the broadcast says so
            self.send.emit(self.shown.comment, self.answer.text(), True)

    def sent(self) -> None:
        """The reply was stored: the box is emptied for the next one."""
        self.answer.clear()


class QuestionThreads(QWidget):
    """Every thread on one question, open ones first; hidden when there is none."""

    send = Signal(object, str, bool)  # as ThreadBox.send

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("questionThreads")
        self.boxes: dict[str, ThreadBox] = {}  # thread id -> its box, kept while shown
        self.column = QVBoxLayout(self)
        self.column.setContentsMargins(24, 2, 0, 2)  # set in under the question it is about
        self.column.setSpacing(4)
        self.hide()
        self.retranslate()

    def show_threads(self, threads: Sequence[Thread]) -> None:
        ordered = sorted(threads, key=lambda t: (t.state == RESOLVED, t.comment.at, t.comment.id))
        layout = self.column
        keep = {t.comment.id for t in ordered}
        for ident in [i for i in self.boxes if i not in keep]:
            box = self.boxes.pop(ident)
            layout.removeWidget(box)
            box.deleteLater()
        for position, thread in enumerate(ordered):
            found = self.boxes.get(thread.comment.id)
            if found is None:
                box = self.boxes[thread.comment.id] = ThreadBox(thread, self)
                box.send.connect(self.send)
            else:
                box = found
                box.show_thread(thread)
            layout.removeWidget(box)
            layout.insertWidget(position, box)
        self.setVisible(bool(ordered))

    def chain_tab_order(self, after: QWidget) -> None:
        """Tab order: ``after`` (the question's last input), then each box's reply, Reply and
        Resolved, in the order shown."""
        previous = after
        for index in range(self.column.count()):
            item = self.column.itemAt(index)
            box = item.widget() if item is not None else None
            if isinstance(box, ThreadBox):
                for widget in (box.answer, box.reply_button, box.resolved):
                    QWidget.setTabOrder(previous, widget)
                    previous = widget

    def sent(self, comment: Comment) -> None:
        box = self.boxes.get(comment.thread)
        if box is not None:
            box.sent()

    def retranslate(self) -> None:
        # The app's own words: in the app's direction, whatever the form's language is.
        rtl = is_rtl(language())
        self.setLayoutDirection(
            Qt.LayoutDirection.RightToLeft if rtl else Qt.LayoutDirection.LeftToRight
        )
        self.setAccessibleName(_("Reviewers' comments"))
        for box in self.boxes.values():
            box.retranslate()
