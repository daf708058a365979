"""Write failures are never hidden: an answer the database refuses (full disk, read-only file)
stays on screen marked "not saved", is tried again until written, and closing asks first."""

from __future__ import annotations

import pytest
from form_helpers import leave, type_into, widget
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from gcm_collect.app.form.controller import RETRY_MS

NO_LIMIT = 1073741823  # SQLite's default max_page_count
PASTED = "Ministry of Foreign Affairs and International Cooperation; " * 4000  # 240,000 chars


def fill_the_disk(store) -> None:
    """No room for one more page in the real database file (what a full disk does)."""
    pages = store._conn.execute("PRAGMA page_count").fetchone()[0]
    store._conn.execute(f"PRAGMA max_page_count = {pages}")


def paste_into(qtbot, edit, text: str) -> None:
    QApplication.clipboard().setText(text)
    edit.setFocus()
    qtbot.keyClick(edit, Qt.Key_V, Qt.ControlModifier)


def answer_a_name(qtbot, view):
    """A first answer written as usual, before the disk turns against us."""
    name = widget(view, "focal_point_name")
    type_into(qtbot, name.edit, "Amina")
    leave(qtbot, view)
    assert view.saved_label.text().startswith("Saved")
    return name


@pytest.mark.slow
def test_full_disk_keeps_the_answer_marked_retries_and_asks_before_closing(
    qtbot, store, draft, open_view, told
):
    view = open_view(draft)
    name = answer_a_name(qtbot, view)

    fill_the_disk(store)
    prep = widget(view, "preparation")  # several lines: room for a long paste
    paste_into(qtbot, prep.edit, PASTED)
    leave(qtbot, view)
    assert "preparation" not in store.get_answers(draft)
    assert prep.edit.toPlainText() == PASTED  # still on screen
    assert view.saved_label.text() == "Not saved: 1 answer, trying again"
    assert "disk is full" in view.saved_label.toolTip()
    assert prep.message.isVisibleTo(view) and "Not saved" in prep.message.text()
    assert "disk is full" in view.message.text()

    # A later write that fits (or not) never turns the label back to "Saved".
    type_into(qtbot, name.edit, " D")
    leave(qtbot, view)
    assert view.saved_label.text().startswith("Not saved")

    # Closing asks; "No" (the safe default) keeps the window and the text.
    told.answer = False
    assert not view.close()
    assert view.isVisible() and prep.edit.toPlainText() == PASTED
    assert len(told.questions) == 1 and "could not be saved" in told.questions[0]
    assert "disk is full" in told.questions[0]

    # Space is freed: the next try writes it, without the officer doing anything.
    store._conn.execute(f"PRAGMA max_page_count = {NO_LIMIT}")
    qtbot.waitUntil(lambda: "preparation" in store.get_answers(draft), timeout=4 * RETRY_MS)
    assert store.get_answers(draft)["preparation"] == PASTED.strip()
    assert view.saved_label.text().startswith("Saved")
    assert not prep.message.isVisibleTo(view)
    assert view.close()  # nothing to lose: no question
    assert len(told.questions) == 1


@pytest.mark.slow
def test_read_only_file_closing_anyway_loses_only_what_was_refused(
    qtbot, store, draft, open_view, told
):
    view = open_view(draft)
    answer_a_name(qtbot, view)
    store._conn.execute("PRAGMA query_only = ON")  # the file became read-only
    position = widget(view, "focal_point_position")
    type_into(qtbot, position.edit, "Director")
    leave(qtbot, view)
    assert view.saved_label.text() == "Not saved: 1 answer, trying again"
    assert "read-only" in view.saved_label.toolTip()
    told.answer = True  # close anyway
    assert view.close()
    assert "could not be saved" in told.questions[-1]
    store._conn.execute("PRAGMA query_only = OFF")
    qtbot.wait(RETRY_MS + 500)  # no try after the officer chose to lose it
    answers = store.get_answers(draft)
    assert answers["focal_point_name"] == "Amina" and "focal_point_position" not in answers


def test_quitting_from_the_main_window_asks_too(qtbot, store, window, told):
    from gcm_collect.app import actions
    from gcm_collect.ops.forms import ensure_builtin

    form = ensure_builtin(store)
    uuid = store.create_submission(
        form_id=form.form_id, form_version=form.version, state="SEN", region="ECA", period="2026"
    )
    window.refresh(select=uuid)
    actions.open_submission(window, uuid)
    view = window.open_forms[uuid]
    qtbot.waitExposed(view)
    store._conn.execute("PRAGMA query_only = ON")
    name = widget(view, "focal_point_name")
    type_into(qtbot, name.edit, "Awa")
    leave(qtbot, view)
    told.answer = False
    assert not window.close()
    assert window.isVisible() and view.isVisible()
    store._conn.execute("PRAGMA query_only = OFF")
    assert window.close()  # written on closing: nothing asked this time
    assert len(told.questions) == 1
    assert store.get_answers(uuid)["focal_point_name"] == "Awa"
