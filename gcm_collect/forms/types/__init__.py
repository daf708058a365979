"""The question-type registry: one module per XLSForm type (or family), looked up by name.

Everything that differs by question type in the core is a field of its ``QuestionType``
(``base.py``): spellings and parameters, the check of a stored answer and its message, the
value expressions see, coercion of loose input, demo samples. The workbook keeps one table of
cell handling keyed by type (``workbook/cells.py``) and the app one of widgets
(``app/form/questions/factory.py``); ``tests/forms/test_question_types.py`` names every table a
type is missing from. Adding a type: docs/architecture.md, "Where to add a question type".
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from types import MappingProxyType
from typing import Any

from gcm_collect.forms.model import OTHER_CHOICE, Form, Question
from gcm_collect.forms.types import (
    acknowledge,
    attachments,
    choices,
    computed,
    dates,
    moments,
    numbers,
    ranges,
    text,
)
from gcm_collect.forms.types.base import Filling, Invalid, QuestionType, Sample, stamp
from gcm_collect.forms.types.moments import is_datetime, is_time
from gcm_collect.forms.types.ranges import range_problem
from gcm_collect.i18n import _

TYPES: Mapping[str, QuestionType] = MappingProxyType(
    {
        t.name: t
        for module in (
            text,
            numbers,
            ranges,
            dates,
            moments,
            choices,
            acknowledge,
            attachments,
            computed,
        )
        for t in module.TYPES
    }
)
_PLAIN = QuestionType("")  # what an unknown type (a form of a later version) is read as

# The kinds of problem a check finds (evaluate.Problem.kind).
TYPE, CHOICE = "type", "choice"


def question_type(name: str) -> QuestionType:
    """The type called ``name`` (canonical spelling); an unknown one takes any value as is."""
    return TYPES.get(name, _PLAIN)


def type_problem(
    form: Form, q: Question, value: Any, allowed: Sequence[str] | None = None
) -> tuple[str, str] | None:
    """``(kind, message)`` when an answer (not empty) is not one of ``q``'s type: kind TYPE for
    its shape, CHOICE for a name not among ``allowed`` (default: the question's list)."""
    t = TYPES.get(q.type, _PLAIN)
    message = t.check(q, value)
    if message is not None:
        return TYPE, message
    if t.picks is None:
        return None
    names = form.choice_names(q) if allowed is None else allowed
    for v in t.picks(value):
        if v not in names and not (q.or_other and v == OTHER_CHOICE):
            return CHOICE, _("{value} is not one of the choices.").format(value=v)
    return None


def coerce(form: Form, q: Question, value: Any) -> Any:
    """Loose input (a JSON Lines value, a workbook cell as ``workbook/cells.py`` reads it) as
    the stored answer of ``q``, checked; raises Invalid with the check's message. The one
    conversion both imports use."""
    t = TYPES.get(q.type)
    if t is None:
        raise Invalid(_("questions of type {type} cannot be imported").format(type=q.type))
    value = t.coerce(value)
    problem = type_problem(form, q, value)
    if problem is not None:
        raise Invalid(problem[1])
    if t.in_list_order:
        order = [*(c.name for c in form.choices_for(q)), OTHER_CHOICE]
        value = sorted(set(value), key=order.index)
    return value


__all__ = [
    "CHOICE",
    "Filling",
    "TYPE",
    "TYPES",
    "Invalid",
    "QuestionType",
    "Sample",
    "coerce",
    "is_datetime",
    "is_time",
    "question_type",
    "range_problem",
    "stamp",
    "type_problem",
]
