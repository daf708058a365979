"""time and dateTime questions: a time field, a date-and-time field with a calendar, each with a
way to leave it empty; and the settling every stepped field shares (range uses it too)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from PySide6.QtCore import QDate, QDateTime, QEvent, QObject, QPointF, Qt, QTime
from PySide6.QtGui import QKeyEvent, QMouseEvent
from PySide6.QtWidgets import (
    QApplication,
    QDateTimeEdit,
    QHBoxLayout,
    QPushButton,
    QStyle,
    QStyleOptionComboBox,
    QTimeEdit,
    QWidget,
)

from gcm_collect.app.form.questions.base import QuestionWidget, WriteSoon
from gcm_collect.app.form.questions.dates import EMPTY as EMPTY_DATE
from gcm_collect.app.form.questions.dates import OpenAtToday
from gcm_collect.app.form.questions.numbers import app_locale
from gcm_collect.i18n import _

# Stepping or typing goes through partial values (an hour, then minutes): wait for a pause.
SETTLE_MS = 400
# QDateTimeEdit cannot be empty: its minimum stands for "no answer" and shows a special text.
EMPTY_MOMENT = QDateTime(EMPTY_DATE, QTime(0, 0))
MOMENT_DISPLAY = "yyyy-MM-dd HH:mm"  # ISO order, like dates: one unambiguous form everywhere


_NOT_TYPING = (Qt.Key_Tab, Qt.Key_Backtab, Qt.Key_Escape, Qt.Key_Return, Qt.Key_Enter)
_STEPS = (Qt.Key_Up, Qt.Key_Down, Qt.Key_PageUp, Qt.Key_PageDown)


class TimeField(QTimeEdit):
    """Tab leaves the field, as from every other field (Qt's own walks its hours and minutes,
    and does nothing at all while the field shows its "no answer" text)."""

    def focusNextPrevChild(self, next: bool) -> bool:  # noqa: N802, A002 (Qt names)
        return QWidget.focusNextPrevChild(self, next)


class MomentField(QDateTimeEdit):
    """A date and time: Tab leaves it; Alt+Down and F4 open its calendar, as a combo box's."""

    def focusNextPrevChild(self, next: bool) -> bool:  # noqa: N802, A002 (Qt names)
        return QWidget.focusNextPrevChild(self, next)

    def open_calendar(self) -> None:
        if self.isReadOnly() or not self.isEnabled():
            return
        # Qt opens the calendar only from a press on its arrow: press there.
        option = QStyleOptionComboBox()
        option.initFrom(self)
        option.editable = True
        option.subControls = QStyle.SC_All
        arrow = self.style().subControlRect(
            QStyle.CC_ComboBox, option, QStyle.SC_ComboBoxArrow, self
        )
        at = QPointF(arrow.center())
        for kind in (QEvent.MouseButtonPress, QEvent.MouseButtonRelease):
            click = QMouseEvent(
                kind, at, self.mapToGlobal(at), Qt.LeftButton, Qt.LeftButton, Qt.NoModifier
            )
            QApplication.sendEvent(self, click)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt name)
        alt_down = event.key() == Qt.Key_Down and event.modifiers() & Qt.AltModifier
        if alt_down or (event.key() == Qt.Key_F4 and not event.modifiers()):
            self.open_calendar()
            return
        super().keyPressEvent(event)


class TypeOverEmpty(QObject):
    """An empty field cannot be typed into while it shows its "no answer" text: the first key
    shows a value to type over, first section selected (``owner.begin_typing``); left
    unchanged, it shows "no answer" again (``owner.end_typing``). Only a change is written."""

    def __init__(self, owner: Settling) -> None:
        super().__init__(owner)
        self.owner = owner

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt name)
        if event.type() == QEvent.KeyPress and isinstance(event, QKeyEvent):
            shortcut = event.modifiers() & (Qt.ControlModifier | Qt.AltModifier)
            if event.key() in _STEPS and not shortcut and self.owner.shows_empty():
                return True  # stepping from "no answer" would invent one (1800-01-02, 00:01)
            if event.key() not in _NOT_TYPING and not shortcut and event.text().strip():
                self.owner.begin_typing()
        elif event.type() == QEvent.Wheel and self.owner.shows_empty():
            return True  # the same with the wheel, in the field
        elif event.type() == QEvent.FocusOut:
            self.owner.end_typing()
        return False


class Settling(QuestionWidget):
    """A field whose changes are written after a short pause, on leaving it and at close.

    Subclasses call ``start_settling`` in ``build``, ``user_changed`` when the officer changes
    the field, and define ``value`` and ``read_only``.
    """

    def start_settling(self) -> None:
        self._showing = False
        self._dirty = False
        self.timer = WriteSoon(self, self.flush, pause_ms=SETTLE_MS)
        flush, flushers = self.flush, self.ctrl.flushers
        flushers.append(flush)
        self.destroyed.connect(lambda *_: flush in flushers and flushers.remove(flush))

    def value(self) -> Any:
        raise NotImplementedError

    def read_only(self) -> bool:
        raise NotImplementedError

    def user_changed(self) -> None:
        if self._showing:
            return
        self._dirty = True
        self.timer.start()

    def flush(self) -> None:
        if not self._dirty:
            return
        self._dirty = False
        self.timer.stop()
        if self.isEnabled() and not self.read_only():
            self.commit(self.value())


class TimeInput(Settling):
    """A time of day, ``HH:MM`` (``HH:MM:SS`` when the answer already has seconds)."""

    def build(self) -> None:
        layout = QHBoxLayout(self.body)
        layout.setContentsMargins(0, 0, 0, 0)
        self.edit = TimeField(self.body)
        self.edit.setMinimumWidth(120)
        self.clear = QPushButton(self.body)
        self.clear.setObjectName("clearTime")
        layout.addWidget(self.edit)
        layout.addWidget(self.clear)
        layout.addStretch(1)
        # Midnight is a real answer, so emptiness is a flag, shown as the minimum's special text
        # only while the field is empty.
        self._empty = True
        self._seconds = False
        self._typing = False  # focused while empty: showing 00:00 to type over
        self.start_settling()
        self.edit.installEventFilter(TypeOverEmpty(self))
        self.edit.timeChanged.connect(self._changed)
        self.edit.editingFinished.connect(self.flush)
        self.clear.clicked.connect(self._clear)

    def value(self) -> str | None:
        if self._empty:
            return None
        return self.edit.time().toString("HH:mm:ss" if self._seconds else "HH:mm")

    def read_only(self) -> bool:
        return self.edit.isReadOnly()

    def set_time(self, time: QTime) -> None:
        """Set the time as the officer would (tests, shortcuts); written at once."""
        self.edit.setTime(time)
        self._changed(time)
        self.flush()

    def _changed(self, _time: QTime) -> None:
        if self._showing:
            return
        self._set_empty(False)
        self.user_changed()

    def shows_empty(self) -> bool:
        return self._empty and not self._typing

    def begin_typing(self) -> None:
        if not self._empty or self.edit.isReadOnly():
            return
        if self._typing:  # a second key on the 00:00 shown: a time is being typed (midnight too)
            self._set_empty(False)
            self.user_changed()
        else:
            self._typing = True
            self.edit.setSpecialValueText("")
            self.edit.setSelectedSection(QDateTimeEdit.HourSection)

    def end_typing(self) -> None:
        if self._typing:
            self._typing = False
            if self._empty:
                self.edit.setSpecialValueText(_("No time"))

    def _set_empty(self, empty: bool) -> None:
        if empty == self._empty:
            return
        self._empty = empty
        self._typing = False
        self._showing, showing = True, self._showing
        try:
            special = _("No time") if empty else ""
            if self.edit.specialValueText() != special:  # resetting it would redraw mid-typing
                self.edit.setSpecialValueText(special)
            if empty:
                self.edit.setTime(self.edit.minimumTime())
        finally:
            self._showing = showing
        self._update_clear()

    def _clear(self) -> None:
        self._set_empty(True)
        self._dirty = True
        self.flush()
        self.edit.setFocus()

    def show_value(self, value: Any) -> None:
        time = QTime.fromString(value, "HH:mm:ss") if isinstance(value, str) else QTime()
        if not time.isValid() and isinstance(value, str):
            time = QTime.fromString(value, "HH:mm")
        self._seconds = time.isValid() and time.second() != 0
        self.edit.setDisplayFormat("HH:mm:ss" if self._seconds else "HH:mm")
        self._showing = True
        try:
            if time.isValid():
                self._set_empty(False)
                self.edit.setTime(time)
            else:
                self._set_empty(True)
        finally:
            self._showing = False
        self._update_clear()

    def _update_clear(self) -> None:
        self.clear.setEnabled(not self._empty and not self.edit.isReadOnly())

    def retranslate_body(self) -> None:
        self.edit.setLocale(app_locale())  # the language's digits; 24-hour time everywhere
        if self._empty and not self._typing:
            self.edit.setSpecialValueText(_("No time"))
        self.clear.setText(_("Clear time"))
        self.clear.setAccessibleName(_("Clear time: {question}").format(question=self.label_text()))

    def set_editable(self, editable: bool) -> None:
        self.edit.setReadOnly(not editable)
        self._update_clear()

    def inputs(self) -> list[QWidget]:
        return [self.edit]


def moment_to_iso(moment: QDateTime) -> str:
    """A local date and time as ISO 8601 with the local UTC offset (2026-03-01T14:30:00+01:00)."""
    offset = moment.offsetFromUtc() // 60
    sign = "-" if offset < 0 else "+"
    hours, minutes = divmod(abs(offset), 60)
    return f"{moment.toString('yyyy-MM-ddTHH:mm:ss')}{sign}{hours:02d}:{minutes:02d}"


def iso_to_moment(value: Any) -> QDateTime | None:
    """The local date and time an ISO 8601 answer names (one with an offset is converted to
    this computer's time; one without is taken as local time); None if it is not one."""
    if not isinstance(value, str):
        return None
    try:
        parsed = datetime.fromisoformat(value.strip())
    except ValueError:
        return None
    if parsed.tzinfo is not None:
        return QDateTime.fromMSecsSinceEpoch(round(parsed.timestamp() * 1000))
    return QDateTime(
        QDate(parsed.year, parsed.month, parsed.day),
        QTime(parsed.hour, parsed.minute, parsed.second, parsed.microsecond // 1000),
    )


class DateTimeInput(Settling):
    """A date and time with a calendar; stored as ISO 8601 with the local UTC offset."""

    def build(self) -> None:
        layout = QHBoxLayout(self.body)
        layout.setContentsMargins(0, 0, 0, 0)
        self.edit = MomentField(self.body)
        self.edit.setCalendarPopup(True)
        self.edit.setMinimumDateTime(EMPTY_MOMENT)
        self.edit.setMaximumDateTime(QDateTime(QDate(2200, 12, 31), QTime(23, 59, 59)))
        self.edit.setMinimumWidth(190)
        self.edit.calendarWidget().installEventFilter(OpenAtToday(self))
        self.clear = QPushButton(self.body)
        self.clear.setObjectName("clearDateTime")
        layout.addWidget(self.edit)
        layout.addWidget(self.clear)
        layout.addStretch(1)
        self._typing = False
        self.start_settling()
        self.edit.installEventFilter(TypeOverEmpty(self))
        self.edit.dateTimeChanged.connect(self._changed)
        self.edit.editingFinished.connect(self.flush)
        self.clear.clicked.connect(self._clear)

    def value(self) -> str | None:
        moment = self.edit.dateTime()
        return None if moment == EMPTY_MOMENT else moment_to_iso(moment)

    def read_only(self) -> bool:
        return self.edit.isReadOnly()

    def set_moment(self, moment: QDateTime) -> None:
        """Set the date and time as the officer would (tests, shortcuts); written at once."""
        self.edit.setDateTime(moment)
        self.flush()

    def _changed(self, _moment: QDateTime) -> None:
        self.user_changed()
        self._update_clear()

    def shows_empty(self) -> bool:
        return self.edit.dateTime() == EMPTY_MOMENT

    def begin_typing(self) -> None:
        if self.edit.dateTime() == EMPTY_MOMENT and not self._typing and not self.edit.isReadOnly():
            self._typing = True
            self._show_quietly(QDateTime(QDate.currentDate(), QTime(0, 0)))
            self.edit.setSelectedSection(QDateTimeEdit.YearSection)

    def end_typing(self) -> None:
        if self._typing and not self._dirty and not self.edit.calendarWidget().isVisible():
            self._show_quietly(EMPTY_MOMENT)
        self._typing = False

    def _show_quietly(self, moment: QDateTime) -> None:
        self._showing = True
        try:
            self.edit.setDateTime(moment)
        finally:
            self._showing = False
        self._update_clear()

    def _clear(self) -> None:
        self.edit.setDateTime(EMPTY_MOMENT)
        self._dirty = True
        self.flush()
        self.edit.setFocus()

    def show_value(self, value: Any) -> None:
        moment = iso_to_moment(value)
        self._showing = True
        try:
            self.edit.setDateTime(moment if moment is not None else EMPTY_MOMENT)
        finally:
            self._showing = False
        self._update_clear()

    def _update_clear(self) -> None:
        self.clear.setEnabled(self.edit.dateTime() != EMPTY_MOMENT and not self.edit.isReadOnly())

    def retranslate_body(self) -> None:
        self.edit.setSpecialValueText(_("No date and time"))
        self.edit.setLocale(app_locale())
        self.edit.setDisplayFormat(MOMENT_DISPLAY)
        self.clear.setText(_("Clear date and time"))
        self.clear.setAccessibleName(
            _("Clear date and time: {question}").format(question=self.label_text())
        )

    def set_editable(self, editable: bool) -> None:
        self.edit.setReadOnly(not editable)
        self._update_clear()

    def inputs(self) -> list[QWidget]:
        return [self.edit]
