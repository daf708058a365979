"""Integer and decimal questions, typed the way the app's language writes numbers (French
``3,5``, Arabic digits), and also accepted as plain ``3.5``."""

from __future__ import annotations

import math
from typing import Any

from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import QLineEdit, QVBoxLayout, QWidget

from gcm_collect.app.form.questions.base import INVALID, Debounced, QuestionWidget
from gcm_collect.i18n import _, language, latin_digits


def app_locale() -> QLocale:
    locale = QLocale(language())
    locale.setNumberOptions(QLocale.NumberOption.OmitGroupSeparator)
    return locale


def parse_number(text: str, integer: bool) -> Any:
    """The number in ``text`` (None when empty, INVALID when it is not a number)."""
    text = text.strip()
    if not text:
        return None
    # Digits of any script as 0-9 (an Arabic keyboard in an English window), with the Arabic
    # decimal and thousands separators: "١٢٥٠٫٥" is 1250.5.
    plain = latin_digits(text).replace("\u066b", ".").replace("\u066c", "")
    for written, locale in ((text, app_locale()), (text, QLocale.c()), (plain, QLocale.c())):
        number, ok = locale.toDouble(written)
        if ok and math.isfinite(number):
            if integer:
                whole = number.is_integer() and "e" not in written.lower()
                return int(number) if whole else INVALID
            return int(number) if number.is_integer() else number
    return INVALID


def format_number(value: Any) -> str:
    if value is None or isinstance(value, bool) or not isinstance(value, (int, float)):
        return "" if value is None else str(value)
    if isinstance(value, int):
        return app_locale().toString(float(value), "f", 0)
    return app_locale().toString(value, "g", 15)


class NumberInput(QuestionWidget):
    integer = False

    def build(self) -> None:
        layout = QVBoxLayout(self.body)
        layout.setContentsMargins(0, 0, 0, 0)
        self.edit = QLineEdit(self.body)
        self.edit.setMaximumWidth(240)
        self.edit.setInputMethodHints(Qt.InputMethodHint.ImhFormattedNumbersOnly)
        layout.addWidget(self.edit)
        self._bad = False
        self.typing = Debounced(self, self._read)
        self.edit.textEdited.connect(lambda _text: self.typing.changed())
        self.edit.editingFinished.connect(self.typing.flush)

    def _read(self) -> Any:
        value = parse_number(self.edit.text(), self.integer)
        self._bad = value is INVALID
        self.show_problem(self.ctrl.evaluation)
        return value

    def show_problem(self, evaluation) -> None:
        if self._bad:
            # Not saved: the field keeps what was typed so the officer can correct it.
            self.message.setText(self._example())
            self.message.show()
        else:
            super().show_problem(evaluation)

    def _example(self) -> str:
        if self.integer:
            return _("Enter a whole number, such as {example}.").format(example=format_number(1250))
        return _("Enter a number, such as {example}.").format(example=format_number(1250.5))

    def show_value(self, value: Any) -> None:
        self._bad = False
        self.edit.setText(format_number(value))

    def retranslate_body(self) -> None:
        # Digits and the decimal sign follow the language; the value itself does not change.
        if not self._bad:
            self.edit.setText(format_number(self.ctrl.answer(self.path)))
        self.edit.setPlaceholderText(format_number(0 if self.integer else 0.5))

    def set_editable(self, editable: bool) -> None:
        self.edit.setReadOnly(not editable)

    def inputs(self) -> list[QWidget]:
        return [self.edit]


class IntegerInput(NumberInput):
    integer = True


class DecimalInput(NumberInput):
    integer = False
