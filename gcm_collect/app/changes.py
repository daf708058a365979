"""The app's one broadcast of what changed: operations return a ``Changed``
(gcm_collect.ops.changes), whoever called one hands it to ``broadcast``, and every view that
shows submissions (the main list, an open form, its history) refreshes from the signal."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QApplication

from gcm_collect.ops.changes import Changed


class Changes(QObject):
    changed = Signal(object)  # a gcm_collect.ops.changes.Changed


def changes() -> Changes:
    """The application's broadcaster (one per QApplication, which owns it)."""
    app = QApplication.instance()
    assert app is not None, "the broadcaster needs the application"
    found = app.findChild(Changes, "gcm_changes")
    if found is None:
        found = Changes(app)
        found.setObjectName("gcm_changes")
    return found


def broadcast(changed: Changed) -> None:
    changes().changed.emit(changed)
