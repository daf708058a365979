"""Questions without free input: notes, calculations shown read-only, acknowledgements."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QLabel, QVBoxLayout, QWidget

from gcm_collect.app.form.questions.base import QuestionWidget
from gcm_collect.app.form.questions.numbers import format_number
from gcm_collect.forms import Evaluation
from gcm_collect.i18n import _


class Note(QuestionWidget):
    def build(self) -> None:
        font = self.label.font()
        font.setBold(False)
        self.label.setFont(font)


class Calculation(QuestionWidget):
    """A calculated value the officer can read, not change (only calculations with a label)."""

    def build(self) -> None:
        layout = QVBoxLayout(self.body)
        layout.setContentsMargins(0, 0, 0, 0)
        self.value = QLabel(self.body)
        self.value.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.value.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        layout.addWidget(self.value)

    def apply(self, evaluation: Evaluation, force: bool = False) -> None:
        super().apply(evaluation, force)
        value = evaluation.calculated.get(self.path)
        self.value.setText(
            format_number(value)
            if isinstance(value, (int, float))
            else ("" if value is None else str(value))
        )

    def inputs(self) -> list[QWidget]:
        return [self.value]


class Acknowledge(QuestionWidget):
    def build(self) -> None:
        layout = QVBoxLayout(self.body)
        layout.setContentsMargins(0, 0, 0, 0)
        self.box = QCheckBox(self.body)
        layout.addWidget(self.box, 0, Qt.AlignmentFlag.AlignLeft)
        self._showing = False
        self.box.toggled.connect(self._toggled)

    def _toggled(self, checked: bool) -> None:
        if not self._showing:
            self.commit(True if checked else None)

    def show_value(self, value: Any) -> None:
        self._showing = True
        try:
            self.box.setChecked(value is True)
        finally:
            self._showing = False

    def retranslate_body(self) -> None:
        self.box.setText(_("Agreed"))

    def input_name(self, widget: QWidget, name: str) -> str:
        # The words on the box first (WCAG 2.5.3: a voice user says what they see).
        return _("{choice}: {question}").format(choice=self.box.text(), question=name)

    def inputs(self) -> list[QWidget]:
        return [self.box]
