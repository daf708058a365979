"""Row 1 of every visible sheet speaks the export language: no English left, no raw names.

Real workbooks: demo submissions exported and consolidated in each of the six languages, row 1
read back with python-calamine (what a reviewer's spreadsheet shows).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from python_calamine import CalamineWorkbook

from gcm_collect.consolidate import consolidate
from gcm_collect.demo.generate import generate
from gcm_collect.export import export_workbook
from gcm_collect.i18n import LANGUAGES
from gcm_collect.store import Store
from gcm_collect.workbook import read_export

pytestmark = pytest.mark.slow  # the slow lane: `make test` runs it, `make test-fast` not

# Not English words: codes and names every language writes the same way.
KEPT = {"ISO3", "UUID", "UTC", "SHA", "GCM", "Collect", "COVID"}
LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z0-9]+")
RAW_NAME = re.compile(r"[a-z][a-z0-9]*(?:[_:/][a-z0-9]+)+")
# Headers that are rightly the same words in English and in French or Spanish.
SAME_IN = {
    "fr": {
        "Type",
        "Code",
        "Total",
        "Description",
        "A. Identification",
        "Source",
        "Question",
        "Date",
    },
    "es": {"Total"},
}


@pytest.fixture(scope="module")
def books(tmp_path_factory) -> dict[str, dict[str, Path]]:
    folder = tmp_path_factory.mktemp("headers")
    store = Store.open(folder / "db.sqlite")
    generate(store, 8, seed=3)
    out: dict[str, dict[str, Path]] = {}
    for lang in LANGUAGES:
        export = folder / f"export-{lang}.xlsx"
        export_workbook(store, export, lang=lang)
        regional = folder / f"regional-{lang}.xlsx"
        consolidate([export], regional, lang=lang)
        out[lang] = {"export": export, "regional": regional}
    store.close()
    return out


def first_rows(path: Path) -> dict[str, list[tuple[str, str]]]:
    """role -> [(row-2 key or column number, row-1 text)] of every visible sheet."""
    roles = {plan.name: plan.role for plan in read_export(path).meta.sheets}
    book = CalamineWorkbook.from_path(str(path))
    out = {}
    for name, role in roles.items():
        rows = book.get_sheet_by_name(name).to_python(nrows=2)
        first = rows[0] if rows else []
        second = rows[1] if len(rows) > 1 else []
        keys = [
            str(second[i]) if i < len(second) and second[i] else f"#{i}" for i in range(len(first))
        ]
        out[role] = [(k, str(v)) for k, v in zip(keys, first, strict=True) if v not in ("", None)]
    return out


@pytest.mark.parametrize("kind", ["export", "regional"])
@pytest.mark.parametrize("lang", LANGUAGES)
def test_row_one_has_no_raw_names(books, lang, kind):
    raw = [
        (role, key, text)
        for role, cells in first_rows(books[lang][kind]).items()
        for key, text in cells
        if RAW_NAME.fullmatch(text) or text == key
    ]
    assert raw == []


@pytest.mark.parametrize("kind", ["export", "regional"])
@pytest.mark.parametrize("lang", ["ar", "zh", "ru"])
def test_row_one_has_no_latin_words_in_other_scripts(books, lang, kind):
    english = [
        (role, text)
        for role, cells in first_rows(books[lang][kind]).items()
        for _key, text in cells
        if set(LATIN_WORD.findall(text)) - KEPT
    ]
    assert english == [], f"{len(english)} headers with English words, e.g. {english[:5]}"


@pytest.mark.parametrize("kind", ["export", "regional"])
@pytest.mark.parametrize("lang", ["fr", "es"])
def test_row_one_differs_from_english_in_latin_scripts(books, lang, kind):
    english = first_rows(books["en"][kind])
    theirs = first_rows(books[lang][kind])
    same = []
    for role, cells in theirs.items():
        en = dict(english[role])
        for key, text in cells:
            words = set(LATIN_WORD.findall(text))
            if text == en.get(key) and words - KEPT and text not in SAME_IN[lang]:
                same.append((role, key, text))
    assert same == [], f"{len(same)} headers left in English, e.g. {same[:5]}"


def _added(cells: dict[str, str], key: str) -> str | None:
    """What the workbook adds to a question's header in a derived column ("(label)")."""
    for suffix in (":label", "_other", ":sha256"):
        base = key.removesuffix(suffix)
        if base != key and base in cells:
            return cells[key].replace(cells[base], "").strip()
    return None


@pytest.mark.parametrize("lang", ["fr", "es", "ru", "ar", "zh"])
def test_derived_column_headers_are_translated(books, lang):
    english = first_rows(books["en"]["export"])
    theirs = first_rows(books[lang]["export"])
    left = []
    for role, cells in theirs.items():
        mine, en = dict(cells), dict(english[role])
        for key in mine:
            added = _added(mine, key)
            if added is not None and added == _added(en, key):
                left.append((role, key, mine[key]))
    assert left == [], f"{len(left)} derived headers in English, e.g. {left[:5]}"


def test_choice_headers_are_translated_in_arabic(books):
    """The case the issue names: "(label)" and "(other)" parts of choice columns."""
    cells = dict(first_rows(books["ar"]["export"])["submissions"])
    assert cells["consultation_methods:label"] == "أساليب التشاور (التسمية)"
    assert cells["consultation_methods_other"] == "أساليب التشاور (إجابة أخرى)"
