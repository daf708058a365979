"""Progress: required answers given of those asked for now, for the whole survey (the bar in the
window's header) and per section (the navigator), following each answer and its relevance."""

from __future__ import annotations

from PySide6.QtCore import Qt

from tests.app.form.form_helpers import leave, type_into, widget


def counts(view, key: str) -> str:
    from gcm_collect.app.form.navigator import COUNTS_ROLE

    return view.navigator.items[key].data(0, COUNTS_ROLE)


def test_progress_follows_answers_and_relevance(qtbot, draft, open_view):
    view = open_view(draft)
    bar = view.progress
    answered, required = bar.tally.answered, bar.tally.required
    assert required > 20 and bar.value() == answered and bar.maximum() == required
    assert bar.text() == f"{answered} of {required} required answers"
    section = view.keys["lead_entity"][0]
    before = counts(view, section)

    lead = widget(view, "lead_entity")
    type_into(qtbot, lead.edit, "Ministry of the Interior")
    leave(qtbot, view)
    assert (bar.tally.answered, bar.tally.required) == (answered + 1, required)
    assert bar.value() == answered + 1
    assert bar.text() == f"{answered + 1} of {required} required answers"
    done, total = (int(n) for n in before.split("/"))
    assert counts(view, section) == f"{done + 1}/{total}"

    # "Not applicable" as an objective's priority: one more answer given, and its status is
    # no longer asked for.
    priority = widget(view, "obj02_priority")
    qtbot.mouseClick(priority.buttons["not_applicable"], Qt.LeftButton)
    assert (bar.tally.answered, bar.tally.required) == (answered + 2, required - 1)
    objective = view.keys["obj02_priority"][-1]
    assert counts(view, objective) == "1/1"


def test_the_bar_speaks_the_app_language(qtbot, draft, open_view):
    from gcm_collect.i18n import set_language

    view = open_view(draft)
    try:
        set_language("fr")
        assert "réponses obligatoires" in view.progress.text()
    finally:
        set_language("en")
    assert "required answers" in view.progress.text()
