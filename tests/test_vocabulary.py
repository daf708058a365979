"""The vocabulary has one home, gcm_collect/vocabulary.py: its tables cover every language and
status, and no other module spells the lists out again."""

from __future__ import annotations

import re
from pathlib import Path

from gcm_collect import vocabulary
from gcm_collect.i18n import LANGUAGES, is_rtl
from gcm_collect.reference import commissions

PACKAGE = Path(vocabulary.__file__).parent


def test_every_table_covers_every_language_and_status_in_order():
    for table in (vocabulary.NATIVE_NAMES, vocabulary.ENGLISH_NAMES):
        assert tuple(table) == vocabulary.LANGUAGES
    for table in (vocabulary.STATUS_LABELS, vocabulary.STATUS_TITLES):
        assert tuple(table) == vocabulary.STATUSES
    assert set(vocabulary.DEFAULT_EXPORT_STATUSES) < set(vocabulary.STATUSES)
    assert vocabulary.DEFAULT_LANGUAGE in vocabulary.LANGUAGES


def test_the_catalogs_and_the_reference_data_use_it():
    assert LANGUAGES is vocabulary.LANGUAGES
    assert [code for code in LANGUAGES if is_rtl(code)] == ["ar"]
    # The reference data know each region by name, in the vocabulary's order.
    assert tuple(c.code for c in commissions()) == vocabulary.REGIONS


# A list spelled out again: three of its words in a row, quoted, comma-separated.
SPELLED_OUT = {
    "languages": re.compile(r"""["']ar["'],\s*["']zh["'],\s*["']en["']"""),
    "statuses": re.compile(r"""["']draft["'],\s*["']complete["'],\s*["']finalized["']"""),
    "regions": re.compile(r"""["']ECA["'],\s*["']ECE["'],\s*["']ECLAC["']"""),
}


def test_no_module_spells_a_list_out_again():
    found = [
        f"{path.relative_to(PACKAGE)}: {what}"
        for path in sorted(PACKAGE.rglob("*.py"))
        if path.name != "vocabulary.py"
        for what, pattern in SPELLED_OUT.items()
        if pattern.search(path.read_text(encoding="utf-8"))
    ]
    assert found == []
