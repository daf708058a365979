"""Load gettext catalogs straight from the ``.po`` files, compiling them in memory.

Compiling on load means a fresh clone shows every language with no manual ``msgfmt`` step, and a
translator's edit to a ``.po`` file shows at the next start.
"""

from __future__ import annotations

import gettext
import io
import sys
from collections.abc import Callable
from functools import cache
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

# The six official UN languages, in the UN's own order (alphabetical in English).
LANGUAGES: tuple[str, ...] = ("ar", "zh", "en", "fr", "ru", "es")
DEFAULT_LANGUAGE = "en"
_RTL = frozenset({"ar"})


def is_rtl(code: str) -> bool:
    """True for right-to-left languages (of the six, Arabic)."""
    return code.split("_")[0] in _RTL


def translations_dir() -> Path:
    """Where the ``.po`` catalogs live: in the bundle when frozen, else beside the package."""
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle) / "translations"
    return Path(__file__).resolve().parents[2] / "translations"


@cache
def load_catalog(language: str, domain: str) -> gettext.NullTranslations:
    """The compiled catalog for one language and domain; the identity catalog when absent."""
    po_path = translations_dir() / language / "LC_MESSAGES" / f"{domain}.po"
    if not po_path.exists():
        return gettext.NullTranslations()
    with po_path.open("rb") as handle:
        catalog = read_po(handle, locale=language, domain=domain)
    buffer = io.BytesIO()
    # Fuzzy entries are a translator's unfinished work: never shown to users.
    write_mo(buffer, catalog, use_fuzzy=False)
    buffer.seek(0)
    return gettext.GNUTranslations(buffer)


class Translator:
    """Holds the current language and answers lookups in it; tells listeners when it changes."""

    def __init__(self, language: str = DEFAULT_LANGUAGE) -> None:
        self.language = language if language in LANGUAGES else DEFAULT_LANGUAGE
        self._listeners: list[Callable[[str], None]] = []

    def set_language(self, code: str) -> None:
        if code not in LANGUAGES:
            raise ValueError(f"unsupported language {code!r}; use one of {', '.join(LANGUAGES)}")
        if code == self.language:
            return
        self.language = code
        for listener in list(self._listeners):
            listener(code)

    def on_change(self, listener: Callable[[str], None]) -> None:
        self._listeners.append(listener)

    def off_change(self, listener: Callable[[str], None]) -> None:
        """Stop telling ``listener`` (a closed window must not be called again)."""
        if listener in self._listeners:
            self._listeners.remove(listener)

    def gettext(self, message: str, domain: str = "messages") -> str:
        return load_catalog(self.language, domain).gettext(message)

    def ngettext(self, singular: str, plural: str, n: int, domain: str = "messages") -> str:
        return load_catalog(self.language, domain).ngettext(singular, plural, n)

    def pgettext(self, context: str, message: str, domain: str = "messages") -> str:
        return load_catalog(self.language, domain).pgettext(context, message)
