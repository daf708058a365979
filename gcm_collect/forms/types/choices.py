"""Choosing from a choice list: one name, several names (in list order), or names ranked."""

from __future__ import annotations

from typing import Any

from gcm_collect.forms.expressions.values import to_str
from gcm_collect.forms.model import RANK, SELECT_MULTIPLE, SELECT_ONE, Question
from gcm_collect.forms.types.base import QuestionType, Sample
from gcm_collect.i18n import _


def _names(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(v, str) for v in value)


def check_one(q: Question, value: Any) -> str | None:
    return None if isinstance(value, str) else _("Expected one choice.")


def check_multiple(q: Question, value: Any) -> str | None:
    return None if _names(value) else _("Expected a list of choices.")


def check_rank(q: Question, value: Any) -> str | None:
    if not _names(value):
        return _("Expected the choices in ranked order.")
    if len(set(value)) != len(value):
        return _("A choice is ranked twice.")
    return None


def one(value: Any) -> list[str]:
    return [value]


def several(value: Any) -> list[str]:
    return list(value)


def split(value: Any) -> list[str]:
    """A default or calculated value: names separated by spaces."""
    return to_str(value).split()


def sample_one(q: Question, s: Sample) -> Any:
    return s.rng.choice(s.allowed) if s.allowed else None


def sample_multiple(q: Question, s: Sample) -> Any:
    allowed = s.allowed
    if not allowed:
        return None
    if "none" in allowed:  # "None of these" stands alone
        if s.rng.random() < 0.15:
            return ["none"]
        allowed = tuple(c for c in allowed if c != "none")
    k = min(len(allowed), s.rng.randint(1, 3))
    return sorted(s.rng.sample(list(allowed), k=k), key=list(allowed).index)


def sample_rank(q: Question, s: Sample) -> Any:
    if not s.allowed:
        return None
    return s.rng.sample(list(s.allowed), k=min(len(s.allowed), s.rng.randint(1, 3)))


TYPES = (
    QuestionType(
        SELECT_ONE,
        # "select one from L" and "add select one prompt using L": older pyxform spellings
        spellings=("select one", "select1", "select one from", "add select one prompt using"),
        file_spellings=("select_one_from_file", "select one from file"),
        check=check_one,
        picks=one,
        sample=sample_one,
        or_other=True,
        spaced_names=True,
    ),
    QuestionType(
        SELECT_MULTIPLE,
        spellings=(
            "select multiple",
            "select all that apply",
            "select all that apply from",
            "add select multiple prompt using",
        ),
        file_spellings=(
            "select_multiple_from_file",
            "select multiple from file",
            "select all that apply from file",
        ),
        check=check_multiple,
        picks=several,
        in_list_order=True,
        from_text=split,
        sample=sample_multiple,
        or_other=True,
    ),
    QuestionType(RANK, check=check_rank, picks=several, from_text=split, sample=sample_rank),
)
