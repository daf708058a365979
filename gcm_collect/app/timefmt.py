"""Stored timestamps as people read them, the same in every window (list, form, history)."""

from __future__ import annotations

from PySide6.QtCore import QDateTime, QLocale, Qt


def local_time(stored: str) -> str:
    """A stored UTC timestamp in the user's time zone and the app language's short format."""
    moment = QDateTime.fromString(stored, Qt.DateFormat.ISODateWithMs)
    if not moment.isValid():
        return stored[:16].replace("T", " ")
    return QLocale().toString(moment.toLocalTime(), QLocale.FormatType.ShortFormat)
