"""Sheet names Excel accepts: at most 31 characters, none of []:*?/\\, not starting or ending
with an apostrophe, not "History" (reserved by Excel), unique ignoring case."""

from __future__ import annotations

import re
from collections.abc import Iterable

MAX_LEN = 31
_FORBIDDEN = re.compile(r"[\[\]:*?/\\\x00-\x1f]")
_RESERVED = {"history"}


def safe_sheet_name(name: str, fallback: str = "Sheet") -> str:
    """One name made acceptable (not yet unique)."""
    clean = _FORBIDDEN.sub("_", name).strip().strip("'").strip()
    clean = clean[:MAX_LEN].strip().strip("'")
    if not clean or clean.lower() in _RESERVED:
        clean = (clean + "_" if clean else fallback)[:MAX_LEN]
    return clean


def safe_sheet_names(names: Iterable[str], taken: Iterable[str] = ()) -> list[str]:
    """Acceptable names, unique ignoring case among themselves and ``taken``; suffixes `` (2)``
    keep the whole name within 31 characters."""
    used = {t.casefold() for t in taken}
    out = []
    for name in names:
        base = safe_sheet_name(name)
        candidate, n = base, 1
        while candidate.casefold() in used:
            n += 1
            suffix = f" ({n})"
            candidate = base[: MAX_LEN - len(suffix)].rstrip().rstrip("'") + suffix
        used.add(candidate.casefold())
        out.append(candidate)
    return out
