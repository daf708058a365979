"""Language columns: ``label::Français (fr)`` -> (``label``, ``fr``); plain ``label`` -> default.

A language written without a code is looked up among the names of the six UN languages; any
other name (``label::Swahili``) stays a named language, keyed by its name, as pyxform does.
"""

from __future__ import annotations

import re

from gcm_collect.vocabulary import LANGUAGES as UN_LANGUAGES

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
    # the same six as French and Spanish speakers write them
    "arabe": "ar",
    "árabe": "ar",
    "chinois": "zh",
    "chino": "zh",
    "chinese (simplified)": "zh",
    "简体中文": "zh",
    "汉语": "zh",
    "anglais": "en",
    "inglés": "en",
    "ingles": "en",
    "francés": "fr",
    "frances": "fr",
    "russe": "ru",
    "ruso": "ru",
    "espagnol": "es",
}


class LanguageError(ValueError):
    pass


def language_code(text: str) -> str:
    """The code of a language written as ``Français (fr)``, ``fr`` or ``French``.

    Another name is kept as it is written (a named language); only an empty one is an error.
    """
    text = " ".join(text.split())
    if not text:
        raise LanguageError(text)
    m = _CODE_IN_PARENS.match(text)
    if m:
        return m["code"].replace("_", "-").lower()
    if _BARE_CODE.match(text):
        return text
    return _NAMES.get(text.lower(), text)


def is_code(lang: str) -> bool:
    """Whether ``lang`` is a language code (``fr``) rather than a named language (``Swahili``)."""
    return bool(_BARE_CODE.match(lang))


def split_column(header: str) -> tuple[str, str | None]:
    """``label::English (en)`` -> (``label``, ``en``); raises LanguageError for an unknown one."""
    if "::" not in header:
        return header.strip(), None
    base, _sep, lang = header.partition("::")
    return base.strip(), language_code(lang)


def column_header(base: str, code: str) -> str:
    """The header ``write_xlsform`` uses: ``label::English (en)``, ``label::Swahili``."""
    if not is_code(code):
        return f"{base}::{code}"
    from babel import Locale, UnknownLocaleError  # CLDR's names: only when writing a form out

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
