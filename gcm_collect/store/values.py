"""Answer values <-> JSON text, exactly (str, int, float, bool, list of those)."""

from __future__ import annotations

import json
import math
from typing import Any

_SCALARS = (str, int, float, bool)


def check(value: Any) -> None:
    """Raise TypeError/ValueError unless ``value`` is a storable answer (never None)."""
    if isinstance(value, list):
        for item in value:
            _check_scalar(item)
    else:
        _check_scalar(value)


def _check_scalar(value: Any) -> None:
    if not isinstance(value, _SCALARS):
        raise TypeError(f"answer values are str, int, float, bool or a list of them, not {value!r}")
    if isinstance(value, float) and not math.isfinite(value):
        raise ValueError(f"answer values must be finite numbers, not {value!r}")


def encode(value: Any) -> str:
    """Compact JSON text; the same value always gives the same text (used to detect no-ops)."""
    check(value)
    return dumps(value)


# json.dumps with these options makes a new encoder each call: kept once (imports and
# demo encode every answer of thousands of submissions).
_COMPACT = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), allow_nan=False).encode
_ESCAPED = json.JSONEncoder(ensure_ascii=True, separators=(",", ":"), allow_nan=False).encode


def dumps(value: Any) -> str:
    text: str = _COMPACT(value)
    if not text.isascii():
        try:
            text.encode("utf-8")
        except UnicodeEncodeError:
            # A lone surrogate cannot be stored as UTF-8; \u escapes still round-trip exactly.
            text = _ESCAPED(value)
    return text


def decode(text: str | None) -> Any:
    return None if text is None else json.loads(text)
