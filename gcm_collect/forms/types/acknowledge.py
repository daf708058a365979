"""An acknowledgement: true once given (``trigger`` in older forms); unanswered otherwise."""

from __future__ import annotations

from typing import Any

from gcm_collect.forms.expressions.values import to_str
from gcm_collect.forms.model import ACKNOWLEDGE, Question
from gcm_collect.forms.types.base import Invalid, QuestionType, Sample
from gcm_collect.i18n import _


def check(q: Question, value: Any) -> str | None:
    return None if isinstance(value, bool) else _("Expected a yes/no acknowledgement.")


def coerce(value: Any) -> bool:
    if value not in (True, "OK"):
        raise Invalid(_('must be true or "OK"'))
    return True


def from_text(value: Any) -> bool:
    return to_str(value).lower() in ("ok", "true", "yes", "1")


def sample(q: Question, s: Sample) -> bool:
    return True


TYPES = (
    QuestionType(
        ACKNOWLEDGE,
        spellings=("trigger",),
        check=check,
        coerce=coerce,
        from_text=from_text,
        sample=sample,
    ),
)
