"""Dates from the keyboard: typed into an empty field in ISO or the language's short form, in
any digits; the calendar on Alt+Down and F4; nothing invented; Tab passes through."""

from __future__ import annotations

import pytest
from form_helpers import leave, widget
from kobo_form import import_form, new_draft
from PySide6.QtCore import QDate, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from gcm_collect.app.form.questions.dates import DateInput
from gcm_collect.i18n import set_language

# Alt+Down and F4 open a calendar, as they open a combo box's list.
CALENDAR_KEYS = pytest.mark.parametrize(
    ("key", "modifier"), [(Qt.Key_Down, Qt.AltModifier), (Qt.Key_F4, Qt.NoModifier)]
)


def type_keys(edit, text: str) -> None:
    """Key events carrying each character, Arabic-Indic digits included (what a keyboard
    laid out for Arabic sends; QTest's keyClicks knows Latin-1 only)."""
    for char in text:
        QTest.sendKeyEvent(QTest.KeyAction.Click, edit, Qt.Key_unknown, char, Qt.NoModifier)


SHOWN = {
    "en": "3/15/2025",
    "fr": "15/03/2025",
    "ru": "15.03.2025",
    "es": "15/3/2025",
    "zh": "2025/3/15",
    "ar": "١٥/٣/٢٠٢٥",
}


def typed_date(qtbot, view, text: str):
    report = widget(view, "report_date")
    assert isinstance(report, DateInput)
    report.edit.setFocus()
    type_keys(report.edit, text)
    qtbot.keyClick(report.edit, Qt.Key_Tab)
    return report


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "2025-03-15"),
        ("en", "3/15/2025"),
        ("en", "3/15/25"),
        ("fr", "15/03/2025"),
        ("ru", "15.03.2025"),
        ("es", "15/3/25"),
        ("zh", "2025/3/15"),
        ("ar", "١٥/٣/٢٠٢٥"),  # Arabic-Indic digits, as an Arabic keyboard types them
        ("ar", "٢٠٢٥-٠٣-١٥"),
    ],
)
def test_an_empty_date_takes_a_typed_date(qtbot, store, draft, open_view, lang, text):
    set_language(lang)
    view = open_view(draft)
    report = typed_date(qtbot, view, text)
    assert store.get_answers(draft)["report_date"] == "2025-03-15"
    # Shown as the language writes it, whatever was typed (ISO in the database).
    assert report.edit.text() == SHOWN[lang]
    assert not report.message.isVisibleTo(view)
    assert not report.edit.hasFocus()  # Tab went on


def test_no_date_is_a_placeholder_never_part_of_the_text(qtbot, store, draft, open_view):
    view = open_view(draft)
    report = widget(view, "report_date")
    assert report.edit.text() == ""
    assert report.edit.placeholderText() == "No date: type 2025-03-15 or 3/15/25"
    report.edit.setFocus()
    qtbot.keyClicks(report.edit, "2025")
    assert report.edit.text() == "2025"


def test_a_wrong_date_is_kept_said_and_not_written(qtbot, store, draft, open_view):
    view = open_view(draft)
    report = typed_date(qtbot, view, "2025-02-30")
    assert "report_date" not in store.get_answers(draft)
    assert report.edit.text() == "2025-02-30"
    assert report.message.isVisibleTo(view)
    assert report.message.text() == "Enter a date such as 2025-03-15 or 3/15/25."


def test_keys_never_invent_a_date(qtbot, store, draft, open_view):
    view = open_view(draft)
    report = widget(view, "report_date")
    report.edit.setFocus()
    for key in (Qt.Key_Up, Qt.Key_Down, Qt.Key_PageUp, Qt.Key_PageDown, Qt.Key_Home):
        qtbot.keyClick(report.edit, key)
    qtbot.keyClick(report.edit, Qt.Key_Tab)
    leave(qtbot, view)
    assert "report_date" not in store.get_answers(draft)
    assert report.edit.text() == ""


@CALENDAR_KEYS
def test_the_calendar_opens_from_the_keyboard_and_esc_closes_it_alone(
    qtbot, store, draft, open_view, key, modifier
):
    view = open_view(draft)
    report = widget(view, "report_date")
    report.set_date(QDate(2025, 3, 14))
    report.edit.setFocus()
    qtbot.keyClick(report.edit, key, modifier)
    calendar = report.calendar
    qtbot.waitUntil(calendar.isVisible)
    assert calendar.selectedDate() == QDate(2025, 3, 14)
    qtbot.keyClick(QApplication.focusWidget() or calendar, Qt.Key_Escape)
    assert not calendar.isVisible()
    assert view.isVisible()  # Esc closed the calendar, not the form
    assert report.edit.hasFocus()
    # Again, and pick the next day with the arrow keys and Enter.
    qtbot.keyClick(report.edit, key, modifier)
    qtbot.waitUntil(calendar.isVisible)
    qtbot.keyClick(QApplication.focusWidget() or calendar, Qt.Key_Right)
    qtbot.keyClick(QApplication.focusWidget() or calendar, Qt.Key_Return)
    assert not calendar.isVisible()
    assert store.get_answers(draft)["report_date"] == "2025-03-15"
    assert report.edit.text() == "3/15/2025"


def test_an_empty_date_s_calendar_opens_on_today_and_sets_nothing(qtbot, store, draft, open_view):
    view = open_view(draft)
    report = widget(view, "report_date")
    report.edit.setFocus()
    qtbot.keyClick(report.edit, Qt.Key_F4)
    qtbot.waitUntil(report.calendar.isVisible)
    today = QDate.currentDate()
    assert (report.calendar.yearShown(), report.calendar.monthShown()) == (
        today.year(),
        today.month(),
    )
    qtbot.keyClick(QApplication.focusWidget() or report.calendar, Qt.Key_Escape)
    leave(qtbot, view)
    assert "report_date" not in store.get_answers(draft)
    assert report.edit.text() == ""


def test_tab_passes_through_every_field_of_a_section(qtbot, store, draft, open_view):
    view = open_view(draft)
    first = widget(view, "state")
    first.focus_input()
    page = view.stack.currentWidget().widget()
    questions = [
        part
        for part in view.ctrl.parts.values()
        if hasattr(part, "inputs")
        and page.isAncestorOf(part)
        and any(i.isVisibleTo(page) and i.isEnabled() for i in part.inputs())
    ]
    assert any(isinstance(q, DateInput) for q in questions)
    visited = []
    for _ in range(120):
        widget_now = QApplication.focusWidget()
        visited.append(widget_now)
        qtbot.keyClick(widget_now, Qt.Key_Tab)
        if not page.isAncestorOf(QApplication.focusWidget()):
            break
    for question in questions:
        assert any(i in visited for i in question.inputs()), question.question.name
    # Each field is one stop (its input, maybe its clear button), not one per date section.
    report = next(q for q in questions if isinstance(q, DateInput))
    assert visited.count(report.edit) == 1


@pytest.fixture
def kobo(store, tmp_path) -> str:
    return new_draft(store, import_form(store, tmp_path))


@pytest.mark.parametrize("path", ["opens", "launched"])
def test_tab_leaves_an_empty_time_or_date_time_field(qtbot, store, kobo, open_view, path):
    view = open_view(kobo)
    field = widget(view, path).edit
    for key in (Qt.Key_Tab, Qt.Key_Backtab):
        field.setFocus()
        qtbot.keyClick(field, key)
        assert not field.hasFocus(), key


@pytest.mark.parametrize("path", ["opens", "launched"])
def test_keys_never_invent_a_time_or_date_time(qtbot, store, kobo, open_view, path):
    view = open_view(kobo)
    field = widget(view, path).edit
    field.setFocus()
    for key in (Qt.Key_Up, Qt.Key_Down, Qt.Key_PageUp, Qt.Key_PageDown):
        qtbot.keyClick(field, key)
    leave(qtbot, view)
    assert path not in store.get_answers(kobo)
    assert field.text() == ""


@CALENDAR_KEYS
def test_a_date_time_s_calendar_opens_from_the_keyboard(
    qtbot, store, kobo, open_view, key, modifier
):
    view = open_view(kobo)
    launched = widget(view, "launched")
    launched.edit.setFocus()
    qtbot.keyClick(launched.edit, key, modifier)
    calendar = launched.calendar
    qtbot.waitUntil(calendar.isVisible)
    today = QDate.currentDate()
    assert (calendar.yearShown(), calendar.monthShown()) == (today.year(), today.month())
    qtbot.keyClick(QApplication.focusWidget() or calendar, Qt.Key_Escape)
    qtbot.waitUntil(lambda: not calendar.isVisible())
    assert view.isVisible()
    leave(qtbot, view)
    assert "launched" not in store.get_answers(kobo)


@pytest.mark.slow
def test_a_date_still_being_typed_is_not_saved_as_another_date(qtbot, store, draft, open_view):
    from gcm_collect.app.form.questions.base import MAX_WAIT_MS

    view = open_view(draft)
    report = widget(view, "report_date")
    report.edit.setFocus()
    qtbot.keyClicks(report.edit, "2025-03-1")  # on its way to the 15th
    qtbot.wait(MAX_WAIT_MS + 400)  # the pause and the maximum wait are over
    assert "report_date" not in store.get_answers(draft)  # not March 1st
    qtbot.keyClicks(report.edit, "5")
    qtbot.waitUntil(lambda: store.get_answers(draft).get("report_date") == "2025-03-15")
