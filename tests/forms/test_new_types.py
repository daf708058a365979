"""time, dateTime, range, rank, file and metadata answers; metadata filling; instance titles."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from gcm_collect.forms import (
    evaluate,
    file_ref,
    form_from_sheets,
    instance_title,
    metadata_values,
    parse_file_value,
)

SHEETS = {
    "survey": [
        {"type": "start", "name": "start"},
        {"type": "end", "name": "end"},
        {"type": "today", "name": "today"},
        {"type": "deviceid", "name": "deviceid"},
        {"type": "username", "name": "username"},
        {"type": "audit", "name": "audit"},
        {"type": "text", "name": "title", "label": "Title"},
        {"type": "time", "name": "t", "label": "Time"},
        {"type": "dateTime", "name": "dt", "label": "When"},
        {"type": "range", "name": "score", "label": "Score", "parameters": "start=0 end=10 step=2"},
        {"type": "rank p", "name": "prio", "label": "Priorities"},
        {"type": "file", "name": "doc", "label": "Document"},
        {"type": "text", "name": "doc_name", "label": "Name", "relevant": "${doc} = 'plan.pdf'"},
    ],
    "choices": [
        {"list_name": "p", "name": n, "label": n.title()} for n in ("health", "work", "school")
    ],
    "settings": [{"form_id": "t", "instance_name": "concat(${title}, ' (', ${today}, ')')"}],
}
FORM = form_from_sheets(SHEETS, "test")


def problems(answers):
    return {p.path: p.message for p in evaluate(FORM, answers, {}, "en").problems}


@pytest.mark.parametrize(
    ("path", "good", "bad"),
    [
        ("t", ["09:30", "23:59:59", "00:00:00.5"], ["9:30", "24:00", "noon", 930]),
        (
            "dt",
            ["2026-03-01T14:30", "2026-03-01T14:30:05+01:00", "2026-03-01 14:30:00Z"],
            ["2026-03-01", "2026-03-01T25:00", "yesterday"],
        ),
        ("score", [0, 4, 10, 6.0], [-2, 12, 3, "4", True]),
        ("prio", [["work"], ["school", "health", "work"]], [["work", "work"], ["sport"], "work"]),
        ("start", ["2026-03-01T10:00:00+00:00"], ["2026-03-01"]),
        ("today", ["2026-03-01"], ["2026-03-01T10:00"]),
        ("deviceid", ["gcm-1"], [7]),
    ],
)
def test_answers_of_the_new_types_are_checked(path, good, bad):
    for value in good:
        assert path not in problems({path: value}), value
    for value in bad:
        assert path in problems({path: value}), value


def test_a_file_answer_is_a_reference_and_expressions_see_its_name():
    ref = file_ref("C:\\Users\\ana\\plan.pdf", b"%PDF-1.7 plan")
    assert ref.name == "plan.pdf" and ref.size == 13 and len(ref.sha256) == 64
    assert parse_file_value(ref.value) == ref
    evaluation = evaluate(FORM, {"doc": ref.value}, {}, "en")
    assert evaluation.ok
    assert evaluation.is_relevant("doc_name")  # ${doc} = 'plan.pdf'
    assert "doc" in problems({"doc": "plan.pdf"})


@pytest.mark.slow
@given(st.text(min_size=1, max_size=40), st.binary(max_size=64))
@example("0\r\x1b\x850", b"")  # spaces around a removed control character: one space
def test_file_values_round_trip(name, data):
    ref = file_ref(name, data)
    assert parse_file_value(ref.value) == ref
    assert "\n" not in ref.name and "/" not in ref.name and ref.name


@given(st.integers(-10, 20))
def test_range_accepts_exactly_the_steps_between_its_bounds(n):
    assert ("score" in problems({"score": n})) == (not (0 <= n <= 10 and n % 2 == 0))


def test_metadata_are_set_once_and_end_moves():
    t0 = datetime(2026, 3, 1, 9, 0, tzinfo=timezone(timedelta(hours=1)))
    first = metadata_values(FORM, now=t0, device_id="dev", username="ana", started_at=t0)
    assert first == {
        "start": "2026-03-01T09:00:00+01:00",
        "end": "2026-03-01T09:00:00+01:00",
        "today": "2026-03-01",
        "deviceid": "dev",
        "username": "ana",
        "audit": "2026-03-01T09:00:00+01:00/2026-03-01T09:00:00+01:00",
    }
    assert evaluate(FORM, first, {}, "en").ok
    later = t0 + timedelta(days=1, minutes=5)
    second = metadata_values(
        FORM, now=later, device_id="other", username="bo", started_at=later, existing=first
    )
    assert second == {
        "end": "2026-03-02T09:05:00+01:00",
        "audit": "2026-03-01T09:00:00+01:00/2026-03-02T09:05:00+01:00",
    }


def test_instance_title_follows_instance_name():
    answers = {"title": "Clinics  for all", "today": "2026-03-01"}
    assert instance_title(FORM, answers, "en") == "Clinics for all (2026-03-01)"
    plain = form_from_sheets({"survey": [{"type": "text", "name": "a", "label": "A"}]}, "x")
    assert instance_title(plain, {"a": "x"}, "en") == ""


def test_form_json_round_trip_keeps_the_new_types():
    again = type(FORM).from_json(FORM.to_json())
    assert again == FORM
    assert dict(again.question("score").parameters) == {"start": "0", "end": "10", "step": "2"}
