"""Metadata the app fills in (never shown, never counted) and the title from instance_name."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
from form_helpers import leave, type_into, widget
from kobo_form import import_form, new_draft
from PySide6.QtCore import Qt

from gcm_collect.app.form.sections import LOOSE, tally
from gcm_collect.forms import METADATA_TYPES, evaluate

T0 = datetime(2026, 3, 1, 9, 0, tzinfo=timezone(timedelta(hours=1)))


@pytest.fixture
def kobo(store, tmp_path) -> str:
    return new_draft(store, import_form(store, tmp_path))


def _moves(store, uuid: str, path: str) -> int:
    return sum(1 for e in store.history(uuid) if e.action == "answer" and e.path == path)


def test_opening_writes_the_set_once_metadata_and_shows_none(store, kobo, open_view):
    view = open_view(kobo)
    answers = store.get_answers(kobo)
    assert {"start", "today", "deviceid", "username"} <= set(answers)
    assert "end" not in answers and "audit" not in answers  # opening is not an edit
    assert answers["deviceid"] == store.device_id
    assert datetime.fromisoformat(answers["start"]).utcoffset() is not None
    assert not any(name in view.ctrl.parts for name in METADATA_TYPES)
    assert LOOSE not in view.node_by_key  # no "General" section made of metadata alone
    start = answers["start"]
    view.close()
    view2 = open_view(kobo)
    assert store.get_answers(kobo)["start"] == start  # written once
    assert view2.ctrl.parts  # the questions are there


def test_end_and_audit_move_at_most_once_per_interval_and_on_close(qtbot, store, kobo, open_view):
    view = open_view(kobo)
    ctrl = view.ctrl
    ctrl.clock = lambda: T0
    practice = widget(view, "practice")
    type_into(qtbot, practice.edit, "Hotline")
    leave(qtbot, view)
    type_into(qtbot, practice.edit, " for migrants")
    leave(qtbot, view)
    assert ctrl.metadata_timer.isActive() and ctrl.metadata_timer.interval() == 10_000
    assert _moves(store, kobo, "end") == 0  # not at every edit
    ctrl.metadata_timer.timeout.emit()  # the ten seconds have passed
    assert store.get_answers(kobo)["end"] == "2026-03-01T09:00:00+01:00"
    start = store.get_answers(kobo)["start"]
    assert store.get_answers(kobo)["audit"] == f"{start}/2026-03-01T09:00:00+01:00"
    assert _moves(store, kobo, "end") == 1
    view.close()  # nothing edited since: nothing written
    assert _moves(store, kobo, "end") == 1

    view = open_view(kobo)
    view.ctrl.clock = lambda: T0 + timedelta(minutes=5)
    widget(view, "score").set_number(4)
    view.close()
    assert store.get_answers(kobo)["end"] == "2026-03-01T09:05:00+01:00"
    assert _moves(store, kobo, "end") == 2


def test_reopening_resumes_at_the_last_question_not_at_a_metadata_answer(
    qtbot, store, kobo, open_view
):
    view = open_view(kobo)
    widget(view, "score").set_number(6)
    view.close()  # writes end and audit last
    assert store.get_submission(kobo).last_path == "score"  # metadata writes do not move it
    view = open_view(kobo)
    assert view.ctrl.resume_path == "score"


def test_metadata_are_never_counted_in_the_navigator(store, tmp_path):
    form = import_form(store, tmp_path)
    from gcm_collect.app.form.sections import section_keys, section_tree

    nodes = section_tree(form)
    keys = section_keys(form, nodes)
    # A wrong metadata value would be a problem if metadata were counted.
    evaluation = evaluate(form, {"deviceid": 7, "today": "soon", "practice": "x"}, {}, "en")
    assert {p.path for p in evaluation.problems} >= {"deviceid", "today"}
    counts = tally(form, evaluation, {**keys, "deviceid": ("main",), "today": ("main",)})
    assert counts["main"].problems == 0 and counts["main"].required == 1


@pytest.mark.slow
def test_title_follows_instance_name_once_edits_pause(qtbot, store, kobo, open_view):
    view = open_view(kobo)
    practice = widget(view, "practice")
    type_into(qtbot, practice.edit, "Hotline")
    leave(qtbot, view)
    today = store.get_answers(kobo)["today"]
    assert store.get_submission(kobo).title == ""  # throttled, like the list
    qtbot.waitUntil(lambda: store.get_submission(kobo).title == f"Hotline / {today}")
    assert view.title.text().endswith(f"— Hotline / {today}")
    titles = [e for e in store.history(kobo) if e.action == "title"]
    assert len(titles) == 1
    practice.edit.clear()
    type_into(qtbot, practice.edit, "Helpline")
    view.close()  # a pending title is written on close
    assert store.get_submission(kobo).title == f"Helpline / {today}"


def test_a_form_without_instance_name_keeps_the_title(qtbot, store, draft, open_view):
    view = open_view(draft)
    lead = widget(view, "lead_entity")
    type_into(qtbot, lead.edit, "Ministry")
    leave(qtbot, view)
    assert view.ctrl.update_title() is None
    assert store.get_submission(draft).title == ""


def test_finalized_submissions_get_no_metadata(store, kobo, open_view):
    store.set_answer(kobo, "practice", "Hotline", who="test")
    store.set_status(kobo, "complete", who="test")
    store.set_status(kobo, "finalized", who="test")
    view = open_view(kobo)
    assert "start" not in store.get_answers(kobo)
    view.ctrl.metadata_due = True
    assert view.ctrl.write_metadata() == {}
    assert view.ctrl.update_title() is None


@pytest.mark.slow
def test_marking_complete_writes_pending_metadata_first(qtbot, store, kobo, open_view):
    view = open_view(kobo)
    view.ctrl.clock = lambda: T0
    practice = widget(view, "practice")
    type_into(qtbot, practice.edit, "Hotline")
    leave(qtbot, view)
    assert view.mark_complete()
    assert view.finalize()
    answers = store.get_answers(kobo)
    assert answers["end"] == "2026-03-01T09:00:00+01:00"
    assert store.get_submission(kobo).title.startswith("Hotline / ")


def test_changing_the_state_in_the_form_changes_the_submission(qtbot, store, draft, open_view):
    view = open_view(draft)  # a draft for France
    state = widget(view, "state")
    state.combo.setFocus()
    state.combo.lineEdit().selectAll()
    qtbot.keyClicks(state.combo.lineEdit(), "Morocco")
    qtbot.keyClick(state.combo.lineEdit(), Qt.Key_Return)
    leave(qtbot, view)
    assert store.get_submission(draft).state == "MAR"  # what the list and exports show
    assert view.title.text().startswith("Morocco")
    assert view.windowTitle().startswith("Morocco")
    table = view.show_history().table
    rows = [(table.item(r, 2).text(), table.item(r, 5).text()) for r in range(table.rowCount())]
    assert ("Identification", "Morocco") in rows
