"""UTC timestamps as ISO 8601 text with milliseconds, from an injectable clock."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

Clock = Callable[[], datetime]


def utc_now() -> datetime:
    return datetime.now(UTC)


def iso_utc(moment: datetime) -> str:
    """``2026-05-09T07:35:25.123Z``: sorts as text in time order, which the indexes rely on."""
    if moment.tzinfo is None:
        # A naive time is ambiguous; refusing it keeps every stored timestamp in UTC.
        raise ValueError("the clock must return timezone-aware datetimes")
    moment = moment.astimezone(UTC)
    return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}Z"
