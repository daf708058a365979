"""The main window on macOS and elsewhere: About, Preferences and Quit have their menu roles
set, never guessed from translated text; Move to trash has a key a MacBook has (Cmd+Backspace);
no key is used twice or taken from the system. macOS is simulated (platform_keys.MAC): Qt
reads "Ctrl" as Cmd there, so the sequences are the same ones."""

from __future__ import annotations

import pytest
from app_helpers import add_minimal
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence

from gcm_collect.app import platform_keys
from gcm_collect.app.platform_keys import MAC_RESERVED


def menu_actions(bar) -> list[QAction]:
    found = []
    for action in bar.actions():
        found.append(action)
        if action.menu() is not None:
            found += menu_actions(action.menu())
    return found


@pytest.fixture(params=[False, True], ids=["windows-linux", "macos"])
def mac(request, monkeypatch):
    monkeypatch.setattr(platform_keys, "MAC", request.param)
    return request.param


def test_menu_roles_are_explicit_for_every_action(qtbot, window):
    roles = {a.objectName(): a.menuRole() for a in menu_actions(window.menuBar()) if a.text()}
    assert roles.pop("actionAbout") == QAction.MenuRole.AboutRole
    assert roles.pop("actionPreferences") == QAction.MenuRole.PreferencesRole
    assert roles.pop("actionQuit") == QAction.MenuRole.QuitRole
    # Qt's default guesses from the text ("Options…", "Settings", "About…" in any language).
    assert {name: role for name, role in roles.items() if role != QAction.MenuRole.NoRole} == {}


def test_trash_takes_cmd_backspace_on_a_macbook(qtbot, mac, store):
    from gcm_collect.app.main_window import MainWindow

    add_minimal(store, 2)
    win = MainWindow(store)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    win.activateWindow()
    qtbot.waitUntil(win.isActiveWindow)  # window shortcuts act in the active window
    try:
        keys = win.actionTrash.shortcuts()
        assert QKeySequence(QKeySequence.StandardKey.Delete) in keys
        assert (QKeySequence("Ctrl+Backspace") in keys) == mac
        if mac:
            win.refresh()
            win.table.setFocus()
            win.table.setCurrentIndex(win.model.index(0, 0))
            first = win.selected_uuid()
            qtbot.keyClick(win.table, Qt.Key_Backspace, Qt.ControlModifier)
            assert store.get_submission(first).deleted
            # The message names the keys as the system writes them, never a fixed "Ctrl".
            shown = win.actionShowTrash.shortcut().toString(QKeySequence.NativeText)
            assert f"({shown})" in win.statusBar().currentMessage()
    finally:
        win.close()


def test_no_key_twice_and_none_of_macos_own(qtbot, window):
    keys = [
        (k.toString(), a.objectName())
        for a in menu_actions(window.menuBar()) + window.actions()
        for k in a.shortcuts()
    ]
    seen: dict[str, str] = {}
    for key, name in keys:
        assert seen.setdefault(key, name) == name, (key, seen[key], name)
    assert [k for k, _n in keys if QKeySequence(k) in MAC_RESERVED] == []
