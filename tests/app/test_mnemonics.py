"""Every Alt+letter (mnemonic) is unique in its window, in the six languages: Alt+U must not be
both Duplicate and Undo remove."""

from __future__ import annotations

import re
from collections import defaultdict

import pytest
from PySide6.QtWidgets import (
    QAbstractButton,
    QGroupBox,
    QLabel,
    QMenu,
    QMenuBar,
    QStackedWidget,
    QWidget,
)

from gcm_collect.app import languages
from gcm_collect.demo.generate import generate
from gcm_collect.i18n import LANGUAGES, set_language

pytestmark = pytest.mark.slow  # the slow lane: `make test` runs it, `make test-fast` not

_MNEMONIC = re.compile(r"&(.)")


def mnemonic(text: str) -> str | None:
    found = _MNEMONIC.search(text.replace("&&", ""))
    return found.group(1).casefold() if found else None


def _on_another_page(widget: QWidget, window: QWidget) -> bool:
    """Inside a stacked page that is not the one shown (its keys are not active)."""
    parent = widget
    while parent is not None and parent is not window:
        holder = parent.parentWidget()
        if isinstance(holder, QStackedWidget) and holder.currentWidget() is not parent:
            return True
        parent = holder
    return False


def clashes(window: QWidget) -> dict[str, list[str]]:
    """Mnemonics used twice among the window's buttons, labels with a buddy, group boxes and
    menu titles; a button hidden for now (Undo remove, Reopen) counts: it shows later."""
    seen: dict[str, list[str]] = defaultdict(list)
    for widget in window.findChildren(QWidget):
        if widget.window() is not window or _on_another_page(widget, window):
            continue
        if isinstance(widget, QAbstractButton):
            text = widget.text()
        elif isinstance(widget, QLabel) and widget.buddy() is not None:
            text = widget.text()
        elif isinstance(widget, QGroupBox):
            text = widget.title()
        else:
            continue
        key = mnemonic(text)
        if key:
            seen[key].append(text)
    for bar in window.findChildren(QMenuBar):
        for action in bar.actions():
            key = mnemonic(action.text())
            if key:
                seen[key].append(action.text())
    return {key: texts for key, texts in seen.items() if len(texts) > 1}


def menu_clashes(window: QWidget) -> dict[str, dict[str, list[str]]]:
    """The same within each menu: its items' mnemonics, while the menu is open."""
    found = {}
    for menu in window.findChildren(QMenu):
        seen: dict[str, list[str]] = defaultdict(list)
        for action in menu.actions():
            key = mnemonic(action.text())
            if key and not action.isSeparator():
                seen[key].append(action.text())
        double = {key: texts for key, texts in seen.items() if len(texts) > 1}
        if double:
            found[menu.title()] = double
    return found


@pytest.fixture
def filled(store):
    generate(store, 2, seed=1)
    return store


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_window_has_unique_mnemonics(qtbot, filled, lang):
    from gcm_collect.app.consolidate_dialog import ConsolidateDialog
    from gcm_collect.app.export_dialog import ExportDialog
    from gcm_collect.app.form import FormView
    from gcm_collect.app.main_window import MainWindow
    from gcm_collect.app.new_submission import NewSubmissionDialog
    from gcm_collect.app.preferences import PreferencesDialog

    languages.install()
    set_language(lang)
    store = filled
    uuid = store.list_submissions()[0].uuid
    windows = {
        "main window": MainWindow(store),
        "new submission": NewSubmissionDialog(store),
        "preferences": PreferencesDialog(store),
        "export": ExportDialog(store),
        "consolidate": ConsolidateDialog(),
    }
    view = FormView(store, uuid)
    for window in [*windows.values(), view]:
        qtbot.addWidget(window)
        window.show()
    found = {name: clashes(window) for name, window in windows.items()}
    found["main window menus"] = menu_clashes(windows["main window"])
    for node in view.nodes:  # every section of the form, its repeat editors shown
        view.show_section(node.key)
        found[f"form, section {node.key}"] = clashes(view)
    found["form menus"] = menu_clashes(view)
    review = view.open_review(finalizing=True)
    found["review answers"] = clashes(review)
    history = view.show_history()
    qtbot.addWidget(history)
    found["history"] = clashes(history)
    assert {name: c for name, c in found.items() if c} == {}
    view.close()
