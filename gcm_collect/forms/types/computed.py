"""What the form writes itself: notes (text shown) and calculations (a value computed)."""

from __future__ import annotations

from typing import Any

from gcm_collect.forms.model import CALCULATE, NOTE
from gcm_collect.forms.types.base import Invalid, QuestionType
from gcm_collect.i18n import _


def coerce(value: Any) -> Any:
    raise Invalid(_("is computed by the form and cannot be given"))


TYPES = (
    QuestionType(NOTE, coerce=coerce, computed=True),
    QuestionType(
        CALCULATE,
        spellings=("calculation",),
        coerce=coerce,
        computed=True,
        labelled=False,
        needs_calculation=True,
    ),
)
