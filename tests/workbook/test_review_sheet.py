"""The Review sheet: a dropdown of translated decisions per submission, read back as decisions
with stable codes; typing there is not an edit of the data."""

from __future__ import annotations

import pytest
from datasets import _uuid, fill, open_store
from openpyxl import load_workbook

from gcm_collect.conversation import Conversation, Decision
from gcm_collect.export import export_workbook
from gcm_collect.workbook import find_edits, read_export
from gcm_collect.workbook.reviewsheet import read_decisions

AT = "2026-03-01T10:00:00Z"


def _export(tmp_path, lang="en", conversation=None):
    store = open_store(tmp_path)
    fill(store, 3)
    if conversation is not None:
        store.save_conversation(conversation, who="test")
    path = tmp_path / f"export-{lang}.xlsx"
    export_workbook(store, path, lang=lang)
    store.close()
    return path


def _type(path, sheet, values):
    """Type (row-2 name -> value) into the row of each submission UUID."""
    wb = load_workbook(path)
    ws = wb[sheet]
    names = [c.value for c in ws[2]]
    for row in ws.iter_rows(min_row=3):
        typed = values.get(row[names.index("_uuid")].value)
        for name, value in (typed or {}).items():
            row[names.index(name)].value = value
    wb.save(path)


def test_every_export_has_a_review_sheet_with_a_translated_dropdown(tmp_path):
    for lang, label, rtl in (("en", "return", False), ("ar", "إعادة", True)):
        path = _export(tmp_path, lang)
        wb = load_workbook(path)
        plan = read_export(path).meta.sheet("review")
        ws = wb[plan.name]
        assert ws.sheet_state == "visible"
        assert [c.value for c in ws[2]][:6] == [
            "_uuid",
            "_revision",
            "_state",
            "_state:label",
            "_period",
            "_title",
        ]
        assert {c.value for c in ws[2]} >= {"decision", "reason"}
        assert ws.max_row == 5  # two header rows, three submissions
        [validation] = ws.data_validations.dataValidation
        assert label in validation.formula1
        assert str(validation.sqref) == "G3:G5"
        assert bool(ws.sheet_view.rightToLeft) is rtl


def test_decisions_typed_in_any_language_are_read_with_their_codes(tmp_path):
    path = _export(tmp_path, "fr")
    sheet = read_export(path).meta.sheet("review").name
    _type(
        path,
        sheet,
        {
            _uuid(0): {"decision": "renvoyer", "reason": "Source du budget ?"},
            _uuid(1): {"decision": "approve"},
            _uuid(2): {"decision": "rechazar"},  # Spanish, and no reason: refused
        },
    )
    wb = read_export(path)
    assert find_edits(wb) == []  # the Review sheet is not data
    read = read_decisions(wb, level="national", reviewer="Amina", at=AT)
    assert {(d.submission, d.code, d.reason, d.level) for d in read.decisions} == {
        (_uuid(0), "return", "Source du budget ?", "national"),
        (_uuid(1), "approve", "", "national"),
    }
    [problem] = read.problems
    assert problem.startswith(f"{sheet}!G") and "reason" in problem


def test_a_decision_it_carries_is_shown_and_not_taken_twice(tmp_path):
    earlier = Decision.new(_uuid(0), 1, "return", "Which year?", "regional", "Lars", AT)
    path = _export(tmp_path, conversation=Conversation(decisions=(earlier,)))
    wb = read_export(path)
    assert wb.conversation.decisions == (earlier,)
    rows = list(load_workbook(path)[wb.meta.sheet("review").name].iter_rows(values_only=True))
    shown = next(r for r in rows if r[0] == _uuid(0))
    assert ("return", "Which year?") == (shown[6], shown[7]) and "Lars" in shown[8]
    assert read_decisions(wb, reviewer="x", at=AT, carried=wb.conversation).decisions == ()


@pytest.mark.parametrize("value", ["maybe", "=1+1"])
def test_a_value_that_is_no_decision_is_one_problem(tmp_path, value):
    path = _export(tmp_path)
    _type(path, read_export(path).meta.sheet("review").name, {_uuid(1): {"decision": value}})
    read = read_decisions(read_export(path), reviewer="x", at=AT)
    assert read.decisions == () and len(read.problems) == 1
