"""The project's translator: gettext catalogs compiled from ``translations/*.po`` on load.

Import explicitly, never install a builtin::

    from gcm_collect.i18n import _, ngettext, N_

``_`` always answers in the current language, so a language switch at run time takes effect for
every string looked up afterwards.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable

from gcm_collect.i18n.catalogs import (
    DEFAULT_LANGUAGE,
    LANGUAGES,
    Translator,
    is_rtl,
    translations_dir,
)

translator = Translator()


def _(message: str) -> str:
    """Translate ``message`` into the current language (domain ``messages``)."""
    return translator.gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """Translate with the plural rule of the current language."""
    return translator.ngettext(singular, plural, n)


def N_(message: str) -> str:
    """Mark ``message`` for extraction without translating it now (translated where shown)."""
    return message


def set_language(code: str) -> None:
    translator.set_language(code)


def language() -> str:
    return translator.language


def latin_digits(text: str) -> str:
    """``text`` with the decimal digits of every script (Arabic-Indic ٢٠٢٥, Persian ۲۰۲۵,
    full-width ２０２５...) written 0-9, as officers type them on their own keyboards."""
    if text.isascii():
        return text
    return "".join(
        str(unicodedata.decimal(c)) if c.isdecimal() and not c.isascii() else c for c in text
    )


# How each language separates the items of a list inside a sentence (Arabic comma, Chinese
# enumeration comma).
_LIST_SEPARATORS = {"ar": "، ", "zh": "、"}


def join_list(items: Iterable[str]) -> str:
    """``items`` as a list in a sentence of the current language: ``a, b`` / ``a، b`` / ``a、b``."""
    return _LIST_SEPARATORS.get(language(), ", ").join(items)


__all__ = [
    "DEFAULT_LANGUAGE",
    "LANGUAGES",
    "N_",
    "Translator",
    "_",
    "is_rtl",
    "join_list",
    "latin_digits",
    "language",
    "ngettext",
    "set_language",
    "translations_dir",
    "translator",
]
