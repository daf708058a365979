"""Language columns: ``label::Français (fr)`` -> (``label``, ``fr``); plain ``label`` -> default."""

from __future__ import annotations

import re

from babel import Locale, UnknownLocaleError

UN_LANGUAGES = ("ar", "zh", "en", "fr", "ru", "es")
_CODE_IN_PARENS = re.compile(
    r"^(?P<name>.*?)\s*\((?P<code>[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]+)*)\)\s*$"
)
_BARE_CODE = re.compile(r"^[a-z]{2,3}(?:-[A-Za-z0-9]+)*$")
# Names people write without a code, in English and in the language itself.
_NAMES = {
    "arabic": "ar",
    "العربية": "ar",
    "chinese": "zh",
    "中文": "zh",
    "english": "en",
    "french": "fr",
    "français": "fr",
    "francais": "fr",
    "russian": "ru",
    "русский": "ru",
    "spanish": "es",
    "español": "es",
    "espanol": "es",
}


class LanguageError(ValueError):
    pass


def language_code(text: str) -> str:
    """The code of a language written as ``Français (fr)``, ``fr`` or ``French``."""
    text = text.strip()
    m = _CODE_IN_PARENS.match(text)
    if m:
        return m["code"].replace("_", "-").lower()
    if _BARE_CODE.match(text):
        return text
    code = _NAMES.get(text.lower())
    if code is None:
        raise LanguageError(text)
    return code


def split_column(header: str) -> tuple[str, str | None]:
    """``label::English (en)`` -> (``label``, ``en``); raises LanguageError for an unknown one."""
    if "::" not in header:
        return header.strip(), None
    base, _sep, lang = header.partition("::")
    return base.strip(), language_code(lang)


def column_header(base: str, code: str) -> str:
    """The header ``write_xlsform`` uses: ``label::English (en)``."""
    try:
        name = Locale.parse(code.replace("-", "_")).english_name or code
    except (UnknownLocaleError, ValueError):
        name = code
    return f"{base}::{name} ({code})"


def language_order(codes: set[str], default: str) -> tuple[str, ...]:
    """Stable order independent of column order: default first, then UN order, then the rest."""
    rest = sorted(codes - {default}, key=lambda c: (c not in UN_LANGUAGES, _un_index(c), c))
    return (default, *rest)


def _un_index(code: str) -> int:
    return UN_LANGUAGES.index(code) if code in UN_LANGUAGES else len(UN_LANGUAGES)
