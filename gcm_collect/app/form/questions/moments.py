"""time and dateTime questions, typed like dates (see ``dates``): a time of day, and a date and
time stored as ISO 8601 with the local UTC offset; and the settling that stepped fields share
(range uses it)."""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any

from PySide6.QtCore import QDate, QDateTime, QTime

from gcm_collect.app.form.questions.base import INVALID, QuestionWidget, WriteSoon
from gcm_collect.app.form.questions.dates import (
    TypedInput,
    date_text,
    example_dates,
    example_times,
    parse_date,
    parse_time,
    plain,
    time_text,
)
from gcm_collect.i18n import _

# Stepping or typing goes through partial values (an hour, then minutes): wait for a pause.
SETTLE_MS = 400
# A date, then its time: "2025-03-15 14:30", "15/03/2025, 2:30 PM", ISO's "2025-03-15T14:30".
_DATE_THEN_TIME = re.compile(r"(\S+?),?(?:\s+|T)(\S.*)")


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
        self.destroyed.connect(lambda *_: _forget(flushers, flush))

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


def parse_moment(text: str, complete: bool = False) -> Any:
    """The date and time ``text`` names (a local QDateTime), None when empty, INVALID when it
    is not both a date and a time (a date alone is not given a time of its own)."""
    clean = plain(text)
    if not clean:
        return None
    if "T" in clean or "Z" in clean or "+" in clean:  # ISO 8601, perhaps with its offset
        moment = iso_to_moment(clean)
        if moment is not None and ":" in clean:
            return moment
    parts = _DATE_THEN_TIME.fullmatch(clean)
    if parts is None:
        return INVALID
    date, time = parse_date(parts[1], complete), parse_time(parts[2])
    if not isinstance(date, QDate) or not isinstance(time, QTime):
        return INVALID
    return QDateTime(date, time)


class TimeInput(TypedInput):
    """A time of day, stored ``HH:MM`` (``HH:MM:SS`` when it has seconds); midnight is one."""

    kind = "Time"

    def parse(self, text: str, complete: bool) -> Any:
        return parse_time(text)

    def stored(self, parsed: QTime) -> str:
        return parsed.toString("HH:mm:ss" if parsed.second() else "HH:mm")

    def shown(self, value: str) -> str:
        time = parse_time(value)
        return time_text(time) if isinstance(time, QTime) else value

    def set_time(self, time: QTime) -> None:
        self.set_value(time)

    def words(self) -> dict[str, str]:
        return {
            "placeholder": _("No time: type {iso} or {local}").format(**example_times()),
            "problem": _("Enter a time such as {iso} or {local}.").format(**example_times()),
            "clear": _("Clear time"),
            "clear_name": _("Clear time: {question}"),
        }


class DateTimeInput(TypedInput):
    """A date and time; stored as ISO 8601 with the local UTC offset, shown in local time."""

    has_calendar = True
    kind = "DateTime"

    def parse(self, text: str, complete: bool) -> Any:
        return parse_moment(text, complete)

    def stored(self, parsed: QDateTime) -> str:
        return moment_to_iso(parsed)

    def shown(self, value: str) -> str:
        moment = iso_to_moment(value)
        if moment is None:
            return value
        return f"{date_text(moment.date())} {time_text(moment.time())}"

    def set_moment(self, moment: QDateTime) -> None:
        self.set_value(moment)

    def date_of(self, parsed: Any) -> QDate | None:
        if isinstance(parsed, QDateTime):
            return parsed.date()
        parts = _DATE_THEN_TIME.fullmatch(plain(self.edit.text()))
        date = parse_date(parts[1] if parts else self.edit.text())
        return date if isinstance(date, QDate) else None

    def calendar_chose(self, date: QDate) -> None:
        """The date is set; the time stays the one typed, or is left to type (none invented)."""
        parts = _DATE_THEN_TIME.fullmatch(plain(self.edit.text()))
        time = parse_time(parts[2]) if parts else INVALID
        if isinstance(time, QTime):
            self.set_value(QDateTime(date, time))
            return
        self.edit.setText(f"{date_text(date)} ")
        self.edit.setFocus()
        self.edit.end(False)

    def words(self) -> dict[str, str]:
        dates, times = example_dates(), example_times()
        return {
            "placeholder": _("No date and time: type {iso} or {local}").format(
                iso=f"{dates['iso']} {times['iso']}", local=f"{dates['local']} {times['local']}"
            ),
            "problem": _("Enter a date and time such as {iso} or {local}.").format(
                iso=f"{dates['iso']} {times['iso']}", local=f"{dates['local']} {times['local']}"
            ),
            "clear": _("Clear date and time"),
            "clear_name": _("Clear date and time: {question}"),
        }


def _forget(flushers: list[Any], flush: Any) -> None:
    if flush in flushers:
        flushers.remove(flush)
