"""Start from last cycle in the app: File menu, then each carried answer marked "to confirm" in
the form until edited or confirmed (one by one or a section at once), counted in progress and
problems, kept across closing, and said before Finalize."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from gcm_collect.ops import answers as answer_ops
from gcm_collect.ops.lastcycle import next_period, start_from_last_cycle
from gcm_collect.ops.submissions import new_submission
from tests.app.form.form_helpers import leave, type_into, widget


@pytest.fixture
def carried(store) -> str:
    """France 2025, started from its 2024 survey (a lead entity, a practice)."""
    old = new_submission(store, state="FRA", region="ECE", period="2024").uuid
    practice = answer_ops.add_instance(store, old, "practices").entry
    answer_ops.set_answer(store, old, "lead_entity", "Ministry of the Interior")
    answer_ops.set_answer(store, old, "focal_point_name", "Amina Dia")
    answer_ops.set_answer(store, old, f"practices[{practice}]/practice_title", "Mobile clinics")
    return start_from_last_cycle(store, "FRA", "2025").uuid


def marked(view) -> set[str]:
    return {
        path
        for path, part in view.ctrl.parts.items()
        if hasattr(part, "confirm_mark") and part.confirm_mark.isVisibleTo(part)
    }


def test_the_file_menu_starts_the_new_period_and_opens_it(qtbot, window, store, told):
    old = new_submission(store, state="FRA", region="ECE", period="2019-2022").uuid
    answer_ops.set_answer(store, old, "lead_entity", "Ministry of the Interior")
    window.refresh(select=old)
    assert window.actionLastCycle in window.menuFile.actions()
    assert window.actionLastCycle.isEnabled()
    window.actionLastCycle.trigger()
    assert "2019-2022" in told.questions[-1]  # says which survey it starts from
    new = next(s for s in store.list_submissions() if s.uuid != old)
    assert (new.state, new.period) == ("FRA", "2023-2026")  # the period offered
    assert store.get_answers(new.uuid)["lead_entity"] == "Ministry of the Interior"
    view = window.open_forms[new.uuid]
    assert view.isVisible()
    assert "lead_entity" in view.ctrl.to_confirm
    view.close()


def test_carried_answers_are_marked_counted_and_confirmed(qtbot, store, open_view, carried):
    view = open_view(carried)
    lead = widget(view, "lead_entity")
    name = widget(view, "focal_point_name")
    assert {"lead_entity", "focal_point_name"} <= marked(view)
    assert lead.confirm_mark.note.text().endswith("From last cycle: to confirm")
    n = len(view.ctrl.to_confirm)
    assert view.progress.tally.to_confirm == n
    assert f"{n} to confirm" in view.progress.text()
    assert any(
        "from last cycle to confirm" in view.problems.item(i).text()
        for i in range(view.problems.count())
    )
    section = view.keys["lead_entity"][0]
    assert "\u21ba" in view.navigator.items[section].data(0, Qt.UserRole + 1)

    # Edited: the mark goes, in the database too.
    type_into(qtbot, lead.edit, " and Migration")
    leave(qtbot, view)
    assert "lead_entity" not in marked(view)
    assert "lead_entity" not in store.to_confirm(carried)
    # Confirmed as it is: the same.
    qtbot.mouseClick(name.confirm_mark.button, Qt.LeftButton)
    assert "focal_point_name" not in marked(view)
    assert "focal_point_name" not in store.to_confirm(carried)
    assert store.get_answers(carried)["focal_point_name"] == "Amina Dia"
    assert view.progress.tally.to_confirm == n - 2


def test_marks_survive_closing_and_a_section_is_confirmed_at_once(qtbot, store, open_view, carried):
    view = open_view(carried)
    view.close()
    view = open_view(carried)  # opened again: still marked
    widget(view, "lead_entity")
    assert {"lead_entity", "focal_point_name"} <= marked(view)
    practices = [p for p in view.ctrl.to_confirm if p.startswith("practices[")]
    assert practices
    assert view.confirm_section_button.isVisible()
    qtbot.mouseClick(view.confirm_section_button, Qt.LeftButton)
    left = store.to_confirm(carried)
    assert not left & {"lead_entity", "focal_point_name"}
    assert set(practices) <= left  # another section's marks stay
    assert not view.confirm_section_button.isVisible()
    view.show_section("practices_section")
    assert view.confirm_section_button.isVisible()
    view.confirm_section_action.trigger()  # Edit > Confirm all in this section
    assert store.to_confirm(carried) & set(practices) == set()


def test_finalize_says_what_is_not_confirmed(qtbot, store, open_view, nearly_done, told):
    sub = store.get_submission(nearly_done)
    store.set_status(nearly_done, "complete", who="t")
    store.set_status(nearly_done, "finalized", who="t")
    new = start_from_last_cycle(store, sub.state, next_period(sub.period)).uuid
    view = open_view(new)
    assert view.mark_complete(), [p.message for p in view.ctrl.evaluation.problems][:3]
    n = len(view._to_confirm_in_order())
    assert n > 10
    qtbot.mouseClick(view.finalize_button, Qt.LeftButton)
    assert f"{n} answers carried over from last cycle are not confirmed yet" in told.questions[-1]
    assert store.get_submission(new).status == "finalized"  # a warning, not a refusal


def test_the_next_answer_to_confirm_follows_the_page_order(qtbot, store, open_view, carried):
    from gcm_collect.app.form.sections import stops

    view = open_view(carried)
    ctrl = view.ctrl
    on_pages = [
        s.path
        for s in stops(view.nodes, ctrl.instances, ctrl.evaluation.relevant)
        if s.path in ctrl.to_confirm
    ]
    assert len(on_pages) >= 3
    assert view._to_confirm_in_order() == on_pages
    # The problems list's line leads to the first of them.
    row = next(
        i
        for i in range(view.problems.count())
        if "from last cycle to confirm" in view.problems.item(i).text()
    )
    view.problems.itemClicked.emit(view.problems.item(row))
    assert view.ctrl.parts[on_pages[0]].isAncestorOf(view.focusWidget())
