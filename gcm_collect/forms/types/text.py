"""Text, and the metadata the app fills in as text (device id, user name, editing time)."""

from __future__ import annotations

from typing import Any

from gcm_collect.forms.model import AUDIT, DEVICEID, TEXT, USERNAME, Question
from gcm_collect.forms.types.base import QuestionType, Sample, stamp
from gcm_collect.i18n import _


def check(q: Question, value: Any) -> str | None:
    return None if isinstance(value, str) else _("Expected text.")


def sample(q: Question, s: Sample) -> str:
    return " ".join(s.rng.sample(list(s.sentences), k=s.rng.randint(1, 2)))


# pyxform's "phone number": text taking digits only (a constraint the row may replace)
PHONE_NUMBER = ("phone number", "constraint", "regex(., '^[0-9]*$')")
TYPES = (
    QuestionType(
        TEXT,
        spellings=("string", PHONE_NUMBER[0]),
        implies=(PHONE_NUMBER,),
        check=check,
        sample=sample,
    ),
    # pyxform reads "imei" as deviceid: the laptop's id, never asked
    QuestionType(
        DEVICEID,
        spellings=("imei",),
        check=check,
        fill=lambda f: f.device_id,
        kept=True,
        labelled=False,
    ),
    QuestionType(USERNAME, check=check, fill=lambda f: f.username, kept=True, labelled=False),
    # "record timing": the ISO 8601 interval of the editing
    QuestionType(AUDIT, check=check, fill=lambda f: f"{f.began}/{stamp(f.now)}", labelled=False),
)
