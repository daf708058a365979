"""ODK's functions beyond XPath 1.0, as the ODK XForms specification defines them
(getodk.github.io/xforms-spec, "XPath Functions"): join, substr, min, max, now, once,
format-date and format-date-time. ``indexed-repeat`` and ``jr:choice-name`` need the form's
structure and live in compile.py."""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator
from datetime import date, datetime, time, timedelta
from typing import Any

from gcm_collect.forms.expressions.values import EPOCH, NodeSet, to_num, to_str

Fn = Callable[[Any], Any]


def _each(values: tuple[Any, ...]) -> Iterator[Any]:
    """Every value, the nodes of a node-set one by one."""
    for v in values:
        if isinstance(v, NodeSet):
            yield from v
        else:
            yield v


def join(separator: Fn, *args: Fn) -> Fn:
    """join(sep, nodes*): the values, the separator between them."""
    return lambda env: to_str(separator(env)).join(
        to_str(v) for v in _each(tuple(a(env) for a in args))
    )


def _index(n: float, default: int) -> int:
    return int(n) if math.isfinite(n) else default


def substr(value: Fn, start: Fn, end: Fn | None = None) -> Fn:
    """substr(value, start, end?): from the 0-based start to end - 1; negative counts from the
    end, as JavaRosa does."""

    def run(env: Any) -> str:
        text = to_str(value(env))
        first = _index(to_num(start(env)), 0)
        last = len(text) if end is None else _index(to_num(end(env)), len(text))
        return text[first:last]

    return run


def _extreme(pick: Callable[..., float]) -> Callable[..., Fn]:
    """min() and max() as in XPath 3.0: NaN when any value is not a number or there is none."""

    def make(*args: Fn) -> Fn:
        def run(env: Any) -> float:
            numbers = [to_num(v) for v in _each(tuple(a(env) for a in args))]
            if not numbers or any(math.isnan(n) for n in numbers):
                return math.nan
            return float(pick(numbers))

        return run

    return make


def now() -> Fn:
    """now(): the date and time with the laptop's offset, as ODK writes a dateTime."""
    return lambda env: datetime.now().astimezone().isoformat(timespec="milliseconds")


def once(value: Fn) -> Fn:
    """once(calc): the question's own value when it has one, else calc (calculated now)."""

    def run(env: Any) -> Any:
        return env.dot if to_str(env.dot) != "" else value(env)

    return run


def to_datetime(v: Any) -> datetime | None:
    """A date, a dateTime text (offset or Z allowed) or a day number, as a datetime."""
    if isinstance(v, NodeSet):
        v = v[0] if v else ""
    if isinstance(v, datetime):
        return v
    if isinstance(v, date):
        return datetime.combine(v, time())
    if isinstance(v, float):
        if not math.isfinite(v) or abs(v) > 2_000_000:
            return None
        return datetime.combine(EPOCH, time()) + timedelta(days=v)
    text = to_str(v).strip()
    if not text:
        return None
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None


_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def format_moment(moment: datetime, pattern: str, lang: str) -> str:
    """ODK's %-identifiers; month and day names in the form's language (Babel's short names)."""
    out: list[str] = []
    i = 0
    while i < len(pattern):
        ch = pattern[i]
        if ch != "%" or i + 1 == len(pattern):
            out.append(ch)
            i += 1
            continue
        code = pattern[i + 1]
        i += 2
        out.append(_part(moment, code, lang))
    return "".join(out)


# ODK's numeric %-identifiers, one a letter.
_NUMBERS: dict[str, Callable[[datetime], str]] = {
    "Y": lambda m: f"{m.year:04d}",
    "y": lambda m: f"{m.year % 100:02d}",
    "m": lambda m: f"{m.month:02d}",
    "n": lambda m: str(m.month),
    "d": lambda m: f"{m.day:02d}",
    "e": lambda m: str(m.day),
    "H": lambda m: f"{m.hour:02d}",
    "h": lambda m: str(m.hour),
    "M": lambda m: f"{m.minute:02d}",
    "S": lambda m: f"{m.second:02d}",
    "3": lambda m: f"{m.microsecond // 1000:03d}",
}


def _part(m: datetime, code: str, lang: str) -> str:
    if code in ("b", "a"):
        return _name(m, code, lang)
    number = _NUMBERS.get(code)
    return "%" + code if number is None else number(m)  # not an identifier: kept as written


def _name(m: datetime, code: str, lang: str) -> str:
    from babel.core import UnknownLocaleError
    from babel.dates import format_date

    try:
        return format_date(m.date(), "MMM" if code == "b" else "EEE", locale=lang or "en")
    except (UnknownLocaleError, ValueError):  # English, as a client without the locale would
        return _MONTHS[m.month - 1] if code == "b" else _DAYS[m.weekday()]


def format_date_time(value: Fn, pattern: Fn) -> Fn:
    def run(env: Any) -> str:
        moment = to_datetime(value(env))
        if moment is None:
            return ""
        return format_moment(moment, to_str(pattern(env)), env.session.lang)

    return run


FUNCTIONS: dict[str, Callable[..., Fn]] = {
    "join": join,
    "substr": substr,
    "min": _extreme(min),
    "max": _extreme(max),
    "now": now,
    "once": once,
    "format-date": format_date_time,
    "format-date-time": format_date_time,
}
