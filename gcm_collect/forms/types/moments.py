"""Times of day (``HH:MM``) and moments (``YYYY-MM-DDTHH:MM``), asked or filled in (start, end)."""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any

from gcm_collect.forms.model import DATETIME, END, START, TIME, Question
from gcm_collect.forms.types.base import QuestionType, Sample, stamp
from gcm_collect.i18n import _

_TIME_RE = re.compile(r"([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d{1,6})?)?\Z")


def is_time(value: object) -> bool:
    """``HH:MM`` or ``HH:MM:SS`` (24-hour), as time answers are stored."""
    return isinstance(value, str) and bool(_TIME_RE.match(value))


def is_datetime(value: object) -> bool:
    """An ISO 8601 date and time (``2026-03-01T14:30``, seconds and offset optional)."""
    if not isinstance(value, str) or len(value) < 16 or value[10] not in "T ":
        return False
    try:
        datetime.fromisoformat(value)
    except ValueError:
        return False
    return True


def check_time(q: Question, value: Any) -> str | None:
    return None if is_time(value) else _("Expected a time (HH:MM).")


def check_datetime(q: Question, value: Any) -> str | None:
    return None if is_datetime(value) else _("Expected a date and time (YYYY-MM-DDTHH:MM).")


def sample_time(q: Question, s: Sample) -> str:
    return f"{s.rng.randint(8, 17):02d}:{s.rng.choice((0, 15, 30, 45)):02d}"


def sample_datetime(q: Question, s: Sample) -> str:
    return f"2026-{s.rng.randint(1, 12):02d}-{s.rng.randint(1, 28):02d}T{sample_time(q, s)}"


TYPES = (
    QuestionType(TIME, check=check_time, sample=sample_time, moment="time"),
    QuestionType(
        DATETIME,
        spellings=("datetime", "date time"),
        check=check_datetime,
        sample=sample_datetime,
        moment="dateTime",
    ),
    QuestionType(
        START, check=check_datetime, fill=lambda f: stamp(f.started_at), kept=True, labelled=False
    ),
    QuestionType(END, check=check_datetime, fill=lambda f: stamp(f.now), labelled=False),
)
