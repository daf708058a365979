"""Reviewer and regional workbooks name the States as the UN does, in the workbook's language."""

from __future__ import annotations

import openpyxl
import pytest
from datasets import open_store, record

from gcm_collect import reference as ref
from gcm_collect.consolidate import consolidate
from gcm_collect.export import export_workbook


def table(ws) -> list[dict[str, object]]:
    """Rows of a data sheet as {stable column name (row 2): value}."""
    rows = list(ws.iter_rows(values_only=True))
    if len(rows) < 3:
        return []
    keys = rows[1]
    return [dict(zip(keys, row, strict=False)) for row in rows[2:]]


@pytest.fixture()
def exported(tmp_path):
    store = open_store(tmp_path, "laptop.sqlite")
    with store.atomic():
        for n, state in enumerate(("RUS", "GBR", "MDA")):
            store.put_submission(record(n, state=state), who="test")
    paths = {}
    for lang in ("fr", "ar"):
        paths[lang] = tmp_path / f"export-{lang}.xlsx"
        export_workbook(store, paths[lang], lang=lang)
    store.close()
    return paths


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
        assert all(shown[iso3] == ref.state_name(iso3, lang) for iso3 in shown), title
        for iso3, name in names.items():
            assert shown[iso3] == name, title
    # Coverage lists every State of the region, reporting or not.
    assert any(set(shown) == {s.iso3 for s in ref.states_of("ECE")} for shown in named.values())
