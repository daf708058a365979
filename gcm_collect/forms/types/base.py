"""What a question type is: the parts each module of ``forms/types`` fills in.

A type owns its spellings in the ``type`` column, the check of a stored answer (with its one
message, shown alike by the form window, JSON Lines import and workbook edits), the value
expressions see, the coercion of loose input, and a plausible sample for the demo data.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from gcm_collect.forms.expressions.values import to_str
from gcm_collect.forms.model import Question

Pairs = tuple[tuple[str, str], ...]  # a question's parameters, sorted by key


class Invalid(ValueError):
    """Loose input that is not an answer of the type; ``str()`` is the message for people."""


@dataclass(frozen=True)
class Filling:
    """What the app knows when it fills metadata in (``forms/metadata.py``)."""

    now: datetime  # aware, so stamps carry their UTC offset
    started_at: datetime  # when this editing began
    device_id: str
    username: str
    began: str  # when the submission's editing began: its start answer, else started_at


def stamp(moment: datetime) -> str:
    """A moment as metadata store it (ISO 8601, to the second, with its offset)."""
    return moment.isoformat(timespec="seconds")


@dataclass(frozen=True)
class Sample:
    """What a type's sampler may draw on: a seeded generator, the choice names the question
    may take now, sentences in the submission's language."""

    rng: random.Random
    allowed: tuple[str, ...] = ()
    sentences: Sequence[str] = ()


def same(value: Any) -> Any:
    return value


def nothing(q: Question, value: Any) -> str | None:
    return None


def no_sample(q: Question, s: Sample) -> Any:
    return None


def text_of(value: Any) -> Any:
    """A default or calculated value as text (the answer of most types)."""
    return value if isinstance(value, str) else to_str(value)


def whole(value: Any) -> Any:
    """An integral float as the int it is (Excel and JSON write 3 as 3.0), else as is."""
    if isinstance(value, float) and value.is_integer() and abs(value) < 2**53:
        return int(value)
    return value


@dataclass(frozen=True)
class QuestionType:
    """One XLSForm question type. Only ``name`` is required; the rest default to a type that
    takes any value as is."""

    name: str
    # Other spellings of the type column (lower case, spaces single): "int" for integer.
    spellings: tuple[str, ...] = ()
    # Choice types: spellings that read the list from a CSV file beside the form.
    file_spellings: tuple[str, ...] = ()
    # Why a stored answer is not one of this type (a message), or None. Choice names are
    # checked against the list by the registry (see ``picks``).
    check: Callable[[Question, Any], str | None] = nothing
    # Loose input (a JSON value, a cell read by the workbook) in the stored shape; the registry
    # then checks it. Raises Invalid when it cannot be one.
    coerce: Callable[[Any], Any] = same
    # A default or calculated value (text or number) as an answer of this type.
    from_text: Callable[[Any], Any] = text_of
    # A stored string as expressions see it (dates as dates, files by name); None: as is.
    xpath: Callable[[str], Any] | None = None
    # A plausible answer for demo data (None: left unanswered).
    sample: Callable[[Question, Sample], Any] = no_sample
    # Choice types: the type column names a choice list, and an answer picks these names.
    picks: Callable[[Any], list[str]] | None = None
    # Several names kept in choice-list order, each once (select_multiple; a rank's order is
    # its answer).
    in_list_order: bool = False
    # The answer is written by the form, never given (note, calculate).
    computed: bool = False
    # Metadata (start, end, today, ...): the value the app fills in, never asked; and whether
    # it is set once and kept (start) or moves with every save (end).
    fill: Callable[[Filling], str] | None = None
    kept: bool = False
    # Choice types: ``or_other`` allowed; names with spaces allowed (select_one only: the other
    # types store several names separated by spaces).
    or_other: bool = False
    spaced_names: bool = False
    # The row needs a label (calculations and metadata do not).
    labelled: bool = True
    # The row needs a calculation (calculate).
    needs_calculation: bool = False
    # Spellings that also fill columns a row leaves empty, as pyxform's type dictionary does:
    # (spelling, column, text); "phone number" is text whose constraint takes digits only.
    implies: tuple[tuple[str, str, str], ...] = ()
    # Checks the ``parameters`` cell's pairs: (kept pairs, or a message). None: not used.
    parameters: Callable[[dict[str, str]], tuple[Pairs, str | None]] | None = None
    # The kind of moment the app language writes the answer as (i18n.moments.shown), if one.
    moment: str | None = None

    @property
    def takes_list(self) -> bool:
        return self.picks is not None

    @property
    def metadata(self) -> bool:
        return self.fill is not None
