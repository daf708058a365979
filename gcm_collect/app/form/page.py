"""A section's content built from the form model: questions, titled sub-groups, repeat editors."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from gcm_collect.app.form.controller import FormController
from gcm_collect.app.form.questions.factory import make_question
from gcm_collect.app.form.repeat import RepeatEditor
from gcm_collect.forms import Evaluation, Group, Item, make_path

Pairs = tuple[tuple[str, str], ...]


def populate(
    ctrl: FormController,
    items: tuple[Item, ...],
    pairs: Pairs,
    layout: QVBoxLayout,
    parent: QWidget,
    parts: list,
) -> None:
    """Add a widget for each item to ``layout``, register it with the controller and list it
    in ``parts`` (in page order, a group's questions before the group)."""
    for item in items:
        part: Any
        if isinstance(item, Group) and item.is_repeat:
            part = RepeatEditor(ctrl, item, pairs, parent, Page)  # its entries are pages
        elif isinstance(item, Group):
            part = GroupFrame(ctrl, item, pairs, parent, parts)
        else:
            part = make_question(ctrl, item, pairs, parent)
            if part is None:
                continue
        ctrl.parts[part.path] = part
        parts.append(part)
        layout.addWidget(part)


class GroupFrame(QFrame):
    """A group inside a section: a heading over its questions, hidden when not relevant."""

    def __init__(
        self, ctrl: FormController, group: Group, pairs: Pairs, parent: QWidget, parts: list
    ) -> None:
        super().__init__(parent)
        self.ctrl = ctrl
        self.group = group
        self.path = make_path(group.name, pairs)
        self.setObjectName(f"g_{group.name}")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 8)
        self.title = QLabel(self)
        self.title.setWordWrap(True)
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.1)
        font.setBold(True)
        self.title.setFont(font)
        layout.addWidget(self.title)
        populate(ctrl, group.children, pairs, layout, self, parts)
        self._relevant: bool | None = None
        self.retranslate()

    def rebind(self, pairs: Pairs) -> None:
        self.path = make_path(self.group.name, pairs)
        self.apply(self.ctrl.evaluation)

    def apply(self, evaluation: Evaluation) -> None:
        relevant = self.path in evaluation.relevant
        if relevant != self._relevant:
            self._relevant = relevant
            self.setVisible(relevant)

    def retranslate(self) -> None:
        text = self.group.label(self.ctrl.form_lang)[0]
        self.title.setText(text)
        self.title.setVisible(bool(text))
        self.setAccessibleName(text or self.group.name)


class Page(QWidget):
    """The content of one section (or of one repeat entry)."""

    def __init__(
        self,
        ctrl: FormController,
        items: tuple[Item, ...],
        pairs: Pairs,
        parent: QWidget,
        title: str = "",
    ) -> None:
        super().__init__(parent)
        self.ctrl = ctrl
        self.parts: list = []  # every part on this page, in page order
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 16)
        layout.setSpacing(4)
        self.heading = QLabel(self)
        self.heading.setObjectName("sectionHeading")
        self.heading.setWordWrap(True)
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.35)
        font.setBold(True)
        self.heading.setFont(font)
        self.heading.setVisible(bool(title))
        self.heading.setText(title)
        layout.addWidget(self.heading)
        populate(ctrl, items, pairs, layout, self, self.parts)
        layout.addStretch(1)

    def rebind(self, pairs: Pairs) -> None:
        """Show another repeat entry on this page: each part follows its new path and shows
        that entry's answers (a repeat's entries share one page, so switching builds nothing).
        The caller has written pending typing and unregistered the old entry's paths."""
        for part in self.parts:
            part.rebind(pairs)
            self.ctrl.parts[part.path] = part
