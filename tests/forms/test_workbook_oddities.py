"""Odd workbooks read as their author sees them: claimed dimensions, formulas, hidden rows,
merged or missing headers, trailing columns, stray spaces."""

from __future__ import annotations

import re
import zipfile

from forms_corpus import small_form
from openpyxl import Workbook
from openpyxl.styles import Font

from gcm_collect.forms import check_xlsform, read_xlsform
from gcm_collect.forms.reading import read_workbook


def patch_sheet(path, sheet_xml: str, fn) -> None:
    """Rewrite one part of the .xlsx (as another program would have written it)."""
    with zipfile.ZipFile(path) as z:
        parts = {name: z.read(name) for name in z.namelist()}
    parts[sheet_xml] = fn(parts[sheet_xml].decode("utf-8")).encode("utf-8")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, data)


def claim_everything(xml: str) -> str:
    return re.sub(r'<dimension ref="[^"]*"\s*/>', '<dimension ref="A1:AMJ1048576"/>', xml)


def test_a_sheet_claiming_a_million_rows_and_1024_columns_reads_only_its_rows(tmp_path):
    path = tmp_path / "big.xlsx"
    small_form(path)
    patch_sheet(path, "xl/worksheets/sheet1.xml", claim_everything)
    with zipfile.ZipFile(path) as z:
        assert b"A1:AMJ1048576" in z.read("xl/worksheets/sheet1.xml")
    sheets, notes = read_workbook(path)
    assert [n for n, _cells in sheets["survey"]] == [2, 3]
    assert notes == []
    assert [q.name for q in read_xlsform(path).questions()] == ["a", "b"]


def test_a_styled_cell_in_the_last_row_of_the_sheet_adds_nothing(tmp_path):
    path = tmp_path / "far.xlsx"
    wb = Workbook()
    ws = wb.active
    ws.title = "survey"
    ws.append(["type", "name", "label"])
    ws.append(["text", "a", "A"])
    ws.cell(1_048_576, 1024).font = Font(bold=True)  # formatting down to the very last cell
    wb.save(path)
    sheets, _notes = read_workbook(path)
    assert [n for n, cells in sheets["survey"] if any(cells.values())] == [2]


def test_formulas_give_their_saved_values_with_a_warning(tmp_path):
    path = tmp_path / "formula.xlsx"
    wb = Workbook()
    ws = wb.active
    ws.title = "survey"
    ws.append(["type", "name", "label", "hint"])
    ws.append(["text", "a", '=CONCATENATE("Name of ", "the State")', "h"])
    ws.append(["integer", "b", "B", "=UPPER(A3)"])
    wb.save(path)

    def saved(xml: str) -> str:
        # what Excel writes: the formula and, after it, its value when last calculated
        xml = re.sub(
            r'<c r="C2"([^>]*)><f>(.*?)</f><v\s*/?>(</v>)?',
            r'<c r="C2" t="str"><f>\2</f><v>Name of the State</v>',
            xml,
        )
        return re.sub(r'<c r="D3"([^>]*)><f>(.*?)</f><v\s*/?>(</v>)?', r'<c r="D3"><f>\2</f>', xml)

    patch_sheet(path, "xl/worksheets/sheet1.xml", saved)
    form = read_xlsform(path)
    assert form.question("a").label("en")[0] == "Name of the State"
    problems = [p for p in check_xlsform(path) if p.severity == "warning"]
    (note,) = [p for p in problems if "formula" in p.message]
    assert (note.row, note.column) == (2, "C")
    assert "2 cells hold formulas" in note.message and "1 has no saved value" in note.message
    assert form.question("b").hint("en")[0] == ""  # no saved value: read as empty


def test_hidden_rows_merged_headers_trailing_columns_and_spaces(tmp_path):
    path = tmp_path / "odd.xlsx"
    wb = Workbook()
    ws = wb.active
    ws.title = " Survey "
    ws.append(["  type ", " name", "label ", "hint", None])
    ws.append(["  text ", " a ", "  Name  ", "h1", "stray"])
    ws.append([" integer", "b", "B", "first part", "second part"])
    ws.row_dimensions[3].hidden = True  # hidden rows are part of the form, as in pyxform
    ws.merge_cells("D1:E1")  # "hint" merged over two columns: E has data but no header
    for col in range(6, 60):  # trailing formatted, empty columns
        ws.cell(1, col).font = Font(bold=True)
        ws.cell(2, col).value = None
    wb.save(path)
    form = read_xlsform(path)
    assert [q.name for q in form.questions()] == ["a", "b"]
    assert form.question("a").label("en")[0] == "Name"
    assert form.question("b").hint("en")[0] == "first part"
    problems = [p for p in check_xlsform(path) if p.column != "version"]  # derived
    assert [(p.row, p.column, p.severity) for p in problems] == [(2, "E", "warning")]
    assert "values but no header" in problems[0].message


def test_a_header_typed_twice_keeps_the_first_column(tmp_path):
    path = tmp_path / "twice.xlsx"
    wb = Workbook()
    ws = wb.active
    ws.title = "survey"
    ws.append(["type", "name", "label", "label"])
    ws.append(["text", "a", "First", "Second"])
    wb.save(path)
    assert read_xlsform(path).question("a").label("en")[0] == "First"
    (problem,) = [p for p in check_xlsform(path) if p.column != "version"]
    assert (problem.row, problem.column) == (1, "D") and "appears twice" in problem.message
