"""The Migration Network Hub submission: every practice in the Hub's fields, the Hub's checklist
checked per practice, read back with openpyxl; from the database and from a regional workbook."""

from __future__ import annotations

import openpyxl
import pytest

from gcm_collect.documents.hub import acronyms_unexplained, summary_words
from gcm_collect.documents.language import speaking
from gcm_collect.errors import UserError
from gcm_collect.i18n import _
from gcm_collect.ops.answers import add_instance, set_answer
from gcm_collect.ops.documents import write_hub
from gcm_collect.ops.submissions import new_submission
from gcm_collect.ops.workbooks import export

GOOD = "Consular days of the International Organization for Migration (IOM)"
WEAK = "UNHCR border desks"


def practice(store, uuid, answers):
    iid = add_instance(store, uuid, "practices").entry
    for name, value in answers.items():
        set_answer(store, uuid, f"practices[{iid}]/{name}", value)


@pytest.fixture
def two_practices(store):
    uuid = new_submission(store, state="MDA", region="ECE", period="2026").uuid
    practice(
        store,
        uuid,
        {
            "practice_title": GOOD,
            "practice_summary": "Mobile consular days for Moldovan workers abroad.",
            "practice_implementer": "Ministry of Foreign Affairs",
            "practice_focal_point": "Ana Rusu, consular department",
            "practice_objectives": ["4", "7"],
            "practice_principles": ["a", "f"],
            "practice_principles_how": "Services run in the workers' languages.",
            "practice_start": "2020-03-01",
            "practice_status": "completed",
            "practice_innovation": "Appointments by text message.",
            "practice_replicability": "Used since by two neighbouring States.",
        },
    )
    practice(
        store,
        uuid,
        {
            "practice_title": WEAK,
            "practice_summary": " ".join(["word"] * 200),
            "practice_implementer": "Border police",
            "practice_start": "2017-05-01",
            "practice_status": "ongoing",
        },
    )
    return uuid


def rows(path, sheet):
    book = openpyxl.load_workbook(path, read_only=True)
    return [list(r) for r in book[sheet].iter_rows(values_only=True)]


def test_each_practice_in_hub_fields_with_its_checklist(store, two_practices, tmp_path):
    out = tmp_path / "hub.xlsx"
    practices = write_hub(out, "en", store=store)
    assert [p.passed for p in practices] == [True, False]
    sheet = rows(out, "Practices")
    assert sheet[0][:5] == ["State", "Reporting period", "Revision", "Practice", "Hub check"]
    titles = [r[sheet[0].index("Title")] for r in sheet[1:]]
    assert titles == [GOOD, WEAK]
    assert [r[4] for r in sheet[1:]] == ["passes", "fails"]
    failures = {r[4]: r[6] for r in rows(out, "Checklist")[1:] if r[3] == WEAK and r[5] == "no"}
    assert failures["Implemented after December 2018"].startswith("started on")
    assert "ongoing" in failures["Completed, mostly completed, or ongoing with results"]
    assert "focal point" in failures["Main implementer and its focal point"]
    assert "UNHCR" in failures["Acronyms spelled out"]
    assert "200 words" in failures["Summary length"]
    assert "innovation" in failures["Innovation and replicability described"]
    assert "Relates to GCM objectives" in failures  # none given
    about = "\n".join(str(r[0]) for r in rows(out, "About"))
    assert "Unverified field list" in about


def test_the_checklist_speaks_arabic_right_to_left(store, two_practices, tmp_path):
    out = tmp_path / "hub.xlsx"
    write_hub(out, "ar", store=store)
    book = openpyxl.load_workbook(out)
    with speaking("ar"):
        names = [_("About"), _("Practices"), _("Checklist")]
        criterion = _("Acronyms spelled out")
    assert book.sheetnames == names
    assert all(ws.sheet_view.rightToLeft for ws in book.worksheets)
    assert criterion in [r[4] for r in rows(out, names[2])]


def test_from_a_workbook_as_from_the_database(store, two_practices, tmp_path):
    export(store, tmp_path / "moldova.xlsx", lang="en", statuses=("draft",))
    practices = write_hub(tmp_path / "hub.xlsx", "en", workbook=tmp_path / "moldova.xlsx")
    assert [p.values[0] for p in practices] == [GOOD, WEAK]
    with pytest.raises(UserError, match="xlsx"):
        write_hub(tmp_path / "hub.docx", "en", store=store)


def test_acronyms_and_summary_words():
    assert acronyms_unexplained("The IOM (IOM) and UNHCR; ЕАЭС") == ["UNHCR", "ЕАЭС"]
    assert acronyms_unexplained("International Organization for Migration (IOM)") == []
    assert summary_words("one two three") == 3
    assert summary_words("移民工人法律援助") == 8


HYPERLINK = '=HYPERLINK("http://evil.example/x","Open")'
COMMAND = "+cmd|' /C calc'!A0"


def test_answers_that_look_like_formulas_stay_text_and_bad_characters_do_not_stop_it(
    store, tmp_path
):
    """The Hub file is opened in Excel: an answer written as a formula would run there. Control
    characters and U+FFFE (which XML cannot hold) once stopped the write with a traceback."""
    uuid = new_submission(store, state="MDA", region="ECE", period="2026").uuid
    practice(
        store,
        uuid,
        {
            "practice_title": HYPERLINK,
            "practice_implementer": COMMAND,
            "practice_summary": "Line\x00one\x01 \u202eevil\u202c \ufffe",
            "practice_innovation": "word " * 10_000,  # 50,000 characters: more than a cell
        },
    )
    out = tmp_path / "hub.xlsx"
    write_hub(out, "en", store=store)
    book = openpyxl.load_workbook(out)  # not read only: data types as Excel will see them
    cells = [c for ws in book.worksheets for row in ws.iter_rows() for c in row]
    assert [c.coordinate for c in cells if c.data_type == "f"] == []
    sheet = rows(out, "Practices")
    [row] = [dict(zip(sheet[0], r, strict=True)) for r in sheet[1:]]
    assert row["Title"] == HYPERLINK
    assert COMMAND in row.values()
    assert "Line\ufffdone\ufffd \u202eevil\u202c \ufffd" in row.values()
    longest = max(len(str(v)) for v in row.values())
    assert 32_000 < longest <= 32_767
    assert [r[3] for r in rows(out, "Checklist")[1:]] == [HYPERLINK] * 8
