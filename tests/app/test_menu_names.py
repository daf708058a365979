"""A menu item is read by its words, without its Alt key's marker: Qt names "文件(&F)" "文件(F)"
(it strips the "&" only); the app names it "文件" and Alt+F stays its key. Every item of the
main window's and the form window's menus, walked through Qt's accessibility interface as the
platform bridges (AT-SPI, UI Automation) walk it, in the six languages."""

from __future__ import annotations

import re

import pytest
from PySide6.QtGui import QAccessible, QAccessibleInterface, QKeySequence
from PySide6.QtWidgets import QMenuBar, QWidget

from gcm_collect.app.a11y import plain
from gcm_collect.i18n import LANGUAGES, set_language
from gcm_collect.ops.forms import ensure_builtin

MARKER = re.compile(r"[(（][A-Za-z][)）]")


def items(node: QAccessibleInterface) -> list[QAccessibleInterface]:
    """The menu items under ``node``: a menu bar's, and those of the menus they open."""
    found = []
    for i in range(node.childCount()):
        child = node.child(i)
        if child.role() == QAccessible.Role.MenuItem:
            found.append(child)
        found += items(child)
    return found


def menu_items(window: QWidget) -> list[QAccessibleInterface]:
    bars = window.findChildren(QMenuBar)
    assert bars
    return [item for bar in bars for item in items(QAccessible.queryAccessibleInterface(bar))]


@pytest.fixture
def windows(qtbot, store):
    from gcm_collect.app import languages
    from gcm_collect.app.form import FormView
    from gcm_collect.app.main_window import MainWindow

    languages.install()
    form = ensure_builtin(store)
    uuid = store.create_submission(
        form_id=form.form_id, form_version=form.version, state="FRA", region="ECE", period="2025"
    )

    def opened(lang: str) -> list[QWidget]:
        set_language(lang)
        shown = [MainWindow(store), FormView(store, uuid)]
        for window in shown:
            qtbot.addWidget(window)
            window.show()
        return shown

    yield opened
    set_language("en")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_menu_items_are_named_by_their_words_without_the_key_marker(windows, lang):
    for window in windows(lang):
        found = menu_items(window)
        assert len(found) > 5
        for item in found:
            text = item.object().text()
            name = item.text(QAccessible.Text.Name)
            assert name == plain(text) and name.strip(), (text, name)
            assert not MARKER.search(name), (text, name)
            key = QKeySequence.mnemonic(text)
            if item.object().shortcut().isEmpty() and not key.isEmpty():
                # The key is still told, apart from the name: Alt+F.
                assert item.text(QAccessible.Text.Accelerator) == key.toString(
                    QKeySequence.SequenceFormat.NativeText
                )
        if lang == "zh":  # the case in point: keys written "(&F)" after the words
            assert sum("(&" in item.object().text() for item in found) > 5


def test_a_menu_item_is_still_pressed_through_its_accessible_action(windows):
    main, _form = windows("zh")
    show_trash = QAccessible.queryAccessibleInterface(main.actionShowTrash)
    assert show_trash.text(QAccessible.Text.Name) == plain(main.actionShowTrash.text())
    assert not show_trash.state().checked
    actions = show_trash.actionInterface()
    assert actions.actionNames() == [actions.pressAction()]
    actions.doAction(actions.pressAction())  # what a screen reader's "click" does
    assert main.actionShowTrash.isChecked() and show_trash.state().checked
    file_menu = QAccessible.queryAccessibleInterface(main.menuFile.menuAction())
    assert file_menu.actionInterface().actionNames() == [actions.showMenuAction()]
    assert file_menu.child(0).object() is main.menuFile
