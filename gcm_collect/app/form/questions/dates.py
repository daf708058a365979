"""Date questions, typed first: ISO (2025-03-15) or the language's short date (15/03/2025 in
French), in any script's digits; a calendar on Alt+Down, F4 or its button; empty until a date is
typed or chosen (nothing is invented); Tab passes through like any text field."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QDate, QEvent, QLocale, QObject, QPoint, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QCalendarWidget,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QToolButton,
    QWidget,
)

from gcm_collect.app.form.questions.base import INVALID, Debounced, QuestionWidget
from gcm_collect.app.form.questions.numbers import app_locale
from gcm_collect.i18n import _, latin_digits

ISO = "yyyy-MM-dd"
FIRST, LAST = QDate(1900, 1, 1), QDate(2200, 12, 31)  # the dates a survey answer can mean
EXAMPLE = QDate(2025, 3, 15)  # shown in both forms, so the order of day and month is clear
_MARKS = dict.fromkeys(map(ord, "\u200e\u200f\u061c"), None)  # direction marks (Arabic dates)

# Old stand-ins still used by the date-and-time field (a QDateTimeEdit cannot be empty).
EMPTY = QDate(1800, 1, 1)


def date_formats(complete: bool = False) -> list[str]:
    """The forms a typed date is read in: ISO (also with / or .) and the language's short
    date, day and month with or without their leading zero, the year with 2 or 4 digits.
    ``complete``: only the full forms (2-digit day and month, 4-digit year), which no date
    still being typed matches ("2025-03-1" is on its way to "2025-03-15", not March 1st)."""
    short = app_locale().dateFormat(QLocale.ShortFormat).translate(_MARKS)
    lenient = short.replace("dd", "d").replace("MM", "M")
    if complete:
        full = lenient.replace("d", "dd").replace("M", "MM")
        full = full if "yyyy" in full else full.replace("yy", "yyyy")
        return ["yyyy-MM-dd", "yyyy/MM/dd", "yyyy.MM.dd", full]
    years = lenient.replace("yyyy", "yy") if "yyyy" in lenient else lenient.replace("yy", "yyyy")
    return ["yyyy-M-d", "yyyy/M/d", "yyyy.M.d", lenient, years]


def parse_date(text: str, complete: bool = False) -> Any:
    """The date ``text`` names (a QDate), None when empty, INVALID when it is not a date (or,
    with ``complete``, not yet a full one)."""
    clean = latin_digits(text).translate(_MARKS).strip()
    if not clean:
        return None
    century = QDate.currentDate().year() - 80  # two-digit years: the 80 years past, 20 to come
    for form in date_formats(complete):
        date = QDate.fromString(clean, form, century)
        if date.isValid() and FIRST <= date <= LAST:
            return date
    return INVALID


def example_dates() -> dict[str, str]:
    """The example date written both ways the field reads (for the placeholder and messages)."""
    local = app_locale().toString(EXAMPLE, QLocale.ShortFormat)
    return {"iso": EXAMPLE.toString(ISO), "local": local}


class OpenAtToday(QObject):
    """An empty date-and-time's calendar opens on today's month, not on the 1800 stand-in."""

    def __init__(self, owner: QuestionWidget) -> None:
        super().__init__(owner)
        self.owner = owner

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt name)
        if event.type() == QEvent.Show and self.owner.edit.date() == EMPTY:
            today = QDate.currentDate()
            watched.setCurrentPage(today.year(), today.month())
        return False


class CalendarPopup(QCalendarWidget):
    """The calendar of a typed date, shown under its field; a click or Enter picks a date, Esc
    closes the calendar alone and returns to the field."""

    chosen = Signal(QDate)

    def __init__(self, field: QLineEdit) -> None:
        super().__init__(field)
        self.setWindowFlags(Qt.Popup)
        self.field = field
        self.setMinimumDate(FIRST)
        self.setMaximumDate(LAST)
        self.setGridVisible(True)
        self.clicked.connect(self._choose)
        self.activated.connect(self._choose)

    def open_on(self, date: QDate | None) -> None:
        shown = date or QDate.currentDate()
        if date is not None:
            self.setSelectedDate(date)
        self.setCurrentPage(shown.year(), shown.month())
        self.setLayoutDirection(self.field.layoutDirection())
        self.setLocale(app_locale())
        self.adjustSize()
        below = QPoint(0, self.field.height())
        if self.field.isRightToLeft():
            below.setX(self.field.width() - self.sizeHint().width())
        self.move(self.field.mapToGlobal(below))
        self.show()
        self.setFocus(Qt.PopupFocusReason)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt name)
        if event.key() == Qt.Key_Escape:
            self.hide()
            self.field.setFocus(Qt.PopupFocusReason)
            return
        super().keyPressEvent(event)

    def _choose(self, date: QDate) -> None:
        self.hide()
        self.field.setFocus(Qt.PopupFocusReason)
        self.chosen.emit(date)


class CalendarKeys(QObject):
    """Alt+Down and F4 open the calendar of the field, as they open a combo box's list."""

    def __init__(self, parent: QObject, open_calendar) -> None:
        super().__init__(parent)
        self.open_calendar = open_calendar

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt name)
        if event.type() == QEvent.KeyPress and isinstance(event, QKeyEvent):
            alt_down = event.key() == Qt.Key_Down and event.modifiers() & Qt.AltModifier
            if alt_down or (event.key() == Qt.Key_F4 and not event.modifiers()):
                self.open_calendar()
                return True
        return False


class DateInput(QuestionWidget):
    def build(self) -> None:
        layout = QHBoxLayout(self.body)
        layout.setContentsMargins(0, 0, 0, 0)
        self.edit = QLineEdit(self.body)
        self.pick = QToolButton(self.body)
        self.pick.setObjectName("pickDate")
        self.pick.setArrowType(Qt.DownArrow)
        self.pick.setFocusPolicy(Qt.NoFocus)  # Alt+Down and F4 from the field do the same
        self.clear = QPushButton(self.body)
        self.clear.setObjectName("clearDate")
        layout.addWidget(self.edit)
        layout.addWidget(self.pick)
        layout.addWidget(self.clear)
        layout.addStretch(1)
        self.calendar = CalendarPopup(self.edit)
        self.calendar.chosen.connect(self.set_date)
        self._bad = False
        self.typing = Debounced(self, self._read)
        self.edit.textEdited.connect(lambda _text: self.typing.changed())
        self.edit.textChanged.connect(lambda _text: self._update_clear())
        self.edit.editingFinished.connect(self._finished)
        self.edit.installEventFilter(CalendarKeys(self.edit, self.open_calendar))
        self.pick.clicked.connect(self.open_calendar)
        self.clear.clicked.connect(self._clear)

    def _read(self) -> Any:
        # While the officer types, only a full date is written (the pause or the maximum wait
        # must not save "2025-03-1" as March 1st); on leaving, any form the field reads.
        date = parse_date(self.edit.text(), complete=self.edit.hasFocus())
        if date is None or date is INVALID:
            return date  # an unfinished or wrong date is not written (and said on leaving)
        self._bad = False
        return date.toString(ISO)

    def _finished(self) -> None:
        """Leaving the field (or Enter): write, then show the date in its one written form."""
        self.typing.pending = False
        self.typing.timer.stop()
        date = parse_date(self.edit.text())
        self._bad = date is INVALID
        if not self._bad:
            value = date.toString(ISO) if isinstance(date, QDate) else None
            if value is not None and self.edit.text() != value:
                self.edit.setText(value)
            self.commit(value)
        self.show_problem(self.ctrl.evaluation)

    def open_calendar(self) -> None:
        if self.edit.isReadOnly() or not self.isEnabled():
            return
        date = parse_date(self.edit.text())
        self.calendar.open_on(date if isinstance(date, QDate) else None)

    def set_date(self, date: QDate) -> None:
        """Set the date as the officer would (calendar, tests); written at once."""
        self.typing.pending = False
        self._bad = False
        self.edit.setText(date.toString(ISO))
        self.commit(date.toString(ISO))
        self.show_problem(self.ctrl.evaluation)

    def value(self) -> str | None:
        date = parse_date(self.edit.text())
        return date.toString(ISO) if isinstance(date, QDate) else None

    def _clear(self) -> None:
        self.typing.pending = False
        self._bad = False
        self.edit.clear()
        self.commit(None)
        self.show_problem(self.ctrl.evaluation)
        self.edit.setFocus()

    def show_value(self, value: Any) -> None:
        self._bad = False
        self.edit.setText("" if value is None else str(value))

    def show_problem(self, evaluation) -> None:
        if self._bad:
            # Not saved: the field keeps what was typed so the officer can correct it.
            self.message.setText(
                _("Enter a date such as {iso} or {local}.").format(**example_dates())
            )
            self.message.show()
        else:
            super().show_problem(evaluation)

    def _update_clear(self) -> None:
        self.clear.setEnabled(bool(self.edit.text()) and not self.edit.isReadOnly())

    def retranslate_body(self) -> None:
        placeholder = _("No date: type {iso} or {local}").format(**example_dates())
        self.edit.setPlaceholderText(placeholder)
        # Wide enough to show the whole placeholder: it says which order day and month go in.
        self.edit.setMinimumWidth(self.edit.fontMetrics().horizontalAdvance(placeholder) + 24)
        self.pick.setToolTip(_("Calendar (Alt+Down)"))
        self.pick.setAccessibleName(_("Calendar: {question}").format(question=self.label_text()))
        self.clear.setText(_("Clear date"))
        self.clear.setAccessibleName(_("Clear date: {question}").format(question=self.label_text()))

    def set_editable(self, editable: bool) -> None:
        self.edit.setReadOnly(not editable)
        self.pick.setEnabled(editable)
        self._update_clear()

    def inputs(self) -> list[QWidget]:
        return [self.edit]
