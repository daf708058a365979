"""Keys and menus as each system expects them.

Qt reads "Ctrl" as Cmd on macOS, so a key chosen on Windows can land on one macOS keeps for
itself: Cmd+H hides the app (the form's History takes Cmd+Y there, Safari's key for
History). MacBooks have no Del key: Move to trash also takes Cmd+Backspace, Finder's key.
Tooltips show keys as the system writes them (QKeySequence's native text: "Ctrl+Shift+M",
"⇧⌘M"), never a hard-coded "Ctrl". On macOS Qt moves About, Preferences and Quit into the
application menu; left to itself it guesses which from the (translated) text, so every
action's role is set: those three by name, every other one "no role"."""

from __future__ import annotations

import sys

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QMenuBar

MAC = sys.platform == "darwin"

# Keys macOS keeps for itself (Cmd = "Ctrl" in Qt): hide, hide others, minimise, the
# application switcher and the character viewer, Spotlight, the window cycler.
MAC_RESERVED = frozenset(
    QKeySequence(k)
    for k in ("Ctrl+H", "Ctrl+Alt+H", "Ctrl+M", "Ctrl+Tab", "Ctrl+Space", "Ctrl+`", "Ctrl+Alt+D")
)
_MAC_INSTEAD = {"Ctrl+H": "Ctrl+Y"}


def keys(text: str) -> QKeySequence:
    """The key sequence written ``text`` on Windows and Linux, as this system should have it."""
    return QKeySequence(_MAC_INSTEAD.get(text, text) if MAC else text)


def native(action: QAction) -> str:
    """An action's first key as the system writes it, for tooltips and messages."""
    return action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)


def trash_keys() -> list[QKeySequence]:
    found = [QKeySequence(QKeySequence.StandardKey.Delete)]
    if MAC:
        found.append(QKeySequence("Ctrl+Backspace"))  # Cmd+Backspace: Finder's Move to Trash
    return found


def set_menu_roles(bar: QMenuBar, roles: dict[QAction, QAction.MenuRole]) -> None:
    """Every action under ``bar`` gets its role: those in ``roles``, the rest none (never
    Qt's guess from the text, which a translation can make wrong)."""
    for action in bar.actions():
        _set_roles(action, roles)


def _set_roles(action: QAction, roles: dict[QAction, QAction.MenuRole]) -> None:
    action.setMenuRole(roles.get(action, QAction.MenuRole.NoRole))
    menu = action.menu()
    if isinstance(menu, QMenu):
        for child in menu.actions():
            _set_roles(child, roles)
