"""Date questions: a date field with a calendar, and a way to leave it empty."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QDate, QEvent, QObject
from PySide6.QtWidgets import QDateEdit, QHBoxLayout, QPushButton, QWidget

from gcm_collect.app.form.questions.base import QuestionWidget, WriteSoon
from gcm_collect.app.form.questions.numbers import app_locale
from gcm_collect.i18n import _

# QDateEdit cannot be empty: its minimum date stands for "no date" and shows a special text.
EMPTY = QDate(1800, 1, 1)
ISO = "yyyy-MM-dd"


class OpenAtToday(QObject):
    """An empty date's calendar opens on today's month, not on the 1800 stand-in."""

    def __init__(self, owner: QuestionWidget) -> None:
        super().__init__(owner)
        self.owner = owner

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt name)
        if event.type() == QEvent.Show and self.owner.edit.date() == EMPTY:
            today = QDate.currentDate()
            watched.setCurrentPage(today.year(), today.month())
        return False


class DateInput(QuestionWidget):
    def build(self) -> None:
        layout = QHBoxLayout(self.body)
        layout.setContentsMargins(0, 0, 0, 0)
        self.edit = QDateEdit(self.body)
        self.edit.setCalendarPopup(True)
        self.edit.setMinimumDate(EMPTY)
        self.edit.setMaximumDate(QDate(2200, 12, 31))
        self.edit.setMinimumWidth(160)
        self.edit.calendarWidget().installEventFilter(OpenAtToday(self))
        self.clear = QPushButton(self.body)
        self.clear.setObjectName("clearDate")
        layout.addWidget(self.edit)
        layout.addWidget(self.clear)
        layout.addStretch(1)
        self._showing = False
        # Typing a year goes through partial values (2, 20, 202...): wait for a short pause.
        self.timer = WriteSoon(self, self.flush, pause_ms=400)
        self.ctrl.flushers.append(self.flush)
        ctrl = self.ctrl
        self.destroyed.connect(lambda *_: ctrl.flushers.remove(self.flush))
        self.edit.dateChanged.connect(self._changed)
        self.edit.editingFinished.connect(self.flush)
        self.clear.clicked.connect(self._clear)

    def value(self) -> str | None:
        date = self.edit.date()
        return None if date == EMPTY else date.toString(ISO)

    def set_date(self, date: QDate) -> None:
        """Set the date as the officer would (tests, keyboard shortcuts); written at once."""
        self.edit.setDate(date)
        self.flush()

    def _changed(self, _date: QDate) -> None:
        if not self._showing:
            self.timer.start()
        self.clear.setEnabled(self.edit.date() != EMPTY and not self.edit.isReadOnly())

    def flush(self) -> None:
        if self.timer.isActive() or self.value() != self.ctrl.answer(self.path):
            self.timer.stop()
            if not self._showing and self.isEnabled() and not self.edit.isReadOnly():
                self.commit(self.value())

    def _clear(self) -> None:
        self.edit.setDate(EMPTY)
        self.flush()

    def show_value(self, value: Any) -> None:
        self._showing = True
        try:
            date = QDate.fromString(value, ISO) if isinstance(value, str) else EMPTY
            self.edit.setDate(date if date.isValid() else EMPTY)
        finally:
            self._showing = False
        self.clear.setEnabled(self.edit.date() != EMPTY)

    def retranslate_body(self) -> None:
        self.edit.setSpecialValueText(_("No date"))
        self.edit.setLocale(app_locale())
        self.edit.setDisplayFormat(ISO)  # one unambiguous form in every language
        self.clear.setText(_("Clear date"))
        self.clear.setAccessibleName(_("Clear date: {question}").format(question=self.label_text()))

    def set_editable(self, editable: bool) -> None:
        self.edit.setReadOnly(not editable)
        self.clear.setEnabled(editable and self.edit.date() != EMPTY)

    def inputs(self) -> list[QWidget]:
        return [self.edit]
