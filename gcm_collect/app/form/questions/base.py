"""What every question widget shares: label with required mark, hint, the inline problem message,
relevance (shown or hidden), read-only state, and how answers reach the store."""

from __future__ import annotations

import re
from typing import Any, cast

import shiboken6
from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import (
    QAbstractSlider,
    QAbstractSpinBox,
    QApplication,
    QBoxLayout,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QScrollBar,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from gcm_collect.app.a11y import announce, faint_color, problem_color, tint
from gcm_collect.app.form.controller import FormController
from gcm_collect.app.form.questions.confirm import ConfirmMark
from gcm_collect.app.review_threads import QuestionThreads
from gcm_collect.forms import Evaluation, Question, make_path
from gcm_collect.forms.evaluate import REQUIRED
from gcm_collect.i18n import _

# Text typed is written after this short pause, on focus out and on close, whichever is first;
# and never later than MAX_WAIT_MS after the first unwritten key, even while typing without a
# pause: a crash loses at most the last second of typing (the write itself takes milliseconds).
TYPING_DELAY_MS = 300
MAX_WAIT_MS = 800
_REFERENCE = re.compile(r"\$\{([A-Za-z_][\w.-]*)\}")


def render_text(ctrl: FormController, text: str, pairs: tuple[tuple[str, str], ...]) -> str:
    """A form text with ``${name}`` replaced by the current answer or calculation."""
    if "${" not in text:
        return text

    def value(match: re.Match[str]) -> str:
        name = match[1]
        if name not in ctrl.form:
            return match[0]
        depth = len(ctrl.form.repeat_chain(name))
        path = make_path(name, pairs[:depth])
        ev = ctrl.evaluation
        found = ev.calculated.get(path, ev.answers.get(path, ""))
        if isinstance(found, list):
            found = ", ".join(str(v) for v in found)
        # Isolated (FSI ... PDI): a Latin answer inside an Arabic label, or the reverse,
        # keeps its own direction and does not reorder the words around it.
        return f"\u2068{str(found).strip()}\u2069"

    return _REFERENCE.sub(value, text)


class ChoiceGroup(QGroupBox):
    """The body of a radio or check-box question: a named group for screen readers ("Regional
    review, grouping"), drawn as nothing, so it looks like any other question's body."""

    def paintEvent(self, _event) -> None:  # noqa: N802 (Qt name)
        pass


class QuestionWidget(QWidget):
    """One question in one repeat instance (``pairs``); subclasses build ``self.body``."""

    GROUPED = False  # radio buttons and check boxes: the body is the question's named group

    def __init__(
        self,
        ctrl: FormController,
        question: Question,
        pairs: tuple[tuple[str, str], ...],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctrl = ctrl
        self.question = question
        self.pairs = pairs
        self.path = make_path(question.name, pairs)
        self.setObjectName(f"q_{question.name}")
        self._relevant: bool | None = None
        self._editable: bool | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 6)
        layout.setSpacing(3)
        self.label = QLabel(self)
        self.label.setWordWrap(True)
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        font = self.label.font()
        font.setBold(True)
        self.label.setFont(font)
        self.hint = QLabel(self)
        self.hint.setWordWrap(True)
        self.hint.setTextFormat(Qt.TextFormat.PlainText)
        self.hint.setProperty("role", "hint")
        tint(self.hint, faint_color(self.hint.palette()))
        self.message = QLabel(self)
        self.message.setObjectName("problem")
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        tint(self.message, problem_color(self.message.palette()))
        self.message.hide()
        layout.addWidget(self.label)
        self._confirm_mark: ConfirmMark | None = None  # made when first needed (see below)
        self._threads: QuestionThreads | None = None  # the same: reviewers' comments
        layout.addWidget(self.hint)
        self.body = ChoiceGroup(self) if self.GROUPED else QWidget(self)
        self._problem = ""  # the problem on show, also in the inputs' accessible description
        self._described: list[QWidget] = []  # the widgets whose description says it
        self.body.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        layout.addWidget(self.body)
        layout.addWidget(self.message)
        self.build()
        if self.inputs():
            self.label.setBuddy(self.inputs()[0])  # the question names its input
        WheelScrollsPage.guard(self.body)
        self.retranslate()
        self.show_value(ctrl.answer(self.path))
        self.show_threads()

    @property
    def confirm_mark(self) -> ConfirmMark:
        """The "to confirm" mark under the label, made on first need: most questions never
        carry one, and two widgets fewer per question make a big page quicker to show."""
        if self._confirm_mark is None:
            self._confirm_mark = ConfirmMark(self)
            cast(QBoxLayout, self.layout()).insertWidget(1, self._confirm_mark)
        return self._confirm_mark

    @property
    def threads(self) -> QuestionThreads:
        """The reviewers' threads under the question, made on first need (most have none)."""
        if self._threads is None:
            self._threads = QuestionThreads(self)
            self._threads.send.connect(self._reply_to_review)
            cast(QBoxLayout, self.layout()).addWidget(self._threads)
        return self._threads

    def show_threads(self) -> None:
        """Show the reviewers' threads on this answer, as the controller last read them."""
        found = self.ctrl.threads_at.get(self.path, ())
        if not found and self._threads is None:
            return
        self.threads.show_threads(found)
        # Tab goes from the answer to its threads, also for a box made after the page was.
        inputs = self.inputs()
        if inputs:
            self.threads.chain_tab_order(inputs[-1])

    def _reply_to_review(self, comment, text: str, resolve: bool) -> None:
        if self.ctrl.reply_to_review(comment, text, resolve=resolve) and self._threads:
            self._threads.sent(comment)

    def rebind(self, pairs: tuple[tuple[str, str], ...]) -> None:
        """Show this question for another repeat entry (its page is reused, not rebuilt)."""
        self.pairs = pairs
        self.path = make_path(self.question.name, pairs)
        self.rebound()
        self.show_threads()
        self.show_value(self.ctrl.answer(self.path))
        if "${" in self.question.label(self.ctrl.form_lang)[0]:
            self.retranslate()  # the label and the names built from it name the new entry
        else:
            self.apply(self.ctrl.evaluation)

    def show_saved(self) -> None:
        """Show the stored answer again (it was saved elsewhere meanwhile)."""
        self.rebind(self.pairs)

    # -- for subclasses ---------------------------------------------------------------------

    def rebound(self) -> None:
        """Follow a new ``path`` where the widget keeps paths or per-entry state of its own."""

    def build(self) -> None:
        """Create the input widgets inside ``self.body``."""

    def show_value(self, value: Any) -> None:
        """Display ``value`` (from the store) without writing it back."""

    def set_editable(self, editable: bool) -> None:
        self.body.setEnabled(editable)

    def inputs(self) -> list[QWidget]:
        """The widgets that take input (accessible names, focus)."""
        return []

    def retranslate_body(self) -> None:
        """Choice labels and the app's own words inside the body."""

    def apply_choices(self, allowed: tuple[str, ...] | None) -> None:
        """Show only the allowed choices (the form's choice_filter)."""

    # -- shared -------------------------------------------------------------------------------

    def commit(self, value: Any, path: str | None = None) -> bool:
        return self.ctrl.commit(path or self.path, value)

    def label_text(self) -> str:
        text, fallback = self.question.label(self.ctrl.form_lang)
        shown = render_text(self.ctrl, text, self.pairs)
        if fallback and shown:
            # Not translated into the form language: say which language is shown instead.
            language = self.ctrl.form.default_language.upper()
            shown = _("{text} [{language}]").format(text=shown, language=language)
        return shown

    def retranslate(self) -> None:
        lang = self.ctrl.form_lang
        text = self.label_text()
        required = self.question.required is not None
        self._show_label(text)
        if required:
            self.label.setToolTip(_("Required"))
        hint = self.question.hint(lang)[0]
        self.hint.setText(hint)
        self.hint.setVisible(bool(hint))
        self.retranslate_body()
        self.describe()
        if self._threads is not None:
            self._threads.retranslate()
        self.apply(self.ctrl.evaluation, force=True)

    def accessible_name(self) -> str:
        """The question's words, and whether it is required (the visible "*" is not read)."""
        text = self.label_text() or self.question.name
        if self.question.required is None:
            return text
        return _("{question} (required)").format(question=text)

    def accessible_description(self) -> str:
        """The problem on show first, then the hint."""
        return "\n".join(t for t in (self._problem, self.hint.text()) if t)

    def describe(self) -> None:
        """Name and describe the inputs for screen readers; a group names its body instead and
        each button keeps its own choice as its name."""
        name, description = self.accessible_name(), self.accessible_description()
        self._described = []
        # Orca reads a field's label (labelled-by) before its name: both say "required".
        self.label.setAccessibleName(name)
        if self.GROUPED:
            self.body.setAccessibleName(name)
            self.body.setAccessibleDescription(description)
            self._described.append(self.body)
            description = "\n".join(t for t in (name, description) if t)
        for widget in self.inputs():
            # A searchable list's typing field is what has focus: it is named the same.
            edit = widget.lineEdit() if isinstance(widget, QComboBox) else None
            for named in (widget, edit) if edit is not None else (widget,):
                if not self.GROUPED:
                    named.setAccessibleName(self.input_name(widget, name))
                named.setAccessibleDescription(description)
                self._described.append(named)

    def input_name(self, widget: QWidget, name: str) -> str:
        """An input's accessible name: the question's (a button keeps the words it shows)."""
        return name

    def _show_label(self, text: str) -> None:
        required = self.question.required is not None
        self.label.setText(f"{text} *" if required and text else text)  # also once re-rendered
        self.label.setVisible(bool(text))

    def apply(self, evaluation: Evaluation, force: bool = False) -> None:
        relevant = self.path in evaluation.relevant
        if relevant != self._relevant:
            self._relevant = relevant
            self.setVisible(relevant)
        editable = not self.ctrl.locked and self.path not in evaluation.read_only
        if editable != self._editable:
            self._editable = editable
            self.set_editable(editable)
        if "${" in self.question.label(self.ctrl.form_lang)[0] and not force:
            self._show_label(self.label_text())
        if self.question.choice_filter is not None:
            self.apply_choices(evaluation.choices.get(self.path))
        if self._confirm_mark is not None or self.path in self.ctrl.to_confirm:
            self.confirm_mark.follow()
        self.show_problem(evaluation)

    def show_problem(self, evaluation: Evaluation) -> None:
        unsaved = self.ctrl.unsaved
        if unsaved and (self.path in unsaved or f"{self.path}_other" in unsaved):
            problem = _("Not saved yet: the database refused it; trying again.")
        else:
            problems = self.ctrl.problems_at.get(self.path, ())
            shown = [p for p in problems if self._shows(p.kind)]
            problem = shown[0].message if shown else ""
        if problem:
            self.message.setText(problem)
        self.message.setVisible(bool(problem))
        if problem != self._problem:
            self._problem = problem
            self.describe()  # first: a screen reader may speak the new description, then this
            self._announce_problem(problem)

    def _announce_problem(self, now: str) -> None:
        # Only for the question just answered or in focus: marking a submission complete shows
        # dozens of problems at once, which the status line sums up instead.
        focused = QApplication.focusWidget()
        here = self.path == self.ctrl.last_written or (
            focused is not None and self.isAncestorOf(focused)
        )
        if not here or not self.isVisible():
            return
        question = self.label_text() or self.question.name
        if now:
            text = _("{question}: {problem}").format(question=question, problem=now)
        else:
            text = _("{question}: problem solved").format(question=question)
        announce(
            self.inputs()[0] if self.inputs() else self,
            text,
            urgent=bool(now),
            described=self._described if now else (),
        )

    def _shows(self, kind: str) -> bool:
        # A fresh form is not all red: "required" waits until the officer has been here or
        # asked to mark the submission complete; a wrong answer shows as soon as it is there.
        if self.ctrl.show_all or self.path in self.ctrl.touched:
            return True
        return kind != REQUIRED

    def focus_input(self) -> None:
        for widget in self.inputs():
            if widget.isVisible() and widget.isEnabled():
                widget.setFocus(Qt.FocusReason.OtherFocusReason)
                # Typing after a jump continues the answer rather than starting before it.
                if isinstance(widget, QLineEdit):
                    widget.end(False)
                elif isinstance(widget, QPlainTextEdit):
                    widget.moveCursor(QTextCursor.MoveOperation.End)
                return


class WheelScrollsPage(QObject):
    """The mouse wheel over an input the officer is not in scrolls the page, and never changes
    the answer (combo boxes, spin boxes, date and time fields, sliders); once in the field (by
    click or Tab), the wheel steps it as usual. A click still puts the field in focus; the wheel
    alone no longer does."""

    INPUTS = (QComboBox, QAbstractSpinBox, QAbstractSlider)

    @classmethod
    def guard(cls, root: QWidget) -> None:
        # Not a list's or a text box's own scroll bars: out of the Tab order, as Qt has them.
        inputs = [
            w
            for w in root.findChildren(QWidget)
            if isinstance(w, cls.INPUTS) and not isinstance(w, QScrollBar)
        ]
        if not inputs:
            return
        guard = cls(root)
        for widget in inputs:
            widget.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # not WheelFocus
            widget.installEventFilter(guard)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt name)
        if event.type() == QEvent.Type.Wheel and not (
            isinstance(watched, QWidget) and watched.hasFocus()
        ):
            # Handled here yet not accepted: Qt passes it on to the parents, up to the page.
            event.ignore()
            return True
        return False


class WriteSoon:
    """When a change waiting to be written is written: after a short pause in the typing, and at
    the latest ``MAX_WAIT_MS`` after the first change still waiting (a maximum wait, so steady
    typing is written too, not only a debounce). ``action`` writes; ``stop`` after a write."""

    def __init__(self, parent: QWidget, action, pause_ms: int | None = None) -> None:
        self.pause = QTimer(parent)
        self.pause.setSingleShot(True)
        self.pause.setInterval(TYPING_DELAY_MS if pause_ms is None else pause_ms)
        self.pause.timeout.connect(action)
        self.deadline = QTimer(parent)
        self.deadline.setSingleShot(True)
        self.deadline.setTimerType(Qt.TimerType.PreciseTimer)  # a coarse timer may fire 5 % late
        self.deadline.setInterval(max(MAX_WAIT_MS, self.pause.interval()))
        self.deadline.timeout.connect(action)

    def start(self) -> None:
        """A change: the pause starts again; the deadline keeps running from the first one."""
        self.pause.start()
        if not self.deadline.isActive():
            self.deadline.start()

    def stop(self) -> None:
        self.pause.stop()
        self.deadline.stop()

    def isActive(self) -> bool:  # noqa: N802 (reads as QTimer's, which it replaces)
        return self.pause.isActive() or self.deadline.isActive()


class Debounced:
    """Writes a typed value after a short pause or the maximum wait (``WriteSoon``); ``flush``
    writes at once (focus out, close)."""

    def __init__(self, owner: QuestionWidget, read, path: str | None = None) -> None:
        self.owner = owner
        self.read = read
        self.path = path
        self.pending = False
        self.timer = WriteSoon(owner, self.flush)
        ctrl = owner.ctrl
        ctrl.flushers.append(self.flush)
        owner.destroyed.connect(lambda *_: self._forget(ctrl))

    def _forget(self, ctrl: FormController) -> None:
        if self.flush in ctrl.flushers:
            ctrl.flushers.remove(self.flush)

    def changed(self) -> None:
        self.pending = True
        self.timer.start()
        self.owner.ctrl.pending.emit()

    def flush(self) -> None:
        if not self.pending or not shiboken6.isValid(self.owner):
            return
        self.pending = False
        self.timer.stop()
        value = self.read()
        if value is _INVALID:
            return
        self.owner.commit(value, self.path)


class _Invalid:
    pass


_INVALID = _Invalid()  # what a reader returns for text that is not a valid value yet
INVALID: Any = _INVALID
