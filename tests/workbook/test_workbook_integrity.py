"""Edits, tampering and hostile files are detected with a clear message naming the file."""

from __future__ import annotations

import json
import zipfile

import openpyxl
import pytest
from datasets import fill, open_store
from hypothesis import given
from hypothesis import strategies as st

from gcm_collect.errors import UserError
from gcm_collect.export import export_workbook
from gcm_collect.safezip import CHUNK, EXPORTS
from gcm_collect.workbook import find_edits, read_export
from gcm_collect.workbook.canonical import chunks
from gcm_collect.workbook.render import CELL_LIMIT, text_cell
from gcm_collect.workbook.sheetnames import safe_sheet_names

pytestmark = pytest.mark.slow  # the slow lane: `make test` runs it, `make test-fast` not


def _export(folder):
    store = open_store(folder)
    fill(store, 3)
    export_workbook(store, folder / "out.xlsx", lang="en")
    store.close()


@pytest.fixture()
def export(tmp_path, built_once):
    """A fresh copy, in the test's folder, of one export made once per run."""
    return built_once("integrity", _export, tmp_path) / "out.xlsx"


def _edit(path, sheet, cell, value):
    wb = openpyxl.load_workbook(path)
    wb[sheet][cell] = value
    wb.save(path)


def test_untouched_export_has_no_edits_even_after_resave(export):
    assert find_edits(export) == []
    openpyxl.load_workbook(export).save(export)  # a spreadsheet program re-saving the file
    assert find_edits(export) == []


def test_edited_cell_is_found_with_sheet_cell_submission_and_path(export):
    wb = openpyxl.load_workbook(export)
    ws = wb["Submissions"]
    names = [c.value for c in ws[2]]
    col = names.index("national_policy_title") + 1
    cell = ws.cell(row=4, column=col)
    uuid = ws.cell(row=4, column=names.index("_uuid") + 1).value
    cell.value = "Changed by a reviewer"
    wb.save(export)
    edits = find_edits(export)
    assert len(edits) == 1
    edit = edits[0]
    assert (edit.sheet, edit.cell) == ("Submissions", cell.coordinate)
    assert (edit.old, edit.new) == ("Стратегия 2030", "Changed by a reviewer")
    assert (edit.uuid, edit.path) == (uuid, "national_policy_title")


def test_edit_in_a_repeat_sheet_names_the_instance_path(export):
    _edit(export, "Practice", "A1", "label rows are not compared")
    wb = openpyxl.load_workbook(export)
    ws = wb["Practice"]
    names = [c.value for c in ws[2]]
    col = names.index("practice_budget") + 1
    ws.cell(row=3, column=col).value = 999
    wb.save(export)
    (edit,) = find_edits(export)
    assert edit.old == 1000.25 and edit.new == 999
    assert edit.path.startswith("practices[") and edit.path.endswith("]/practice_budget")


def test_added_row_and_renamed_column_are_edits(export):
    wb = openpyxl.load_workbook(export)
    ws = wb["Submissions"]
    ws["B2"] = "renamed"
    ws.cell(row=ws.max_row + 1, column=1).value = 42
    wb.save(export)
    cells = {(e.sheet, e.cell) for e in find_edits(export)}
    assert ("Submissions", "B2") in cells
    assert any(c[1].startswith("A") and c[1] != "A2" for c in cells)


def test_changed_hidden_record_breaks_the_checksum(export):
    wb = openpyxl.load_workbook(export)
    ws = wb["_gcm_records"]
    data = json.loads(ws["E2"].value)
    data["status"] = "finalized" if data["status"] != "finalized" else "draft"
    ws["E2"].value = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    wb.save(export)
    with pytest.raises(UserError, match="checksum") as info:
        read_export(export)
    assert info.value.path == str(export)


def test_changed_provenance_breaks_the_fingerprint(export):
    wb = openpyxl.load_workbook(export)
    ws = wb["_gcm_records"]
    ws["D2"].value = ws["D2"].value.replace("Amina Test", "Someone Else")
    wb.save(export)
    with pytest.raises(UserError, match="fingerprint"):
        read_export(export)


def test_newer_format_is_refused(export):
    wb = openpyxl.load_workbook(export)
    ws = wb["_gcm_meta"]
    for row in ws.iter_rows():
        if row[0].value == "format_version":
            row[1].value = "99"
    wb.save(export)
    with pytest.raises(UserError, match="newer version"):
        read_export(export)


def test_plain_workbook_and_non_workbook_are_refused(tmp_path):
    plain = tmp_path / "plain.xlsx"
    wb = openpyxl.Workbook()
    wb.active["A1"] = "hello"
    wb.save(plain)
    with pytest.raises(UserError, match="not a GCM Collect export"):
        read_export(plain)
    text = tmp_path / "notes.xlsx"
    text.write_text("not a zip")
    with pytest.raises(UserError, match="not an Excel workbook"):
        read_export(text)
    with pytest.raises(UserError, match="file not found"):
        read_export(tmp_path / "missing.xlsx")


def test_zip_bomb_is_refused_before_parsing(tmp_path):
    bomb = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as part:
            part.write(b"<a>")
            for _ in range(EXPORTS.ratio_floor // CHUNK + 1):  # over the size that may
                part.write(b" " * CHUNK)
            part.write(b"</a>")
    with pytest.raises(UserError, match="zip bomb") as info:
        read_export(bomb)
    assert info.value.path == str(bomb)


def test_empty_database_exports_a_valid_workbook(tmp_path):
    store = open_store(tmp_path)
    summary = export_workbook(store, tmp_path / "empty.xlsx", lang="ar")
    assert summary.submissions == 0 and summary.by_status == {}
    wb = read_export(summary.path)
    assert wb.records == () and find_edits(wb) == []


@pytest.mark.parametrize("status", ["draft", "complete", "finalized"])
def test_export_of_each_status(tmp_path, status):
    store = open_store(tmp_path)
    fill(store, 6)
    summary = export_workbook(store, tmp_path / "s.xlsx", lang="es", statuses=[status])
    assert summary.by_status == {status: 2}
    assert {r.data["status"] for r in read_export(summary.path).records} == {status}


@given(st.lists(st.text(max_size=60), max_size=12))
def test_sheet_names_are_always_acceptable(names):
    taken = ["_gcm_meta"]
    out = safe_sheet_names(names, taken=taken)
    assert len(out) == len(names)
    folded = [n.casefold() for n in out]
    assert len(set(folded)) == len(folded) and "_gcm_meta" not in folded
    for name in out:
        assert 1 <= len(name) <= 31
        assert not set(name) & set("[]:*?/\\")
        assert not name.startswith("'") and not name.endswith("'")
        assert name.casefold() != "history"


@given(st.text(max_size=200), st.integers(min_value=1, max_value=50))
def test_chunks_join_back(text, size):
    parts = chunks(text, size)
    assert "".join(parts) == text and all(len(p) <= size for p in parts)


@given(st.text(min_size=0, max_size=40).map(lambda s: s * 2000))
def test_visible_text_fits_a_cell_and_is_clean(text):
    cell = text_cell(text, " [cut {count}]")
    assert len(cell.encode("utf-16-le")) // 2 <= CELL_LIMIT
    assert not any(ord(ch) < 32 and ch not in "\t\n\r" for ch in cell)
    if len(text.encode("utf-16-le")) // 2 <= CELL_LIMIT and text == cell:
        assert "[cut" not in cell or "[cut" in text
