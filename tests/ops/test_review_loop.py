"""The review loop through the operations the command line runs: a reviewer comments and
decides in an exported workbook, returns it, and the officer imports the return file."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from openpyxl import load_workbook

sys.path.insert(0, str(Path(__file__).parents[1] / "workbook"))

from datasets import _uuid, open_store, record  # noqa: E402
from notes_helpers import add_notes, cell_of, decide  # noqa: E402

from gcm_collect.errors import UserError  # noqa: E402
from gcm_collect.export import export_workbook  # noqa: E402
from gcm_collect.ops.importing import import_files  # noqa: E402
from gcm_collect.ops.review import return_reviews  # noqa: E402
from gcm_collect.workbook.returnfile import read_return  # noqa: E402

pytestmark = pytest.mark.slow  # real workbooks written and read

A, B, C = _uuid(0), _uuid(1), _uuid(2)


def officer_db(folder: Path, name: str = "officer.sqlite"):
    store = open_store(folder, name)
    with store.atomic():
        for n, state in ((0, "FRA"), (1, "FRA"), (2, "EGY")):
            store.put_submission(record(n, state=state, status="finalized"), who="test")
    return store


@pytest.fixture
def reviewed(tmp_path):
    officer = officer_db(tmp_path)
    exported = tmp_path / "FRA-export.xlsx"
    export_workbook(officer, exported, lang="en")
    officer.close()
    sub = cell_of(exported, "Submissions", {"_uuid": A}, "lead_entity")
    add_notes(exported, [("Submissions", sub, "Lars", "Which ministry leads?")])
    decide(exported, {A: ("return", "Name the lead ministry"), B: ("approve", None)})
    return exported


def test_return_writes_one_signed_file_per_state_and_period(reviewed, tmp_path):
    out = tmp_path / "returns"
    out.mkdir()
    reviewer = open_store(tmp_path, "reviewer.sqlite")
    result = return_reviews(reviewer, reviewed, out, reviewer="Lars Berg", level="regional")
    reviewer.close()
    # Only France's has something to say: EGY had no decision and no comment.
    assert result.files == [out / "FRA-2024-2025-review.xlsx"]
    assert result.lines == [f"{result.files[0]}: decisions: 2, comments: 1"]
    rf = read_return(result.files[0])
    assert rf.signature.valid and rf.meta.state == "FRA" and rf.meta.level == "regional"
    assert set(rf.meta.submissions) == {A, B}
    assert {(d.submission, d.code, d.reason, d.reviewer) for d in rf.conversation.decisions} == {
        (A, "return", "Name the lead ministry", "Lars Berg"),
        (B, "approve", "", "Lars Berg"),
    }
    [comment] = rf.conversation.comments
    assert (comment.submission, comment.path, comment.author) == (A, "lead_entity", "Lars")


def _returned(reviewed, tmp_path):
    out = tmp_path / "returns"
    out.mkdir(exist_ok=True)
    reviewer = open_store(tmp_path, "reviewer.sqlite")
    [path] = return_reviews(reviewer, reviewed, out, reviewer="Lars Berg").files
    reviewer.close()
    return path


def test_the_officer_imports_the_return(reviewed, tmp_path):
    path = _returned(reviewed, tmp_path)
    officer = open_store(tmp_path, "officer.sqlite")
    report = import_files(officer, [path])
    lines = report.reviews[str(path)]
    assert any("returned (Name the lead ministry)" in line and "opened" in line for line in lines)
    assert any("approved by Lars Berg" in line for line in lines)
    # Returned: a new draft revision to revise; approved: locked for good.
    assert officer.review_state_of(A)[0] == "returned"
    [(new_uuid, revision)] = [officer.revised_by(A)]
    assert revision == 2 and officer.get_submission(new_uuid).status == "draft"
    assert officer.review_state_of(B)[0] == "approved"
    with pytest.raises(UserError, match="approved"):
        officer.new_revision(B, who="officer")
    # The comment is the officer's to read, in History too.
    [comment] = officer.load_conversation([A]).comments
    assert comment.text == "Which ministry leads?"
    assert "review_comment" in [e.action for e in officer.history(A)]
    # The same file again changes nothing.
    again = import_files(officer, [path]).reviews[str(path)]
    # (Said so: "kept as history" once told a replay of the return that opened revision 2.)
    assert again == [f"submission {A}: already returned", f"submission {B}: already approved"]
    assert officer.revised_by(A) == (new_uuid, 2)
    officer.close()


def test_a_return_naming_unknown_submissions_changes_nothing(reviewed, tmp_path):
    path = _returned(reviewed, tmp_path)
    other = open_store(tmp_path, "other.sqlite")
    other.put_submission(record(0, state="FRA", status="finalized"), who="test")
    with pytest.raises(UserError) as caught:
        import_files(other, [path])
    assert str(path) in str(caught.value) and B in str(caught.value)
    assert other.load_conversation() == other.load_conversation([])  # nothing stored
    assert other.review_states() == {} and other.revised_by(A) is None
    other.close()


def test_a_forged_return_file_is_refused(reviewed, tmp_path):
    path = _returned(reviewed, tmp_path)
    wb = load_workbook(path)
    ws = wb["_gcm_review"]
    for row in ws.iter_rows(min_row=2):
        if row[0].value == "decision" and '"return"' in row[1].value:
            row[1].value = row[1].value.replace('"return"', '"approve"')
    wb.save(path)
    officer = open_store(tmp_path, "officer.sqlite")
    with pytest.raises(UserError) as caught:
        import_files(officer, [path])
    assert str(path) in str(caught.value) and "changed" in str(caught.value)
    assert officer.review_states() == {}
    officer.close()


def test_an_older_revisions_return_is_kept_as_history(reviewed, tmp_path):
    path = _returned(reviewed, tmp_path)
    officer = open_store(tmp_path, "officer.sqlite")
    officer.new_revision(A, who="officer")  # the officer moved on before the return came
    lines = import_files(officer, [path]).reviews[str(path)]
    assert any(A in line and "kept as history" in line for line in lines)
    assert officer.review_state_of(A) is None
    assert len(officer.load_conversation([A]).decisions) == 1  # kept, as history
    officer.close()


def test_ten_thousand_comments_travel_and_are_stored(reviewed, tmp_path):
    from gcm_collect.conversation import Comment, Conversation
    from gcm_collect.ops.keys import signing_key
    from gcm_collect.workbook.layout import translator_for
    from gcm_collect.workbook.returnfile import ReturnMeta, write_return

    many = Conversation(
        tuple(
            Comment.new(A, 1, "lead_entity", "Lars", f"Question {i}", f"2026-03-01T10:{i:05d}")
            for i in range(10_000)
        )
    )
    reviewer = open_store(tmp_path, "reviewer.sqlite")
    path = tmp_path / "FRA-2024-2025-review.xlsx"
    meta = ReturnMeta("FRA", "2024-2025", "Lars", "regional", "2026-03-01", "en", "x", {A: 1})
    write_return(path, meta, many, {}, translator_for("en"), signing_key(reviewer))
    reviewer.close()
    assert len(read_return(path).conversation.comments) == 10_000
    officer = open_store(tmp_path, "officer.sqlite")
    lines = import_files(officer, [path]).reviews[str(path)]
    assert lines == [f"submission {A}: comments only"]
    assert len(officer.load_conversation([A]).comments) == 10_000
    officer.close()


def test_a_comment_on_a_formula_is_one_line(reviewed, tmp_path):
    wb = load_workbook(reviewed)
    ws = wb["Submissions"]
    cell = cell_of(reviewed, "Submissions", {"_uuid": B}, "lead_entity")
    ws[cell].value = "=1+1"
    from openpyxl.comments import Comment as Note

    ws[cell].comment = Note("Is this computed?", "Lars")
    wb.save(reviewed)
    out = tmp_path / "returns"
    out.mkdir()
    reviewer = open_store(tmp_path, "reviewer.sqlite")
    result = return_reviews(reviewer, reviewed, out, reviewer="Lars")
    reviewer.close()
    [line] = result.problems
    assert f"Submissions!{cell}" in line and "formula" in line and "Is this computed?" in line
    rf = read_return(result.files[0])
    assert "Is this computed?" in {c.text for c in rf.conversation.comments}
