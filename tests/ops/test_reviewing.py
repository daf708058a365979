"""Reviewing a workbook in the app, through its operations: open it into a scratch review
database, comment (inside a practice too), decide, save the return files; the officer's import
of them gives what the command line's ``return`` gives (tests/ops/test_review_loop.py)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from openpyxl import load_workbook

sys.path.insert(0, str(Path(__file__).parents[1] / "workbook"))

from datasets import open_store, record  # noqa: E402
from notes_helpers import add_notes, cell_of  # noqa: E402
from review_helpers import PRACTICE, A, B  # noqa: E402

from gcm_collect.errors import UserError  # noqa: E402
from gcm_collect.ops import reviewing  # noqa: E402
from gcm_collect.ops.importing import import_files  # noqa: E402
from gcm_collect.ops.review import return_reviews  # noqa: E402
from gcm_collect.store import Store  # noqa: E402
from gcm_collect.workbook.returnfile import read_return  # noqa: E402

pytestmark = pytest.mark.slow  # real workbooks written and read


def review_in_app(reviewer, exported, out):
    opened = reviewing.open_for_review(reviewer, exported)
    with Store.open(opened.scratch) as scratch:
        reviewing.comment(scratch, A, "lead_entity", "Which ministry leads?")
        reviewing.comment(scratch, A, PRACTICE, "Is this the national plan?")
        reviewing.decide(scratch, A, "return", "Name the lead ministry")
        reviewing.decide(scratch, B, "approve")
        return reviewing.save_returns(reviewer, scratch, out)


def test_a_review_in_the_app_is_imported_like_one_from_the_command_line(
    reviewer, exported, tmp_path
):
    out = tmp_path / "returns"
    out.mkdir()
    result = review_in_app(reviewer, exported, out)
    [path] = result.files
    assert path == out / "FRA-2024-2025-review.xlsx"
    rf = read_return(path)
    assert rf.signature.valid and rf.meta.level == "regional" and set(rf.meta.submissions) == {A, B}
    assert {(c.submission, c.path, c.author) for c in rf.conversation.comments} == {
        (A, "lead_entity", "Lars Berg"),
        (A, PRACTICE, "Lars Berg"),
    }
    officer = open_store(tmp_path, "officer.sqlite")
    lines = import_files(officer, [path]).reviews[str(path)]
    assert any("returned (Name the lead ministry)" in line for line in lines)
    assert officer.review_state_of(A)[0] == "returned"
    assert officer.review_state_of(B)[0] == "approved"
    texts = {c.path: c.text for c in officer.load_conversation([A]).comments}
    assert texts == {"lead_entity": "Which ministry leads?", PRACTICE: "Is this the national plan?"}
    officer.close()

    # The command line, given the same comment and decisions in the spreadsheet, writes a
    # return the officer takes the same way.
    cell = cell_of(exported, "Submissions", {"_uuid": A}, "lead_entity")
    add_notes(exported, [("Submissions", cell, "Lars Berg", "Which ministry leads?")])
    wb = load_workbook(exported)
    ws = wb["Review"]
    names = [c.value for c in ws[2]]
    for row in ws.iter_rows(min_row=3):
        if row[names.index("_uuid")].value == A:
            row[names.index("decision")].value = "return"
            row[names.index("reason")].value = "Name the lead ministry"
    wb.save(exported)
    cli = tmp_path / "cli"
    cli.mkdir()
    [by_cli] = return_reviews(reviewer, exported, cli).files
    assert by_cli.name == path.name
    again = open_store(tmp_path, "officer2.sqlite")
    with again.atomic():
        for n in (0, 1):
            again.put_submission(record(n, status="finalized"), who="test")
    import_files(again, [by_cli])
    assert again.review_state_of(A)[0] == "returned"
    assert again.review_state_of(A)[1].reason == "Name the lead ministry"
    assert {c.path for c in again.load_conversation([A]).comments} == {"lead_entity"}
    again.close()


def test_the_review_survives_closing_and_reopening(reviewer, exported):
    opened = reviewing.open_for_review(reviewer, exported)
    assert opened.submissions == 2 and not opened.resumed
    assert opened.scratch.parent == Path(reviewer.path).parent / "reviews"
    with Store.open(opened.scratch) as scratch:
        reviewing.comment(scratch, A, PRACTICE, "Which year?")
        reviewing.decide(scratch, A, "approve")
    # Re-saved in a spreadsheet with a note: same hidden part, same review resumed.
    cell = cell_of(exported, "Submissions", {"_uuid": B}, "lead_entity")
    add_notes(exported, [("Submissions", cell, "Lars Berg", "Source?")])
    again = reviewing.open_for_review(reviewer, exported)
    assert again.resumed and again.scratch == opened.scratch
    with Store.open(again.scratch) as scratch:
        texts = {c.text for c in scratch.load_conversation().comments}
        assert texts == {"Which year?", "Source?"}
        assert reviewing.decision_of(scratch, A).code == "approve"
        # Changing one's mind replaces the decision; it is not a second one.
        reviewing.decide(scratch, A, "reject", "Out of scope")
        [decision] = scratch.load_conversation([A]).decisions
        assert (decision.code, decision.reason) == ("reject", "Out of scope")
        reviewing.decide(scratch, A, "")
        assert reviewing.decision_of(scratch, A) is None
    # The reviewer's own database holds none of it.
    assert reviewer.count_submissions() == 0 and not reviewer.load_conversation()


def test_a_return_or_rejection_needs_a_reason_and_a_comment_a_question(reviewer, exported):
    opened = reviewing.open_for_review(reviewer, exported)
    with Store.open(opened.scratch) as scratch:
        with pytest.raises(UserError, match="reason"):
            reviewing.decide(scratch, A, "return", "  ")
        with pytest.raises(UserError, match="reason"):
            reviewing.decide(scratch, A, "reject")
        with pytest.raises(UserError, match="empty"):
            reviewing.comment(scratch, A, "lead_entity", " ")
        with pytest.raises(UserError, match="not a question"):
            reviewing.comment(scratch, A, "no_such_question", "Why?")
        assert not scratch.load_conversation()


def test_a_forged_workbook_is_refused_and_leaves_nothing(reviewer, exported, tmp_path):
    wb = load_workbook(exported)
    ws = wb["_gcm_records"]
    ws["D2"] = ws["D2"].value.replace("Amina Test", "Someone Else")
    wb.save(exported)
    with pytest.raises(UserError) as caught:
        reviewing.open_for_review(reviewer, exported)
    assert str(exported) in str(caught.value) and "fingerprint" in str(caught.value)
    folder = Path(reviewer.path).parent / "reviews"
    assert list(folder.iterdir()) == []
