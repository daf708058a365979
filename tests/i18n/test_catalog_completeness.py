"""Every catalog is complete in all six languages, and placeholders survive translation."""

from __future__ import annotations

import re

import pytest
from babel.messages.pofile import read_po

from gcm_collect.i18n import LANGUAGES, translations_dir

DOMAINS = ("messages", "forms")
PLACEHOLDER = re.compile(r"\{[^{}]*\}")


def catalog(language: str, domain: str):
    with (translations_dir() / language / "LC_MESSAGES" / f"{domain}.po").open("rb") as handle:
        return read_po(handle, locale=language, domain=domain)


def template_ids(domain: str) -> set:
    with (translations_dir() / f"{domain}.pot").open("rb") as handle:
        return {m.id if isinstance(m.id, str) else m.id[0] for m in read_po(handle) if m.id}


@pytest.mark.parametrize("domain", DOMAINS)
@pytest.mark.parametrize("language", LANGUAGES)
def test_complete_not_fuzzy_and_placeholders_kept(language, domain):
    problems = []
    entries = catalog(language, domain)
    ids = set()
    for message in entries:
        if not message.id:
            continue
        singular = message.id if isinstance(message.id, str) else message.id[0]
        ids.add(singular)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if message.fuzzy or not all(strings):
            problems.append(f"untranslated or fuzzy: {singular!r}")
            continue
        wanted = sorted(PLACEHOLDER.findall(singular))
        for text in strings:
            if sorted(PLACEHOLDER.findall(text)) != wanted:
                problems.append(f"placeholders differ: {singular!r} -> {text!r}")
    # Babel's own checkers (plural forms count, format strings).
    for message, errors in entries.check():
        problems.extend(f"{message.id!r}: {error}" for error in errors)
    missing = template_ids(domain) - ids
    problems.extend(f"not in the catalog (run make translations): {m!r}" for m in sorted(missing))
    assert problems == [], f"{language}/{domain}: " + "\n".join(problems[:30])


@pytest.mark.slow
def test_templates_hold_every_string_the_code_uses():
    # A string added to the code but not extracted would silently stay English.
    from babel.messages.extract import extract_from_dir
    from babel.messages.frontend import parse_mapping_cfg

    root = translations_dir().parent
    with (root / "babel.cfg").open() as handle:
        method_map, options_map = parse_mapping_cfg(handle)
    found = set()
    for folder in ("gcm_collect", "ui"):
        if not (root / folder).is_dir():
            continue
        for _file, _line, message, _comments, _context in extract_from_dir(
            str(root / folder),
            method_map,
            options_map,
            keywords={"_": None, "N_": None, "tr": None, "ngettext": (1, 2)},
        ):
            found.add(message if isinstance(message, str) else message[0])
    missing = found - template_ids("messages")
    assert missing == set(), f"run `make translations`: {sorted(missing)[:20]}"
