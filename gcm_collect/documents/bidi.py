"""The Unicode bidi algorithm's runs for a line of a right-to-left paragraph without explicit
embeddings: what nearly every line of an Arabic document is (Arabic with numbers, Latin names
and punctuation). fpdf2's full algorithm walks each character through Python objects and
took most of an Arabic report's time; lines with embeddings or isolates still go to it."""

from __future__ import annotations

import unicodedata
from functools import cache

EXPLICIT = {"LRE", "RLE", "LRO", "RLO", "PDF", "LRI", "RLI", "FSI", "PDI", "B", "S"}
NUMBERS = {"EN", "AN"}
STRONG = {"L", "R", "AL"}


@cache
def bidi_class(char: str) -> str:
    return unicodedata.bidirectional(char) or "L"


def explicit(text: str) -> bool:
    """Whether the line has embeddings, overrides, isolates or separators (the full
    algorithm's business)."""
    return not EXPLICIT.isdisjoint(map(bidi_class, set(text)))


def _weak(types: list[str]) -> list[str]:
    """Rules W1 to W7, for a paragraph whose start and end count as right to left."""
    _marks_and_arabic_numbers(types)
    _separators(types)
    _terminators(types)
    types[:] = ["ON" if t in ("ES", "ET", "CS") else t for t in types]  # W6
    strong = "R"
    for i, kind in enumerate(types):  # W7: European numbers after Latin are Latin
        if kind in ("L", "R"):
            strong = kind
        elif kind == "EN" and strong == "L":
            types[i] = "L"
    return types


def _marks_and_arabic_numbers(types: list[str]) -> None:
    """W1: a mark takes its base's type; W2: a number after Arabic letters is an Arabic
    number; W3: Arabic letters are right to left."""
    strong, previous = "R", "R"
    for i, kind in enumerate(types):
        if kind == "NSM":
            kind = types[i] = previous
        if kind in STRONG:
            strong = kind
        elif kind == "EN" and strong == "AL":
            types[i] = "AN"
        previous = types[i]
    types[:] = ["R" if t == "AL" else t for t in types]


def _separators(types: list[str]) -> None:
    """W4: one separator between two numbers of a kind joins them (a comma or stop between
    any, a plus or minus between European ones)."""
    for i in range(1, len(types) - 1):
        before, kind, after = types[i - 1], types[i], types[i + 1]
        if before != after or before not in NUMBERS:
            continue
        if kind == "CS" or (kind == "ES" and before == "EN"):
            types[i] = before


def _terminators(types: list[str]) -> None:
    """W5: terminators ("%", "$") next to a European number are part of it."""
    i = 0
    while i < len(types):
        if types[i] != "ET":
            i += 1
            continue
        j = i
        while j < len(types) and types[j] == "ET":
            j += 1
        if (j < len(types) and types[j] == "EN") or (i > 0 and types[i - 1] == "EN"):
            types[i:j] = ["EN"] * (j - i)
        i = j


def _neutrals(types: list[str]) -> list[bool]:
    """Rules N1, N2 and I2: each character right to left or not (numbers are not)."""
    strong = ["R" if t in NUMBERS else t if t in ("L", "R") else "" for t in types]
    out: list[bool] = []
    i = 0
    while i < len(types):
        if strong[i]:
            out.append(strong[i] == "R" and types[i] not in NUMBERS)
            i += 1
            continue
        j = i
        while j < len(types) and not strong[j]:
            j += 1
        before = strong[i - 1] if i else "R"
        after = strong[j] if j < len(types) else "R"
        side = before if before == after else "R"
        out += [side == "R"] * (j - i)
        i = j
    return out


def right_to_left_runs(text: str) -> list[tuple[str, bool]]:
    """The runs of a line in a right-to-left paragraph, in logical order: (text, right to
    left). The caller checked ``explicit(text)`` is false."""
    if not text:
        return []
    rtl = _neutrals(_weak([bidi_class(c) for c in text]))
    runs: list[tuple[str, bool]] = []
    start = 0
    for i in range(1, len(text) + 1):
        if i == len(text) or rtl[i] != rtl[start]:
            runs.append((text[start:i], rtl[start]))
            start = i
    return runs
