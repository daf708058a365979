"""export_workbook and import_workbook: progress, cancel, atomic files, laptop-to-laptop import."""

from __future__ import annotations

import openpyxl
import pytest
from datasets import LONG_TEXT, fill, open_store

from gcm_collect.errors import UserError
from gcm_collect.export import ExportCancelled, export_workbook, import_workbook

pytestmark = pytest.mark.slow  # the slow lane: `make test` runs it, `make test-fast` not


@pytest.fixture()
def source(tmp_path):
    store = open_store(tmp_path, "source.sqlite")
    uuids = fill(store, 4)
    yield store, uuids
    store.close()


def test_progress_reaches_the_total(source, tmp_path):
    store, _uuids = source
    calls = []
    export_workbook(
        store, tmp_path / "p.xlsx", lang="en", progress=lambda d, t: calls.append((d, t))
    )
    assert calls and calls[-1] == (4, 4)


def test_cancel_leaves_no_file_and_keeps_an_older_one(source, tmp_path):
    store, _uuids = source
    target = tmp_path / "out.xlsx"
    with pytest.raises(ExportCancelled):
        export_workbook(store, target, lang="en", cancel=lambda: True)
    assert not target.exists()
    target.write_bytes(b"previous export")
    with pytest.raises(ExportCancelled):
        export_workbook(store, target, lang="en", cancel=lambda: True)
    assert target.read_bytes() == b"previous export"
    assert sorted(p.name for p in tmp_path.iterdir() if "out" in p.name) == ["out.xlsx"]


def test_bad_target_and_language_are_user_errors(source, tmp_path):
    store, _uuids = source
    with pytest.raises(UserError, match="does not exist"):
        export_workbook(store, tmp_path / "missing" / "x.xlsx", lang="en")
    with pytest.raises(UserError, match="unsupported language"):
        export_workbook(store, tmp_path / "x.xlsx", lang="de")
    with pytest.raises(UserError, match=".xlsx"):
        export_workbook(store, tmp_path / "x.csv", lang="en")


def test_import_into_another_laptop_twice(source, tmp_path):
    store, uuids = source
    summary = export_workbook(store, tmp_path / "out.xlsx", lang="ru")
    other = open_store(tmp_path, "other.sqlite")
    report = import_workbook(other, summary.path)
    assert (report.inserted, report.updated, report.unchanged) == (4, 0, 0)
    for uuid in uuids:
        assert other.get_record(uuid) == store.get_record(uuid)
    assert LONG_TEXT in other.get_answers(uuids[0]).values()
    again = import_workbook(other, summary.path)
    assert (again.inserted, again.unchanged) == (0, 4)
    assert other.count_submissions() == 4
    other.close()


def test_edited_workbook_imports_as_exported_and_takes_edits_only_when_accepted(
    source, tmp_path
):
    store, uuids = source
    summary = export_workbook(store, tmp_path / "out.xlsx", lang="en")
    wb = openpyxl.load_workbook(summary.path)
    assert wb["Submissions"]["F2"].value == "_period"
    wb["Submissions"]["F3"] = "1999"
    wb.save(summary.path)
    other = open_store(tmp_path, "other.sqlite")
    kept = import_workbook(other, summary.path)  # as consolidate does: reported, not refused
    assert kept.inserted == 4 and [e.cell for e in kept.edits] == ["F3"]
    assert kept.revisions == 0 and [e.outcome for e in kept.outcomes] == ["kept"]
    assert other.get_record(uuids[0]) == store.get_record(uuids[0])  # hidden data, not the edit
    taken = import_workbook(other, summary.path, accept_edits=True)
    assert [(e.outcome, e.reason) for e in taken.outcomes] == [
        ("refused", "identifying columns cannot be edited")
    ]
    assert taken.unchanged == 4 and taken.revisions == 0
    other.close()


@pytest.mark.slow
def test_libreoffice_converts_the_export_to_pdf(source, tmp_path, libreoffice):
    store, _uuids = source
    summary = export_workbook(store, tmp_path / "review.xlsx", lang="ar")
    pdf = libreoffice(summary.path, "pdf", tmp_path)
    assert pdf.exists() and pdf.read_bytes().startswith(b"%PDF")
