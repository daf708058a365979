"""Building a document in its own language, whatever language the app speaks."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from gcm_collect.i18n import language, set_language


@contextmanager
def speaking(lang: str) -> Iterator[None]:
    """``_``, plural rules, list separators and dates in ``lang`` while the document is built
    (the document is built in one go, on the thread that asked for it)."""
    before = language()
    set_language(lang)
    try:
        yield
    finally:
        set_language(before)
