"""Text, and the metadata the app fills in as text (device id, user name, editing time)."""

from __future__ import annotations

from typing import Any

from gcm_collect.forms.model import AUDIT, DEVICEID, TEXT, USERNAME, Question
from gcm_collect.forms.types.base import QuestionType, Sample
from gcm_collect.i18n import _


def check(q: Question, value: Any) -> str | None:
    return None if isinstance(value, str) else _("Expected text.")


def sample(q: Question, s: Sample) -> str:
    return " ".join(s.rng.sample(list(s.sentences), k=s.rng.randint(1, 2)))


TYPES = (
    QuestionType(TEXT, spellings=("string",), check=check, sample=sample),
    *(
        QuestionType(kind, check=check, metadata=True, labelled=False)
        for kind in (DEVICEID, USERNAME, AUDIT)
    ),
)
