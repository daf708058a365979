"""A document attached in the app: stored as its name and SHA-256 (``forms/files.py``)."""

from __future__ import annotations

from typing import Any

from gcm_collect.forms.files import parse_file_value
from gcm_collect.forms.model import FILE, Question
from gcm_collect.forms.types.base import Invalid, QuestionType
from gcm_collect.i18n import _


def check(q: Question, value: Any) -> str | None:
    return None if parse_file_value(value) is not None else _("Expected an attached file.")


def coerce(value: Any) -> Any:
    raise Invalid(_("files cannot come in JSON Lines; attach them in the app"))


def xpath(value: str) -> Any:
    """Expressions see the file's name, as in ODK."""
    ref = parse_file_value(value)
    return value if ref is None else ref.name


TYPES = (QuestionType(FILE, check=check, coerce=coerce, xpath=xpath),)
