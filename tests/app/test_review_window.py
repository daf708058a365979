"""Reviewing a workbook in the app (issue 19, point 8): File ▸ Open for review reads a real
export, each submission opens read only in the form view, the reviewer comments on questions
(one inside a practice entry), returns with a reason and saves the return file; the officer's
import of it gives what the command line's route gives (tests/ops/test_review_loop.py)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QPushButton

sys.path.insert(0, str(Path(__file__).parents[1] / "workbook"))

from datasets import open_store  # noqa: E402
from review_helpers import PRACTICE, A, B, officers_export  # noqa: E402

from gcm_collect.app import actions  # noqa: E402
from gcm_collect.ops.importing import import_files  # noqa: E402

pytestmark = pytest.mark.slow  # real workbooks written and read


@pytest.fixture
def exported(tmp_path):
    return officers_export(tmp_path)


def open_review(qtbot, window, path):
    from gcm_collect.app.review_window import ReviewWindow

    actions.open_for_review_path(window, path)
    qtbot.waitUntil(lambda: bool(window.findChildren(ReviewWindow)), timeout=120_000)
    [review] = window.findChildren(ReviewWindow)
    qtbot.waitExposed(review)
    return review


def open_submission(qtbot, review, uuid):
    for row in range(review.table.rowCount()):
        if review.table.item(row, 0).data(Qt.ItemDataRole.UserRole + 1) == uuid:
            review.table.selectRow(row)
    qtbot.mouseClick(review.open_button, Qt.MouseButton.LeftButton)
    view = review.forms[uuid]
    qtbot.waitExposed(view)
    return view


def comment_on(qtbot, view, path, name, text):
    assert view.jump_to(path)
    button = view.ctrl.parts[path].findChild(QPushButton, f"comment_{name}")
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    dialog = view.review_panel.comment_dialog
    qtbot.waitExposed(dialog)
    qtbot.keyClicks(dialog.text, text)
    qtbot.mouseClick(
        dialog.buttons.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton
    )
    assert not dialog.isVisible()


def test_review_in_the_app_then_the_officer_imports_the_return(
    qtbot, window, store, exported, tmp_path, told
):
    review = open_review(qtbot, window, exported)
    assert "unknown key" in review.about.text() or "signed" in review.about.text()
    assert review.table.rowCount() == 2
    view = open_submission(qtbot, review, A)

    # Read only: typing into an answer changes nothing.
    answer = view.ctrl.parts["lead_entity"]
    before = view.ctrl.store.get_answers(A)
    shown = answer.inputs()[0].text()
    qtbot.keyClicks(answer.inputs()[0], "typed by the reviewer")
    view.ctrl.flush()
    assert answer.inputs()[0].text() == shown
    assert view.ctrl.store.get_answers(A) == before
    assert not view.complete_button.isVisible() and not view.reopen_button.isVisible()

    comment_on(qtbot, view, "lead_entity", "lead_entity", "Which ministry leads?")
    comment_on(qtbot, view, PRACTICE, "practice_title", "Is this the national plan?")
    panel = view.review_panel
    assert panel.list.count() == 2

    # Return needs a reason: one clear line, nothing decided.
    panel.decision.setCurrentIndex(panel.decision.findData("return"))
    qtbot.mouseClick(panel.decide_button, Qt.MouseButton.LeftButton)
    assert len(told.errors) == 1 and "reason" in told.errors[0]
    qtbot.keyClicks(panel.reason, "Name the lead ministry")
    qtbot.mouseClick(panel.decide_button, Qt.MouseButton.LeftButton)
    row = next(
        r for r in range(2) if review.table.item(r, 0).data(Qt.ItemDataRole.UserRole + 1) == A
    )
    assert review.table.item(row, 4).text() == "return: Name the lead ministry"
    assert review.table.item(row, 5).text() == "2"

    out = tmp_path / "returns"
    out.mkdir()
    review.save_to(out)
    qtbot.waitUntil(lambda: bool(told.infos), timeout=60_000)
    path = out / "FRA-2024-2025-review.xlsx"
    assert told.infos == [f"{path}: decisions: 1, comments: 2"]
    review.close()

    # The officer's import: returned, with each comment on its question, as by the CLI.
    officer = open_store(tmp_path, "officer.sqlite")
    lines = import_files(officer, [path]).reviews[str(path)]
    assert any("returned (Name the lead ministry)" in line for line in lines)
    assert officer.review_state_of(A)[0] == "returned"
    assert officer.review_state_of(B) is None
    texts = {c.path: (c.text, c.author) for c in officer.load_conversation([A]).comments}
    assert texts == {
        "lead_entity": ("Which ministry leads?", "Test Officer"),
        PRACTICE: ("Is this the national plan?", "Test Officer"),
    }
    officer.close()


def test_a_forged_workbook_is_one_message_and_no_window(qtbot, window, exported, told):
    from openpyxl import load_workbook

    from gcm_collect.app.review_window import ReviewWindow

    wb = load_workbook(exported)
    ws = wb["_gcm_records"]
    ws["D2"] = ws["D2"].value.replace("Amina Test", "Someone Else")
    wb.save(exported)
    actions.open_for_review_path(window, exported)
    qtbot.waitUntil(lambda: bool(told.errors), timeout=120_000)
    [line] = told.errors
    assert line.startswith(f"{exported}: ") and "fingerprint" in line and "\n" not in line
    assert not window.findChildren(ReviewWindow)
