"""The list of problems: each entry names the question and jumps to it."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QWidget

from gcm_collect.app.form.controller import FormController
from gcm_collect.forms import Evaluation, parse_path


class ProblemList(QListWidget):
    jump = Signal(str)  # answer path

    def __init__(self, ctrl: FormController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctrl = ctrl
        self.setObjectName("problems")
        self.setWordWrap(True)
        self.setUniformItemSizes(False)
        self._shown: tuple = ()
        self.itemActivated.connect(self._go)
        self.itemClicked.connect(self._go)

    def show_problems(self, evaluation: Evaluation, force: bool = False) -> None:
        problems = evaluation.problems
        if problems == self._shown and not force:
            return
        self._shown = problems
        self.setUpdatesEnabled(False)
        self.clear()
        for problem in problems:
            item = QListWidgetItem(self._text(problem.path, problem.message), self)
            item.setData(Qt.UserRole, problem.path)
            item.setToolTip(item.text())
        self.setUpdatesEnabled(True)

    def _text(self, path: str, message: str) -> str:
        name, pairs = parse_path(path)
        form, lang = self.ctrl.form, self.ctrl.form_lang
        label = form.question(name).label(lang)[0] if name in form else name
        label = label or name
        where = []
        for repeat, iid in pairs:
            order = self.ctrl.instances.get(_repeat_path(pairs, repeat, iid), [])
            number = order.index(iid) + 1 if iid in order else 0
            where.append(f"{form.group(repeat).label(lang)[0] or repeat} {number}")
        parent = form.parent(name) if name in form else None
        if parent is not None and not parent.is_repeat and form.parent(parent.name) is not None:
            # A question inside a sub-group (objective 5 inside section D): name the sub-group,
            # shortened, so "Status" of objective 5 and of objective 9 can be told apart.
            group = parent.label(lang)[0] or parent.name
            where.append(group if len(group) <= 40 else group[:39].rstrip() + "…")
        prefix = " › ".join(where)
        return f"{prefix} › {label}: {message}" if prefix else f"{label}: {message}"

    def _go(self, item: QListWidgetItem) -> None:
        self.jump.emit(item.data(Qt.UserRole))


def _repeat_path(pairs, repeat: str, iid: str) -> str:
    """The repeat path of the entry ``iid`` (its outer entries included)."""
    outer = []
    for r, i in pairs:
        if (r, i) == (repeat, iid):
            break
        outer.append(f"{r}[{i}]/")
    return "".join(outer) + repeat
