"""A form language that lacks a text falls back visibly; insertions keep their direction."""

from __future__ import annotations

import pytest
from form_helpers import leave, type_into, widget

from gcm_collect.forms import form_from_sheets

SHEETS = {
    "survey": [
        {
            "type": "text",
            "name": "name",
            "label::English (en)": "Name",
            "label::العربية (ar)": "الاسم",
        },
        {
            "type": "note",
            "name": "greeting",
            "label::English (en)": "Hello ${name}",
            "label::العربية (ar)": "مرحبا ${name} في الاستبيان",
        },
        {"type": "text", "name": "untranslated", "label::English (en)": "Only in English"},
    ],
    "settings": [{"form_id": "bilingual", "version": "1", "default_language": "en"}],
}


def test_fallback_is_marked_and_insertions_are_isolated(qtbot, store, open_view):
    form = form_from_sheets(SHEETS, "bilingual.xlsx")
    store.save_form(form.form_id, form.version, form.content_hash, "Bilingual", form.to_json())
    uuid = store.create_submission(
        form_id=form.form_id, form_version=form.version, state="EGY", region="ESCWA", period="2026"
    )
    view = open_view(uuid)
    view.set_form_language("ar")
    assert widget(view, "name").label.text().startswith("الاسم")
    # The question with no Arabic label shows the English one, marked as such.
    assert widget(view, "untranslated").label.text() == "Only in English [EN]"
    type_into(qtbot, widget(view, "name").edit, "Ana")
    leave(qtbot, view)
    greeting = widget(view, "greeting").label.text()
    assert "\u2068Ana\u2069" in greeting and greeting.startswith("مرحبا")


def test_problem_list_tells_objectives_apart(qtbot, store, draft, open_view):
    view = open_view(draft)
    for number in ("05", "09"):
        view.ctrl.commit(f"obj{number}_priority", "high")
    assert not view.mark_complete()  # every problem listed, one by one
    texts = [view.problems.item(i).text() for i in range(view.problems.count())]
    status = [t for t in texts if "Status of implementation" in t or "status" in t.lower()]
    assert any(t.startswith("5. ") for t in status)
    assert any(t.startswith("9. ") for t in status)


@pytest.mark.slow
def test_finalize_asks_first_and_no_keeps_it_open(qtbot, store, nearly_done, open_view, told):
    view = open_view(nearly_done)
    assert view.mark_complete()
    told.answer = False
    assert not view.finalize()
    assert store.get_submission(nearly_done).status == "complete"
    told.answer = True
    assert view.finalize()
    assert store.get_submission(nearly_done).status == "finalized"
    assert len(told.questions) == 2 and "locked" in told.questions[0]


def test_jumping_to_an_answer_puts_the_cursor_after_it(qtbot, store, draft, open_view):
    view = open_view(draft)
    edit = view.ctrl.parts["lead_entity"].edit
    view.jump_to("lead_entity")
    qtbot.keyClicks(edit, "Ministry")
    edit.setCursorPosition(0)  # as if the officer had clicked at the start earlier
    view.jump_to("focal_point_name")
    view.jump_to("lead_entity")
    qtbot.keyClicks(edit, " of Labour")
    assert edit.text() == "Ministry of Labour"


def test_the_form_language_menu_names_each_language_as_babel_does():
    """The six UN languages are named from the app's own table (no locale data to load when a
    form opens); the names are Babel's, and any other language still gets Babel's name."""
    from babel import Locale

    from gcm_collect.app.form.view import language_name

    for code in ("ar", "zh", "en", "fr", "ru", "es", "pt"):
        babel = Locale.parse(code).get_display_name(code)
        assert language_name(code) == babel[:1].upper() + babel[1:]
