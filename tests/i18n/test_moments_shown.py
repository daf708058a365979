"""Stored dates and times as the six languages write them, for what the core shows people
(read-through, find, history); ISO stays what is stored."""

from __future__ import annotations

from datetime import datetime

import pytest

from gcm_collect.forms import form_from_sheets
from gcm_collect.forms.answer_text import answer_text
from gcm_collect.i18n import set_language
from gcm_collect.i18n.moments import shown


@pytest.mark.parametrize(
    ("lang", "day", "afternoon"),
    [
        ("en", "3/15/2025", "2:30\u202fPM"),
        ("fr", "15/03/2025", "14:30"),
        ("es", "15/3/2025", "14:30"),
        ("ru", "15.03.2025", "14:30"),
        ("zh", "2025/3/15", "14:30"),
        ("ar", "15\u200f/3\u200f/2025", "2:30 م"),
    ],
)
def test_dates_and_times_in_each_language(lang, day, afternoon):
    assert shown("date", "2025-03-15", lang) == day
    assert shown("time", "14:30", lang) == afternoon
    assert shown("dateTime", "2025-03-15T14:30:00", lang) == f"{day} {afternoon}"


def test_a_date_and_time_with_an_offset_is_shown_in_local_time():
    stored = "2025-03-15T12:00:00+00:00"
    local = datetime.fromisoformat(stored).astimezone()
    assert shown("dateTime", stored, "fr") == local.strftime("%d/%m/%Y %H:%M")


def test_seconds_only_when_there_are_some_and_anything_else_as_it_is():
    assert shown("time", "07:15:30", "fr") == "07:15:30"
    assert shown("date", "not a date", "fr") == "not a date"


def test_the_read_through_text_of_a_date_answer_follows_the_app_language():
    form = form_from_sheets(
        {
            "survey": [{"type": "date", "name": "when", "label::English (en)": "When"}],
            "settings": [{"form_id": "d", "version": "1", "default_language": "en"}],
        },
        "d.xlsx",
    )
    question = form.item("when")
    set_language("ru")
    assert answer_text(form, question, "2025-03-15", "en") == "15.03.2025"
    set_language("en")
    assert answer_text(form, question, "2025-03-15", "en") == "3/15/2025"
