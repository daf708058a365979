"""The form window's keys on macOS and elsewhere: History is Cmd+Y on a Mac (Cmd+H hides the
app there), Ctrl+H elsewhere; tooltips show the keys as the system writes them; no key is
used twice or taken from macOS; no action is left to Qt's role guessing."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QAction, QKeySequence

from gcm_collect.app import platform_keys
from gcm_collect.app.platform_keys import MAC_RESERVED


@pytest.fixture(params=[False, True], ids=["windows-linux", "macos"])
def mac(request, monkeypatch):
    monkeypatch.setattr(platform_keys, "MAC", request.param)
    return request.param


def test_history_keeps_clear_of_cmd_h_on_a_mac(qtbot, draft, open_view, mac):
    view = open_view(draft)
    history = view.findChild(QAction, "actionHistory")
    assert history.shortcut() == QKeySequence("Ctrl+Y" if mac else "Ctrl+H")
    native = history.shortcut().toString(QKeySequence.NativeText)
    assert view.history_button.toolTip() == f"History ({native})"
    keys = [
        (k.toString(), a.objectName())
        for a in view.findChildren(QAction)
        for k in a.shortcuts()
        if a.objectName()
    ]
    seen: dict[str, str] = {}
    for key, name in keys:
        assert seen.setdefault(key, name) == name, (key, seen[key], name)
    if mac:
        assert [k for k, _n in keys if QKeySequence(k) in MAC_RESERVED] == []
    in_menus = [
        a
        for menu in (view.menus.edit, view.menus.go, view.menus.submission)
        for a in menu.actions()
        if a.text()
    ]
    assert len(in_menus) > 10
    assert {a.menuRole() for a in in_menus} == {QAction.MenuRole.NoRole}


def test_tooltips_never_hard_code_ctrl(qtbot, draft, open_view):
    view = open_view(draft)
    for button, action in (
        (view.complete_button, "actionMarkComplete"),
        (view.finalize_button, "actionFinalize"),
        (view.reopen_button, "actionReopen"),
    ):
        keys = view.findChild(QAction, action).shortcut().toString(QKeySequence.NativeText)
        assert button.toolTip().endswith(f"({keys})")
