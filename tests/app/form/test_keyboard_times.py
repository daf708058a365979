"""Times and dates-and-times from the keyboard, as dates: ISO or the language's short form, in
any digits, shown in the language's form once left (ISO in the database); nothing invented."""

from __future__ import annotations

from datetime import datetime

import pytest
from form_helpers import leave, widget
from kobo_form import import_form, new_draft
from PySide6.QtCore import QDate, Qt
from test_keyboard_dates import type_keys

from gcm_collect.i18n import set_language


@pytest.fixture
def kobo(store, tmp_path) -> str:
    return new_draft(store, import_form(store, tmp_path))


def typed(qtbot, view, name: str, text: str):
    part = widget(view, name)
    part.edit.setFocus()
    type_keys(part.edit, text)
    qtbot.keyClick(part.edit, Qt.Key_Tab)
    return part


@pytest.mark.parametrize(
    ("lang", "text", "stored", "shown"),
    [
        ("en", "2:30 PM", "14:30", "2:30\u202fPM"),
        ("en", "14:30", "14:30", "2:30\u202fPM"),
        ("en", "9:05:30 am", "09:05:30", "9:05:30\u202fAM"),
        ("fr", "9:05", "09:05", "09:05"),
        ("ru", "14:30", "14:30", "14:30"),
        ("es", "09:05", "09:05", "9:05"),
        ("zh", "1430", "14:30", "14:30"),
        ("ar", "٢:٣٠ م", "14:30", "٢:٣٠ م"),  # Arabic-Indic digits and the Arabic PM
        ("ar", "١٤:٣٠", "14:30", "٢:٣٠ م"),
    ],
)
def test_a_time_is_read_in_iso_and_the_language_s_form(
    qtbot, store, kobo, open_view, lang, text, stored, shown
):
    set_language(lang)
    view = open_view(kobo)
    opens = typed(qtbot, view, "opens", text)
    assert store.get_answers(kobo)["opens"] == stored
    assert opens.edit.text() == shown
    assert not opens.message.isVisibleTo(view)


@pytest.mark.parametrize(
    ("lang", "text", "shown"),
    [
        ("en", "3/15/2025 2:30 PM", "3/15/2025 2:30\u202fPM"),
        ("en", "2025-03-15T14:30", "3/15/2025 2:30\u202fPM"),
        ("fr", "15/03/2025 14:30", "15/03/2025 14:30"),
        ("ru", "15.03.2025, 14:30", "15.03.2025 14:30"),
        ("es", "15/3/25 14:30", "15/3/2025 14:30"),
        ("zh", "2025/3/15 14:30", "2025/3/15 14:30"),
        ("ar", "١٥/٣/٢٠٢٥ ٢:٣٠ م", "١٥/٣/٢٠٢٥ ٢:٣٠ م"),
    ],
)
def test_a_date_and_time_is_read_in_iso_and_the_language_s_form(
    qtbot, store, kobo, open_view, lang, text, shown
):
    set_language(lang)
    view = open_view(kobo)
    launched = typed(qtbot, view, "launched", text)
    stored = datetime.fromisoformat(store.get_answers(kobo)["launched"])
    assert stored == datetime(2025, 3, 15, 14, 30).astimezone()  # local time, its offset kept
    assert launched.edit.text() == shown


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("opens", "9"),  # an hour alone: no minutes are made up
        ("opens", "25:00"),
        ("launched", "2025-03-15"),  # a date alone: no time is made up
        ("launched", "14:30"),
    ],
)
def test_nothing_is_invented_from_part_of_a_value(qtbot, store, kobo, open_view, name, text):
    view = open_view(kobo)
    part = typed(qtbot, view, name, text)
    leave(qtbot, view)
    assert name not in store.get_answers(kobo)
    assert part.edit.text() == text  # kept, to be corrected
    assert part.message.isVisibleTo(view)


def test_the_calendar_sets_the_date_and_leaves_the_time_to_type(qtbot, store, kobo, open_view):
    view = open_view(kobo)
    launched = widget(view, "launched")
    launched.edit.setFocus()
    qtbot.keyClick(launched.edit, Qt.Key_F4)
    qtbot.waitUntil(launched.calendar.isVisible)
    launched.calendar.chosen.emit(QDate(2025, 3, 15))
    launched.calendar.hide()
    assert launched.edit.text() == "3/15/2025 "
    assert "launched" not in store.get_answers(kobo)  # no time was chosen: none is invented
    type_keys(launched.edit, "2:30 PM")
    qtbot.keyClick(launched.edit, Qt.Key_Tab)
    stored = datetime.fromisoformat(store.get_answers(kobo)["launched"])
    assert stored == datetime(2025, 3, 15, 14, 30).astimezone()


@pytest.mark.parametrize(
    ("lang", "shown"),
    [
        ("en", "3/15/2025"),
        ("fr", "15/03/2025"),
        ("ru", "15.03.2025"),
        ("es", "15/3/2025"),
        ("zh", "2025/3/15"),
        ("ar", "١٥/٣/٢٠٢٥"),
    ],
)
def test_answers_show_in_the_language_and_follow_a_switch(
    qtbot, store, kobo, open_view, lang, shown
):
    store.set_answer(kobo, "launched", "2025-03-15T14:30:00", who="test")
    view = open_view(kobo)
    launched = widget(view, "launched")
    set_language(lang)
    assert launched.edit.text().startswith(shown)
    launched.edit.setFocus()
    leave(qtbot, view)
    assert store.get_answers(kobo)["launched"] == "2025-03-15T14:30:00"  # not rewritten
