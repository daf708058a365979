"""Dates (ISO ``YYYY-MM-DD``), asked or filled in (``today``)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from gcm_collect.forms.expressions.values import parse_date
from gcm_collect.forms.model import DATE, TODAY, Question
from gcm_collect.forms.types.base import Invalid, QuestionType, Sample
from gcm_collect.i18n import _


def message() -> str:
    return _("Expected a date (YYYY-MM-DD).")


def check(q: Question, value: Any) -> str | None:
    if not isinstance(value, str) or parse_date(value) is None:
        return message()
    return None


def coerce(value: Any) -> str:
    try:
        return date.fromisoformat(value).isoformat()
    except (TypeError, ValueError):
        raise Invalid(message()) from None


def xpath(value: str) -> Any:
    d = parse_date(value)
    return value if d is None else d


def sample(q: Question, s: Sample) -> str:
    return (date(2019, 1, 1) + timedelta(days=s.rng.randint(0, 2700))).isoformat()


TYPES = (
    QuestionType(DATE, check=check, coerce=coerce, xpath=xpath, sample=sample, moment="date"),
    QuestionType(
        TODAY,
        check=check,
        coerce=coerce,
        xpath=xpath,
        fill=lambda f: f.now.date().isoformat(),
        kept=True,
        labelled=False,
    ),
)
