"""Stored values as Excel cells: text made safe, numbers kept, dates and times as Excel's.

What a cell of a given question type looks like is ``workbook/questions.py``; these are the
conversions it uses, shared with the explanatory sheets.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any

from gcm_collect.forms.types import is_time

CELL_LIMIT = 32_767  # characters (UTF-16 units) in one Excel cell
# Characters an xlsx cannot hold (XML 1.0), lone surrogates included: shown as U+FFFD in the
# visible cell; the hidden record keeps the text exactly.
ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
# XML readers turn a carriage return into a line feed: write line ends as readers will see them,
# so a re-read cell matches its rendering (no false "edited after export").
_LINE_ENDS = re.compile(r"\r\n?")

Translate = Callable[[str], str]
Cells = Callable[[Mapping[str, Any]], list[Any]]  # one scope's answers -> its row's cells


@dataclass(frozen=True)
class Column:
    key: str  # the stable name (row 2)
    label: str  # the header for people (row 1), in the export language
    width: float
    source: str = ""  # the question name or metadata field the column shows


# --- cell values --------------------------------------------------------------------------------


def _utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def text_cell(text: str, marker: str) -> str:
    """User text as a visible cell: illegal characters replaced, over-long text cut visibly."""
    if ILLEGAL.search(text):
        text = ILLEGAL.sub("\ufffd", text)
    if "\r" in text:
        text = _LINE_ENDS.sub("\n", text)
    if len(text) > CELL_LIMIT // 2 and _utf16_len(text) > CELL_LIMIT:
        suffix = marker.format(count=len(text))
        keep = CELL_LIMIT - _utf16_len(suffix)
        cut = text[:keep]
        while (excess := _utf16_len(cut) - keep) > 0:  # astral characters take two units
            cut = cut[: len(cut) - excess]
        text = cut + suffix
    return text


def value_cell(value: Any, marker: str) -> Any:
    """Any stored value as a cell: numbers stay numbers, text is made safe."""
    if value is None:
        return None
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, int):
        return value if abs(value) < 10**15 else str(value)  # Excel keeps 15 digits
    if isinstance(value, float):
        return value if value == value and abs(value) != float("inf") else str(value)
    if isinstance(value, list):
        return text_cell(" ".join(str(v) for v in value), marker)
    return text_cell(str(value), marker)


def datetime_cell(value: Any, marker: str) -> Any:
    """A stored ISO date and time as an Excel date-time: the wall-clock time as recorded.

    Excel has no time zones: the UTC offset is left out of the cell (the hidden record keeps
    the answer whole), so reviewers can sort and subtract. Seconds are kept, fractions dropped
    (a cell shows minutes). Before 1900 (no Excel dates) it stays readable text.
    """
    if isinstance(value, str) and len(value) >= 16 and value[10] in "T ":
        try:
            moment = datetime.fromisoformat(value)
        except ValueError:
            moment = None
        if moment is not None:
            if moment.year >= 1900:
                return moment.replace(tzinfo=None, microsecond=0)
            zone = moment.replace(microsecond=0).isoformat()[19:]
            return f"{moment:%Y-%m-%d %H:%M}" + (f" {zone}" if zone else "")
    return value_cell(value, marker)


def utc_moment(value: Any) -> Any:
    """A UTC timestamp the app recorded (``2026-03-01T14:30:05.123Z``) as an Excel date-time
    for the explanatory sheets (headed "(UTC)"), so reviewers can sort and filter by it;
    anything else as it is."""
    if isinstance(value, str) and value.endswith("Z"):
        moment = datetime_cell(value, "")
        if isinstance(moment, datetime):
            return moment
    return value


def time_cell(value: Any, marker: str) -> Any:
    """A stored time (``HH:MM``, ``HH:MM:SS``) as an Excel time, fractions of a second dropped
    (truncated, so 23:59:59.9 never becomes 24:00); anything else stays text."""
    if is_time(value):
        return time.fromisoformat(value).replace(microsecond=0)
    return value_cell(value, marker)


def date_cell(value: Any, marker: str) -> Any:
    if isinstance(value, str) and len(value) == 10:
        try:
            day = date.fromisoformat(value)
        except ValueError:
            day = None
        if day is not None and day.year >= 1900:  # Excel has no earlier dates
            return day
    return value_cell(value, marker)
