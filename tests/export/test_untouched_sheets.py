"""An import skips comparing the data sheets whose rows are, byte for byte, what the export
wrote (their SHA-256 in the meta, covered by the fingerprint), and compares every other one as
before: a cell, a row or a formula put into a sheet's XML alone, nothing else of the file
touched, is still found, exactly as find_edits finds it."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import openpyxl
import pytest
from datasets import fill, open_store
from python_calamine import CalamineWorkbook

from gcm_collect.errors import UserError
from gcm_collect.export import export_workbook, import_workbook
from gcm_collect.safezip import sheet_parts
from gcm_collect.workbook import find_edits, read_export
from gcm_collect.workbook.model import DATA_ROLES, META_SHEET
from gcm_collect.workbook.render import HEADER_ROWS
from gcm_collect.workbook.streamread import StreamEnd, stream_export
from gcm_collect.workbook.xlsxstream import SheetReader

pytestmark = pytest.mark.slow  # real exports written and read back


@pytest.fixture(scope="module")
def exported(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("untouched")
    store = open_store(folder)
    fill(store, 4)
    out = folder / "out.xlsx"
    export_workbook(store, out, lang="en", statuses=["draft", "complete", "finalized"])
    store.close()
    return out


def _end(path: Path) -> StreamEnd:
    ends = [item for kind, item in stream_export(path) if kind == "end"]
    return ends[0]


def _with_sheet(path: Path, out: Path, sheet: str, change) -> Path:
    """``path`` copied with the XML of ``sheet`` changed by ``change(text)``, nothing else."""
    with zipfile.ZipFile(path) as src:
        part = sheet_parts(src)[sheet]
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
            for info in src.infolist():
                data = src.read(info.filename)
                if info.filename == part:
                    changed = change(data.decode("utf-8"))
                    assert changed != data.decode("utf-8")
                    data = changed.encode("utf-8")
                dst.writestr(info, data)
    return out


def test_every_data_sheet_of_an_export_hashes_as_its_meta_says(exported):
    meta = _end(exported).workbook.meta
    data_sheets = {p.role: p.name for p in meta.sheets if p.role.startswith(DATA_ROLES)}
    assert data_sheets and set(meta.data_sha256) == set(data_sheets)
    book = CalamineWorkbook.from_path(str(exported))
    with SheetReader(exported) as reader:
        for role, name in data_sheets.items():
            digest = reader.data_digest(name, HEADER_ROWS)
            assert digest is not None and digest.sha256 == meta.data_sha256[role], role
            rows = book.get_sheet_by_name(name).to_python(skip_empty_area=False)
            assert digest.rows == len(rows) - HEADER_ROWS, role
            assert not digest.head_formula


def test_a_cell_changed_in_the_sheet_xml_alone_is_an_edit(exported, tmp_path):
    def period(text: str) -> str:  # F3: the first submission's period, as a reviewer types it
        return re.sub(r'(<c r="F3"[^>]*><is><t>)[^<]*', r"\g<1>1999", text, count=1)

    edited = _with_sheet(exported, tmp_path / "edited.xlsx", "Submissions", period)
    end = _end(edited)
    assert [(e.sheet, e.cell, e.new) for e in end.edits] == [("Submissions", "F3", "1999")]
    assert list(end.edits) == find_edits(edited)
    assert [r.uuid for r in end.workbook.records] == [end.edits[0].uuid]


def test_a_row_added_in_the_sheet_xml_alone_is_an_edit(exported, tmp_path):
    def added(text: str) -> str:
        last = max(int(r) for r in re.findall(r'<row r="(\d+)"', text))
        row = f'<row r="{last + 1}"><c r="C{last + 1}" t="inlineStr"><is><t>KEN</t></is></c></row>'
        return text.replace("</sheetData>", row + "</sheetData>")

    edited = _with_sheet(exported, tmp_path / "added.xlsx", "Submissions", added)
    end = _end(edited)
    assert [(e.cell, e.old, e.new) for e in end.edits] == [(f"C{end.submissions + 3}", None, "KEN")]
    assert list(end.edits) == find_edits(edited)


def test_a_formula_in_the_labels_of_an_untouched_sheet_is_still_reported(exported, tmp_path):
    def formula(text: str) -> str:  # the label row only: the data rows keep their bytes
        return re.sub(
            r'<c r="A1"([^>]*) t="inlineStr"><is><t>[^<]*</t></is></c>',
            r'<c r="A1"\1><f>1+1</f><v>2</v></c>',
            text,
            count=1,
        )

    edited = _with_sheet(exported, tmp_path / "formula.xlsx", "Submissions", formula)
    end = _end(edited)
    assert end.edits == ()  # labels are explanations, not data
    assert end.formulas == (("Submissions", "A1", "=1+1"),)


def test_an_import_of_the_changed_cell_reports_it_and_keeps_the_exported_value(exported, tmp_path):
    def period(text: str) -> str:
        return re.sub(r'(<c r="F3"[^>]*><is><t>)[^<]*', r"\g<1>1999", text, count=1)

    edited = _with_sheet(exported, tmp_path / "edited.xlsx", "Submissions", period)
    other = open_store(tmp_path, "other.sqlite")
    report = import_workbook(other, edited)
    assert report.inserted == 4 and [e.cell for e in report.edits] == ["F3"]
    other.close()


def test_the_sheet_digests_are_covered_by_the_fingerprint(exported, tmp_path):
    book = openpyxl.load_workbook(exported)
    meta = book[META_SHEET]
    for row in meta.iter_rows(min_row=2):
        if row[0].value == "data_sha256":
            row[1].value = row[1].value.replace('"submissions":"', '"submissions":"0')
            break
    else:
        raise AssertionError("no data_sha256 in the meta")
    forged = tmp_path / "forged.xlsx"
    book.save(forged)
    with pytest.raises(UserError, match="fingerprint mismatch"):
        read_export(forged)
    with pytest.raises(UserError, match="fingerprint mismatch"):
        _end(forged)
