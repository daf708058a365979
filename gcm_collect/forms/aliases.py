"""The spellings real XLSForms use for headers and types, mapped to the ones the engine reads.

pyxform (the converter behind ODK and KoboToolbox) accepts many spellings for the same thing:
``list name`` for ``list_name``, ``Label`` for ``label``, ``select one`` for ``select_one``,
``bind::relevant`` for ``relevant``, ``label:English`` for a language column. Forms are written
with all of them, so the reader folds them here, once, before it looks at anything else.
"""

from __future__ import annotations

from dataclasses import dataclass

from gcm_collect.forms.languages import language_code

# Columns whose header may carry a language, per sheet (after aliasing).
TRANSLATABLE = frozenset(
    {
        "label",
        "hint",
        "guidance_hint",
        "constraint_message",
        "required_message",
        "form_title",
        "media::image",
        "media::audio",
        "media::video",
        "media::big-image",
        "image",
        "audio",
        "video",
        "big-image",
    }
)

_COMMON = {
    "caption": "label",
    "constraint message": "constraint_message",
    "constraining message": "constraint_message",
    "jr:constraintmsg": "constraint_message",
    "bind::jr:constraintmsg": "constraint_message",
    "required message": "required_message",
    "jr:requiredmsg": "required_message",
    "bind::jr:requiredmsg": "required_message",
    "bind::relevant": "relevant",
    "bind::required": "required",
    "bind::constraint": "constraint",
    "bind::calculate": "calculation",
    "bind::readonly": "read_only",
    "control::appearance": "appearance",
    "control::jr:count": "repeat_count",
}
SURVEY_HEADERS = {
    **_COMMON,
    "command": "type",
    "tag": "name",
    "relevance": "relevant",
    "readonly": "read_only",
    "read only": "read_only",
    "calculate": "calculation",
    "count": "repeat_count",
    "jr:count": "repeat_count",
    "repeat count": "repeat_count",
    "choice filter": "choice_filter",
    "guidance hint": "guidance_hint",
}
CHOICES_HEADERS = {**_COMMON, "list name": "list_name", "value": "name"}
SETTINGS_HEADERS = {
    "title": "form_title",
    "form title": "form_title",
    "id_string": "form_id",
    "set form id": "form_id",
    "form id": "form_id",
    "default language": "default_language",
    "instance name": "instance_name",
}
_HEADERS = {"survey": SURVEY_HEADERS, "choices": CHOICES_HEADERS, "settings": SETTINGS_HEADERS}


NAMESPACES = ("bind", "control", "body")  # XForm parts pyxform lets a header address
# Columns a namespaced header may stand for: bind::relevant is relevant. Any other bind::
# column is kept as written (bind::odk:length), so the reader can tell logic it cannot read.
_PLAIN_IN_NAMESPACE = frozenset(
    {
        "relevant",
        "required",
        "required_message",
        "constraint",
        "constraint_message",
        "calculation",
        "read_only",
        "appearance",
        "repeat_count",
        "choice_filter",
        "default",
        "label",
        "hint",
    }
)


# Survey columns pyxform reads that GCM Collect does not, and that would change what is asked,
# required or accepted: ODK's trigger (recalculate when another answer changes) and any bind::
# attribute but OpenClinica's descriptive ones. Dropping them would silently change the form.
_LOGIC_COLUMNS = frozenset({"trigger"})
_HARMLESS_BINDS = ("bind::oc:",)


def changes_logic(base: str) -> bool:
    """Whether an unsupported survey column ``base`` (as parse_header names it) holds logic."""
    if base.startswith("bind::"):
        return not base.startswith(_HARMLESS_BINDS)
    return base in _LOGIC_COLUMNS


def _base(text: str, sheet: str) -> str:
    low = " ".join(text.lower().split())
    low = _HEADERS.get(sheet, CHOICES_HEADERS).get(low, low)
    return low.replace(" ", "_")


def _double_colon(text: str) -> str:
    """``bind:relevant`` and ``bind:jr:constraintMsg`` (one colon, as older forms write them;
    pyxform reads them so) -> ``bind::relevant``, ``bind::jr:constraintMsg``."""
    head, sep, rest = text.partition(":")
    if sep and not rest.startswith(":") and head.strip().lower() in NAMESPACES:
        return f"{head.strip()}::{rest.strip()}"
    return text


def parse_header(header: str, sheet: str) -> tuple[str, str | None]:
    """``Label::Français`` -> (``label``, ``fr``); ``label:English`` -> (``label``, ``en``).

    Raises ``LanguageError`` when a language part is empty (``label::``).
    """
    text = header.strip()
    low = text.lower()
    if low.startswith("media::"):  # media::image::English: the namespace is part of the base
        rest = text[len("media::") :]
        name, sep, lang = rest.partition("::")
        base = "media::" + name.strip().lower()
        return base, language_code(lang) if sep else None
    text = _double_colon(text)
    base_text, sep, lang = text.partition("::")
    if sep:
        base = _base(base_text, sheet)
        if base in NAMESPACES:  # bind::relevant and friends, not a language
            whole = _base(text, sheet)
            if whole in _HEADERS.get(sheet, {}).values():  # bind::jr:constraintMsg
                return whole, None
            inner, inner_lang = parse_header(lang, sheet)
            if inner in _PLAIN_IN_NAMESPACE:
                return inner, inner_lang
            return f"{base}::{_base(lang, sheet)}", None
        return base, language_code(lang)
    base = _base(text, sheet)
    if base in _HEADERS.get(sheet, {}).values() or base in TRANSLATABLE:
        return base, None
    # label:English (one colon) is common in hand-made forms; jr:count is not a language.
    head, sep, lang = text.partition(":")
    if sep and _base(head, sheet) in TRANSLATABLE and lang.strip():
        return _base(head, sheet), language_code(lang)
    return base, None


# --- types ------------------------------------------------------------------------------------

def _spellings() -> tuple[
    dict[str, str], tuple[tuple[str, str, bool], ...], dict[str, tuple[tuple[str, str], ...]]
]:
    """The type column's spellings, from the question-type registry: plain types by spelling,
    and choice types as (prefix, type, from a file), longest first so "select one from file"
    wins over "select one from" and "select one"."""
    from gcm_collect.forms.types import TYPES  # the registry imports the model, as we do

    simple: dict[str, str] = {}
    prefixes: list[tuple[str, str, bool]] = []
    implied: dict[str, list[tuple[str, str]]] = {}
    for t in TYPES.values():
        for spelling, column, value in t.implies:
            implied.setdefault(spelling, []).append((column, value))
        if t.takes_list:
            prefixes += [(p, t.name, False) for p in (t.name, *t.spellings)]
            prefixes += [(p, t.name, True) for p in t.file_spellings]
        else:
            simple.update(dict.fromkeys(t.spellings, t.name))
    ordered = tuple(sorted(prefixes, key=lambda p: -len(p[0])))
    return simple, ordered, {k: tuple(v) for k, v in implied.items()}


_SIMPLE, _CHOICE_PREFIXES, _IMPLIED = _spellings()
_EXTERNAL = ("select_one_external", "select one external", "select_multiple_external")
# Types that need hardware or services a laptop survey does not have: refused by name.
REFUSED = {
    "geopoint": "geopoint",
    "gps": "geopoint",
    "location": "geopoint",
    "geotrace": "geotrace",
    "geoshape": "geoshape",
    "start-geopoint": "start-geopoint",
    "background-geopoint": "background-geopoint",
    "audio": "audio",
    "video": "video",
    "image": "image",
    "photo": "image",
    "barcode": "barcode",
    "background-audio": "background-audio",
    "osm": "osm",
    "hidden": "hidden",
}
# Metadata a laptop cannot provide (phone numbers, SIM ids) and attachments for lookups that
# GCM Collect does not evaluate: accepted, the row ignored with a warning.
IGNORED = ("phonenumber", "simserial", "subscriberid", "email", "xml-external", "csv-external")


@dataclass(frozen=True)
class TypeSpec:
    kind: str  # canonical type, begin_group/end_group/begin_repeat/end_repeat, or as written
    list_name: str | None = None
    or_other: bool = False
    from_file: bool = False
    malformed: bool = False  # a choice type without (or with a bad) list name
    external: bool = False
    # (column, text) the spelling fills where the row leaves it empty ("phone number")
    implied: tuple[tuple[str, str], ...] = ()


def parse_type(raw: str) -> TypeSpec:
    """The type cell as the engine reads it; list names keep their case."""
    text = " ".join(raw.split())
    low = text.lower()
    for prefix in ("begin", "end"):
        for word in ("group", "repeat"):
            if low in (f"{prefix}_{word}", f"{prefix} {word}"):
                return TypeSpec(f"{prefix}_{word}")
    if low in ("begin looped group", "begin_looped_group", "begin lgroup"):
        return TypeSpec("begin_repeat")
    if low in ("end looped group", "end_looped_group", "end lgroup"):
        return TypeSpec("end_repeat")
    if low.startswith(_EXTERNAL):
        return TypeSpec(low.split()[0], external=True)
    for prefix, kind, from_file in _CHOICE_PREFIXES:
        if low == prefix or low.startswith(prefix + " "):
            rest = text[len(prefix) :].split()
            or_other = len(rest) == 2 and rest[1].lower() == "or_other"
            if not rest or len(rest) > 2 or (len(rest) == 2 and not or_other):
                return TypeSpec(kind, malformed=True, from_file=from_file)
            return TypeSpec(kind, rest[0], or_other, from_file)
    if low in _SIMPLE:
        return TypeSpec(_SIMPLE[low], implied=_IMPLIED.get(low, ()))
    if " " in low:
        return TypeSpec(text)
    return TypeSpec(low)
