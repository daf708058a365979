"""What the app tells screen readers beyond names: announcements of messages that appear away
from the focus (a problem under a question, a save failure, the submission's new status)."""

from __future__ import annotations

import re

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAccessible, QAccessibleAnnouncementEvent
from PySide6.QtWidgets import QWidget


class _Announcer(QObject):
    # Every announcement also goes out as a signal: what tests and the log can follow, since
    # Qt offers no way to read its own accessibility events back.
    announced = Signal(str, bool)  # text, urgent


announcer = _Announcer()


def announce(widget: QWidget, text: str, urgent: bool = False) -> None:
    """Have screen readers speak ``text`` now (urgent: interrupting what they are saying)."""
    if not text:
        return
    event = QAccessibleAnnouncementEvent(widget, text)
    event.setPoliteness(
        QAccessible.AnnouncementPoliteness.Assertive
        if urgent
        else QAccessible.AnnouncementPoliteness.Polite
    )
    QAccessible.updateAccessibility(event)
    announcer.announced.emit(text, urgent)


def plain(text: str) -> str:
    """A button's or menu's text without its mnemonic: "&Save" -> "Save", "保存(&S)" -> "保存"
    (a screen reader reads the shortcut key on its own, not as part of the name); a closing
    ellipsis is not read either."""
    text = re.sub(r"\s*[(（]&\w[)）]", "", text)
    return re.sub(r"&(.)", r"\1", text).rstrip("…").rstrip()
