"""range questions: a number box bounded by the form's start and end, stepping by its step."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from PySide6.QtWidgets import (
    QDoubleSpinBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QWidget,
)

from gcm_collect.app.form.questions.moments import Settling
from gcm_collect.app.form.questions.numbers import app_locale, format_number
from gcm_collect.i18n import _

DEFAULTS = (("start", "1"), ("end", "10"), ("step", "1"))  # pyxform's defaults


def _decimals(text: str) -> int:
    try:
        exponent = Decimal(text.strip()).normalize().as_tuple().exponent
    except InvalidOperation:
        return 0
    return max(0, -exponent) if isinstance(exponent, int) else 0


class RangeInput(Settling):
    """A spin box from start to end; one step under the lowest value means "no answer"."""

    def build(self) -> None:
        texts = [self.question.parameter(key, default) for key, default in DEFAULTS]
        start, end, step = (float(t) for t in texts)
        self.low, self.high = min(start, end), max(start, end)
        self.step = abs(step) or 1.0
        self.integral = all(v.is_integer() for v in (start, end, step))
        layout = QHBoxLayout(self.body)
        layout.setContentsMargins(0, 0, 0, 0)
        if self.integral:
            # QSpinBox for whole numbers, else QDoubleSpinBox: both take the values below
            self.spin: Any = QSpinBox(self.body)
            self.low, self.high, self.step = int(self.low), int(self.high), int(self.step)
        else:
            self.spin = QDoubleSpinBox(self.body)
            self.spin.setDecimals(max(_decimals(t) for t in texts))
        # The spin box cannot be empty: its minimum stands for "no answer" (special text).
        self.empty = self.low - self.step
        self.spin.setRange(self.empty, self.high)
        self.spin.setSingleStep(self.step)
        self.spin.setMinimumWidth(120)
        self.bounds = QLabel(self.body)
        self.bounds.setProperty("role", "hint")
        self.clear = QPushButton(self.body)
        self.clear.setObjectName("clearRange")
        layout.addWidget(self.spin)
        layout.addWidget(self.bounds)
        layout.addWidget(self.clear)
        layout.addStretch(1)
        self.start_settling()
        self.spin.valueChanged.connect(self._changed)
        self.spin.editingFinished.connect(self.flush)
        self.clear.clicked.connect(self._clear)

    def value(self) -> int | float | None:
        number = self.spin.value()
        if number <= self.empty:
            return None
        return int(number) if float(number).is_integer() else float(number)

    def read_only(self) -> bool:
        return self.spin.isReadOnly()

    def set_number(self, number: float) -> None:
        """Set the number as the officer would (tests, shortcuts); written at once."""
        self.spin.setValue(self._fit(number))
        self.flush()

    def _fit(self, number: float) -> int | float:
        return round(number) if self.integral else float(number)

    def _changed(self, _number: float) -> None:
        self.user_changed()
        self._update_clear()

    def _clear(self) -> None:
        self.spin.setValue(self.empty)
        self._dirty = True
        self.flush()
        self.spin.setFocus()

    def show_value(self, value: Any) -> None:
        self._showing = True
        try:
            number = (
                value if isinstance(value, (int, float)) and not isinstance(value, bool) else None
            )
            self.spin.setValue(self.empty if number is None else self._fit(number))
        finally:
            self._showing = False
        self._update_clear()

    def _update_clear(self) -> None:
        self.clear.setEnabled(self.value() is not None and not self.spin.isReadOnly())

    def retranslate_body(self) -> None:
        self.spin.setLocale(app_locale())
        self.spin.setSpecialValueText(_("No answer"))
        self.bounds.setText(
            _("from {low} to {high}").format(
                low=format_number(self.low), high=format_number(self.high)
            )
        )
        self.clear.setText(_("Clear answer"))
        self.clear.setAccessibleName(
            _("Clear answer: {question}").format(question=self.label_text())
        )

    def accessible_description(self) -> str:
        return "\n".join(t for t in (super().accessible_description(), self.bounds.text()) if t)

    def set_editable(self, editable: bool) -> None:
        self.spin.setReadOnly(not editable)
        self._update_clear()

    def inputs(self) -> list[QWidget]:
        return [self.spin]
