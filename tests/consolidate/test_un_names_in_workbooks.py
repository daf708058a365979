"""Reviewer and regional workbooks name the States as the UN does, in the workbook's language."""

from __future__ import annotations

import openpyxl
import pytest
from datasets import open_store, record

from gcm_collect import reference as ref
from gcm_collect.consolidate import consolidate
from gcm_collect.export import export_workbook
from gcm_collect.i18n.catalogs import load_catalog

pytestmark = pytest.mark.slow  # the slow lane: `make test` runs it, `make test-fast` not


def table(ws) -> list[dict[str, object]]:
    """Rows of a data sheet as {stable column name (row 2): value}."""
    rows = list(ws.iter_rows(values_only=True))
    if len(rows) < 3:
        return []
    keys = rows[1]
    return [dict(zip(keys, row, strict=False)) for row in rows[2:]]


def _exports(folder):
    store = open_store(folder, "laptop.sqlite")
    with store.atomic():
        for n, state in enumerate(("RUS", "GBR", "MDA")):
            store.put_submission(record(n, state=state), who="test")
    for lang in ("fr", "ar"):
        export_workbook(store, folder / f"export-{lang}.xlsx", lang=lang)
    store.close()


@pytest.fixture()
def exported(tmp_path, built_once):
    """Fresh copies, in the test's folder, of the French and Arabic exports made once per run."""
    folder = built_once("un-names", _exports, tmp_path)
    return {lang: folder / f"export-{lang}.xlsx" for lang in ("fr", "ar")}


@pytest.mark.parametrize(
    ("lang", "names"),
    [
        (
            "fr",
            {
                "RUS": "Fédération de Russie",
                "GBR": "Royaume-Uni de Grande-Bretagne et d’Irlande du Nord",
                "MDA": "République de Moldova",
            },
        ),
        (
            "ar",
            {
                "RUS": "الاتحاد الروسي",
                "GBR": "المملكة المتحدة لبريطانيا العظمى وآيرلندا الشمالية",
                "MDA": "جمهورية مولدوفا",
            },
        ),
    ],
)
def test_export_and_regional_workbook_use_un_names(exported, tmp_path, lang, names):
    book = openpyxl.load_workbook(exported[lang], read_only=True)
    sheet = book.worksheets[1]  # Submissions, whatever its name in the language
    shown = {row["_state"]: row["_state:label"] for row in table(sheet)}
    book.close()
    assert shown == names
    assert all(ref.state_name(iso3, lang) == name for iso3, name in names.items())

    out = tmp_path / f"ece-{lang}.xlsx"
    consolidate([exported[lang]], out, region="ECE", lang=lang)
    book = openpyxl.load_workbook(out, read_only=True)
    named = {}  # sheet title -> {ISO3: name shown} for every sheet with a State name column
    for ws in book.worksheets:
        rows = table(ws)
        if rows and "_state:label" in rows[0]:
            named[ws.title] = {row["_state"]: row["_state:label"] for row in rows}
    book.close()
    assert len(named) >= 2, named.keys()  # Coverage and Submissions at least
    for title, shown in named.items():
        # the UN name; Kosovo (an ECE review participant) with its footnote's mark
        assert all(shown[iso3] == ref.state_label(iso3, lang) for iso3 in shown), title
        for iso3, name in names.items():
            assert shown[iso3] == name, title
    # Coverage lists every State of the region, reporting or not.
    assert any(set(shown) == {s.iso3 for s in ref.states_of("ECE")} for shown in named.values())


KOSOVO_EN = (
    "*References to Kosovo shall be understood to be in the context of United Nations "
    "Security Council resolution 1244 (1999)."
)


def cells(ws) -> list[object]:
    return [c.value for row in ws.iter_rows() for c in row if c.value is not None]


def test_kosovo_is_named_with_its_footnote_in_export_and_regional_workbook(tmp_path):
    store = open_store(tmp_path, "kosovo.sqlite")
    with store.atomic():
        store.put_submission(record(1, state="XKX"), who="test")
        store.put_submission(record(2, state="SRB"), who="test")
    export_workbook(store, tmp_path / "en.xlsx", lang="en")
    export_workbook(store, tmp_path / "ar.xlsx", lang="ar")
    store.close()

    book = openpyxl.load_workbook(tmp_path / "en.xlsx")
    cover, submissions = book.worksheets[0], book.worksheets[1]
    assert KOSOVO_EN in cells(cover)
    shown = {row["_state"]: row["_state:label"] for row in table(submissions)}
    assert shown == {"XKX": "Kosovo*", "SRB": "Serbia"}
    # The footnote in a note on the State column, and at the foot of every printed page.
    column = [c.value for c in submissions[2]].index("_state:label")
    assert submissions[1][column].comment.text == KOSOVO_EN  # on the header people read
    assert all(
        ws.oddFooter.left.text == KOSOVO_EN for ws in book.worksheets if ws.sheet_state == "visible"
    )
    book.close()

    book = openpyxl.load_workbook(tmp_path / "ar.xlsx")
    # In Arabic, the working translation says it is one (no UN text in Arabic was available).
    expected = ref.footnote_line("XKX", "ar", load_catalog("ar", "messages").gettext)
    assert expected in cells(book.worksheets[0])
    assert expected.startswith("*ينبغي فهم كل إشارة إلى كوسوفو") and "غير رسمية" in expected
    shown = {row["_state"]: row["_state:label"] for row in table(book.worksheets[1])}
    assert shown["XKX"] == "كوسوفو*"
    # page footers run left to right: a right-to-left mark keeps the "*" before the words
    assert book.worksheets[1].oddFooter.left.text == "\u200f" + expected
    book.close()

    out = tmp_path / "ece.xlsx"
    consolidate([tmp_path / "en.xlsx"], out, region="ECE")
    book = openpyxl.load_workbook(out)
    assert KOSOVO_EN in cells(book["About"])
    assert KOSOVO_EN in cells(book["Summary"])
    coverage = book["Coverage"]
    (kosovo,) = [row[1] for row in coverage.iter_rows(min_row=3) if row[0].value == "XKX"]
    assert kosovo.value == "Kosovo*" and kosovo.comment.text == KOSOVO_EN
    (serbia,) = [row[1] for row in coverage.iter_rows(min_row=3) if row[0].value == "SRB"]
    assert serbia.value == "Serbia" and serbia.comment is None
    book.close()


def test_a_workbook_naming_no_footnoted_state_has_no_footnote():
    from gcm_collect.workbook.layout import labels_for

    labels = labels_for(["FRA", "SRB"], "en", lambda text: text)
    assert labels["footnote"] == {}
    assert labels_for(["XKX"], "en", lambda text: text)["footnote"] == {"XKX": KOSOVO_EN}


def test_without_kosovo_in_the_data_only_the_cover_and_pages_carry_the_footnote(tmp_path):
    # The built-in form's codebook lists Kosovo among the States: the footnote goes on the cover
    # and the printed pages, but the State column has no note when no row names Kosovo.
    store = open_store(tmp_path, "serbia.sqlite")
    store.put_submission(record(2, state="SRB"), who="test")
    export_workbook(store, tmp_path / "en.xlsx", lang="en")
    store.close()
    book = openpyxl.load_workbook(tmp_path / "en.xlsx")
    assert KOSOVO_EN in cells(book.worksheets[0])
    assert "Kosovo*" in cells(book["Codebook"])
    submissions = book.worksheets[1]
    assert all(cell.comment is None for cell in submissions[1])
    assert submissions.oddFooter.left.text == KOSOVO_EN
    book.close()
