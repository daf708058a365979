"""Excel 97-2003 (.xls) forms, formulas in headers, and no library's words for the author."""

from __future__ import annotations

import warnings
import zipfile
from pathlib import Path

import pytest
from odk_corpus import write_workbook

from gcm_collect.errors import UserError
from gcm_collect.forms import check_xlsform, read_xlsform
from gcm_collect.i18n import set_language

FILES = Path(__file__).parent / "files"
YES_NO = [
    {"list_name": "yn", "name": "yes", "label": "Yes"},
    {"list_name": "yn", "name": "no", "label": "No"},
]
HOUSEHOLD = {
    "survey": [
        {"type": "text", "name": "village", "label": "Village"},
        {
            "type": "integer",
            "name": "households",
            "label": "Households",
            "relevant": "${village} != ''",
        },
        {"type": "select_one yn", "name": "water", "label": "Clean water?"},
        {"type": "date", "name": "visit", "label": "Visit date"},
    ],
    "choices": YES_NO,
    "settings": [{"form_id": "xls_form", "version": "3"}],
}
PROBLEMS = {
    "survey": [
        {"type": "text", "name": "village", "label": "Village"},
        {"type": "geopoint", "name": "where", "label": "Where?"},
        {"type": "integer", "name": "village", "label": "Again"},
    ]
}


def test_an_xls_form_reads_as_the_same_form_as_its_xlsx(tmp_path):
    xls = read_xlsform(FILES / "household.xls")
    xlsx = read_xlsform(write_workbook(tmp_path / "household.xlsx", HOUSEHOLD))
    assert [q.name for q in xls.questions()] == ["village", "households", "water", "visit"]
    assert xls.content_hash == xlsx.content_hash


def test_an_xls_form_with_problems_gets_the_same_messages_as_an_xlsx(tmp_path):
    (tmp_path / "a").mkdir()
    xlsx = write_workbook(tmp_path / "a" / "problems.xlsx", PROBLEMS)

    def said(path: Path) -> list[tuple]:
        return [(p.sheet, p.row, p.column, p.severity, p.message) for p in check_xlsform(path)]

    found = said(FILES / "problems.xls")
    assert found == said(xlsx)
    assert any("geopoint" in message for *_rest, message in found)


@pytest.mark.parametrize("name", ["formula_header.xls", "formula_header_saved.xlsx"])
def test_a_header_made_by_a_formula_is_read_by_its_saved_value(name):
    form = read_xlsform(FILES / name)
    assert form.question("village").label("en")[0] == "Village"


def test_an_xls_named_xlsx_and_an_xlsx_named_xls_are_both_read(tmp_path):
    renamed = tmp_path / "household.xlsx"
    renamed.write_bytes((FILES / "household.xls").read_bytes())
    mailed = write_workbook(tmp_path / "mailed.xls", HOUSEHOLD)
    assert read_xlsform(renamed).content_hash == read_xlsform(mailed).content_hash


@pytest.mark.parametrize(
    ("head", "french"),
    [
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "(.xls)"),  # an .xls cut short
        (b"PK\x03\x04", "classeur Excel (.xlsx)"),  # not even a whole zip
        (b"type,name,label\n", "classeur Excel (.xlsx ou .xls)"),  # a CSV saved as .xls
    ],
)
def test_an_unreadable_workbook_is_one_message_in_the_authors_language(tmp_path, head, french):
    bad = tmp_path / "form.xls"
    bad.write_bytes(head + b"\x00" * 600)
    set_language("fr")
    with pytest.raises(UserError) as info:
        check_xlsform(bad)
    message = str(info.value)
    assert message.startswith(f"{bad}: ") and "\n" not in message
    assert french in message
    for word in ("xlrd", "openpyxl", "calamine", "zip", "Error", "file format"):
        assert word not in message


def test_openpyxl_warnings_never_reach_the_terminal(tmp_path):
    plain = write_workbook(tmp_path / "plain.xlsx", HOUSEHOLD)
    odd = tmp_path / "validated.xlsx"
    # a data validation as Excel 2010 writes it: openpyxl warns that it drops it
    extension = (
        b'<extLst><ext uri="{CCE6A557-97BC-4b89-ADB6-D9C93CAAB3DF}" xmlns:x14='
        b'"http://schemas.microsoft.com/office/spreadsheetml/2009/9/main">'
        b'<x14:dataValidations count="0"/></ext></extLst></worksheet>'
    )
    with zipfile.ZipFile(plain) as src, zipfile.ZipFile(odd, "w") as out:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "xl/worksheets/sheet1.xml":
                data = data.replace(b"</worksheet>", extension)
            out.writestr(info, data)
    with warnings.catch_warnings(record=True) as shown:
        warnings.simplefilter("always")  # what a terminal would have printed
        assert read_xlsform(odd).content_hash == read_xlsform(plain).content_hash
    assert [str(w.message) for w in shown] == []
