"""An open form window never overwrites an answer another program saved on the same database
since the window read it: answers the officer did not change follow silently; one they changed
too is theirs to settle, with both values shown."""

from __future__ import annotations

import subprocess
import sys

from form_helpers import leave, type_into, widget

from gcm_collect.store import Store


def write_elsewhere(db, uuid: str, path: str, value) -> None:
    """Another program on the same file: a real second process and connection."""
    code = (
        "import sys, json\n"
        "from gcm_collect.store import Store\n"
        "with Store.open(sys.argv[1]) as s:\n"
        "    s.set_answer(sys.argv[2], sys.argv[3], json.loads(sys.argv[4]), who='elsewhere')\n"
    )
    import json

    subprocess.run(
        [sys.executable, "-c", code, str(db), uuid, path, json.dumps(value)],
        check=True,
        timeout=60,
    )


def test_an_answer_saved_elsewhere_shows_in_the_open_window(qtbot, store, draft, open_view):
    store.set_answer(draft, "lead_entity", "Ministry", who="officer")
    view = open_view(draft)
    lead = widget(view, "lead_entity")
    assert lead.edit.text() == "Ministry"
    write_elsewhere(store.path, draft, "lead_entity", "Ministry of the Interior")
    # Seen within a few seconds (or at once when the window comes to the front), unasked.
    qtbot.waitUntil(lambda: lead.edit.text() == "Ministry of the Interior", timeout=6000)
    assert view.ctrl.evaluation.answers["lead_entity"] == "Ministry of the Interior"
    leave(qtbot, view)
    rows = [e for e in store.history(draft) if e.action == "answer" and e.path == "lead_entity"]
    assert [e.who for e in rows][-1] == "elsewhere"  # the window wrote nothing back


def _conflict(qtbot, store, draft, open_view):
    """The officer edits the lead entity while another program saves another value."""
    store.set_answer(draft, "lead_entity", "Ministry", who="officer")
    view = open_view(draft)
    view.ctrl.elsewhere_timer.stop()  # the officer's write finds the conflict, not the timer
    lead = widget(view, "lead_entity")
    with Store.open(store.path) as elsewhere:  # a second connection on the same file
        elsewhere.set_answer(draft, "lead_entity", "Ministry of Labour", who="elsewhere")
    type_into(qtbot, lead.edit, " of Health")
    leave(qtbot, view)
    return view, lead


def test_the_officer_keeps_their_answer_over_the_one_saved_elsewhere(
    qtbot, store, draft, open_view, told
):
    told.choice = "keep"
    view, lead = _conflict(qtbot, store, draft, open_view)
    qtbot.waitUntil(lambda: bool(told.questions))
    asked = told.questions[-1]
    assert "Ministry of Health" in asked and "Ministry of Labour" in asked
    assert "Lead" in asked  # the question named as the officer knows it
    qtbot.waitUntil(lambda: not view.ctrl.conflicts)
    assert store.get_answers(draft)["lead_entity"] == "Ministry of Health"
    assert lead.edit.text() == "Ministry of Health"


def test_the_officer_takes_the_answer_saved_elsewhere(qtbot, store, draft, open_view, told):
    told.choice = "saved"
    view, lead = _conflict(qtbot, store, draft, open_view)
    qtbot.waitUntil(lambda: not view.ctrl.conflicts and bool(told.questions))
    assert store.get_answers(draft)["lead_entity"] == "Ministry of Labour"
    assert lead.edit.text() == "Ministry of Labour"
    assert view.ctrl.evaluation.answers["lead_entity"] == "Ministry of Labour"
    # Typing on from there is based on the saved answer: no second question.
    type_into(qtbot, lead.edit, " and Employment")
    leave(qtbot, view)
    assert store.get_answers(draft)["lead_entity"] == "Ministry of Labour and Employment"
    assert len(told.questions) == 1


def test_entries_added_elsewhere_appear_in_the_list(qtbot, store, draft, open_view):
    view = open_view(draft)
    view.show_section("practices_section")
    editor = view.ctrl.parts["practices"]
    assert editor.list.count() == 0
    with Store.open(store.path) as elsewhere:
        entry = elsewhere.add_instance(draft, "practices", who="elsewhere")
        elsewhere.set_answer(draft, f"practices[{entry}]/practice_title", "Hotline", who="x")
    view.ctrl.follow_elsewhere()  # as when the window comes back to the front
    assert editor.list.count() == 1
    assert editor.list.item(0).text() == "1. Hotline"
    title = view.ctrl.parts[f"practices[{entry}]/practice_title"]
    assert title.edit.text() == "Hotline"
