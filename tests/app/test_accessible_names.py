"""Every control of every window, in the six languages, has an accessible name; a button's name
holds the words it shows (a voice user says what they see, WCAG 2.5.3); no name keeps a
mnemonic marker ("&", Chinese "(C)"), nor does a field's label; no hidden column header is
read as "1"."""

from __future__ import annotations

import re

import pytest
from app_helpers import check_every_window, on_another_page
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import QAbstractButton, QLabel, QWidget

from gcm_collect.app.a11y import plain
from gcm_collect.demo.generate import generate
from gcm_collect.i18n import LANGUAGES, set_language

pytestmark = pytest.mark.slow  # the slow lane, as the mnemonics of every window

MARKER = re.compile(r"&\S|[(（][A-Za-z][)）]")


def accessible_name(widget: QWidget) -> str:
    return QAccessible.queryAccessibleInterface(widget).text(QAccessible.Name)


def faults(window: QWidget) -> list[str]:
    found = []
    for widget in window.findChildren(QWidget):
        if widget.window() is not window or on_another_page(widget, window):
            continue
        if not widget.isVisibleTo(window):
            continue
        if isinstance(widget, QLabel) and widget.buddy() is not None:
            # Orca reads a field's label as it reads the field: no "(P)" there either.
            name = accessible_name(widget)
            if MARKER.search(name.replace("&&", "")):
                found.append(f"label {widget.objectName()!r}: marker in {name!r}")
            continue
        if not widget.focusPolicy() & Qt.TabFocus:
            continue
        name = accessible_name(widget)
        holder = widget.parentWidget()
        what = f"{type(widget).__name__} {widget.objectName()!r} in {holder.objectName()!r}"
        if not name.strip():
            found.append(f"{what}: no name")
            continue
        if MARKER.search(name.replace("&&", "")):
            found.append(f"{what}: marker in {name!r}")
        if isinstance(widget, QAbstractButton):
            visible = plain(widget.text())
            if any(c.isalpha() for c in visible) and visible.casefold() not in name.casefold():
                found.append(f"{what}: shows {visible!r}, named {name!r}")
    return found


@pytest.fixture
def filled(store):
    generate(store, 2, seed=1)
    return store


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_control_is_named_by_its_visible_words(qtbot, filled, lang):
    found, windows = check_every_window(qtbot, filled, lang, faults)
    sections = windows["form"].navigator.model().headerData(0, Qt.Horizontal)
    assert sections not in ("1", None)
    assert {name: f for name, f in found.items() if f} == {}
    windows["form"].close()
    set_language("en")
