"""Every Alt+letter (mnemonic) is unique in its window, in the six languages: Alt+U must not be
both Duplicate and Undo remove."""

from __future__ import annotations

import re
from collections import defaultdict

import pytest
from app_helpers import check_every_window, on_another_page
from PySide6.QtWidgets import (
    QAbstractButton,
    QGroupBox,
    QLabel,
    QMenu,
    QMenuBar,
    QWidget,
)

from gcm_collect.demo.generate import generate
from gcm_collect.i18n import LANGUAGES

pytestmark = pytest.mark.slow  # the slow lane: `make test` runs it, `make test-fast` not

_MNEMONIC = re.compile(r"&(.)")


def mnemonic(text: str) -> str | None:
    found = _MNEMONIC.search(text.replace("&&", ""))
    return found.group(1).casefold() if found else None


def clashes(window: QWidget) -> dict[str, list[str]]:
    """Mnemonics used twice among the window's buttons, labels with a buddy, group boxes and
    menu titles; a button hidden for now (Undo remove, Reopen) counts: it shows later."""
    seen: dict[str, list[str]] = defaultdict(list)
    for widget in window.findChildren(QWidget):
        if widget.window() is not window or on_another_page(widget, window):
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
    found, windows = check_every_window(qtbot, filled, lang, clashes)
    found["main window menus"] = menu_clashes(windows["main window"])
    found["form menus"] = menu_clashes(windows["form"])
    assert {name: c for name, c in found.items() if c} == {}
    windows["form"].close()


@pytest.fixture
def review_scratch(filled, tmp_path):
    """A scratch review database of an export of the demo data (File ▸ Open for review)."""
    from gcm_collect.export import export_workbook
    from gcm_collect.ops.reviewing import open_for_review
    from gcm_collect.store import Store

    path = tmp_path / "export.xlsx"
    export_workbook(filled, path, lang="en")
    scratch = Store.open(open_for_review(filled, path).scratch)
    yield scratch
    if scratch.is_open:
        scratch.close()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_review_windows_have_unique_mnemonics(qtbot, filled, review_scratch, lang):
    from gcm_collect.app import languages
    from gcm_collect.app.form import FormView
    from gcm_collect.app.review_window import ReviewWindow
    from gcm_collect.i18n import set_language

    languages.install()
    set_language(lang)
    review = ReviewWindow(filled, review_scratch)
    qtbot.addWidget(review)
    review.show()
    view = FormView(review_scratch, review_scratch.list_submissions()[0].uuid, reviewing=True)
    qtbot.addWidget(view)
    view.show()
    found = {"review window": clashes(review), "form menus": menu_clashes(view)}
    for node in view.nodes:
        view.show_section(node.key)
        found[f"form, section {node.key}"] = clashes(view)
    assert {name: c for name, c in found.items() if c} == {}
    view.close()
    review.close()
