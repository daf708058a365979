"""Every message box of the app goes through these functions.

One place decides how the app tells and asks (qutebrowser's ``ask()`` idea): tests replace them
so no modal box ever blocks a run, and a calmer, non-modal presentation can replace them later.
"""

from __future__ import annotations

from typing import cast

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QApplication, QMessageBox, QPushButton, QWidget

from gcm_collect.app.a11y import name_by_visible_words

# Unicode isolates: a file path keeps its own left-to-right order inside an Arabic sentence.
_FSI, _PDI, _RLM = "\u2068", "\u2069", "\u200f"


def display_text(text: str, *, right_to_left: bool) -> str:
    """A message as a box shows it: a leading ``path: `` (how UserError names its file) goes on
    a line of its own after the message, isolated, so neither reorders the other in Arabic."""
    head, sep, rest = text.partition(": ")
    if sep and rest and ("/" in head or "\\" in head) and "\n" not in head:
        text = f"{rest}\n\n{_FSI}{head}{_PDI}"
    # The paragraph direction follows the app's, whatever the first word's script.
    return f"{_RLM}{text}" if right_to_left else text


def _shown(text: str) -> str:
    rtl = QApplication.layoutDirection() == Qt.LayoutDirection.RightToLeft
    return display_text(text, right_to_left=rtl)


def show_error(parent: QWidget | None, title: str, text: str) -> None:
    """A problem the user can act on: one clear message."""
    QMessageBox.warning(parent, title, _shown(text))


def show_info(parent: QWidget | None, title: str, text: str) -> None:
    QMessageBox.information(parent, title, _shown(text))


def ask(parent: QWidget | None, title: str, question: str) -> bool:
    """A yes/no question whose safe answer (No) is the default."""
    box = question_box(parent, title, question)
    box.exec()
    clicked = box.clickedButton()
    return clicked is not None and box.standardButton(clicked) == QMessageBox.StandardButton.Yes


def question_box(parent: QWidget | None, title: str, question: str) -> QMessageBox:
    """The box ``ask`` shows (QMessageBox.question's), its buttons named by their words: Qt's
    Chinese "是(&Y)" would be read "是(Y)"."""
    box = QMessageBox(
        QMessageBox.Icon.Question,
        title,
        _shown(question),
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        parent,
    )
    box.setDefaultButton(QMessageBox.StandardButton.No)
    name_by_visible_words(box)
    return box


def ask_text(parent: QWidget | None, title: str, label: str, text: str = "") -> str | None:
    """One line to type (``text`` offered); None when cancelled."""
    from PySide6.QtWidgets import QInputDialog

    value, ok = QInputDialog.getText(parent, title, _shown(label), text=text)
    return value if ok else None


def choose(
    parent: QWidget | None, title: str, question: str, choices: list[tuple[str, str]]
) -> str | None:
    """A question with a few answers (key, button text), the first the default; None when
    cancelled."""
    box = QMessageBox(
        QMessageBox.Icon.Question,
        title,
        _shown(question),
        QMessageBox.StandardButton.Cancel,
        parent,
    )
    buttons: dict[QAbstractButton, str] = {}
    for key, text in choices:
        buttons[box.addButton(text, QMessageBox.ButtonRole.AcceptRole)] = key
    box.setDefaultButton(cast(QPushButton, next(iter(buttons))))
    box.exec()
    clicked = box.clickedButton()
    return buttons.get(clicked) if clicked is not None else None
