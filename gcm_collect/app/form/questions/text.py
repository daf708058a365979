"""Text questions: one line, or several (appearance ``multiline``)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QLineEdit, QPlainTextEdit, QVBoxLayout, QWidget

from gcm_collect.app.form.questions.base import Debounced, QuestionWidget


class LineText(QuestionWidget):
    def build(self) -> None:
        layout = QVBoxLayout(self.body)
        layout.setContentsMargins(0, 0, 0, 0)
        self.edit = QLineEdit(self.body)
        layout.addWidget(self.edit)
        self.typing = Debounced(self, lambda: self.edit.text().strip() or None)
        self.edit.textEdited.connect(lambda _text: self.typing.changed())
        self.edit.editingFinished.connect(self.typing.flush)

    def show_value(self, value: Any) -> None:
        self.edit.setText("" if value is None else str(value))
        self.edit.setCursorPosition(0)  # a long answer shows its beginning

    def set_editable(self, editable: bool) -> None:
        self.edit.setReadOnly(not editable)

    def inputs(self) -> list[QWidget]:
        return [self.edit]


class _FocusOut(QObject):
    """Calls ``action`` when the watched widget loses focus."""

    def __init__(self, parent: QObject, action) -> None:
        super().__init__(parent)
        self.action = action

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt name)
        if event.type() == QEvent.Type.FocusOut:
            self.action()
        return False


class MultiText(QuestionWidget):
    def build(self) -> None:
        layout = QVBoxLayout(self.body)
        layout.setContentsMargins(0, 0, 0, 0)
        self.edit = QPlainTextEdit(self.body)
        self.edit.setTabChangesFocus(True)  # Tab moves on, as in every other field
        self.edit.setMinimumHeight(72)
        self.edit.setMaximumHeight(140)
        layout.addWidget(self.edit)
        self._showing = False
        self.typing = Debounced(self, lambda: self.edit.toPlainText().strip() or None)
        self.edit.textChanged.connect(self._typed)
        self.edit.installEventFilter(_FocusOut(self.edit, self.typing.flush))

    def _typed(self) -> None:
        if not self._showing:
            self.typing.changed()

    def show_value(self, value: Any) -> None:
        self._showing = True
        try:
            self.edit.setPlainText("" if value is None else str(value))
        finally:
            self._showing = False

    def set_editable(self, editable: bool) -> None:
        self.edit.setReadOnly(not editable)

    def inputs(self) -> list[QWidget]:
        return [self.edit]
