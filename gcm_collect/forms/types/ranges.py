"""A number on a scale: ``parameters`` start, end and step (pyxform's defaults 1, 10, 1)."""

from __future__ import annotations

from typing import Any

from gcm_collect.forms.expressions.values import to_str
from gcm_collect.forms.model import RANGE, Question
from gcm_collect.forms.types.base import Pairs, QuestionType, Sample, whole
from gcm_collect.forms.types.numbers import check_decimal, number_of
from gcm_collect.i18n import _

DEFAULTS = {"start": "1", "end": "10", "step": "1"}  # pyxform's


def bounds(q: Question) -> tuple[float, float, float]:
    """The question's start, end and step."""
    start, end, step = (float(q.parameter(k, DEFAULTS[k])) for k in ("start", "end", "step"))
    return start, end, step


def range_problem(q: Question, value: float) -> str | None:
    """Why ``value`` is outside the range question's start, end and step, or None."""
    start, end, step = bounds(q)
    low, high = min(start, end), max(start, end)
    if not low <= value <= high:
        return _("Expected a number from {low} to {high}.").format(
            low=to_str(low), high=to_str(high)
        )
    steps = (value - start) / step
    if abs(steps - round(steps)) > 1e-9:
        return _("Expected a step of {step} from {start}.").format(
            step=to_str(step), start=to_str(start)
        )
    return None


def check(q: Question, value: Any) -> str | None:
    return check_decimal(q, value) or range_problem(q, float(value))


def parameters(pairs: dict[str, str]) -> tuple[Pairs, str | None]:
    """start, end and step, checked: numbers, at least one step (> 0) apart."""
    values = {**DEFAULTS, **pairs}
    try:
        start, end, step = (float(values[k]) for k in ("start", "end", "step"))
    except ValueError:
        return (), _("range parameters start, end and step must be numbers")
    if step <= 0 or start == end or abs(end - start) < step:
        return (), _("a range needs start and end at least one step (> 0) apart")
    return tuple(sorted((k, values[k]) for k in ("start", "end", "step"))), None


def sample(q: Question, s: Sample) -> Any:
    start, end, step = bounds(q)
    steps = int(abs(end - start) // step)
    value = start + step * s.rng.randint(0, steps) * (1 if end >= start else -1)
    return whole(round(value, 9))


TYPES = (
    QuestionType(
        RANGE,
        check=check,
        coerce=whole,
        from_text=number_of,
        sample=sample,
        parameters=parameters,
    ),
)
