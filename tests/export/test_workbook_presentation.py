"""Workbooks read and print the way a reviewer needs: real exports and regional workbooks of
demo submissions, read back with openpyxl (and the chart XML as written)."""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
from pathlib import Path
from xml.etree import ElementTree

import pytest
from openpyxl import load_workbook
from openpyxl.utils import column_index_from_string, get_column_letter

from gcm_collect.consolidate import consolidate
from gcm_collect.demo.generate import generate
from gcm_collect.export import export_workbook
from gcm_collect.store import Store
from gcm_collect.workbook import find_edits, read_export
from gcm_collect.workbook.writer import MAX_LINES, PAGE_WIDTH, wrapped_lines

pytestmark = pytest.mark.slow  # the slow lane: `make test` runs it, `make test-fast` not

C = "{http://schemas.openxmlformats.org/drawingml/2006/chart}"


@pytest.fixture(scope="module")
def books(tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("presentation")
    store = Store.open(folder / "db.sqlite")
    generate(store, 12, seed=5)
    out = {}
    for lang in ("en", "ar", "zh"):
        export = folder / f"export-{lang}.xlsx"
        export_workbook(store, export, lang=lang)
        out[f"export-{lang}"] = export
        regional = folder / f"regional-{lang}.xlsx"
        consolidate([export], regional, lang=lang)
        out[f"regional-{lang}"] = regional
    store.close()
    return out


def roles(path: Path) -> dict[str, str]:
    return {plan.role: plan.name for plan in read_export(path).meta.sheets}


def visible_width(ws) -> float:
    total = 0.0
    for i in range(1, ws.max_column + 1):
        dim = ws.column_dimensions.get(get_column_letter(i))
        if dim is not None and dim.hidden:
            continue
        total += dim.width if dim is not None and dim.width else 8.43
    return total


@pytest.mark.parametrize("name", ["export-en", "regional-ar", "regional-zh"])
def test_every_sheet_prints_landscape_legibly_with_its_name_and_page_numbers(books, name):
    wb = load_workbook(books[name])
    for ws in wb.worksheets:
        if ws.sheet_state != "visible":
            continue
        setup = ws.page_setup
        assert setup.orientation == "landscape", ws.title
        assert ws.sheet_properties.pageSetUpPr.fitToPage, ws.title
        assert setup.fitToHeight == 0, ws.title  # as many pages long as it takes
        # As many pages wide as legibility needs: never shrunk below about 65 %.
        pages = setup.fitToWidth
        assert pages >= 1 and visible_width(ws) / pages <= PAGE_WIDTH + 1, ws.title
        assert ws.oddHeader.center.text == "&A", ws.title  # the sheet's name on every page
        footer = ws.oddFooter.right.text or ""
        assert "&P" in footer and "&N" in footer, ws.title


@pytest.mark.parametrize("name", ["export-en", "regional-ar"])
def test_data_sheets_freeze_and_repeat_their_keys_and_headers(books, name):
    wb = load_workbook(books[name])
    names = roles(books[name])
    for role in ("submissions", "repeat:practices", "objectives"):
        ws = wb[names[role]]
        keys = [c.value for c in ws[2]]
        frozen = column_index_from_string(re.sub(r"\d", "", ws.freeze_panes)) - 1
        assert ws.freeze_panes.endswith("3")
        assert frozen >= 2, role  # key columns stay in view, not just the header rows
        assert "_index" in keys[:frozen], role
        assert ws.print_title_rows == "$1:$2" or ws.print_title_rows == "1:2", role
        assert ws.print_title_cols in (
            f"$A:${get_column_letter(frozen)}",
            f"A:{get_column_letter(frozen)}",
        ), role


def test_long_answers_wrap_in_rows_tall_enough_to_show_them(books):
    wb = load_workbook(books["export-en"])
    names = roles(books["export-en"])
    checked = 0
    for role in ("submissions", "repeat:practices", "objectives"):
        ws = wb[names[role]]
        for row in ws.iter_rows(min_row=3):
            for cell in row:
                if not isinstance(cell.value, str):
                    continue
                width = ws.column_dimensions[cell.column_letter].width
                if ws.column_dimensions[cell.column_letter].hidden or len(cell.value) <= width:
                    continue
                if ws.cell(2, cell.column).value in ("_uuid", "_submission_uuid", "_instance"):
                    continue  # keys show their start
                assert cell.alignment.wrap_text, (role, cell.coordinate)
                needed = min(wrapped_lines(cell.value, width), MAX_LINES)
                height = ws.row_dimensions[cell.row].height or 15
                assert height >= 15 * needed, (role, cell.coordinate, height, needed)
                checked += 1
    assert checked > 50  # demo answers are long: the test saw them


def test_folded_columns_keep_their_values_and_nothing_reads_as_edited(books):
    """The 0/1 columns (and, on Submissions, the per-objective answers) are folded away in an
    outline group; their cells are still there, and find_edits sees no edit."""
    path = books["export-en"]
    wb = load_workbook(path)
    ws = wb[roles(path)["submissions"]]
    keys = [c.value for c in ws[2]]
    flag = keys.index(next(k for k in keys if "/" in k)) + 1
    objective = keys.index("obj01_priority") + 1
    for column in (flag, objective):
        dim = ws.column_dimensions[get_column_letter(column)]
        assert dim.hidden and dim.outlineLevel == 1
    assert any(ws.cell(r, flag).value in (0, 1) for r in range(3, ws.max_row + 1))
    assert not ws.column_dimensions["A"].hidden
    assert find_edits(read_export(path)) == []


def test_the_codebook_prints_one_legible_page_wide(books):
    for name in ("export-en", "export-ar"):
        wb = load_workbook(books[name])
        ws = wb[roles(books[name])["codebook"]]
        assert ws.page_setup.fitToWidth == 1
        assert visible_width(ws) <= PAGE_WIDTH


def chart_trees(path: Path) -> list[ElementTree.Element]:
    with zipfile.ZipFile(path) as z:
        return [
            ElementTree.fromstring(z.read(n))
            for n in z.namelist()
            if n.startswith("xl/charts/chart")
        ]


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_charts_label_every_bar_and_read_right_to_left_in_arabic(books, lang):
    charts = chart_trees(books[f"regional-{lang}"])
    assert len(charts) == 2
    for chart in charts:
        category = chart.find(f".//{C}catAx")
        values = chart.find(f".//{C}valAx")
        assert category.find(f"{C}tickLblSkip").get("val") == "1"
        assert chart.find(f".//{C}dLbls/{C}showVal").get("val") == "1"
        orientation = values.find(f"{C}scaling/{C}orientation").get("val")
        assert orientation == ("maxMin" if lang == "ar" else "minMax")


def test_arabic_regional_workbook_reads_right_to_left_everywhere(books):
    wb = load_workbook(books["regional-ar"])
    for ws in wb.worksheets:
        if ws.sheet_state == "visible":
            assert ws.sheet_view.rightToLeft, ws.title
    cover = wb[roles(books["regional-ar"])["cover"]]
    assert "A1:B1" in {str(r) for r in cover.merged_cells.ranges}  # the title is not clipped
    for row in cover.iter_rows(min_row=2):
        label, value = row[0], row[1] if len(row) > 1 else None
        if isinstance(value.value if value else None, int):
            assert value.alignment.horizontal == "right"  # next to its label
            assert not str(label.value).startswith(" ")


def test_coverage_headers_show_whole_and_every_section_is_measured(books):
    path = books["regional-en"]
    wb = load_workbook(path)
    ws = wb[roles(path)["coverage"]]
    keys = [c.value for c in ws[2]]
    labels = [c.value for c in ws[1]]
    height = ws.row_dimensions[1].height
    for key, label in zip(keys, labels, strict=True):
        if key.startswith("section:"):
            width = ws.column_dimensions[get_column_letter(keys.index(key) + 1)].width
            assert height >= 15 * min(wrapped_lines(label, width), 5), label
            assert ws.cell(1, keys.index(key) + 1).alignment.wrap_text
    practices = keys.index("practices") + 1
    section = keys.index("section:practices_section") + 1
    rows = [r for r in range(3, ws.max_row + 1) if isinstance(ws.cell(r, 3).value, int)]
    assert rows
    for r in rows:
        share = ws.cell(r, section).value
        assert share is not None, ws.cell(r, 1).value  # "I. Promising practices" measured
        if ws.cell(r, practices).value:
            assert 0 < share <= 1
        else:
            assert share == 0  # no practice described


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_libreoffice_resave_keeps_the_layout_and_finds_no_edit(books, tmp_path):
    """A reviewer opens the Arabic export in LibreOffice and saves it: the folded columns,
    print setup and right-to-left direction survive, and nothing reads as edited."""
    source = tmp_path / "in"
    source.mkdir()
    shutil.copy(books["export-ar"], source / "review.xlsx")
    result = subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation=file://{tmp_path}/lo",
            "--headless",
            "--convert-to",
            "xlsx",
            "--outdir",
            str(tmp_path),
            str(source / "review.xlsx"),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    resaved = tmp_path / "review.xlsx"
    assert find_edits(read_export(resaved)) == []
    wb = load_workbook(resaved)
    ws = wb[roles(books["export-ar"])["submissions"]]
    keys = [c.value for c in ws[2]]
    assert ws.sheet_view.rightToLeft
    # (Frozen panes are view settings: headless LibreOffice, with no view, drops them on any
    # workbook, so they are not checked here.)
    assert ws.column_dimensions[get_column_letter(keys.index("obj01_priority") + 1)].hidden
    assert ws.page_setup.orientation == "landscape"
    assert "&A" in (ws.oddHeader.center.text or "")


@pytest.mark.parametrize("name", ["export-zh", "regional-ar"])
def test_the_cover_says_what_every_sheet_holds(books, name):
    """Each sheet named under "How to read this workbook" has its sentence (the long tables
    of practices x objectives too), never the catalog's header that tr("") returns."""
    wb = load_workbook(books[name])
    cover = wb[roles(books[name])["cover"]]
    texts = {row[0].value: row[1].value for row in cover.iter_rows() if len(row) > 1}
    assert not any("Project-Id-Version" in str(v) for v in texts.values())
    for plan in read_export(books[name]).meta.sheets:
        if plan.role != "cover":
            assert texts.get(plan.name), plan.role
