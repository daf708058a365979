"""Hostile XLSForms get the same container checks as exports: refused in one line naming the
file, before openpyxl reads a sheet, in little memory."""

from __future__ import annotations

import zipfile

import pytest
from forms_corpus import small_form
from openpyxl import load_workbook

from gcm_collect.errors import UserError
from gcm_collect.forms import check_xlsform, read_xlsform
from gcm_collect.safezip import FORMS

pytestmark = pytest.mark.slow  # the slow lane: `make test` runs it, `make test-fast` not


def rewrite(path, part, change):
    with zipfile.ZipFile(path) as z:
        parts = {name: z.read(name) for name in z.namelist()}
    parts[part] = change(parts[part])
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, data)
    return path


SURVEY = "xl/worksheets/sheet1.xml"


def far_value(tmp_path):
    path = small_form(tmp_path / "far.xlsx")
    cell = b'<c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c>'
    return rewrite(path, SURVEY, lambda x: x.replace(b"</row>", cell + b"</row>", 1)), (
        "reaches cell XFD1048576, far beyond"
    )


def zip_bomb(tmp_path):
    path = small_form(tmp_path / "bomb.xlsx")
    padding = b"<!-- " + b" " * (64 * 1024**2) + b" -->"
    return rewrite(path, SURVEY, lambda x: x + padding), "zip bomb"


def too_large(tmp_path):
    """Under the compression ratio rule, but more XML than any real form (a 3 MB file that
    asked openpyxl for 8.5 GB)."""
    path = small_form(tmp_path / "large.xlsx")
    rows = b"".join(
        b'<row r="%d"><c r="A%d" t="inlineStr"><is><t>%d</t></is></c></row>' % (n, n, n * 7919)
        for n in range(4, 200_000)
    )
    filler = b"<!-- " + rows.replace(b"<", b"(") + b" -->"  # incompressible enough, then doubled
    return rewrite(path, SURVEY, lambda x: x + filler * 10), "too large"


def too_many_cells(tmp_path):
    path = small_form(tmp_path / "cells.xlsx")
    rows = b"".join(
        b'<row r="%d">' % n
        + b"".join(b'<c r="%s%d"><v>1</v></c>' % (col, n) for col in (b"A", b"B", b"C", b"D"))
        + b"</row>"
        for n in range(4, 4 + FORMS.cells // 4 + 1)
    )
    return rewrite(path, SURVEY, lambda x: x.replace(b"</sheetData>", rows + b"</sheetData>")), (
        "too many cells"
    )


def entity_bomb(tmp_path):
    path = small_form(tmp_path / "lol.xlsx")
    dtd = b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa">]>'
    return rewrite(path, SURVEY, lambda x: dtd + x.split(b"?>", 1)[-1]), "entity bomb"


def encrypted(tmp_path):
    path = tmp_path / "locked.xlsx"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 4096)
    return path, "password-protected"


CASES = [far_value, zip_bomb, too_large, too_many_cells, entity_bomb, encrypted]


@pytest.mark.parametrize("make", CASES, ids=[f.__name__ for f in CASES])
def test_a_hostile_form_is_refused_in_one_line_and_little_memory(make, tmp_path, gcm_measured):
    bad, words = make(tmp_path)
    with pytest.raises(UserError) as refused:
        read_xlsform(bad)
    assert words in refused.value.message and refused.value.path == str(bad)
    for command in ("check", "import"):
        status, out, err, peak = gcm_measured("form", command, str(bad))
        said = (out + err).strip()
        assert status == 1 and said.startswith(f"{bad}: ") and words in said, said
        assert "\n" not in said
        assert peak < 1024, f"{peak} MB"


def test_formatting_down_to_the_last_cell_is_still_read(tmp_path, gcm_measured):
    """Only cells holding a value count: a whole sheet formatted by hand is a normal form."""
    path = small_form(tmp_path / "styled.xlsx")
    rewrite(
        path,
        SURVEY,
        lambda x: x.replace(
            b"</sheetData>", b'<row r="1048576"><c r="XFD1048576" s="0"/></row></sheetData>'
        ),
    )
    assert [q.name for q in read_xlsform(path).questions()] == ["a", "b"]
    status, out, err, peak = gcm_measured("form", "check", str(path))
    assert status == 0, out + err


@pytest.mark.parametrize(
    "settings, column",
    [
        ({"form_id": '=HYPERLINK("http://example.org","x")', "version": "1"}, "form_id"),
        ({"form_id": "../../outside", "version": "1"}, "form_id"),
        ({"form_id": "survey", "version": "=cmd|' /C calc'!A0"}, "version"),
        ({"form_id": "survey", "version": "1\u202e"}, "version"),  # a right-to-left override
        ({"form_id": "x" * 101, "version": "1"}, "form_id"),
    ],
)
def test_a_form_id_or_version_that_is_code_or_a_path_is_refused(tmp_path, settings, column):
    path = small_form(tmp_path / "form.xlsx")
    book = load_workbook(path)
    sheet = book.create_sheet("settings")
    sheet.append(list(settings))
    sheet.append(list(settings.values()))
    for cell in sheet[2]:
        cell.data_type = "s"  # typed as text ('=... in a spreadsheet program), not a formula
    book.save(path)
    errors = [str(p) for p in check_xlsform(path)]
    assert any(
        f"settings row 2, column {column}: {column} " in e and "is not allowed" in e for e in errors
    ), errors
    with pytest.raises(UserError):
        read_xlsform(path)


@pytest.mark.parametrize(
    "content, words",
    [
        (b"name,label\n" + b"x," + b"y" * 200_000 + b"\n", "cannot read choices.csv"),
        (b"name,label\n" + b"a,b\n" * (9 * 1024**2), "larger than 16 MB"),
    ],
    ids=["field over the csv limit", "too large"],
)
def test_a_hostile_choices_file_is_a_problem_on_its_row(tmp_path, content, words):
    path = small_form(tmp_path / "form.xlsx")
    book = load_workbook(path)
    book["survey"].append(["select_one_from_file choices.csv", "c", "C"])
    book.save(path)
    (tmp_path / "choices.csv").write_bytes(content)
    errors = [str(p) for p in check_xlsform(path)]
    assert any("survey row 4, column type" in e and words in e for e in errors), errors
