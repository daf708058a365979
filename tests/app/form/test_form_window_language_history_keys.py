"""The form window follows a language switch in every text (Saved label, status line, History),
History speaks in local time and revision numbers, and the window closes from the keyboard."""

from __future__ import annotations

import os
import re
import time
from datetime import UTC, datetime

import pytest
from form_helpers import break_two_answers, leave, type_into, widget
from PySide6.QtCore import QLocale, Qt

from gcm_collect.app import languages
from gcm_collect.app.form import FormView
from gcm_collect.app.form.history import ACTIONS
from gcm_collect.i18n import _, ngettext, set_language
from gcm_collect.ops.forms import ensure_builtin
from gcm_collect.store import Store


@pytest.fixture
def tokyo():
    """The user's time zone is Tokyo (UTC+9, no summer time) for the test."""
    before = os.environ.get("TZ")
    os.environ["TZ"] = "Asia/Tokyo"
    time.tzset()
    yield
    if before is None:
        del os.environ["TZ"]
    else:
        os.environ["TZ"] = before
    time.tzset()


@pytest.fixture
def switching():
    """Language switches reach every visible window, as in the app (languages.install)."""
    languages.install()


@pytest.mark.slow
def test_saved_label_and_status_line_follow_a_language_switch(qtbot, store, nearly_done, open_view):
    view = open_view(nearly_done)
    break_two_answers(qtbot, view)
    saved = re.fullmatch(r"Saved (\d\d:\d\d:\d\d)", view.saved_label.text())
    assert saved, view.saved_label.text()
    qtbot.mouseClick(view.complete_button, Qt.LeftButton)
    assert view.message.text().startswith("Not complete yet: 2 problems")

    set_language("ar")
    expected_saved = _("Saved {time}").format(time=saved.group(1))
    expected_message = ngettext(
        "Not complete yet: {n} problem to fix (see the list of problems).",
        "Not complete yet: {n} problems to fix (see the list of problems).",
        2,
    ).format(n=2)
    assert not expected_saved.startswith("Saved")  # the catalog does say it in Arabic
    assert view.saved_label.text() == expected_saved  # same time, the new language
    assert view.message.text() == expected_message


def test_the_reopened_message_follows_a_language_switch(qtbot, store, nearly_done, open_view):
    view = open_view(nearly_done)
    assert view.mark_complete() and view.finalize()
    qtbot.mouseClick(view.reopen_button, Qt.LeftButton)
    assert view.message.text() == "Reopened as revision 2."
    set_language("fr")
    assert view.message.text() == _("Reopened as revision {revision}.").format(revision=2)
    assert view.message.text() != "Reopened as revision 2."


@pytest.fixture
def twenty_four_hours():
    """Times read in French (a 24-hour clock) whatever language an earlier test left."""
    before = QLocale()
    QLocale.setDefault(QLocale("fr"))
    yield
    QLocale.setDefault(before)


def test_history_shows_local_time_and_revision_numbers(qtbot, tmp_path, tokyo, twenty_four_hours):
    moment = datetime(2026, 11, 26, 18, 59, tzinfo=UTC)
    with Store.open(tmp_path / "clocked.sqlite3", now=lambda: moment) as store:
        form = ensure_builtin(store)
        old = store.create_submission(
            form_id=form.form_id,
            form_version=form.version,
            state="FRA",
            region="ECE",
            period="2025",
        )
        store.set_status(old, "complete", who="t")
        store.set_status(old, "finalized", who="t")
        new = store.new_revision(old, who="t")
        views = []
        for uuid in (old, new):
            view = FormView(store, uuid)
            qtbot.addWidget(view)
            view.show()
            views.append(view)
        try:
            old_rows = _rows(views[0].show_history())
            new_rows = _rows(views[1].show_history())
        finally:
            for view in views:
                view.close()

    # 18:59 UTC is 03:59 the next morning in Tokyo; never the raw ISO text.
    for row in old_rows + new_rows:
        assert "03:59" in row[0] and "27" in row[0], row
        assert "2026-11-26" not in row[0] and "18:59" not in row[0]
    revise = next(r for r in new_rows if r[2] == "Revision of an earlier one")
    assert revise[4:] == ["Revision 1", "Revision 2"]
    reopened = next(r for r in old_rows if r[2] == "Reopened as a new revision")
    assert reopened[4:] == ["", "Revision 2"]
    assert new not in reopened[5]
    statuses = [r[4:] for r in old_rows if r[2] == _(ACTIONS["status"])]
    assert ["Draft", "Complete"] in statuses and ["Complete", "Finalized"] in statuses


def test_an_open_history_window_follows_a_language_switch(
    qtbot, store, draft, open_view, switching
):
    view = open_view(draft)
    type_into(qtbot, widget(view, "focal_point_name").edit, "Amina")
    leave(qtbot, view)
    dialog = view.show_history()
    qtbot.waitExposed(dialog)
    assert _rows(dialog)[0][2:4] == ["Answer", "Focal point: full name"]

    set_language("fr")
    assert dialog.windowTitle() == _("History") != "History"
    header = [dialog.table.horizontalHeaderItem(c).text() for c in range(6)]
    assert header[0] == _("When") != "When"
    row = _rows(dialog)[0]
    assert row[2] == _("Answer") != "Answer"
    # The question in the form's language, which follows the app's: French too.
    assert row[3] == view.ctrl.form.item("focal_point_name").label("fr")[0]
    assert row[3] != "Focal point: full name"
    assert row[5] == "Amina"  # what was typed is never translated


@pytest.mark.parametrize("keys", [(Qt.Key_W, Qt.ControlModifier), (Qt.Key_Escape, Qt.NoModifier)])
def test_the_form_window_closes_from_the_keyboard_and_keeps_the_typing(
    qtbot, store, draft, open_view, keys
):
    view = open_view(draft)
    name = widget(view, "focal_point_name")
    name.edit.setFocus()
    qtbot.keyClicks(name.edit, "Amina Dia")  # still waiting for its short pause
    qtbot.keyClick(name.edit, *keys)
    assert not view.isVisible()
    assert store.get_answers(draft)["focal_point_name"] == "Amina Dia"


def _rows(dialog) -> list[list[str]]:
    table = dialog.table
    return [
        [table.item(r, c).text() for c in range(table.columnCount())]
        for r in range(table.rowCount())
    ]


def test_history_names_the_practice_and_objective_and_shows_choice_labels(
    qtbot, store, draft, open_view
):
    view = open_view(draft)
    view.show_section("practices_section")
    editor = view.ctrl.parts["practices"]
    for _entry in range(2):
        qtbot.mouseClick(editor.add_button, Qt.LeftButton)
    second = editor.current
    title = view.ctrl.parts[f"practices[{second}]/practice_title"]
    type_into(qtbot, title.edit, "Hotline")
    leave(qtbot, view)
    assert view.ctrl.commit(f"practices[{second}]/practice_level", "national")
    assert view.ctrl.commit("obj02_priority", "high")
    rows = _rows(view.show_history())
    where = {(row[2], row[3]) for row in rows}
    assert ("Answer", "Practice 2 › Title") in where, where
    assert ("Entry added", "Practice 2") in where
    level = next(row for row in rows if row[3] == "Practice 2 › Level")
    assert level[5] == "National"  # the choice's label, not its code "national"
    priority = next(row for row in rows if row[3].endswith("› Priority"))
    assert priority[3].startswith("2. Minimize the adverse")  # the objective it belongs to
    assert priority[5] == "High"
    shown = " ".join(" ".join(row) for row in rows)
    assert second not in shown and "[" not in shown  # no internal id anywhere
