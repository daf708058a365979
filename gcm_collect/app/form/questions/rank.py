"""rank questions: the choices in a list the officer puts in order, best first.

Moving a choice (buttons, Alt+Up/Alt+Down, or dragging) answers with the whole order; "Set this
order" answers with the order as shown, for an officer who agrees with it as it is.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from gcm_collect.app.form.questions.choices import ChoiceQuestion
from gcm_collect.i18n import _


class _AltArrows(QObject):
    """Alt+Up and Alt+Down move the current choice in the list."""

    def __init__(self, owner: RankInput) -> None:
        super().__init__(owner)
        self.owner = owner

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt name)
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            if event.modifiers() & Qt.KeyboardModifier.AltModifier and event.key() in (
                Qt.Key.Key_Up,
                Qt.Key.Key_Down,
            ):
                self.owner.move(-1 if event.key() == Qt.Key.Key_Up else 1)
                return True
        return False


class RankInput(ChoiceQuestion):
    def build(self) -> None:
        layout = QVBoxLayout(self.body)
        layout.setContentsMargins(0, 0, 0, 0)
        self.list = QListWidget(self.body)
        self.list.setObjectName("rankList")
        self.list.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.list.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.list.installEventFilter(_AltArrows(self))
        self.status = QLabel(self.body)
        self.status.setObjectName("rankStatus")
        self.status.setWordWrap(True)
        self.status.setProperty("role", "hint")
        row = QHBoxLayout()
        self.up = QPushButton(self.body)
        self.up.setObjectName("moveUp")
        self.down = QPushButton(self.body)
        self.down.setObjectName("moveDown")
        self.accept = QPushButton(self.body)
        self.accept.setObjectName("setOrder")
        self.clear = QPushButton(self.body)
        self.clear.setObjectName("clearRank")
        for button in (self.up, self.down, self.accept, self.clear):
            row.addWidget(button)
        row.addStretch(1)
        layout.addWidget(self.list)
        layout.addLayout(row)
        layout.addWidget(self.status)
        self._allowed: tuple[str, ...] | None = None
        self._showing = False
        self.up.clicked.connect(lambda: self.move(-1))
        self.down.clicked.connect(lambda: self.move(1))
        self.accept.clicked.connect(self._accept)
        self.clear.clicked.connect(self._clear)
        self.list.currentRowChanged.connect(lambda _row: self._update_buttons())
        self.list.model().rowsMoved.connect(self._dragged)

    def names(self) -> list[str]:
        return [c.name for c in self.choices()]  # rank has no "other"

    def order(self) -> list[str]:
        """The choices as shown (hidden, filtered-out ones left out), best first."""
        items = (self.list.item(row) for row in range(self.list.count()))
        return [item.data(Qt.ItemDataRole.UserRole) for item in items if not item.isHidden()]

    def move(self, delta: int) -> None:  # type: ignore[override]  # a choice, not the widget
        """Move the current choice up (-1) or down (1) among the shown ones and save the order."""
        if not self._can_edit():
            return
        shown = [r for r in range(self.list.count()) if not self.list.item(r).isHidden()]
        row = self.list.currentRow()
        if row not in shown:
            return
        at = shown.index(row) + delta
        if not 0 <= at < len(shown):
            return
        target = shown[at]
        self._showing = True
        try:
            item = self.list.takeItem(row)
            self.list.insertItem(target, item)
            self.list.setCurrentRow(target)
        finally:
            self._showing = False
        self.commit(self.order())
        self._show_status()

    def _dragged(self, *_args: Any) -> None:
        if not self._showing and self._can_edit():
            self.commit(self.order())
            self._show_status()

    def _accept(self) -> None:
        self.commit(self.order())
        self._show_status()
        self.list.setFocus()

    def _clear(self) -> None:
        self.commit(None)
        self.show_value(None)
        self.list.setFocus()

    def _can_edit(self) -> bool:
        return self.body.isEnabled() and not self.ctrl.locked

    def show_value(self, value: Any) -> None:
        names = self.names()
        ranked = [n for n in value if n in names] if isinstance(value, list) else []
        current = self.list.currentItem()
        keep = current.data(Qt.ItemDataRole.UserRole) if current is not None else None
        self._showing = True
        try:
            self.list.clear()
            for name in ranked + [n for n in names if n not in ranked]:
                item = QListWidgetItem(self.choice_label(name))
                item.setData(Qt.ItemDataRole.UserRole, name)
                self.list.addItem(item)
                if name == keep:
                    self.list.setCurrentItem(item)
            self._filter()
        finally:
            self._showing = False
        self._fit_height()
        self._show_status()

    def _fit_height(self) -> None:
        rows = max(1, sum(not self.list.item(r).isHidden() for r in range(self.list.count())))
        height = self.list.sizeHintForRow(0) if self.list.count() else 20
        self.list.setFixedHeight(rows * max(height, 18) + 2 * self.list.frameWidth() + 4)

    def _filter(self) -> None:
        for row in range(self.list.count()):
            item = self.list.item(row)
            item.setHidden(
                self._allowed is not None
                and item.data(Qt.ItemDataRole.UserRole) not in self._allowed
            )

    def apply_choices(self, allowed: tuple[str, ...] | None) -> None:
        if allowed != self._allowed:
            self._allowed = allowed
            self._filter()
            self._fit_height()

    def _show_status(self) -> None:
        ranked = self.ctrl.answer(self.path) is not None
        self.status.setText(
            _("Ranked, best first.")
            if ranked
            else _("Not ranked yet: move the choices into order, best first, or set this order.")
        )
        self._update_buttons()

    def _update_buttons(self) -> None:
        editable = self._can_edit()
        self.clear.setEnabled(editable and self.ctrl.answer(self.path) is not None)
        for button in (self.up, self.down, self.accept):
            button.setEnabled(editable)

    def set_editable(self, editable: bool) -> None:
        super().set_editable(editable)
        self.list.setDragDropMode(
            QAbstractItemView.DragDropMode.InternalMove
            if editable
            else QAbstractItemView.DragDropMode.NoDragDrop
        )
        self._update_buttons()

    def retranslate_body(self) -> None:
        for row in range(self.list.count()):
            item = self.list.item(row)
            item.setText(self.choice_label(item.data(Qt.ItemDataRole.UserRole)))
        question = self.label_text()
        for button, text, name in (
            (self.up, _("Move up"), _("Move up: {question}")),
            (self.down, _("Move down"), _("Move down: {question}")),
            (self.accept, _("Set this order"), _("Set this order: {question}")),
            (self.clear, _("Clear ranking"), _("Clear ranking: {question}")),
        ):
            button.setText(text)
            button.setAccessibleName(name.format(question=question))
        self.up.setToolTip(_("Move the chosen item up (Alt+Up)"))
        self.down.setToolTip(_("Move the chosen item down (Alt+Down)"))
        self._show_status()

    def inputs(self) -> list[QWidget]:
        return [self.list]
