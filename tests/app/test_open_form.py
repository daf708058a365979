"""From the list to the form and back: the main window opens a submission's form view."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import Qt

from gcm_collect.app import actions
from gcm_collect.app.submissions_model import COLUMNS, STATUS_COLUMN
from gcm_collect.ops.submissions import new_submission


def shown_problems(window, uuid: str) -> int | None:
    """The number of problems the list shows in the submission's Status cell, once counted."""
    model = window.model
    text = model.index(model.row_of(uuid), STATUS_COLUMN).data()
    found = re.search(r"\((\d+) problems?\)", text)
    return int(found.group(1)) if found else None


@pytest.mark.slow
def test_open_edit_and_the_list_follows(qtbot, window, store):
    changed = new_submission(store, state="SEN", region="ECA", period="2026")
    window.refresh(select=changed.uuid)
    qtbot.waitUntil(lambda: shown_problems(window, changed.uuid) is not None, timeout=3000)
    before = shown_problems(window, changed.uuid)
    actions.open_submission(window)
    view = window.open_forms[changed.uuid]
    qtbot.waitExposed(view)
    assert view.isVisible()
    pages = window.model.pages_fetched
    view.ctrl.commit("lead_entity", "Ministère de l'Intérieur")
    assert window.refresh_soon.isActive()
    qtbot.waitUntil(lambda: not window.refresh_soon.isActive(), timeout=3000)
    assert store.get_answers(changed.uuid)["lead_entity"] == "Ministère de l'Intérieur"
    # The list shows the draft with one problem fewer: a required answer was given.
    qtbot.waitUntil(lambda: shown_problems(window, changed.uuid) == before - 1, timeout=3000)
    # The broadcast refreshed that one row: no page of the list was read again.
    assert window.model.pages_fetched == pages
    # Opening it again brings the same window forward rather than a second copy.
    actions.open_submission(window, changed.uuid)
    assert window.open_forms[changed.uuid] is view
    view.close()
    view.deleteLater()
    qtbot.waitUntil(lambda: changed.uuid not in window.open_forms, timeout=3000)
    assert window.table.model().rowCount() >= 1


@pytest.mark.slow
def test_typing_the_period_in_the_form_changes_the_period_the_list_shows(qtbot, window, store):
    # The answer operation says the submission's own period changed with the answer; the
    # form window broadcasts what it returned, and the list repaints that one row.
    made = new_submission(store, state="SEN", region="ECA", period="2026")
    window.refresh(select=made.uuid)
    period = COLUMNS.index("Period")

    def shown_period() -> str:
        return window.model.index(window.model.row_of(made.uuid), period).data()

    assert shown_period() == "2026"
    actions.open_submission(window)
    view = window.open_forms[made.uuid]
    qtbot.waitExposed(view)
    pages = window.model.pages_fetched
    assert view.jump_to("reporting_period")
    edit = view.ctrl.parts["reporting_period"].edit
    qtbot.mouseClick(edit, Qt.MouseButton.LeftButton)
    edit.selectAll()
    qtbot.keyClicks(edit, "2027")
    view.history_button.setFocus()  # leaving the field writes it
    qtbot.waitUntil(lambda: shown_period() == "2027", timeout=5000)
    assert store.get_submission(made.uuid).period == "2027"
    assert window.model.pages_fetched == pages  # that one row, not a page read again
    view.close()
    view.deleteLater()
    qtbot.waitUntil(lambda: made.uuid not in window.open_forms, timeout=3000)
