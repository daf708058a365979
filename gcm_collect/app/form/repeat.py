"""The editor of a repeat (practices, commitments): a list of entry titles beside the entry
being edited; add, duplicate, remove with undo, move up and down."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from gcm_collect.app.a11y import name_by_visible_words
from gcm_collect.app.form.controller import FormController
from gcm_collect.forms import Evaluation, Group, Item, Question, make_path
from gcm_collect.i18n import _

Pairs = tuple[tuple[str, str], ...]
# Makes the page of one entry: app.form.page.Page, passed in (a page holds repeat editors).
PageMaker = Callable[[FormController, tuple[Item, ...], Pairs, QWidget], Any]


class RepeatEditor(QFrame):
    def __init__(
        self,
        ctrl: FormController,
        group: Group,
        pairs: Pairs,
        parent: QWidget,
        make_page: PageMaker,
    ) -> None:
        super().__init__(parent)
        self.ctrl = ctrl
        self.make_page = make_page  # app.form.page.Page: an entry's questions are a page too
        self.group = group
        self.pairs = pairs
        self.repeat_path = make_path(group.name, pairs)
        self.setObjectName(f"r_{group.name}")
        self.undo_tokens: list[int] = []
        self.current: str | None = None
        self.editor: Any = None  # the entry's page (app.form.page.Page), made on first need
        self._relevant: bool | None = None
        self._title_question = _title_question(group)

        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 8, 0, 8)
        self.heading = QLabel(self)
        font = self.heading.font()
        font.setBold(True)
        self.heading.setFont(font)
        outer.addWidget(self.heading)
        row = QHBoxLayout()
        outer.addLayout(row, 1)

        side = QVBoxLayout()
        self.list = QListWidget(self)
        self.list.setObjectName("entries")
        self.list.setMinimumWidth(200)
        self.list.setMaximumWidth(260)
        self.list.setMinimumHeight(120)
        self.list.setMaximumHeight(260)
        self.list.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        side.addWidget(self.list)
        self.add_button = self._button("add", side)
        self.duplicate_button = self._button("duplicate", side)
        self.remove_button = self._button("remove", side)
        moves = QHBoxLayout()
        self.up_button = self._button("up", moves)
        self.down_button = self._button("down", moves)
        side.addLayout(moves)
        self.undo_label = QLabel(self)
        self.undo_label.setWordWrap(True)
        self.undo_button = self._button("undo", side)
        side.insertWidget(side.count() - 1, self.undo_label)
        side.addStretch(1)
        row.addLayout(side)

        self.editor_box = QVBoxLayout()
        self.empty = QLabel(self)
        self.empty.setWordWrap(True)
        self.editor_box.addWidget(self.empty)
        row.addLayout(self.editor_box, 1)

        self.add_button.clicked.connect(self.add)
        self.duplicate_button.clicked.connect(self.duplicate)
        self.remove_button.clicked.connect(self.remove)
        self.up_button.clicked.connect(lambda: self.move(-1))
        self.down_button.clicked.connect(lambda: self.move(+1))
        self.undo_button.clicked.connect(self.undo)
        self.list.currentRowChanged.connect(self._row_changed)
        for keys, step in (("Alt+Up", -1), ("Alt+Down", +1)):
            shortcut = QShortcut(QKeySequence(keys), self.list)
            shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
            shortcut.activated.connect(lambda step=step: self.move(step))
        shortcut = QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), self.list)
        shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
        shortcut.activated.connect(self.remove)
        ctrl.instances_changed.connect(self._instances_changed)
        self._fill(select=None)
        self._show_undo()
        self.retranslate()

    def _button(self, name: str, layout) -> QPushButton:
        button = QPushButton(self)
        button.setObjectName(f"{name}Entry")
        layout.addWidget(button)
        return button

    # -- entries --------------------------------------------------------------------------------

    def entries(self) -> list[str]:
        return list(self.ctrl.instances.get(self.repeat_path, []))

    def _fill(self, select: str | None) -> None:
        entries = self.entries()
        self.list.blockSignals(True)
        self.list.clear()
        for iid in entries:
            item = QListWidgetItem(self.list)
            item.setData(Qt.ItemDataRole.UserRole, iid)
        self.list.blockSignals(False)
        self._titles()
        if select is None or select not in entries:
            select = self.current if self.current in entries else (entries[0] if entries else None)
        self.select(select)

    def select(self, iid: str | None) -> None:
        """Show entry ``iid`` in the editor (None: no entry)."""
        entries = self.entries()
        row = entries.index(iid) if iid in entries else -1
        self.list.blockSignals(True)
        self.list.setCurrentRow(row)
        self.list.blockSignals(False)
        if iid != self.current or (iid is not None and self.editor is None):
            self._open(iid)
        self._enable()

    def _row_changed(self, row: int) -> None:
        entries = self.entries()
        self.select(entries[row] if 0 <= row < len(entries) else None)

    def _open(self, iid: str | None) -> None:
        self.ctrl.flush()  # what was typed in the entry being left is written first
        self._unregister()
        self.current = iid
        self.empty.setVisible(iid is None)
        if iid is None:
            if self.editor is not None:
                self.editor.hide()
            return
        pairs = self.pairs + ((self.group.name, iid),)
        if self.editor is not None:
            # Every entry has the same questions: the page shows the chosen entry's answers.
            self.editor.setUpdatesEnabled(False)
            self.editor.rebind(pairs)
            self.editor.setUpdatesEnabled(True)
            self.editor.show()
            return
        self.editor = self.make_page(self.ctrl, self.group.children, pairs, self)
        self.editor.setObjectName("entryEditor")
        self.editor.layout().setContentsMargins(8, 0, 0, 0)
        self.editor_box.addWidget(self.editor)
        self.editor.show()  # now, not at the next event loop turn: focus can go into it

    def _unregister(self) -> None:
        """The entry on show leaves the page: its paths (nested entries' too) are no part."""
        if self.editor is None or not self.current:
            return
        prefix = f"{self.repeat_path}[{self.current}]/"
        for path in [p for p in self.ctrl.parts if p.startswith(prefix)]:
            del self.ctrl.parts[path]

    @property
    def path(self) -> str:
        return self.repeat_path

    def rebind(self, pairs: Pairs) -> None:
        """A repeat nested in an entry: follow the outer entry now shown (its own entries)."""
        self._unregister()
        self.pairs = pairs
        self.repeat_path = make_path(self.group.name, pairs)
        self.current = None
        self.undo_tokens.clear()  # the removals to undo were made in the other entry
        self._fill(select=None)
        self._show_undo()
        self.apply(self.ctrl.evaluation)

    def _instances_changed(self, repeat_path: str) -> None:
        if repeat_path == self.repeat_path:
            self._fill(select=self.current)

    # -- actions --------------------------------------------------------------------------------

    def add(self) -> None:
        iid = self.ctrl.add_instance(self.repeat_path)
        if iid:
            self._fill(select=iid)
            self.focus_editor()

    def duplicate(self) -> None:
        if self.current:
            iid = self.ctrl.duplicate_instance(self.repeat_path, self.current)
            if iid:
                self._fill(select=iid)

    def remove(self) -> None:
        if not self.current or self.ctrl.locked:
            return
        entries = self.entries()
        index = entries.index(self.current)
        removed = self.current
        self.ctrl.flush()
        title = self.entry_title(removed, index)  # named before its answers go
        token = self.ctrl.remove_instance(self.repeat_path, removed)
        if token is None:
            return
        self.undo_tokens.append(token)
        self._removed_title = title
        entries = self.entries()
        self._fill(select=entries[min(index, len(entries) - 1)] if entries else None)
        self._show_undo()
        self.undo_button.setFocus()

    def undo(self) -> None:
        if not self.undo_tokens:
            return
        token = self.undo_tokens.pop()
        iid = self.ctrl.restore_instance(self.repeat_path, token)
        self._show_undo()
        if iid:
            self._fill(select=iid)
        # The Undo button has just hidden: focus stays here, on the entry brought back.
        self.list.setFocus()

    def move(self, step: int) -> None:  # type: ignore[override]  # an entry, not the widget
        if not self.current or self.ctrl.locked:
            return
        entries = self.entries()
        position = entries.index(self.current) + step
        if 0 <= position < len(entries):
            self.ctrl.move_instance(self.repeat_path, self.current, position)
            self.list.setFocus()

    def _show_undo(self) -> None:
        visible = bool(self.undo_tokens) and not self.ctrl.locked
        self.undo_label.setVisible(visible)
        self.undo_button.setVisible(visible)
        if visible:
            self.undo_label.setText(
                _("Removed: {title}").format(title=getattr(self, "_removed_title", ""))
            )

    def _enable(self) -> None:
        editable = not self.ctrl.locked
        entries = self.entries()
        index = entries.index(self.current) if self.current in entries else -1
        self.add_button.setEnabled(editable)
        self.duplicate_button.setEnabled(editable and index >= 0)
        self.remove_button.setEnabled(editable and index >= 0)
        self.up_button.setEnabled(editable and index > 0)
        self.down_button.setEnabled(editable and 0 <= index < len(entries) - 1)

    def focus_editor(self) -> None:
        """Focus the first answerable question of the entry on show (typing goes there)."""
        if self.editor is None or self.current is None:
            return
        prefix = f"{self.repeat_path}[{self.current}]/"
        # Parts are registered in page order, nested groups included.
        for path, part in list(self.ctrl.parts.items()):
            focus = getattr(part, "focus_input", None) if path.startswith(prefix) else None
            if focus is not None and isinstance(part, QWidget) and part.isVisibleTo(self):
                focus()
                focused = self.window().focusWidget()  # also while the window is inactive
                if focused is not None and part.isAncestorOf(focused):
                    return

    # -- titles ---------------------------------------------------------------------------------

    def entry_title(self, iid: str, index: int) -> str:
        label = self.group.label(self.ctrl.form_lang)[0] or self.group.name
        title = ""
        q = self._title_question
        if q is not None:
            value = self.ctrl.evaluation.answers.get(
                make_path(q.name, self.pairs + ((self.group.name, iid),))
            )
            if isinstance(value, str) and q.list_name:
                for choice in self.ctrl.form.choices_for(q):
                    if choice.name == value:
                        value = choice.label(self.ctrl.form_lang)[0]
            title = str(value).splitlines()[0] if value else ""
        return f"{index + 1}. {title}" if title else f"{index + 1}. {label}"

    def _titles(self) -> None:
        for row in range(self.list.count()):
            item = self.list.item(row)
            text = self.entry_title(item.data(Qt.ItemDataRole.UserRole), row)
            if item.text() != text:
                item.setText(text)
                item.setToolTip(text)

    # -- parts ----------------------------------------------------------------------------------

    def apply(self, evaluation: Evaluation) -> None:
        relevant = self.repeat_path in evaluation.relevant
        if relevant != self._relevant:
            self._relevant = relevant
            self.setVisible(relevant)
        self._titles()
        self._enable()
        self._show_undo()

    def retranslate(self) -> None:
        label = self.group.label(self.ctrl.form_lang)[0] or self.group.name
        self.heading.setText(label)
        self.list.setAccessibleName(_("Entries: {repeat}").format(repeat=label))
        self.add_button.setText(_("&Add {repeat}").format(repeat=label))
        self.duplicate_button.setText(_("D&uplicate"))
        self.remove_button.setText(_("&Remove"))
        self.up_button.setText(_("Move up"))
        self.down_button.setText(_("Move down"))
        self.up_button.setToolTip(_("Move the entry up (Alt+Up)"))
        self.down_button.setToolTip(_("Move the entry down (Alt+Down)"))
        self.undo_button.setText(_("U&ndo remove"))
        self.empty.setText(_("No entry yet. Use Add to describe one."))
        self._titles()
        self._show_undo()
        name_by_visible_words(self)


def _title_question(group: Group) -> Question | None:
    """The first text or single choice in the entry names it in the list."""
    for child in group.children:
        if isinstance(child, Question) and child.type in ("text", "select_one"):
            return child
    return None
