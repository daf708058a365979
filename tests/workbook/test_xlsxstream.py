"""The streaming sheet reader (workbook/xlsxstream.py) gives back what python-calamine gives,
cell for cell and type for type, on every spelling of a sheet it meets: our own exports, a
workbook written by openpyxl (shared strings, formulas, rich text, dates and times), and an
export re-saved by LibreOffice."""

from __future__ import annotations

import shutil
import subprocess
import zipfile
from datetime import date, datetime, time
from pathlib import Path

import openpyxl
import pytest
from datasets import fill, open_store
from openpyxl.cell.rich_text import CellRichText, TextBlock
from openpyxl.cell.text import InlineFont
from python_calamine import CalamineWorkbook

from gcm_collect.export import export_workbook
from gcm_collect.workbook.xlsxstream import SheetReader


def _same_as_calamine(path: Path) -> int:
    book = CalamineWorkbook.from_path(str(path))
    checked = 0
    with SheetReader(path) as reader:
        assert reader.sheet_names == book.sheet_names
        for name in book.sheet_names:
            want = book.get_sheet_by_name(name).to_python(skip_empty_area=False)
            got = list(reader.rows(name))
            assert not any(got[len(want) :]), name
            for i, row in enumerate(want):
                have = got[i] if i < len(got) else []
                have = have + [""] * (len(row) - len(have))
                assert have == row, (name, i)
                assert [type(v) for v in have] == [type(v) for v in row], (name, i)
                checked += sum(1 for v in row if v != "")
    return checked


@pytest.fixture(scope="module")
def export(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("export")
    store = open_store(folder)
    fill(store, 6)
    out = folder / "export.xlsx"
    export_workbook(store, out, lang="fr", statuses=["draft", "complete", "finalized"])
    store.close()
    return out


@pytest.mark.slow
def test_an_export_reads_as_calamine_reads_it(export):
    assert _same_as_calamine(export) > 1000


def test_an_openpyxl_workbook_reads_as_calamine_reads_it(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Mixed"
    ws["A1"] = "shared text"
    ws["C1"] = 42
    ws["D1"] = 2.5
    ws["E1"] = True
    ws["A2"] = date(2025, 3, 14)
    ws["B2"] = datetime(2025, 3, 14, 10, 30, 5)
    ws["C2"] = time(14, 30)
    ws["D2"] = datetime(2025, 3, 14)  # midnight: a date
    ws["A5"] = 'line\r\nbreak & <angle> "quoted"'  # a gap of two rows before it
    ws["F5"] = "=SUM(C1:D1)"
    ws["B6"] = CellRichText("rich ", TextBlock(InlineFont(b=True), "bold"), " text")
    ws["C6"] = "  spaced  "
    ws["D6"] = "Ünïcødé — 第二 — نور 🙂"
    other = wb.create_sheet("Other")
    other.append(["x", None, "z"])
    path = tmp_path / "mixed.xlsx"
    wb.save(path)
    assert _same_as_calamine(path) >= 14


def test_shared_strings_kept_on_disk_read_as_calamine_reads_them(tmp_path, monkeypatch):
    """A big shared-strings table waits in a file; the strings read back are kept while few,
    and forgotten past the limit: neither changes a cell."""
    from gcm_collect.workbook import xlsxstream

    monkeypatch.setattr(xlsxstream, "IN_MEMORY_STRINGS", 0)
    monkeypatch.setattr(xlsxstream, "CACHED_STRINGS", 400)
    import xlsxwriter  # writes a shared-strings table, as Excel and LibreOffice do

    path = tmp_path / "strings.xlsx"
    book = xlsxwriter.Workbook(str(path))
    ws = book.add_worksheet("Strings")
    for r in range(59):
        ws.write_row(r, 0, [f"text {r % 7}", f"long text number {r} — نور", "same", r])
    book.close()
    with zipfile.ZipFile(path) as archive:
        assert "xl/sharedStrings.xml" in archive.namelist()
    assert _same_as_calamine(path) == 59 * 4


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_an_export_resaved_by_libreoffice_reads_as_calamine_reads_it(export, tmp_path):
    subprocess.run(
        [
            "soffice",
            "--headless",
            f"-env:UserInstallation=file://{tmp_path}/profile",
            "--convert-to",
            "xlsx",
            "--outdir",
            str(tmp_path / "out"),
            str(export),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    assert _same_as_calamine(tmp_path / "out" / export.name) > 1000


def test_a_missing_sheet_is_a_key_error(export):
    with SheetReader(export) as reader, pytest.raises(KeyError):
        next(reader.rows("No such sheet"))
