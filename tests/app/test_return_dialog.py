"""File ▸ Return reviews: the reviewer picks the reviewed workbook and the folder, types their
name and chooses the level (national focal point or regional commission), as
``gcm-collect return --reviewer --level`` does."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

sys.path.insert(0, str(Path(__file__).parents[1] / "workbook"))
sys.path.insert(0, str(Path(__file__).parents[1] / "ops"))

from notes_helpers import add_notes, cell_of  # noqa: E402
from test_review_loop import A, B, decide, officer_db  # noqa: E402

from gcm_collect.app.return_dialog import ReturnDialog  # noqa: E402
from gcm_collect.export import export_workbook  # noqa: E402
from gcm_collect.workbook.returnfile import read_return  # noqa: E402

pytestmark = pytest.mark.slow  # real workbooks written and read


@pytest.fixture
def reviewed(tmp_path):
    folder = tmp_path / "officer"
    folder.mkdir()
    officer = officer_db(folder)
    exported = tmp_path / "FRA-export.xlsx"
    export_workbook(officer, exported, lang="en")
    officer.close()
    sub = cell_of(exported, "Submissions", {"_uuid": A}, "lead_entity")
    add_notes(exported, [("Submissions", sub, "Amina", "Which ministry leads?")])
    decide(exported, {A: ("return", "Name the lead ministry"), B: ("approve", None)})
    return exported


def _open_dialog(qtbot, window) -> ReturnDialog:
    window.actionReturnReviews.trigger()
    dialog = window.findChild(ReturnDialog)
    assert dialog is not None
    qtbot.waitExposed(dialog)
    return dialog


def test_the_national_focal_point_returns_a_reviewed_workbook(
    qtbot, window, reviewed, tmp_path, told
):
    out = tmp_path / "returns"
    out.mkdir()
    dialog = _open_dialog(qtbot, window)
    assert dialog.reviewer.text() == "Test Officer"  # the officer's name, to change
    assert dialog.level.currentData() == "regional"  # as the command line's default
    assert [dialog.level.itemText(i) for i in range(2)] == [
        "National focal point",
        "Regional commission",
    ]
    qtbot.keyClicks(dialog.reviewed, str(reviewed))
    qtbot.keyClicks(dialog.folder, str(out))
    dialog.reviewer.selectAll()
    qtbot.keyClicks(dialog.reviewer, "Amina Diallo")
    dialog.level.setFocus()
    qtbot.keyClick(dialog.level, Qt.Key_Up)  # by keyboard, to the national level
    assert dialog.level.currentData() == "national"
    qtbot.mouseClick(dialog.buttons.button(dialog.buttons.StandardButton.Ok), Qt.LeftButton)
    qtbot.waitUntil(lambda: bool(told.infos), timeout=30000)
    assert told.errors == []
    target = out / "FRA-2024-2025-review.xlsx"
    assert told.infos == [f"{target}: decisions: 2, comments: 1"]
    rf = read_return(target)
    assert rf.signature.valid and rf.meta.level == "national"
    assert rf.meta.reviewer == "Amina Diallo"
    assert {(d.submission, d.level, d.reviewer) for d in rf.conversation.decisions} == {
        (A, "national", "Amina Diallo"),
        (B, "national", "Amina Diallo"),
    }
    assert {c.level for c in rf.conversation.comments} == {"national"}


def test_without_a_folder_it_says_so_and_stays_open(qtbot, window, reviewed, tmp_path, told):
    dialog = _open_dialog(qtbot, window)
    qtbot.keyClicks(dialog.reviewed, str(reviewed))
    qtbot.keyClicks(dialog.folder, str(tmp_path / "nowhere"))
    qtbot.mouseClick(dialog.buttons.button(dialog.buttons.StandardButton.Ok), Qt.LeftButton)
    assert told.errors == ["Choose a folder that exists for the return files."]
    assert dialog.isVisible() and dialog.focusWidget() is dialog.folder
    assert list(tmp_path.glob("*-review.xlsx")) == []
    dialog.reject()
