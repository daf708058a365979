"""Switching repeat entries shows each entry's own answers: one entry page is reused for all of
them (for speed), so nothing of the entry left may stay on screen or be written to the other."""

from __future__ import annotations

from form_helpers import leave, type_into
from PySide6.QtCore import Qt

from gcm_collect.forms import form_from_sheets

EN = "label::English (en)"
SHEETS = {
    "survey": [
        {"type": "begin_repeat", "name": "projects", EN: "Projects"},
        {"type": "text", "name": "title", EN: "Title"},
        {"type": "select_one kind", "name": "kind", EN: "Kind of ${title}", "required": "yes"},
        {"type": "select_one size", "name": "size", EN: "Size"},
        {"type": "text", "name": "why_big", EN: "Why so big?", "relevant": "${size} = 'big'"},
        {"type": "date", "name": "started", EN: "Started"},
        {"type": "integer", "name": "staff", EN: "Staff"},
        {"type": "begin_repeat", "name": "sites", EN: "Sites"},
        {"type": "text", "name": "site", EN: "Site"},
        {"type": "end_repeat", "name": "sites"},
        {"type": "end_repeat", "name": "projects"},
    ],
    "choices": [
        {"list_name": "kind", "name": "school", EN: "School"},
        {"list_name": "kind", "name": "clinic", EN: "Clinic"},
        {"list_name": "size", "name": "small", EN: "Small"},
        {"list_name": "size", "name": "big", EN: "Big"},
    ],
    "settings": [{"form_id": "projects", "version": "1", "default_language": "en"}],
}
SHEETS["survey"][2]["type"] = "select_one kind or_other"


def _draft(store) -> tuple[str, list[str], list[str]]:
    """Two projects, the first fully answered with two sites, the second empty."""
    form = form_from_sheets(SHEETS, "projects.xlsx")
    store.save_form(form.form_id, form.version, form.content_hash, "Projects", form.to_json())
    uuid = store.create_submission(
        form_id=form.form_id, form_version=form.version, state="KEN", region="ECA", period="2026"
    )
    a = store.add_instance(uuid, "projects", who="test")
    b = store.add_instance(uuid, "projects", who="test")
    sites = [store.add_instance(uuid, f"projects[{a}]/sites", who="test") for _ in "xy"]
    for path, value in {
        "title": "Wells",
        "kind": "other",
        "kind_other": "Water point",
        "size": "big",
        "why_big": "Whole county",
        "started": "2024-05-01",
        "staff": 12,
    }.items():
        store.set_answer(uuid, f"projects[{a}]/{path}", value, who="test")
    for site, name in zip(sites, ("Garissa", "Wajir"), strict=True):
        store.set_answer(uuid, f"projects[{a}]/sites[{site}]/site", name, who="test")
    return uuid, [a, b], sites


def _part(view, iid: str, name: str):
    return view.ctrl.parts[f"projects[{iid}]/{name}"]


def test_the_next_entry_shows_its_own_answers_and_takes_its_own(qtbot, store, open_view):
    uuid, (a, b), sites = _draft(store)
    view = open_view(uuid)
    view.show_section("projects")
    editor = view.ctrl.parts["projects"]
    assert editor.current == a
    page = editor.editor
    assert _part(view, a, "title").edit.text() == "Wells"
    assert _part(view, a, "kind").other.text() == "Water point"
    assert _part(view, a, "why_big").isVisibleTo(view)
    assert _part(view, a, "kind").label.text() == "Kind of \u2068Wells\u2069 *"
    assert view.ctrl.parts[f"projects[{a}]/sites"].entries() == sites

    editor.list.setCurrentRow(1)
    assert editor.editor is page  # the same page, now the second project's
    assert not any(path.startswith(f"projects[{a}]") for path in view.ctrl.parts)
    title = _part(view, b, "title")
    assert title.edit.text() == ""
    kind = _part(view, b, "kind")
    assert not any(button.isChecked() for button in kind.buttons.values())
    assert kind.other.text() == "" and not kind.other.isVisibleTo(view)
    assert kind.label.text() == "Kind of \u2068\u2069 *"
    assert not _part(view, b, "why_big").isVisibleTo(view)  # relevance of this entry
    assert _part(view, b, "started").edit.text() == ""
    assert _part(view, b, "staff").edit.text() == ""
    assert view.ctrl.parts[f"projects[{b}]/sites"].entries() == []

    type_into(qtbot, title.edit, "Bus")
    for _ in range(3):  # undo goes back to this entry's empty title, never to "Wells"
        qtbot.keyClick(title.edit, Qt.Key_Z, Qt.ControlModifier)
    assert title.edit.text() == ""
    type_into(qtbot, title.edit, "Road")
    qtbot.mouseClick(kind.buttons["other"], Qt.LeftButton)
    type_into(qtbot, kind.other, "Bridge")
    leave(qtbot, view)
    answers = store.get_answers(uuid)
    assert answers[f"projects[{b}]/title"] == "Road"
    assert answers[f"projects[{b}]/kind_other"] == "Bridge"
    assert answers[f"projects[{a}]/title"] == "Wells"
    assert answers[f"projects[{a}]/kind_other"] == "Water point"

    editor.list.setCurrentRow(0)  # and back: the first project as it was
    assert _part(view, a, "title").edit.text() == "Wells"
    assert _part(view, a, "kind").other.text() == "Water point"
    assert _part(view, a, "started").edit.text() == "5/1/2024"
    assert _part(view, a, "staff").edit.text() == "12"
    assert view.ctrl.parts[f"projects[{a}]/sites"].entries() == sites
    assert [editor.list.item(i).text() for i in range(2)] == ["1. Wells", "2. Road"]


def test_typing_waiting_for_its_pause_is_written_to_the_entry_it_was_typed_in(
    qtbot, store, open_view
):
    uuid, (a, b), _sites = _draft(store)
    view = open_view(uuid)
    view.show_section("projects")
    editor = view.ctrl.parts["projects"]
    field = _part(view, a, "title").edit
    field.setFocus()
    field.end(False)
    qtbot.keyClicks(field, " 2")  # still waiting for its pause
    editor.select(b)  # as a jump from the list of problems does
    answers = store.get_answers(uuid)
    assert answers[f"projects[{a}]/title"] == "Wells 2"
    assert f"projects[{b}]/title" not in answers
    assert _part(view, b, "title").edit.text() == ""
