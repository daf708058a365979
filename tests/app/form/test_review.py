"""Review answers: a read-through of every answer before Finalize, section by section, required
ones still unanswered flagged, each question a link back; offered from Finalize; printable."""

from __future__ import annotations

import shutil
import subprocess

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from gcm_collect.app.form.review import ReviewDialog


def click_text(qtbot, browser, text: str) -> None:
    """Click the words ``text`` in the read-through, as the officer does."""
    cursor = browser.document().find(text)
    assert not cursor.isNull(), text
    browser.setTextCursor(cursor)
    browser.ensureCursorVisible()
    rect = browser.cursorRect(cursor)
    qtbot.mouseClick(browser.viewport(), Qt.LeftButton, pos=rect.center())


def test_ctrl_r_reads_through_every_answer_by_section(qtbot, open_view, two_practices):
    uuid, _first, _second = two_practices
    view = open_view(uuid)
    qtbot.keyClick(view, Qt.Key_R, Qt.ControlModifier)
    dialog = view.findChild(ReviewDialog)
    assert dialog is not None and dialog.isVisible()
    text = dialog.browser.toPlainText()
    # Sections in order, answers in words (the State by its name), both practices.
    sections = [part.title for part in dialog.parts]
    assert sections[0].startswith("A.") and any(t.startswith("I.") for t in sections)
    assert text.index(sections[0]) < text.index(sections[-1])
    assert "France" in text and "FRA" not in text
    assert "Ministry of the Interior" in text
    assert "Practice 1" in text and "Practice 2" in text
    assert text.index("Mobile clinics") < text.index("Rainbow shelters")
    # Required questions not answered yet are flagged, and counted on top.
    missing = sum(line.missing for part in dialog.parts for line in part.lines)
    assert missing > 10
    assert text.count("Required, not answered yet") == missing
    assert f"{missing} required questions are not answered yet" in dialog.summary.text()
    dialog.close()


def test_a_question_in_the_read_through_jumps_back_to_it(qtbot, open_view, two_practices):
    uuid, _first, second = two_practices
    view = open_view(uuid)
    dialog = view.open_review()
    qtbot.waitExposed(dialog)
    # The label just above the second practice's title answer.
    line = next(
        line
        for part in dialog.parts
        for line in part.lines
        if line.path == f"practices[{second}]/practice_title"
    )
    cursor = dialog.browser.document().find("Rainbow shelters")
    block = cursor.block().previous() if cursor.block().text() == "Rainbow shelters" else None
    assert line.label in (block.text() if block else cursor.block().text())
    number = dialog.paths.index(line.path)
    dialog.browser.anchorClicked.emit(f"question:{number}")
    assert view.ctrl.parts["practices"].current == second
    view.show_section(view.nodes[0].key)
    click_text(qtbot, dialog.browser, "Lead ministry")
    focus = QApplication.focusWidget()
    assert view.ctrl.parts["lead_entity"].isAncestorOf(focus)
    dialog.close()


def test_finalize_offers_the_read_through_first(qtbot, store, open_view, nearly_done, told):
    view = open_view(nearly_done)
    assert view.mark_complete()
    told.choice = "review"
    qtbot.mouseClick(view.finalize_button, Qt.LeftButton)
    assert store.get_submission(nearly_done).status == "complete"  # not yet: reading first
    dialog = view.findChild(ReviewDialog)
    assert dialog is not None and dialog.isVisible()
    assert dialog.finalize_button.isVisible()
    assert "Review answers first" not in told.questions[-1]
    qtbot.mouseClick(dialog.finalize_button, Qt.LeftButton)
    assert store.get_submission(nearly_done).status == "finalized"
    assert not dialog.isVisible()


def test_the_menu_opens_it_without_a_finalize_button(qtbot, open_view, two_practices):
    uuid, _first, _second = two_practices
    view = open_view(uuid)
    action = next(a for a in view.menus.submission.actions() if a.objectName() == "actionReview")
    assert action.shortcut().toString() == "Ctrl+R"
    action.trigger()
    dialog = view.findChild(ReviewDialog)
    assert not dialog.finalize_button.isVisibleTo(dialog)
    dialog.close()


def test_an_answer_changed_meanwhile_is_read_again(qtbot, open_view, two_practices):
    uuid, _first, _second = two_practices
    view = open_view(uuid)
    dialog = view.open_review()
    view.ctrl.commit("data_sources", "Zanzibar statistics office")
    assert "Zanzibar statistics office" in dialog.browser.toPlainText()
    dialog.close()


def test_arabic_reads_right_to_left(qtbot, open_view, two_practices):
    uuid, _first, _second = two_practices
    view = open_view(uuid)
    view.set_form_language("ar")
    dialog = view.open_review()
    assert dialog.rtl
    assert "فرنسا" in dialog.browser.toPlainText()  # France, in Arabic
    block = dialog.browser.document().begin()
    assert block.textDirection() == Qt.RightToLeft
    dialog.close()


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs pdftotext (poppler-utils)")
def test_save_as_pdf_writes_the_answers(qtbot, open_view, two_practices, tmp_path):
    uuid, _first, _second = two_practices
    view = open_view(uuid)
    dialog = view.open_review()
    pdf = dialog.save_pdf(tmp_path / "review.pdf")
    assert pdf.read_bytes()[:5] == b"%PDF-"
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    for words in ("Ministry of the Interior", "France", "Rainbow shelters", "Practice 2"):
        assert words in text
    assert "Required, not answered yet" in text
    dialog.close()
