"""The form window's menu bar: every keyboard command of the window, with its keys shown."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QMenuBar, QWidget

from gcm_collect.app import platform_keys
from gcm_collect.i18n import _


class FormMenus:
    """Edit (find), Go (sections) and Submission menus; ``retranslate`` names them again."""

    def __init__(self, window: QWidget) -> None:
        self.window = window
        self.bar = QMenuBar(window)
        self.bar.setObjectName("formMenuBar")
        self.edit = self.bar.addMenu("")
        self.go = self.bar.addMenu("")
        self.submission = self.bar.addMenu("")
        self.texts: list[tuple[QAction | QMenu, Callable[[], str]]] = [
            (self.edit, lambda: _("&Edit")),
            (self.go, lambda: _("&Go")),
            (self.submission, lambda: _("&Submission")),
        ]

    def add(
        self,
        menu: QMenu,
        name: str,
        text: Callable[[], str],
        keys: QKeySequence.StandardKey | str | None,
        slot: Callable[[], object],
    ) -> QAction:
        """An action in ``menu`` whose keys work anywhere in the window and show in the menu."""
        action = QAction(self.window)
        action.setObjectName(name)
        if isinstance(keys, QKeySequence.StandardKey):
            action.setShortcuts(keys)  # every key the platform has for it (Ctrl+W, Ctrl+F4)
        elif keys is not None:
            action.setShortcut(platform_keys.keys(keys))
        action.setShortcutVisibleInContextMenu(True)
        action.setMenuRole(QAction.MenuRole.NoRole)  # never moved by a guess (platform_keys)
        action.triggered.connect(lambda _checked=False: slot())
        menu.addAction(action)
        self.window.addAction(action)  # its keys work while the menu bar is hidden too
        self.texts.append((action, text))
        return action

    def retranslate(self) -> None:
        for holder, text in self.texts:
            if isinstance(holder, QMenu):
                holder.setTitle(text())
            else:
                holder.setText(text())
