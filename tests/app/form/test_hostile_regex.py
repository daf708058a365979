"""A form whose constraint is a catastrophic regular expression, typed into in the form window
(issue 15): each key once doubled the window's freeze (1.1 s at 26 characters; 40 a's and a b
would have taken hours). With RE2 the answer is judged at once and the window answers."""

from __future__ import annotations

from form_helpers import leave, type_into, widget
from kobo_form import new_draft
from openpyxl import Workbook

from gcm_collect.forms import read_xlsform


def evil_form(store, folder):
    book = Workbook()
    survey = book.active
    survey.title = "survey"
    for row in (
        ("type", "name", "label", "constraint", "constraint_message"),
        ("text", "code", "Code", "regex(., '^(a+)+$')", "Only the letter a"),
        ("text", "after", "After", "", ""),
    ):
        survey.append(row)
    settings = book.create_sheet("settings")
    settings.append(("form_id", "version"))
    settings.append(("evil_regex", "1"))
    book.save(folder / "evil.xlsx")
    form = read_xlsform(folder / "evil.xlsx")  # form check passes: RE2 compiles the pattern
    store.save_form(form.form_id, form.version, form.content_hash, "Evil", form.to_json())
    return form


def test_typing_against_a_catastrophic_pattern_is_judged_at_once(qtbot, store, tmp_path, open_view):
    draft = new_draft(store, evil_form(store, tmp_path))
    view = open_view(draft)
    code = widget(view, "code")
    type_into(qtbot, code.edit, "a" * 40 + "b")  # every key re-evaluates the constraint
    leave(qtbot, view)
    assert code.message.isVisibleTo(view) and "Only the letter a" in code.message.text()
    assert store.get_answers(draft)["code"] == "a" * 40 + "b"  # kept, flagged
    code.edit.clear()
    type_into(qtbot, code.edit, "a" * 5000)
    leave(qtbot, view)
    assert not code.message.isVisibleTo(view)
