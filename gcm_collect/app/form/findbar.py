"""The find bar of the form window (Ctrl+F): finds questions by label, hint or answer, says
"2 of 7", and asks the window to show a match (Enter, Shift+Enter, F3, Shift+F3)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QToolButton, QWidget

from gcm_collect.app.a11y import problem_color, tint
from gcm_collect.app.form.search import matches
from gcm_collect.i18n import _, ngettext


class FindEdit(QLineEdit):
    """Enter finds the next match, Shift+Enter the previous one."""

    step = Signal(int)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt name)
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.step.emit(-1 if event.modifiers() & Qt.KeyboardModifier.ShiftModifier else 1)
            event.accept()
            return
        super().keyPressEvent(event)


class FindBar(QWidget):
    """``indexer`` gives (path, folded text) for every question on screen, in page order;
    ``go`` asks the window to show a path."""

    go = Signal(str)

    def __init__(self, indexer: Callable[[], list[tuple[str, str]]], parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("findBar")
        self.indexer = indexer
        self.found: list[str] = []
        self.current = -1  # index in ``found`` of the match shown, -1 before the first
        self._indexed: list[tuple[str, str]] | None = None
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 4)
        self.label = QLabel(self)
        self.edit = FindEdit(self)
        self.edit.setObjectName("findText")
        self.edit.setClearButtonEnabled(True)
        self.label.setBuddy(self.edit)
        self.count = QLabel(self)
        self.count.setObjectName("findCount")
        self.previous_button = QToolButton(self)
        self.previous_button.setObjectName("findPrevious")
        self.previous_button.setArrowType(Qt.ArrowType.UpArrow)
        self.next_button = QToolButton(self)
        self.next_button.setObjectName("findNext")
        self.next_button.setArrowType(Qt.ArrowType.DownArrow)
        self.close_button = QToolButton(self)
        self.close_button.setObjectName("findClose")
        self.close_button.setText("\u2715")
        layout.addWidget(self.label)
        layout.addWidget(self.edit, 1)
        layout.addWidget(self.count)
        layout.addWidget(self.previous_button)
        layout.addWidget(self.next_button)
        layout.addWidget(self.close_button)
        # Answers change while the bar is open: counted again once they pause.
        self.recount = QTimer(self)
        self.recount.setSingleShot(True)
        self.recount.setInterval(150)
        self.recount.timeout.connect(self.search)
        self.edit.textChanged.connect(lambda _text: self._new_text())
        self.edit.step.connect(self.step)
        self.previous_button.clicked.connect(lambda: self.step(-1))
        self.next_button.clicked.connect(lambda: self.step(1))
        self.close_button.clicked.connect(self.hide)
        self.hide()
        self.retranslate()

    def open(self) -> None:
        """Show the bar with its text selected, ready to type over."""
        self.show()
        self.edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.edit.selectAll()
        self.changed()

    def changed(self) -> None:
        """The questions, their answers or the language changed: find again soon."""
        self._indexed = None
        if self.isVisible() and self.edit.text().strip():
            self.recount.start()

    def _new_text(self) -> None:
        self.current = -1
        self.search()

    def search(self) -> None:
        """Find the text again; the match shown stays the current one while it still matches."""
        self.recount.stop()
        if self._indexed is None:
            self._indexed = self.indexer()
        shown = self.found[self.current] if 0 <= self.current < len(self.found) else None
        self.found = matches(self._indexed, self.edit.text())
        self.current = self.found.index(shown) if shown in self.found else -1
        self._show_count()

    def step(self, step: int) -> bool:
        """Show the next (1) or previous (-1) match, round the end; False when none."""
        if not self.isVisible():
            if not self.edit.text().strip():
                self.open()  # nothing looked for yet: ask what
                return False
            self.show()
        if self.recount.isActive() or self._indexed is None:
            self.search()
        if not self.found:
            self._show_count()
            return False
        if self.current < 0:
            self.current = 0 if step > 0 else len(self.found) - 1
        else:
            self.current = (self.current + step) % len(self.found)
        self._show_count()
        self.go.emit(self.found[self.current])
        return True

    def _show_count(self) -> None:
        text = self.edit.text().strip()
        n = len(self.found)
        if not text:
            shown = ""
        elif not n:
            shown = _("No match")
        elif self.current < 0:
            shown = ngettext("{n} match", "{n} matches", n).format(n=n)
        else:
            shown = _("{i} of {n}").format(i=self.current + 1, n=n)
        self.count.setText(shown)
        palette = self.palette()
        tint(self.count, problem_color(palette) if text and not n else palette.windowText().color())

    def retranslate(self) -> None:
        self.label.setText(_("Find:"))
        self.edit.setPlaceholderText(_("Question, hint or answer"))
        self.edit.setAccessibleName(_("Find in form"))
        self.previous_button.setToolTip(_("Previous match (Shift+F3)"))
        self.previous_button.setAccessibleName(_("Previous match"))
        self.next_button.setToolTip(_("Next match (Enter, F3)"))
        self.next_button.setAccessibleName(_("Next match"))
        self.close_button.setToolTip(_("Close the find bar (Esc)"))
        self.close_button.setAccessibleName(_("Close the find bar"))
        self.changed()
        self._show_count()
