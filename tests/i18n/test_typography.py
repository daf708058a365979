"""House typography and wording of the translations, checked on the catalogs themselves."""

from __future__ import annotations

import re

import pytest
from babel.messages.pofile import read_po

from gcm_collect.i18n import translations_dir

DOMAINS = ("messages", "forms")


def translations(language: str, domain: str) -> list[tuple[str, str]]:
    """(source, translation) of every entry, each plural form apart."""
    path = translations_dir() / language / "LC_MESSAGES" / f"{domain}.po"
    with path.open("rb") as handle:
        catalog = read_po(handle, locale=language, domain=domain)
    out = []
    for message in catalog:
        if not message.id:
            continue
        source = message.id if isinstance(message.id, str) else message.id[0]
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        out += [(source, s) for s in strings]
    return out


@pytest.mark.parametrize("domain", DOMAINS)
def test_french_puts_a_no_break_space_before_colon_semicolon_and_marks(domain):
    # French typography: « : », « ; », « ? » and « ! » follow a no-break space (U+00A0, as
    # the catalogs write it), never an ordinary one the line could break at.
    wrong = [t for _s, t in translations("fr", domain) if re.search(r" [:;?!]", t)]
    assert wrong == []


@pytest.mark.parametrize("domain", DOMAINS)
def test_arabic_mnemonics_start_a_word(domain):
    # "ال&استعراض" underlines a letter inside a word: the letters no longer join (the lam-alef
    # ligature breaks). The mnemonic goes at the start of a word: "&الاستعراض".
    inside = re.compile(r"(?<=[\u0600-\u06FF])&(?!&)")
    wrong = [t for _s, t in translations("ar", domain) if inside.search(t)]
    assert wrong == []


def test_arabic_joins_no_conjunction_to_latin_words():
    # "start وend" reads as one word in a right-to-left line: "start و end".
    wrong = [t for _s, t in translations("ar", "messages") if re.search(r"و[A-Za-z]", t)]
    assert wrong == []


def _glossary() -> list[dict[str, str]]:
    import csv

    with (translations_dir() / "glossary.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.mark.parametrize(
    "entry", _glossary(), ids=lambda e: f"{e['lang']}-{e['term']}".replace(" ", "_")
)
def test_key_terms_follow_the_glossary(entry):
    """Every translation of a text naming a key term renders it as the glossary says."""
    term = re.compile(re.escape(entry["term"]), re.IGNORECASE)
    use = re.compile(entry["use"], re.IGNORECASE)
    avoid = re.compile(entry["avoid"], re.IGNORECASE) if entry["avoid"] else None
    wrong = []
    for domain in DOMAINS:
        for source, text in translations(entry["lang"], domain):
            text = re.sub(r"&(?!&)", "", text)  # mnemonics: "Examen &regional:"
            if term.search(source) and (not use.search(text) or (avoid and avoid.search(text))):
                wrong.append(text)
    assert wrong == []


def test_the_glossary_covers_the_key_terms_in_every_language():
    terms = {(e["term"], e["lang"]) for e in _glossary()}
    for term in (
        "focal point",
        "whole-of-society approach",
        "whole-of-government approach",
        "regional review",
        "Member States",
        "IMRF",
    ):
        assert {lang for t, lang in terms if t == term} == {"ar", "zh", "fr", "ru", "es"}, term


def test_spanish_validation_messages_speak_in_the_present():
    # "Se esperaba un número." (past) read as if the form had expected it once: "Debe ser…".
    wrong = [
        t
        for s, t in translations("es", "messages")
        if s.startswith("Expected") and re.search(r"\besperaba", t)
    ]
    assert wrong == []
