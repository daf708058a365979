"""Start from last cycle: the State's latest survey carried into a new period, every carried
answer "to confirm" (in the database) until edited or confirmed."""

from __future__ import annotations

import pytest

from gcm_collect.errors import UserError
from gcm_collect.ops import answers as answer_ops
from gcm_collect.ops.forms import ensure_builtin
from gcm_collect.ops.lastcycle import latest_of, next_period, start_from_last_cycle
from gcm_collect.ops.submissions import new_submission
from gcm_collect.store import Store


@pytest.fixture
def store(tmp_path):
    with Store.open(tmp_path / "officer.sqlite3") as opened:
        ensure_builtin(opened)
        yield opened


@pytest.fixture
def last_year(store) -> tuple[str, str]:
    """France's 2024 survey with answers and one practice; (uuid, practice)."""
    uuid = new_submission(store, state="FRA", region="ECE", period="2024").uuid
    practice = answer_ops.add_instance(store, uuid, "practices").entry
    answer_ops.set_answer(store, uuid, "lead_entity", "Ministry of the Interior")
    answer_ops.set_answer(store, uuid, f"practices[{practice}]/practice_title", "Mobile clinics")
    return uuid, practice


def test_answers_and_entries_are_carried_each_to_confirm(store, last_year):
    old, practice = last_year
    new = start_from_last_cycle(store, "FRA", "2025").uuid
    sub = store.get_submission(new)
    assert (sub.state, sub.region, sub.period, sub.status) == ("FRA", "ECE", "2025", "draft")
    answers = store.get_answers(new)
    assert answers["reporting_period"] == "2025" and answers["state"] == "FRA"
    assert answers["lead_entity"] == "Ministry of the Interior"
    entries = store.get_instances(new)["practices"]
    assert len(entries) == 1 and entries[0] != practice  # a practice of its own
    title = f"practices[{entries[0]}]/practice_title"
    assert answers[title] == "Mobile clinics"
    marks = store.to_confirm(new)
    assert {"lead_entity", title} <= marks
    # The new survey's own State, period and region are not "to confirm"; nor is metadata.
    assert not marks & {"state", "review_region", "reporting_period", "start", "today"}
    assert store.to_confirm(old) == set()  # last year's survey is untouched
    assert store.get_answers(old)["reporting_period"] == "2024"


def test_editing_or_confirming_takes_the_mark_off_and_it_lasts(store, last_year, tmp_path):
    new = start_from_last_cycle(store, "FRA", "2025").uuid
    answer_ops.set_answer(store, new, "lead_entity", "Ministry of Labour")  # edited
    assert "lead_entity" not in store.to_confirm(new)
    marked = sorted(store.to_confirm(new))
    confirmed = store.confirm_answers(new, marked[:1], who="officer")
    assert confirmed == marked[:1]
    assert store.to_confirm(new) == set(marked[1:])
    assert [e.action for e in store.history(new)][-1] == "confirm"
    store.close()
    with Store.open(tmp_path / "officer.sqlite3") as again:  # closed and opened: still there
        assert again.to_confirm(new) == set(marked[1:])


def test_the_latest_survey_is_the_one_carried(store, last_year):
    older = new_submission(store, state="FRA", region="ECE", period="2019-2022").uuid
    answer_ops.set_answer(store, older, "lead_entity", "Old ministry")
    assert latest_of(store, "FRA").uuid == last_year[0]
    new = start_from_last_cycle(store, "FRA", "2025").uuid
    assert store.get_answers(new)["lead_entity"] == "Ministry of the Interior"


def test_refused_without_a_survey_or_for_the_same_period(store, last_year):
    with pytest.raises(UserError, match="no survey"):
        start_from_last_cycle(store, "SEN", "2025")
    with pytest.raises(UserError, match="already has a survey for 2024"):
        start_from_last_cycle(store, "FRA", "2024")
    with pytest.raises(UserError, match="Reporting period 20x5"):
        start_from_last_cycle(store, "FRA", "20x5")
    assert len(store.list_submissions()) == 1  # nothing half-made


def test_next_period():
    assert next_period("2024") == "2025"
    assert next_period("2019-2022") == "2023-2026"
    assert next_period("٢٠٢٤") == "2025"
