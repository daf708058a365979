"""One widget class per question type: ``WIDGETS`` chooses it, by type, for a question."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from types import MappingProxyType

from PySide6.QtWidgets import QWidget

from gcm_collect.app.form.controller import FormController
from gcm_collect.app.form.questions.base import QuestionWidget
from gcm_collect.app.form.questions.choices import (
    CheckChoices,
    ComboChoice,
    RadioChoice,
    SearchableChecks,
    is_long,
)
from gcm_collect.app.form.questions.dates import DateInput
from gcm_collect.app.form.questions.files import FileInput
from gcm_collect.app.form.questions.moments import DateTimeInput, TimeInput
from gcm_collect.app.form.questions.numbers import DecimalInput, IntegerInput
from gcm_collect.app.form.questions.ranges import RangeInput
from gcm_collect.app.form.questions.rank import RankInput
from gcm_collect.app.form.questions.static import Acknowledge, Calculation, Note
from gcm_collect.app.form.questions.text import LineText, MultiText
from gcm_collect.forms import Question
from gcm_collect.forms.model import (
    ACKNOWLEDGE,
    CALCULATE,
    DATE,
    DATETIME,
    DECIMAL,
    FILE,
    INTEGER,
    METADATA_TYPES,
    NOTE,
    RANGE,
    RANK,
    SELECT_MULTIPLE,
    SELECT_ONE,
    TEXT,
    TIME,
)

Chooser = Callable[[FormController, Question], "type[QuestionWidget] | None"]


def _always(cls: type[QuestionWidget]) -> Chooser:
    return lambda ctrl, question: cls


def _never(ctrl: FormController, question: Question) -> None:
    """Filled in by the app, never asked (metadata)."""
    return None


# One entry per question type of forms/types (tests/test_question_types.py checks it).
WIDGETS: Mapping[str, Chooser] = MappingProxyType(
    {
        TEXT: lambda ctrl, q: MultiText if "multiline" in q.appearances else LineText,
        INTEGER: _always(IntegerInput),
        DECIMAL: _always(DecimalInput),
        RANGE: _always(RangeInput),
        DATE: _always(DateInput),
        TIME: _always(TimeInput),
        DATETIME: _always(DateTimeInput),
        SELECT_ONE: lambda ctrl, q: ComboChoice if is_long(ctrl, q) else RadioChoice,
        SELECT_MULTIPLE: lambda ctrl, q: SearchableChecks if is_long(ctrl, q) else CheckChoices,
        RANK: _always(RankInput),
        ACKNOWLEDGE: _always(Acknowledge),
        FILE: _always(FileInput),
        NOTE: _always(Note),
        CALCULATE: lambda ctrl, q: Calculation if q.labels else None,
        **dict.fromkeys(METADATA_TYPES, _never),
    }
)


def widget_class(ctrl: FormController, question: Question) -> type[QuestionWidget] | None:
    """The class showing ``question``; None for what is never shown (unlabelled calculations,
    metadata the app fills in)."""
    if question.is_metadata:
        return None
    if question.calculation is not None and question.type != NOTE:  # any type may be computed
        return Calculation if question.labels else None
    return WIDGETS.get(question.type, _never)(ctrl, question)


def make_question(
    ctrl: FormController,
    question: Question,
    pairs: tuple[tuple[str, str], ...],
    parent: QWidget | None = None,
) -> QuestionWidget | None:
    cls = widget_class(ctrl, question)
    return None if cls is None else cls(ctrl, question, pairs, parent)
