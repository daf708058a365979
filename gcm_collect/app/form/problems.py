"""The list of problems: each entry names the question and jumps to it."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QWidget

from gcm_collect.app.form.controller import FormController
from gcm_collect.forms import Evaluation, Form, parse_path
from gcm_collect.forms.evaluate import REQUIRED
from gcm_collect.i18n import _, ngettext


class ProblemList(QListWidget):
    jump = Signal(str)  # answer path

    def __init__(self, ctrl: FormController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctrl = ctrl
        self.setObjectName("problems")
        self.setWordWrap(True)
        self.setUniformItemSizes(False)
        self._shown: list[tuple[str, str]] = []
        self.itemActivated.connect(self._go)
        self.itemClicked.connect(self._go)

    def show_problems(
        self, evaluation: Evaluation, force: bool = False, to_confirm: Sequence[str] = ()
    ) -> None:
        """Each wrong answer, and each missing one the officer has been to; the required
        answers not given yet are one line ("54 required answers still to give: the next is
        Reporting State") until Mark complete asks for them all. A new survey is not a list of
        54 problems."""
        ctrl = self.ctrl
        listed: list[Any] = []
        waiting: list[Any] = []
        for problem in evaluation.problems:
            later = problem.kind == REQUIRED and problem.path not in ctrl.touched
            (waiting if later and not ctrl.show_all else listed).append(problem)
        rows = [(self._text(p.path, p.message), p.path) for p in listed]
        if waiting:
            first = waiting[0].path
            where = describe_path(ctrl.form, ctrl.form_lang, ctrl.instances, first)
            text = ngettext(
                "{n} required answer still to give: {question}",
                "{n} required answers still to give; the next: {question}",
                len(waiting),
            ).format(n=len(waiting), question=where)
            rows.append((text, first))
        if to_confirm:  # answers carried from last cycle: one line, to the first of them
            where = describe_path(ctrl.form, ctrl.form_lang, ctrl.instances, to_confirm[0])
            text = ngettext(
                "{n} answer from last cycle to confirm: {question}",
                "{n} answers from last cycle to confirm; the next: {question}",
                len(to_confirm),
            ).format(n=len(to_confirm), question=where)
            rows.append((text, to_confirm[0]))
        if rows == self._shown and not force:
            return
        self._shown = rows
        self.setUpdatesEnabled(False)
        self.clear()
        for text, path in rows:
            item = QListWidgetItem(text, self)
            item.setData(Qt.ItemDataRole.UserRole, path)
            item.setToolTip(text)
        self.setUpdatesEnabled(True)

    def _text(self, path: str, message: str) -> str:
        where = describe_path(self.ctrl.form, self.ctrl.form_lang, self.ctrl.instances, path)
        return f"{where}: {message}"

    def _go(self, item: QListWidgetItem) -> None:
        self.jump.emit(item.data(Qt.ItemDataRole.UserRole))


def describe_path(form: Form, lang: str, instances: dict[str, list[str]], path: str) -> str:
    """An answer's place as an officer knows it, never by internal ids: "Practice 2 ›
    Objective 5 › Status" (entries by their number; a removed one says so), the question by its
    label in ``lang``."""
    entry = path.endswith("]")  # a repeat entry itself (added, removed, moved)
    try:
        name, pairs = parse_path(f"{path}/_" if entry else path)
    except ValueError:
        return path
    label = (form.item(name).label(lang)[0] if name in form else name) or name
    where = []
    for repeat, iid in pairs:
        order = instances.get(_repeat_path(pairs, repeat, iid), [])
        title = (form.group(repeat).label(lang)[0] if repeat in form else repeat) or repeat
        if iid in order:
            where.append(f"{title} {order.index(iid) + 1}")
        else:
            where.append(_("{entry} (removed)").format(entry=title))
    parent = form.parent(name) if name in form else None
    if parent is not None and not parent.is_repeat and form.parent(parent.name) is not None:
        # A question inside a sub-group (objective 5 inside section D): name the sub-group,
        # shortened, so "Status" of objective 5 and of objective 9 can be told apart.
        group = parent.label(lang)[0] or parent.name
        where.append(group if len(group) <= 40 else group[:39].rstrip() + "…")
    return " › ".join(where if entry else [*where, label])


def _repeat_path(pairs, repeat: str, iid: str) -> str:
    """The repeat path of the entry ``iid`` (its outer entries included)."""
    outer = []
    for r, i in pairs:
        if (r, i) == (repeat, iid):
            break
        outer.append(f"{r}[{i}]/")
    return "".join(outer) + repeat
