"""Driving the form view as an officer does: through its real widgets."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication


def widget(view, path: str):
    """The question widget showing ``path`` (after bringing it on screen)."""
    assert view.jump_to(path), f"cannot show {path}"
    return view.ctrl.parts[path]


def type_into(qtbot, edit, text: str) -> None:
    """Click into a field, type, and leave it (focus out writes at once)."""
    qtbot.mouseClick(edit, Qt.LeftButton)
    edit.setFocus()
    qtbot.keyClicks(edit, text)


def leave(qtbot, view) -> None:
    """Move focus away: pending typing is written."""
    view.history_button.setFocus()
    QApplication.processEvents()
    view.ctrl.flush()
