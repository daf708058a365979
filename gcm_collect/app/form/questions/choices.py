"""select_one and select_multiple: radio buttons and check boxes for short lists, a searchable
combo box or check list for long ones (more than 12 choices, or appearance ``minimal``), and the
free text of ``or_other``."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QCompleter,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from gcm_collect.app.form.questions.base import Debounced, QuestionWidget
from gcm_collect.forms import OTHER_CHOICE, Choice
from gcm_collect.i18n import _, join_list, ngettext

LONG_LIST = 12
LONG_LABEL = 80  # radio buttons and check boxes cannot wrap their text; a list can


def is_long(ctrl, question) -> bool:
    """Long lists, and lists with long choice texts, get the searchable list or combo box."""
    choices = ctrl.form.choices_for(question)
    if "minimal" in question.appearances or len(choices) > LONG_LIST:
        return True
    return any(len(text) > LONG_LABEL for c in choices for text in c.labels.values.values())


class ChoiceQuestion(QuestionWidget):
    """Shared by all choice widgets: the choice list, the filter and the ``other`` text."""

    def choices(self) -> tuple[Choice, ...]:
        return self.ctrl.form.choices_for(self.question)

    def names(self) -> list[str]:
        names = [c.name for c in self.choices()]
        if self.question.or_other and OTHER_CHOICE not in names:
            names.append(OTHER_CHOICE)
        return names

    def choice_label(self, name: str) -> str:
        for choice in self.choices():
            if choice.name == name:
                return choice.label(self.ctrl.form_lang)[0] or name
        return _("Other") if name == OTHER_CHOICE else name

    def build_other(self, layout) -> None:
        self.other = None
        if not self.question.or_other:
            return
        self.other = QLineEdit(self.body)
        self.other.setObjectName("otherText")
        layout.addWidget(self.other)
        self.other_typing = Debounced(
            self, lambda: self.other.text().strip() or None, self.path + "_other"
        )
        self.other.textEdited.connect(lambda _text: self.other_typing.changed())
        self.other.editingFinished.connect(self.other_typing.flush)
        self.other.setText(str(self.ctrl.answer(self.path + "_other") or ""))
        self.other.hide()

    def rebound(self) -> None:
        if self.other is not None:
            self.other_typing.path = self.path + "_other"
            self.other.setText(str(self.ctrl.answer(self.path + "_other") or ""))

    def show_other(self, chosen: bool) -> None:
        if self.other is not None:
            self.other.setVisible(chosen)

    def retranslate_other(self) -> None:
        if self.other is not None:
            self.other.setPlaceholderText(_("Please specify"))
            self.other.setAccessibleName(_("Other: {question}").format(question=self.label_text()))


class RadioChoice(ChoiceQuestion):
    GROUPED = True

    def build(self) -> None:
        layout = QVBoxLayout(self.body)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        self.group = QButtonGroup(self)
        self.buttons: dict[str, QRadioButton] = {}
        for name in self.names():
            button = QRadioButton(self.body)
            button.setObjectName(f"choice_{name}")
            self.buttons[name] = button
            self.group.addButton(button)
            # As wide as its text: a click far from the label does not choose it.
            layout.addWidget(button, 0, Qt.AlignmentFlag.AlignLeft)
        self.clear = QPushButton(self.body)
        self.clear.setObjectName("clearChoice")
        self.clear.setFlat(True)
        row = QHBoxLayout()
        row.addWidget(self.clear)
        row.addStretch(1)
        layout.addLayout(row)
        self.build_other(layout)
        self.group.buttonClicked.connect(self._clicked)
        self.clear.clicked.connect(self._clear)

    def _clicked(self, button: QAbstractButton) -> None:
        for name, candidate in self.buttons.items():
            if candidate is button:
                self.commit(name)
                self._update_extras(name)

    def _clear(self) -> None:
        self.group.setExclusive(False)
        for button in self.buttons.values():
            button.setChecked(False)
        self.group.setExclusive(True)
        self.commit(None)
        self._update_extras(None)
        self.focus_input()

    def _update_extras(self, value: Any) -> None:
        self.clear.setVisible(value is not None and self.body.isEnabled())
        self.show_other(value == OTHER_CHOICE)

    def show_value(self, value: Any) -> None:
        self.group.setExclusive(False)
        for name, button in self.buttons.items():
            button.setChecked(name == value)
        self.group.setExclusive(True)
        self._update_extras(value)

    def set_editable(self, editable: bool) -> None:
        super().set_editable(editable)
        self._update_extras(self.ctrl.answer(self.path))

    def apply_choices(self, allowed: tuple[str, ...] | None) -> None:
        for name, button in self.buttons.items():
            button.setVisible(allowed is None or name in allowed or name == OTHER_CHOICE)

    def retranslate_body(self) -> None:
        for name, button in self.buttons.items():
            button.setText(self.choice_label(name))
        self.clear.setText(_("Clear answer"))
        self.clear.setAccessibleName(
            _("Clear answer: {question}").format(question=self.label_text())
        )
        self.retranslate_other()

    def inputs(self) -> list[QWidget]:
        checked: list[QWidget] = [b for b in self.buttons.values() if b.isChecked()]
        return checked + [b for b in self.buttons.values() if not b.isChecked()]

    def retranslate(self) -> None:
        super().retranslate()
        # Each radio button is named by its own choice; the question names the group.
        for name, button in self.buttons.items():
            button.setAccessibleName(self.choice_label(name))


class ComboChoice(ChoiceQuestion):
    """A long list: type to search (any part of the name), or open the list."""

    def build(self) -> None:
        layout = QVBoxLayout(self.body)
        layout.setContentsMargins(0, 0, 0, 0)
        self.combo = QComboBox(self.body)
        self.combo.setEditable(True)
        self.combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.combo.setMaxVisibleItems(16)
        self.combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.combo.setMinimumContentsLength(28)
        completer = QCompleter(self.combo.model(), self.combo)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.combo.setCompleter(completer)
        layout.addWidget(self.combo)
        self.build_other(layout)
        self._filling = False
        self._allowed: tuple[str, ...] | None = None
        self.combo.currentIndexChanged.connect(self._picked)
        self._search_edit().editingFinished.connect(self._typed)

    def _search_edit(self) -> QLineEdit:
        edit = self.combo.lineEdit()  # the combo is editable: it always has one
        assert edit is not None
        return edit

    def _fill(self) -> None:
        self._filling = True
        try:
            self.combo.clear()
            self.combo.addItem("", None)
            for name in self.names():
                if self._allowed is None or name in self._allowed or name == OTHER_CHOICE:
                    self.combo.addItem(self.choice_label(name), name)
            self._select(self.ctrl.answer(self.path))
        finally:
            self._filling = False

    def _select(self, value: Any) -> None:
        index = self.combo.findData(value) if value is not None else 0
        self.combo.setCurrentIndex(max(index, 0))
        if value is not None and index < 0:
            self.combo.setEditText(str(value))  # a value the list no longer offers stays visible
        self.show_other(value == OTHER_CHOICE)

    def _picked(self, index: int) -> None:
        if self._filling or index < 0:
            return
        value = self.combo.itemData(index)
        self.commit(value)
        self.show_other(value == OTHER_CHOICE)

    def _typed(self) -> None:
        """Text typed that names a choice exactly selects it; anything else is undone."""
        text = self.combo.currentText().strip()
        if not text:
            if self.combo.currentIndex() != 0:
                self.combo.setCurrentIndex(0)
            return
        index = self.combo.findText(text, Qt.MatchFlag.MatchFixedString)
        if index >= 0:
            if index != self.combo.currentIndex():
                self.combo.setCurrentIndex(index)
        else:
            self._select(self.ctrl.answer(self.path))

    def show_value(self, value: Any) -> None:
        self._filling = True
        try:
            self._select(value)
        finally:
            self._filling = False

    def apply_choices(self, allowed: tuple[str, ...] | None) -> None:
        if allowed != self._allowed:
            self._allowed = allowed
            self._fill()

    def retranslate_body(self) -> None:
        self._fill()
        self._search_edit().setPlaceholderText(_("Type to search"))
        self.retranslate_other()

    def set_editable(self, editable: bool) -> None:
        self.combo.setEnabled(editable)
        if self.other is not None:
            self.other.setReadOnly(not editable)

    def inputs(self) -> list[QWidget]:
        return [self.combo]


class CheckChoices(ChoiceQuestion):
    """Check boxes, in two columns when there are more than six short ones."""

    GROUPED = True

    def build(self) -> None:
        layout = QVBoxLayout(self.body)
        layout.setContentsMargins(0, 0, 0, 0)
        grid = QGridLayout()
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(18)
        layout.addLayout(grid)
        names = self.names()
        longest = max((len(self.choice_label(n)) for n in names), default=0)
        columns = 2 if len(names) > 6 and longest <= 32 else 1
        rows = (len(names) + columns - 1) // columns
        self.boxes: dict[str, QCheckBox] = {}
        for i, name in enumerate(names):
            box = QCheckBox(self.body)
            box.setObjectName(f"choice_{name}")
            self.boxes[name] = box
            # Down the first column, then the second: reading order, as in a printed form.
            grid.addWidget(box, i % rows, i // rows, Qt.AlignmentFlag.AlignLeft)
            box.toggled.connect(self._toggled)
        self._showing = False
        self.build_other(layout)

    def value(self) -> list[str]:
        return [name for name, box in self.boxes.items() if box.isChecked()]

    def _toggled(self, _checked: bool) -> None:
        if self._showing:
            return
        value = self.value()
        self.commit(value)
        self.show_other(OTHER_CHOICE in value)

    def show_value(self, value: Any) -> None:
        chosen = value if isinstance(value, list) else []
        self._showing = True
        try:
            for name, box in self.boxes.items():
                box.setChecked(name in chosen)
        finally:
            self._showing = False
        self.show_other(OTHER_CHOICE in chosen)

    def apply_choices(self, allowed: tuple[str, ...] | None) -> None:
        for name, box in self.boxes.items():
            box.setVisible(allowed is None or name in allowed or name == OTHER_CHOICE)

    def retranslate_body(self) -> None:
        for name, box in self.boxes.items():
            box.setText(self.choice_label(name))
        self.retranslate_other()

    def retranslate(self) -> None:
        super().retranslate()
        for name, box in self.boxes.items():
            box.setAccessibleName(self.choice_label(name))

    def inputs(self) -> list[QWidget]:
        return list(self.boxes.values())


class SearchableChecks(ChoiceQuestion):
    """A long multiple choice (the 195 States): a search field over a list of check boxes."""

    def build(self) -> None:
        layout = QVBoxLayout(self.body)
        layout.setContentsMargins(0, 0, 0, 0)
        self.search = QLineEdit(self.body)
        self.search.setObjectName("searchChoices")
        self.search.setClearButtonEnabled(True)
        self.list = QListWidget(self.body)
        self.list.setWordWrap(True)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setMinimumHeight(150)
        self.list.setMaximumHeight(220)
        self.summary = QLabel(self.body)
        self.summary.setWordWrap(True)
        layout.addWidget(self.search)
        layout.addWidget(self.list)
        layout.addWidget(self.summary)
        self.items: dict[str, QListWidgetItem] = {}
        for name in self.names():
            item = QListWidgetItem(self.list)
            item.setData(Qt.ItemDataRole.UserRole, name)
            item.setFlags(
                Qt.ItemFlag.ItemIsEnabled
                | Qt.ItemFlag.ItemIsUserCheckable
                | Qt.ItemFlag.ItemIsSelectable
            )
            item.setCheckState(Qt.CheckState.Unchecked)
            self.items[name] = item
        self._showing = False
        self._allowed: tuple[str, ...] | None = None
        self.search.textChanged.connect(self._filter)
        self.list.itemChanged.connect(self._changed)
        self.build_other(layout)

    def value(self) -> list[str]:
        return [n for n, item in self.items.items() if item.checkState() == Qt.CheckState.Checked]

    def rebound(self) -> None:
        super().rebound()
        self.search.clear()  # another entry starts with the whole list, as a new page did

    def set_checked(self, name: str, checked: bool) -> None:
        """Tick or untick one choice, as a click on its box does."""
        self.items[name].setCheckState(
            Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked
        )

    def _changed(self, _item: QListWidgetItem) -> None:
        if self._showing:
            return
        value = self.value()
        self.commit(value)
        self._summarize(value)

    def _summarize(self, value: list[str]) -> None:
        self.show_other(OTHER_CHOICE in value)
        text = ngettext("{n} chosen", "{n} chosen", len(value)).format(n=len(value))
        if value:
            text += ": " + join_list(self.choice_label(n) for n in value)
        self.summary.setText(text)

    def _filter(self, text: str) -> None:
        needle = text.strip().casefold()
        for name, item in self.items.items():
            allowed = self._allowed is None or name in self._allowed or name == OTHER_CHOICE
            item.setHidden(not allowed or (needle not in item.text().casefold()))

    def show_value(self, value: Any) -> None:
        chosen = value if isinstance(value, list) else []
        self._showing = True
        try:
            for name, item in self.items.items():
                item.setCheckState(
                    Qt.CheckState.Checked if name in chosen else Qt.CheckState.Unchecked
                )
        finally:
            self._showing = False
        self._summarize(chosen)

    def apply_choices(self, allowed: tuple[str, ...] | None) -> None:
        if allowed != self._allowed:
            self._allowed = allowed
            self._filter(self.search.text())

    def retranslate_body(self) -> None:
        self._showing = True
        try:
            for name, item in self.items.items():
                item.setText(self.choice_label(name))
        finally:
            self._showing = False
        self.search.setPlaceholderText(_("Type to search"))
        self.search.setAccessibleName(_("Search: {question}").format(question=self.label_text()))
        self._summarize(self.value())
        self.retranslate_other()

    def inputs(self) -> list[QWidget]:
        return [self.list]
