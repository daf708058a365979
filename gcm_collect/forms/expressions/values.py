"""XPath 1.0 value rules as ODK applies them: strings, numbers, booleans, dates and node-sets.

Empty answers are the empty string. Numbers are floats, so division by zero gives Infinity or NaN
instead of an exception. Dates are ``datetime.date`` and turn into day numbers for arithmetic and
ordering, like ODK's ``decimal-date``.
"""

from __future__ import annotations

import math
import re
from datetime import date, timedelta

from gcm_collect.forms.expressions.ast import format_number

EPOCH = date(1970, 1, 1)
_NUMBER_RE = re.compile(r"\s*-?(?:\d+(?:\.\d*)?|\.\d+)\s*\Z")
_DATE_RE = re.compile(r"\s*(\d{4})-(\d{2})-(\d{2})\s*\Z")


class NodeSet(list):
    """All values of a question across repeat instances (``${q_in_repeat}`` from outside it)."""


def parse_date(text: str) -> date | None:
    m = _DATE_RE.match(text)
    if not m:
        return None
    try:
        return date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        return None


def to_str(v: object) -> str:
    if isinstance(v, str):
        return v
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, float):
        if math.isnan(v):
            return "NaN"
        if math.isinf(v):
            return "Infinity" if v > 0 else "-Infinity"
        return format_number(v + 0.0)  # + 0.0 turns -0.0 into 0.0
    if isinstance(v, date):
        return v.isoformat()
    if isinstance(v, NodeSet):
        return to_str(v[0]) if v else ""
    return str(v)


def str_to_num(s: str) -> float:
    return float(s) if _NUMBER_RE.match(s) else math.nan


def to_num(v: object) -> float:
    if isinstance(v, float):
        return v
    if isinstance(v, str):
        return str_to_num(v)
    if isinstance(v, bool):
        return 1.0 if v else 0.0
    if isinstance(v, date):
        return float((v - EPOCH).days)
    if isinstance(v, NodeSet):
        return to_num(v[0]) if v else math.nan
    return math.nan


def to_bool(v: object) -> bool:
    if isinstance(v, bool):
        return v
    if isinstance(v, str):
        return v != ""
    if isinstance(v, float):
        return not (v == 0.0 or math.isnan(v))
    if isinstance(v, NodeSet):
        return len(v) > 0
    return True


def to_date(v: object) -> date | None:
    if isinstance(v, date):
        return v
    if isinstance(v, str):
        return parse_date(v)
    if isinstance(v, float) and math.isfinite(v) and abs(v) < 2_000_000:
        return EPOCH + timedelta(days=math.floor(v))
    if isinstance(v, NodeSet) and v:
        return to_date(v[0])
    return None


def _ordinal(v: object) -> float:
    """Number for <, <=, >, >=: ISO date strings count as day numbers so dates order naturally."""
    if isinstance(v, str):
        d = parse_date(v)
        if d is not None:
            return float((d - EPOCH).days)
    return to_num(v)


def _equal(a: object, b: object) -> bool:
    if isinstance(a, bool) or isinstance(b, bool):
        return to_bool(a) == to_bool(b)
    if isinstance(a, float) or isinstance(b, float):
        return to_num(a) == to_num(b)
    if isinstance(a, date) or isinstance(b, date):
        da, db = to_date(a), to_date(b)
        if da is not None and db is not None:
            return da == db
    return to_str(a) == to_str(b)


def _scalar_compare(op: str, a: object, b: object) -> bool:
    if op == "=":
        return _equal(a, b)
    if op == "!=":
        return not _equal(a, b)
    x, y = _ordinal(a), _ordinal(b)
    if op == "<":
        return x < y
    if op == "<=":
        return x <= y
    if op == ">":
        return x > y
    return x >= y


def compare(op: str, a: object, b: object) -> bool:
    """XPath comparison; a node-set compares true if any of its members does."""
    if isinstance(a, NodeSet):
        return any(compare(op, x, b) for x in a)
    if isinstance(b, NodeSet):
        return any(compare(op, a, y) for y in b)
    return _scalar_compare(op, a, b)


def divide(a: float, b: float) -> float:
    try:
        return a / b
    except ZeroDivisionError:
        if a == 0.0 or math.isnan(a):
            return math.nan
        return math.copysign(math.inf, a) * math.copysign(1.0, b)


def modulo(a: float, b: float) -> float:
    try:
        return math.fmod(a, b)
    except (ValueError, ZeroDivisionError):
        return math.nan
