"""Stored dates and times (ISO 8601) as the app language writes them, for what the core shows
people (the review read-through, find in form, history): the short forms of Babel's CLDR data,
the year in full. The form's own fields show the same forms through Qt (same CLDR data)."""

from __future__ import annotations

from datetime import date, datetime, time

from gcm_collect.i18n import language


def _full_year(pattern: str) -> str:
    """A CLDR pattern with the year in full: "M/d/yy" -> "M/d/y" (y alone is the whole year)."""
    return pattern.replace("yy", "y") if "yyyy" not in pattern else pattern


def date_text(value: date, lang: str | None = None) -> str:
    from babel.dates import format_date, get_date_format  # loaded only when a date is shown

    lang = lang or language()
    return format_date(value, _full_year(get_date_format("short", lang).pattern), locale=lang)


def long_date_text(value: date, lang: str | None = None) -> str:
    """A date written out, as on a document's cover: "December 3, 2026", "2026年12月3日"."""
    from babel.dates import format_date

    return format_date(value, "long", locale=lang or language())


def time_text(value: time, lang: str | None = None) -> str:
    from babel.dates import format_time, get_time_format

    lang = lang or language()
    pattern = get_time_format("short", lang).pattern
    if value.second:
        pattern = pattern.replace("mm", "mm:ss")
    return format_time(value, pattern, locale=lang)


def shown(kind: str, value: str, lang: str | None = None) -> str:
    """A stored ``date``, ``time`` or ``dateTime`` answer as people read it (a date and time in
    this computer's time zone); a value that is not one, as it is."""
    try:
        if kind == "date":
            return date_text(date.fromisoformat(value), lang)
        if kind == "time":
            return time_text(time.fromisoformat(value), lang)
        moment = datetime.fromisoformat(value)
    except ValueError:
        return value
    if moment.tzinfo is not None:
        moment = moment.astimezone()
    return f"{date_text(moment.date(), lang)} {time_text(moment.time(), lang)}"
