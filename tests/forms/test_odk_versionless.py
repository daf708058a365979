"""Forms without a ``version`` setting (most ODK and Kobo forms): usable from import to
consolidation, under a version derived from their content."""

from __future__ import annotations

import json

from odk_corpus import odk_book, warnings
from openpyxl import load_workbook

from gcm_collect.forms import read_xlsform
from gcm_collect.ops.forms import import_form
from gcm_collect.ops.importing import import_files
from gcm_collect.ops.submissions import new_submission
from gcm_collect.ops.workbooks import consolidate_workbooks, export
from gcm_collect.store import Store

SURVEY = [
    {"type": "text", "name": "village", "label": "Village"},
    {"type": "select_one yn", "name": "water", "label": "Clean water?"},
    {"type": "integer", "name": "households", "label": "Households", "required": "yes"},
]


def test_a_form_without_version_gets_one_from_its_content_the_same_each_time(tmp_path):
    for folder in ("a", "b", "c"):
        (tmp_path / folder).mkdir()
    first = read_xlsform(odk_book(tmp_path / "a" / "odk.xlsx", SURVEY))
    again = read_xlsform(odk_book(tmp_path / "b" / "odk.xlsx", SURVEY))
    changed = read_xlsform(odk_book(tmp_path / "c" / "odk.xlsx", SURVEY[:2]))
    assert first.version.startswith("auto-")
    assert first.version == again.version  # another file, the same content
    assert changed.version != first.version


def test_form_check_shows_the_version_a_form_without_one_gets(tmp_path):
    path = odk_book(tmp_path / "household.xlsx", SURVEY)
    version = read_xlsform(path).version
    (note,) = [w for w in warnings(path) if w.column == "version"]
    assert version in note.message and "no version" in note.message


def test_a_versionless_form_goes_from_import_to_consolidation(tmp_path):
    path = odk_book(tmp_path / "odk.xlsx", SURVEY)
    with Store.open(tmp_path / "laptop.sqlite3") as store:
        imported = import_form(store, path)
        assert imported.version.startswith("auto-")
        assert not import_form(store, path).new  # imported again: the same version, not new
        # a submission made in the app names the version without being told it
        made = new_submission(store, state="FRA", region="ECE", period="2026", form_id="odk")
        record = store.get_record(made.uuid)
        assert (record["form_id"], record["form_version"]) == ("odk", imported.version)
        # JSON Lines lines name the version form import printed
        lines = tmp_path / "field.jsonl"
        line = {
            "form_id": "odk",
            "form_version": imported.version,
            "state": "KEN",
            "region": "ECA",
            "period": "2025",
            "status": "complete",
            "answers": {"village": "Kibera", "water": "yes", "households": 41},
        }
        lines.write_text(json.dumps(line) + "\n", "utf-8")
        assert import_files(store, [lines]).total()["inserted"] == 1
        export(store, tmp_path / "review.xlsx", lang="en")
    regional = tmp_path / "regional.xlsx"
    report = consolidate_workbooks(None, [tmp_path / "review.xlsx"], regional, lang="en")
    assert report.submissions == 1 and not report.problems
    book = load_workbook(regional)  # not read-only: that leaves the file open
    cells = {str(cell.value) for ws in book.worksheets for row in ws.iter_rows() for cell in row}
    book.close()
    assert {"Kibera", "41"} <= cells
