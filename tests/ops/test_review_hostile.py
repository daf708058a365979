"""The review paths attacked (issue 19's File ▸ Open for review, return files): the hostile
corpus of tests/consolidate/test_hostile.py opened for review, hand-made return files and a
scratch review database damaged or gone. Each is one message naming the file and the problem;
nothing is half-written and the databases are unchanged. (The windows: tests/app/
test_review_window_hostile.py.)"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).parents[1]
sys.path[:0] = [str(HERE / "consolidate"), str(HERE / "workbook")]

import test_hostile  # noqa: E402
from datasets import open_store, record  # noqa: E402
from helpers import export_of  # noqa: E402
from review_helpers import A, B  # noqa: E402

from gcm_collect.conversation import Comment, Conversation, Decision  # noqa: E402
from gcm_collect.errors import UserError  # noqa: E402
from gcm_collect.ops import reviewing  # noqa: E402
from gcm_collect.ops.importing import import_files  # noqa: E402
from gcm_collect.ops.review import Reviewed, write_returns  # noqa: E402
from gcm_collect.store import Store  # noqa: E402
from gcm_collect.workbook.returnfile import ReturnMeta  # noqa: E402

pytestmark = pytest.mark.slow  # real workbooks written and read

AT = "2026-01-05T09:00:00.000Z"


def officer_db(folder: Path):
    store = open_store(folder, "officer.sqlite")
    with store.atomic():
        for n in (0, 1):
            store.put_submission(record(n, status="finalized"), who="test")
    return store


def hand_made_return(folder: Path, conversation: Conversation, signer: str = "ECE") -> Path:
    """A return file about A and B written by the app's own writer, signed by a key of its
    own (anyone can make one): what an attacker sends."""
    maker = open_store(folder, f"{signer}.sqlite")
    maker.set_setting("officer", signer)
    out = folder / "returns"
    out.mkdir(exist_ok=True)
    about = [Reviewed(A, 1, "FRA", "2024-2025", ""), Reviewed(B, 1, "FRA", "2024-2025", "")]
    meta = ReturnMeta("", "", signer, "regional", AT, "en", "0" * 64, {})
    [path] = write_returns(maker, about, conversation, out, meta).files
    maker.close()
    return path


def unchanged(store) -> tuple:
    return (store.load_conversation(), store.review_states(), store.count_submissions())


# What import takes, so opening for review takes too (the window shows such text escaped).
OPENED = {
    "control_character_in_officer",
    "control_character_in_provenance",
    "control_character_in_file_name",
}


def _good(folder: Path) -> None:
    export_of(folder, "good", [record(1), record(2, state="RUS")])


@pytest.mark.parametrize(
    "make", test_hostile.HOSTILE, ids=[f.__name__ for f in test_hostile.HOSTILE]
)
def test_each_hostile_workbook_opened_for_review_is_one_line_and_leaves_nothing(
    make, reviewer, tmp_path, built_once
):
    good = built_once("good", _good, tmp_path) / "good.xlsx"
    bad, words = make(tmp_path, good)
    folder = tmp_path / "reviews"
    if make.__name__ in OPENED:
        assert reviewing.open_for_review(reviewer, bad, folder=folder).submissions >= 1
        return
    with pytest.raises(UserError) as caught:
        reviewing.open_for_review(reviewer, bad, folder=folder)
    line = str(caught.value)
    assert line.startswith(f"{bad}: ") and words in line and "\n" not in line, line
    assert not folder.exists() or list(folder.iterdir()) == []  # no scratch database
    assert reviewer.count_submissions() == 0 and not reviewer.load_conversation()


def test_a_return_file_whose_comment_holds_a_lone_surrogate_is_refused_whole(tmp_path):
    """JSON escapes in the hidden part can carry a lone surrogate, which no database stores:
    the officer's import once stopped with a UnicodeEncodeError traceback."""
    officer = officer_db(tmp_path)
    lone = Comment(
        "3f0d7a8e-0000-4000-8000-000000000001", A, 1, "lead_entity", "Lars", "x \ud800 y", AT
    )
    approve = Decision.new(B, 1, "approve", "", "regional", "Lars", AT)
    path = hand_made_return(tmp_path, Conversation((lone,), (approve,)))
    before = unchanged(officer)
    with pytest.raises(UserError) as caught:
        import_files(officer, [path])
    line = str(caught.value)
    assert line.startswith(f"{path}: ") and "damaged" in line and "\n" not in line
    assert unchanged(officer) == before
    officer.close()


def test_a_damaged_scratch_database_is_set_aside_and_the_review_starts_again(reviewer, exported):
    opened = reviewing.open_for_review(reviewer, exported)
    opened.scratch.write_bytes(b"not a database " * 500)
    again = reviewing.open_for_review(reviewer, exported)
    assert not again.resumed and again.submissions == 2
    [aside] = [p for p in opened.scratch.parent.iterdir() if ".unusable-" in p.name]
    assert aside.read_bytes() == b"not a database " * 500  # kept, never deleted
    [line] = again.source.problems
    assert str(aside) in line and "set aside" in line
    with Store.open(again.scratch) as scratch:  # a review to make, as on the first day
        reviewing.comment(scratch, A, "lead_entity", "Which ministry leads?")


def test_a_scratch_database_made_anew_where_the_review_was_is_set_aside(reviewer, exported):
    """Deleted, then created empty (a program opening the path makes a database there): the
    workbook once reopened as a review of no submission, for good."""
    opened = reviewing.open_for_review(reviewer, exported)
    opened.scratch.unlink()
    Store.open(opened.scratch).close()
    again = reviewing.open_for_review(reviewer, exported)
    assert again.submissions == 2 and "set aside" in again.source.problems[0]


def test_a_scratch_database_another_program_holds_is_one_line_and_left_alone(reviewer, exported):
    opened = reviewing.open_for_review(reviewer, exported)
    before = opened.scratch.read_bytes()
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sqlite3, sys, time\n"
            "c = sqlite3.connect(sys.argv[1], isolation_level=None)\n"
            "c.execute('BEGIN EXCLUSIVE'); print('held', flush=True); time.sleep(120)",
            str(opened.scratch),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "held"
        with pytest.raises(UserError) as caught:
            reviewing.open_for_review(reviewer, exported)
    finally:
        holder.kill()
        holder.wait()
        holder.stdout.close()
    line = str(caught.value)
    assert line.startswith(f"{opened.scratch}: ") and "in use" in line and "\n" not in line
    names = [p.name for p in opened.scratch.parent.iterdir()]
    assert not [n for n in names if not n.startswith(opened.scratch.name)], names  # no other
    assert opened.scratch.read_bytes() == before


def test_a_scratch_database_deleted_while_open_refuses_the_next_write(reviewer, exported):
    """On Linux and macOS the open file lives on, unlinked: comments written to it were lost
    when the window closed, without a word."""
    opened = reviewing.open_for_review(reviewer, exported)
    with Store.open(opened.scratch) as scratch:
        reviewing.comment(scratch, A, "lead_entity", "Kept")
        for suffix in ("", "-wal", "-shm"):
            Path(f"{opened.scratch}{suffix}").unlink(missing_ok=True)
        for write in (
            lambda: reviewing.comment(scratch, A, "lead_entity", "Lost?"),
            lambda: reviewing.decide(scratch, A, "approve"),
            lambda: reviewing.set_level(scratch, "national"),
        ):
            with pytest.raises(UserError) as caught:
                write()
            assert str(caught.value).startswith(f"{opened.scratch}: ")
            assert "deleted or moved" in str(caught.value)
    assert not opened.scratch.exists()


def test_the_officer_is_told_whose_key_signed_a_return_file(tmp_path):
    """Anyone can sign a return file with a key of their own and any name: the command line's
    import once approved (and locked) a submission without saying whose key it was."""
    officer_db(tmp_path).close()
    approve = Decision.new(B, 1, "approve", "", "regional", "ECE Regional Commission", AT)
    path = hand_made_return(tmp_path, Conversation((), (approve,)), "ECE Regional Commission")
    done = subprocess.run(
        [sys.executable, "-m", "gcm_collect", "--db", str(tmp_path / "officer.sqlite")]
        + ["import", str(path)],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    signed = f"{path}: signed by an unknown key (ECE Regional Commission); key "
    assert [line for line in lines if line.startswith(signed)], lines
    assert f"{path}: submission {B}: approved by ECE Regional Commission (regional)" in lines


NASTY = {
    "control": "a\x00b\x01c\x1b[2J\x0bd",
    "bidi": "\u202eexe.txt\u202c \u2067x\u2069 \u200f",
    "hyperlink": '=HYPERLINK("http://evil.example/x","Open")',
    "command": "+cmd|' /C calc'!A0",
    "not_xml": "\ufffe\uffff end",
}


@pytest.mark.parametrize("text", NASTY.values(), ids=NASTY.keys())
def test_nasty_comment_and_reason_texts_travel_exactly_and_never_as_formulas(text, tmp_path):
    """A comment the officer's database carries, the reviewer's comment and reason: opened
    for review, returned and imported, each comes back as it was written, and the return file
    shows it as text (Excel would run a formula), in cells an XML reader can parse."""
    from openpyxl import load_workbook

    from gcm_collect.export import export_workbook

    officer = officer_db(tmp_path)
    carried = Comment.new(A, 1, "lead_entity", "Officer " + text, "Carried " + text, AT)
    officer.save_conversation(Conversation((carried,)), who="test")
    exported = tmp_path / "FRA-export.xlsx"
    export_workbook(officer, exported, lang="en")
    reviewer = open_store(tmp_path, "reviewer.sqlite")
    reviewer.set_setting("officer", "Lars " + text)
    opened = reviewing.open_for_review(reviewer, exported)
    out = tmp_path / "returns"
    out.mkdir()
    with Store.open(opened.scratch) as scratch:
        assert [row.threads for row in reviewing.overview(scratch)] == [1, 0]
        reviewing.comment(scratch, A, "lead_entity", "Mine " + text)
        reviewing.decide(scratch, B, "reject", "Because " + text)
        [path] = reviewing.save_returns(reviewer, scratch, out).files
    reviewer.close()
    book = load_workbook(path)  # parses: nothing XML cannot hold was written
    cells = [c for ws in book.worksheets for row in ws.iter_rows() for c in row]
    assert [c.coordinate for c in cells if c.data_type == "f"] == []
    import_files(officer, [path])
    said = officer.load_conversation()
    assert {c.text for c in said.comments} == {"Carried " + text, "Mine " + text.strip()}
    [decision] = said.decisions
    assert (decision.reason, decision.reviewer) == ("Because " + text.strip(), "Lars " + text)
    assert officer.review_state_of(B)[0] == "rejected"
    officer.close()


@pytest.mark.parametrize("named", [1, 7], ids=["meta_says_1", "meta_says_7"])
def test_a_return_deciding_on_another_revision_than_held_changes_nothing(named, tmp_path):
    """A hand-made return approving revision 7 of a submission this database holds as revision
    1 once approved (and locked) revision 1."""
    officer = officer_db(tmp_path)
    approve = Decision.new(B, 7, "approve", "", "regional", "ECE", AT)
    maker = open_store(tmp_path, "maker.sqlite")
    out = tmp_path / "returns"
    out.mkdir()
    about = [Reviewed(B, named, "FRA", "2024-2025", "")]
    meta = ReturnMeta("", "", "ECE", "regional", AT, "en", "0" * 64, {})
    [path] = write_returns(maker, about, Conversation((), (approve,)), out, meta).files
    maker.close()
    before = unchanged(officer)
    with pytest.raises(UserError) as caught:
        import_files(officer, [path])
    line = str(caught.value)
    assert line.startswith(f"{path}: names revision ") and "nothing was imported" in line
    assert f"submission {B}, which is revision 1" in line
    assert unchanged(officer) == before and officer.review_state_of(B) is None
    officer.close()
