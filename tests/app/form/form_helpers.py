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


def break_two_answers(qtbot, view) -> tuple:
    """Make a nearly complete submission invalid twice over: a bad e-mail, an emptied lead
    entity. Returns their widgets (e-mail, lead entity)."""
    email = widget(view, "focal_point_email")
    email.edit.clear()
    type_into(qtbot, email.edit, "not-an-address")
    leave(qtbot, view)
    lead = widget(view, "lead_entity")
    lead.edit.clear()
    lead.edit.textEdited.emit("")
    leave(qtbot, view)
    return email, lead
