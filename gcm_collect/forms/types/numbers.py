"""Whole numbers and decimals."""

from __future__ import annotations

import math
from typing import Any

from gcm_collect.forms.expressions.values import str_to_num
from gcm_collect.forms.model import DECIMAL, INTEGER, Question
from gcm_collect.forms.types.base import QuestionType, Sample, whole
from gcm_collect.i18n import _


def check_integer(q: Question, value: Any) -> str | None:
    if isinstance(value, bool) or not isinstance(value, int):
        return _("Expected a whole number.")
    return None


def check_decimal(q: Question, value: Any) -> str | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return _("Expected a number.")
    if not math.isfinite(value):
        return _("Expected a finite number.")
    return None


def number_of(text: Any) -> Any:
    """A default or calculated value as a number; None when it is none."""
    if not isinstance(text, str):
        return text
    n = str_to_num(text)
    return whole(n) if math.isfinite(n) else None


def integer_of(text: Any) -> Any:
    n = number_of(text)
    return int(n) if isinstance(n, float) else n


def sample_integer(q: Question, s: Sample) -> int:
    return s.rng.randint(10, 50_000)


def sample_decimal(q: Question, s: Sample) -> float:
    return round(s.rng.uniform(10_000, 5_000_000), 2)


TYPES = (
    QuestionType(
        INTEGER,
        spellings=("int",),
        check=check_integer,
        coerce=whole,
        from_text=integer_of,
        sample=sample_integer,
    ),
    QuestionType(
        DECIMAL, check=check_decimal, coerce=whole, from_text=number_of, sample=sample_decimal
    ),
)
