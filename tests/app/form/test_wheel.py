"""The mouse wheel over an input the officer is not in scrolls the page and never changes the
answer (real wheel events, through the window, as a mouse sends them)."""

from __future__ import annotations

import pytest
from form_helpers import leave, widget
from kobo_form import import_form, new_draft
from PySide6.QtCore import QDate, QDateTime, QPoint, QTime
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QScrollArea


def wheel_over(qtbot, view, target, notches: int) -> None:
    """Turn the wheel ``notches`` (negative: towards the user, scrolling down) over ``target``."""
    point = target.mapTo(view, target.rect().center())
    QTest.wheelEvent(view.windowHandle(), point, QPoint(0, 120 * notches))
    qtbot.wait(20)


def page_of(view) -> QScrollArea:
    page = view.stack.currentWidget()
    assert isinstance(page, QScrollArea)
    return page


def shown_text(field) -> str:
    return field.currentText() if hasattr(field, "currentText") else field.text()


def set_state(part) -> None:
    part.combo.setCurrentIndex(part.combo.findData("SEN"))


# question, how to answer it first, the input the wheel goes over
BUILT_IN = [
    ("state", set_state, lambda p: p.combo),
    ("report_date", lambda p: p.set_date(QDate(2025, 3, 14)), lambda p: p.edit),
]
KOBO = [
    ("opens", lambda p: p.set_time(QTime(9, 30)), lambda p: p.edit),
    (
        "launched",
        lambda p: p.set_moment(QDateTime(QDate(2026, 3, 1), QTime(14, 30))),
        lambda p: p.edit,
    ),
    ("score", lambda p: p.set_number(4), lambda p: p.spin),
]


def check_wheel_scrolls_the_page(qtbot, store, view, uuid, path, answer, field) -> None:
    part = widget(view, path)
    answer(part)
    leave(qtbot, view)
    before = store.get_answers(uuid)[path]
    shown = shown_text(field(part))
    assert not field(part).hasFocus()
    bar = page_of(view).verticalScrollBar()
    assert bar.maximum() > 0, "the page must be taller than the window"
    start = bar.value()
    wheel_over(qtbot, view, field(part), -1 if start < bar.maximum() else 1)
    assert bar.value() != start, "the page did not scroll"
    view.ctrl.flush()
    assert shown_text(field(part)) == shown
    assert store.get_answers(uuid)[path] == before
    assert not field(part).hasFocus()  # the wheel alone does not enter the field


@pytest.mark.parametrize(("path", "answer", "field"), BUILT_IN, ids=[c[0] for c in BUILT_IN])
def test_wheel_over_an_unfocused_input_scrolls_the_page(
    qtbot, store, draft, open_view, path, answer, field
):
    view = open_view(draft)
    check_wheel_scrolls_the_page(qtbot, store, view, draft, path, answer, field)


@pytest.mark.slow
@pytest.mark.parametrize(("path", "answer", "field"), KOBO, ids=[c[0] for c in KOBO])
def test_wheel_over_unfocused_time_date_time_and_range(
    qtbot, store, tmp_path, open_view, path, answer, field
):
    uuid = new_draft(store, import_form(store, tmp_path))
    view = open_view(uuid)
    view.resize(900, 420)  # a short window, so that the page scrolls
    qtbot.wait(20)
    check_wheel_scrolls_the_page(qtbot, store, view, uuid, path, answer, field)


def test_in_the_field_the_wheel_steps_its_answer(qtbot, store, draft, open_view):
    view = open_view(draft)
    state = widget(view, "state")
    set_state(state)
    leave(qtbot, view)
    state.combo.setFocus()
    wheel_over(qtbot, view, state.combo, -1)
    view.ctrl.flush()
    assert store.get_answers(draft)["state"] not in (None, "SEN")
