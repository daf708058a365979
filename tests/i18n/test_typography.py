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
