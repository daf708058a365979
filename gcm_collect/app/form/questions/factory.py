"""One widget class per question type; this maps a question to its widget."""

from __future__ import annotations

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


def widget_class(ctrl: FormController, question: Question) -> type[QuestionWidget] | None:
    """The class showing ``question``; None for what is never shown (unlabelled calculations,
    metadata the app fills in)."""
    kind = question.type
    if question.is_metadata:
        return None
    if kind == "calculate" or (question.calculation is not None and kind != "note"):
        return Calculation if question.labels else None
    if kind == "text":
        return MultiText if "multiline" in question.appearances else LineText
    if kind == "select_one":
        return ComboChoice if is_long(ctrl, question) else RadioChoice
    if kind == "select_multiple":
        return SearchableChecks if is_long(ctrl, question) else CheckChoices
    return {
        "integer": IntegerInput,
        "decimal": DecimalInput,
        "date": DateInput,
        "time": TimeInput,
        "dateTime": DateTimeInput,
        "range": RangeInput,
        "rank": RankInput,
        "file": FileInput,
        "note": Note,
        "acknowledge": Acknowledge,
    }.get(kind)


def make_question(
    ctrl: FormController,
    question: Question,
    pairs: tuple[tuple[str, str], ...],
    parent: QWidget | None = None,
) -> QuestionWidget | None:
    cls = widget_class(ctrl, question)
    return None if cls is None else cls(ctrl, question, pairs, parent)
