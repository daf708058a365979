"""Dates and times typed first: ISO (2025-03-15, 14:30) or the language's short form
(15/03/2025, 2:30 PM), in any script's digits, and shown in the language's form once the
field is left (stored as ISO); a calendar on Alt+Down, F4 or its button; empty until something
is typed or chosen (nothing is invented); Tab passes through like any text field. This module is
the one home of reading typed dates and times: the date, time and date-and-time fields use it."""

from __future__ import annotations

import re
from typing import Any

from PySide6.QtCore import QDate, QEvent, QLocale, QObject, QPoint, Qt, QTime, Signal
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
EXAMPLE_TIME = QTime(14, 30)  # an afternoon time: a 12-hour language shows its PM
_MARKS = dict.fromkeys(map(ord, "\u200e\u200f\u061c"), None)  # direction marks (Arabic dates)
_SPACES = dict.fromkeys(map(ord, "\u00a0\u202f\u2009"), " ")  # "2:30\u202fPM" typed "2:30 PM"
# 14:30, 9:05, 14:30:15, and ISO's basic form 1430 / 143015.
_ISO_TIME = re.compile(r"(\d{1,2}):(\d{2})(?::(\d{2}))?|(\d{2})(\d{2})(\d{2})?")


def plain(text: str) -> str:
    """Typed text as the parsers read it: 0-9 digits, no direction marks, plain spaces."""
    return latin_digits(text).translate(_MARKS).translate(_SPACES).strip()


def _short_date() -> str:
    return app_locale().dateFormat(QLocale.FormatType.ShortFormat).translate(_MARKS)


def date_formats(complete: bool = False) -> list[str]:
    """The forms a typed date is read in: ISO (also with / or .) and the language's short
    date, day and month with or without their leading zero, the year with 2 or 4 digits.
    ``complete``: only the full forms (2-digit day and month, 4-digit year), which no date
    still being typed matches ("2025-03-1" is on its way to "2025-03-15", not March 1st)."""
    lenient = _short_date().replace("dd", "d").replace("MM", "M")
    if complete:
        full = lenient.replace("d", "dd").replace("M", "MM")
        full = full if "yyyy" in full else full.replace("yy", "yyyy")
        return ["yyyy-MM-dd", "yyyy/MM/dd", "yyyy.MM.dd", full]
    years = lenient.replace("yyyy", "yy") if "yyyy" in lenient else lenient.replace("yy", "yyyy")
    return ["yyyy-M-d", "yyyy/M/d", "yyyy.M.d", lenient, years]


def parse_date(text: str, complete: bool = False) -> Any:
    """The date ``text`` names (a QDate), None when empty, INVALID when it is not a date (or,
    with ``complete``, not yet a full one)."""
    clean = plain(text)
    if not clean:
        return None
    century = QDate.currentDate().year() - 80  # two-digit years: the 80 years past, 20 to come
    for form in date_formats(complete):
        date = QDate.fromString(clean, form, century)
        if date.isValid() and FIRST <= date <= LAST:
            return date
    return INVALID


def time_formats() -> list[str]:
    """The language's short time (2:30 PM, 14:30, 9:05), the hour with or without its leading
    zero, with or without seconds; ISO's forms are read before these."""
    short = (
        app_locale().timeFormat(QLocale.FormatType.ShortFormat).translate(_MARKS).translate(_SPACES)
    )
    lenient = short.replace("HH", "H").replace("hh", "h")
    return [lenient, lenient.replace("mm", "mm:ss")]


def parse_time(text: str) -> Any:
    """The time of day ``text`` names (a QTime), None when empty, INVALID when it is not one
    (an hour alone is not a time: nothing is completed by guessing)."""
    clean = plain(text)
    if not clean:
        return None
    iso = _ISO_TIME.fullmatch(clean)
    if iso:
        hours, minutes, seconds = iso.group(1, 2, 3) if iso[1] else iso.group(4, 5, 6)
        time = QTime(int(hours), int(minutes), int(seconds or 0))
        return time if time.isValid() else INVALID
    locale = app_locale()  # the language's AM and PM words (PM, م, 下午)
    for form in time_formats():
        time = locale.toTime(clean, form)
        if time.isValid():
            return time
    return INVALID


def date_text(date: QDate) -> str:
    """A date as the language writes it, its year in full (15/03/2025, 3/15/2025)."""
    short = _short_date()
    full = short if "yyyy" in short else short.replace("yy", "yyyy")
    return app_locale().toString(date, full)


def time_text(time: QTime) -> str:
    """A time as the language writes it (14:30, 2:30 PM), seconds only when there are some."""
    short = app_locale().timeFormat(QLocale.FormatType.ShortFormat)
    return app_locale().toString(time, short.replace("mm", "mm:ss") if time.second() else short)


def example_dates() -> dict[str, str]:
    """The example date written both ways the field reads (for the placeholder and messages)."""
    local = app_locale().toString(EXAMPLE, QLocale.FormatType.ShortFormat)
    return {"iso": EXAMPLE.toString(ISO), "local": local}


def example_times() -> dict[str, str]:
    return {"iso": EXAMPLE_TIME.toString("HH:mm"), "local": time_text(EXAMPLE_TIME)}


class CalendarPopup(QCalendarWidget):
    """The calendar of a typed date, shown under its field; a click or Enter picks a date, Esc
    closes the calendar alone and returns to the field."""

    chosen = Signal(QDate)

    def __init__(self, field: QLineEdit) -> None:
        super().__init__(field)
        self.setWindowFlags(Qt.WindowType.Popup)
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
        self.setFocus(Qt.FocusReason.PopupFocusReason)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt name)
        if event.key() == Qt.Key.Key_Escape:
            self.hide()
            self.field.setFocus(Qt.FocusReason.PopupFocusReason)
            return
        super().keyPressEvent(event)

    def _choose(self, date: QDate) -> None:
        self.hide()
        self.field.setFocus(Qt.FocusReason.PopupFocusReason)
        self.chosen.emit(date)


class CalendarKeys(QObject):
    """Alt+Down and F4 open the calendar of the field, as they open a combo box's list."""

    def __init__(self, parent: QObject, open_calendar) -> None:
        super().__init__(parent)
        self.open_calendar = open_calendar

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt name)
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            alt_down = (
                event.key() == Qt.Key.Key_Down
                and event.modifiers() & Qt.KeyboardModifier.AltModifier
            )
            if alt_down or (event.key() == Qt.Key.Key_F4 and not event.modifiers()):
                self.open_calendar()
                return True
        return False


class TypedInput(QuestionWidget):
    """A line typed in (a date, a time, both), written once it reads as a whole value; wrong
    text stays on screen, said and not written. Subclasses say how text is read (``parse``),
    stored (``stored``) and shown (``shown``), and name their field's words."""

    has_calendar = False
    kind = "Date"  # object names: pickDate, clearDate

    def parse(self, text: str, complete: bool) -> Any:
        raise NotImplementedError

    def stored(self, parsed: Any) -> str:
        raise NotImplementedError

    def shown(self, value: str) -> str:
        """A stored answer as the field shows it; one it cannot read, as it is."""
        raise NotImplementedError

    def words(self) -> dict[str, str]:
        """placeholder, problem (for wrong text), clear (the button), clear_name (its name)."""
        raise NotImplementedError

    def build(self) -> None:
        layout = QHBoxLayout(self.body)
        layout.setContentsMargins(0, 0, 0, 0)
        self.edit = QLineEdit(self.body)
        layout.addWidget(self.edit)
        self.pick = None
        if self.has_calendar:
            self.pick = QToolButton(self.body)
            self.pick.setObjectName(f"pick{self.kind}")
            self.pick.setArrowType(Qt.ArrowType.DownArrow)
            self.pick.setFocusPolicy(
                Qt.FocusPolicy.NoFocus
            )  # Alt+Down and F4 from the field do the same
            layout.addWidget(self.pick)
            self.calendar = CalendarPopup(self.edit)
            self.calendar.chosen.connect(self.calendar_chose)
            self.edit.installEventFilter(CalendarKeys(self.edit, self.open_calendar))
            self.pick.clicked.connect(self.open_calendar)
        self.clear = QPushButton(self.body)
        self.clear.setObjectName(f"clear{self.kind}")
        layout.addWidget(self.clear)
        layout.addStretch(1)
        self._bad = False
        self._shown_text = ""  # what show_value put there: leaving it unchanged writes nothing
        self.typing = Debounced(self, self._read)
        self.edit.textEdited.connect(lambda _text: self.typing.changed())
        self.edit.textChanged.connect(lambda _text: self._update_clear())
        self.edit.editingFinished.connect(self._finished)
        self.clear.clicked.connect(self._clear)

    def _read(self) -> Any:
        # While the officer types, only a whole value is written (the pause or the maximum
        # wait must not save "2025-03-1" as March 1st); on leaving, any form the field reads.
        if self.edit.text() == self._shown_text:
            return INVALID  # the stored answer as shown: nothing to write
        parsed = self.parse(self.edit.text(), self.edit.hasFocus())
        if parsed is None or parsed is INVALID:
            return parsed  # an unfinished or wrong value is not written (and said on leaving)
        self._bad = False
        return self.stored(parsed)

    def _finished(self) -> None:
        """Leaving the field (or Enter): write, then show the value in the language's form."""
        self.typing.pending = False
        self.typing.timer.stop()
        if self.edit.text() == self._shown_text:  # back to the stored answer: nothing to write
            if self._bad:
                self._bad = False
                self.show_problem(self.ctrl.evaluation)
            return
        parsed = self.parse(self.edit.text(), False)
        self._bad = parsed is INVALID
        if not self._bad:
            value = None if parsed is None else self.stored(parsed)
            self.commit(value)
            self.show_value(value)
        self.show_problem(self.ctrl.evaluation)

    def set_value(self, parsed: Any) -> None:
        """Set the value as the officer would (calendar, tests); written at once."""
        self.typing.pending = False
        self._bad = False
        value = self.stored(parsed)
        self.commit(value)
        self.show_value(value)
        self.show_problem(self.ctrl.evaluation)

    def value(self) -> str | None:
        parsed = self.parse(self.edit.text(), False)
        return None if parsed is None or parsed is INVALID else self.stored(parsed)

    def open_calendar(self) -> None:
        if self.edit.isReadOnly() or not self.isEnabled():
            return
        parsed = self.parse(self.edit.text(), False)
        self.calendar.open_on(self.date_of(parsed))

    def date_of(self, parsed: Any) -> QDate | None:
        """The date the calendar opens on (None: today's month)."""
        return None

    def calendar_chose(self, date: QDate) -> None:
        """A date picked in the calendar."""

    def _clear(self) -> None:
        self.typing.pending = False
        self._bad = False
        self.commit(None)
        self.show_value(None)
        self.show_problem(self.ctrl.evaluation)
        self.edit.setFocus()

    def show_value(self, value: Any) -> None:
        self._bad = False
        self._shown_text = "" if value is None else self.shown(str(value))
        self.edit.setText(self._shown_text)

    def show_problem(self, evaluation) -> None:
        if self._bad:
            # Not saved: the field keeps what was typed so the officer can correct it.
            self.message.setText(self.words()["problem"])
            self.message.show()
        else:
            super().show_problem(evaluation)

    def _update_clear(self) -> None:
        self.clear.setEnabled(bool(self.edit.text()) and not self.edit.isReadOnly())

    def retranslate_body(self) -> None:
        words = self.words()
        self.edit.setPlaceholderText(words["placeholder"])
        # Wide enough to show the whole placeholder: it says which order day and month go in.
        width = self.edit.fontMetrics().horizontalAdvance(words["placeholder"]) + 24
        self.edit.setMinimumWidth(width)
        if self.pick is not None:
            self.pick.setToolTip(_("Calendar (Alt+Down)"))
            self.pick.setAccessibleName(
                _("Calendar: {question}").format(question=self.label_text())
            )
        self.clear.setText(words["clear"])
        self.clear.setAccessibleName(words["clear_name"].format(question=self.label_text()))
        if not self._bad and self.edit.text() == self._shown_text:  # the language's form again
            self.show_value(self.ctrl.answer(self.path))

    def set_editable(self, editable: bool) -> None:
        self.edit.setReadOnly(not editable)
        if self.pick is not None:
            self.pick.setEnabled(editable)
        self._update_clear()

    def inputs(self) -> list[QWidget]:
        return [self.edit]


class DateInput(TypedInput):
    has_calendar = True

    def parse(self, text: str, complete: bool) -> Any:
        return parse_date(text, complete)

    def stored(self, parsed: QDate) -> str:
        return parsed.toString(ISO)

    def shown(self, value: str) -> str:
        date = QDate.fromString(value, ISO)
        return date_text(date) if date.isValid() else value

    def date_of(self, parsed: Any) -> QDate | None:
        return parsed if isinstance(parsed, QDate) else None

    def calendar_chose(self, date: QDate) -> None:
        self.set_date(date)

    def set_date(self, date: QDate) -> None:
        self.set_value(date)

    def words(self) -> dict[str, str]:
        return {
            "placeholder": _("No date: type {iso} or {local}").format(**example_dates()),
            "problem": _("Enter a date such as {iso} or {local}.").format(**example_dates()),
            "clear": _("Clear date"),
            "clear_name": _("Clear date: {question}"),
        }
