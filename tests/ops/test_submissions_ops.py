"""New, duplicate, trash and restore: the main window's submission actions, on a real store."""

from __future__ import annotations

import json

import pytest

from gcm_collect.errors import UserError
from gcm_collect.forms.builtin import builtin_form
from gcm_collect.ops.importing import import_files
from gcm_collect.ops.submissions import (
    OfficerProfile,
    count_problems,
    default_region,
    duplicate,
    get_profile,
    new_submission,
    restore,
    set_profile,
    trash,
)
from gcm_collect.store import Store


@pytest.fixture
def store(tmp_path):
    with Store.open(tmp_path / "ops.sqlite3") as s:
        yield s


def test_new_submission_answers_identification_from_metadata_and_profile(store):
    profile = OfficerProfile("Amina Diallo", "Migration officer", "amina@example.org")
    set_profile(store, profile)
    changed = new_submission(
        store, state="SEN", region="ECA", period="2025", focal_point=get_profile(store)
    )
    assert changed.action == "created"
    sub = store.get_submission(changed.uuid)
    assert (sub.state, sub.region, sub.period, sub.status) == ("SEN", "ECA", "2025", "draft")
    assert sub.officer == "Amina Diallo"
    answers = store.get_answers(changed.uuid)
    assert answers["state"] == "SEN"
    assert answers["review_region"] == "ECA"
    assert answers["reporting_period"] == "2025"
    assert answers["focal_point_email"] == "amina@example.org"


def test_profile_is_absent_until_set(store):
    assert get_profile(store) is None
    set_profile(store, OfficerProfile("A", "B", "c@d.org"))
    assert get_profile(store) == OfficerProfile("A", "B", "c@d.org")
    assert store.get_setting("officer") == "A"


def test_region_must_be_one_of_the_states_commissions(store):
    with pytest.raises(UserError, match="ECE"):
        new_submission(store, state="FRA", region="ECA", period="2025")
    assert store.count_submissions() == 0


def test_default_region_only_when_there_is_one():
    assert default_region("SEN") == "ECA"
    assert default_region("FRA") is None  # ECE, ECLAC and ESCAP


def test_duplicate_copies_answers_with_new_repeat_entries(store):
    original = new_submission(store, state="SEN", region="ECA", period="2025").uuid
    first = store.add_instance(original, "practices", who="t")
    second = store.add_instance(original, "practices", who="t")
    store.set_answer(original, f"practices[{first}]/practice_title", "One", who="t")
    store.set_answer(original, f"practices[{second}]/practice_title", "Two", who="t")
    store.set_status(original, "complete", who="t")

    changed = duplicate(store, original)

    assert changed.source == original and changed.uuid != original
    copy = store.get_submission(changed.uuid)
    assert copy.status == "draft" and copy.state == "SEN"
    order = store.get_instances(changed.uuid)["practices"]
    assert len(order) == 2 and not {first, second} & set(order)
    answers = store.get_answers(changed.uuid)
    assert answers[f"practices[{order[0]}]/practice_title"] == "One"
    assert answers[f"practices[{order[1]}]/practice_title"] == "Two"
    assert store.get_answers(original)[f"practices[{first}]/practice_title"] == "One"


def test_trash_and_restore(store):
    uuid = new_submission(store, state="SEN", region="ECA", period="2025").uuid
    assert trash(store, uuid).action == "trashed"
    assert store.count_submissions() == 0
    assert store.count_submissions(include_deleted=True) == 1
    assert restore(store, uuid).action == "restored"
    assert store.count_submissions() == 1


def test_count_problems_falls_as_required_answers_arrive(store):
    uuid = new_submission(store, state="SEN", region="ECA", period="2025").uuid
    before = count_problems(store, uuid)
    assert before > 0
    store.set_answer(uuid, "lead_entity", "Ministry of the Interior", who="t")
    assert count_problems(store, uuid) == before - 1


@pytest.mark.parametrize(
    ("period", "reason"),
    [
        ("2025-2022", "earlier year first"),
        ("0000", "from 1990 to 2100"),
        ("9999", "from 1990 to 2100"),
        ("2022-2101", "from 1990 to 2100"),
        ("2025/2026", "such as 2022-2025"),
        ("", "such as 2022-2025"),
    ],
)
def test_a_new_submission_refuses_an_impossible_period(store, period, reason):
    with pytest.raises(UserError, match=reason) as raised:
        new_submission(store, state="SEN", region="ECA", period=period)
    assert "Reporting period" in str(raised.value)
    assert store.count_submissions() == 0


@pytest.mark.parametrize("period", ["1990", "2100", "2022-2025", "2025-2025"])
def test_a_new_submission_takes_a_plausible_period(store, period):
    uuid = new_submission(store, state="SEN", region="ECA", period=f" {period} ").uuid
    assert store.get_submission(uuid).period == period  # stored without the spaces
    assert store.get_answers(uuid)["reporting_period"] == period


@pytest.mark.parametrize(("typed", "period"), [("٢٠٢٥", "2025"), ("۲۰۲۲-۲۰۲۵", "2022-2025")])
def test_a_period_in_native_digits_is_stored_in_0_to_9(store, typed, period):
    uuid = new_submission(store, state="EGY", region="ESCWA", period=typed).uuid
    assert store.get_submission(uuid).period == period  # sorts and exports with the others
    assert store.get_answers(uuid)["reporting_period"] == period


def test_imported_data_keeps_a_period_a_new_submission_would_refuse(store, tmp_path):
    # Only NEW submissions are checked for plausible years: data collected elsewhere imports as
    # it was written (a range written backwards, 2025-2022, is refused by the import itself).
    form = builtin_form()
    path = tmp_path / "old.jsonl"
    record = {"form_id": form.form_id, "form_version": form.version, "state": "SEN"}
    record.update({"region": "ECA", "period": "1985-1989", "status": "draft", "answers": {}})
    path.write_text(json.dumps(record) + "\n", "utf-8")
    with pytest.raises(UserError):
        new_submission(store, state="SEN", region="ECA", period="1985-1989")
    assert import_files(store, [path]).total()["inserted"] == 1
    (imported,) = store.list_submissions()
    assert imported.period == "1985-1989"
    # And duplicating it copies the period as it is.
    copy = duplicate(store, imported.uuid).uuid
    assert store.get_submission(copy).period == "1985-1989"


def test_comoros_can_report_to_the_arab_regional_review(store):
    # Not an ESCWA member, but the Arab regional review covers the League of Arab States.
    changed = new_submission(store, state="COM", region="ESCWA", period="2025")
    assert store.get_submission(changed.uuid).region == "ESCWA"
    assert default_region("COM") is None  # ECA or the Arab review: the officer chooses
    with pytest.raises(
        UserError, match="^Comoros takes part in the regional reviews of ECA, ESCWA"
    ):
        new_submission(store, state="COM", region="ECE", period="2025")


def test_the_identification_answers_are_the_submission_s_own(store):
    from gcm_collect.ops.answers import set_answer

    uuid = new_submission(store, state="SEN", region="ECA", period="2024").uuid
    assert set_answer(store, uuid, "state", "MAR").fields
    assert set_answer(store, uuid, "review_region", "ESCWA").fields
    assert set_answer(store, uuid, "reporting_period", "2025").fields
    sub = store.get_submission(uuid)
    assert (sub.state, sub.region, sub.period) == ("MAR", "ESCWA", "2025")  # list, exports
    # An unfinished or wrong answer stays an answer only: the submission keeps a valid period.
    assert not set_answer(store, uuid, "reporting_period", "202").fields
    assert store.get_submission(uuid).period == "2025"
    assert store.get_answers(uuid)["reporting_period"] == "202"
    actions = [(e.action, e.path, e.new_value) for e in store.history(uuid)]
    assert ("identify", "state", "MAR") in actions and ("identify", "period", "2025") in actions


def test_last_cycle_s_survey_duplicated_and_given_the_new_period_is_of_the_new_period(store):
    from gcm_collect.ops.answers import set_answer

    last = new_submission(store, state="SEN", region="ECA", period="2024").uuid
    copy = duplicate(store, last).uuid
    set_answer(store, copy, "reporting_period", "2025")
    assert store.get_submission(copy).period == "2025"
    assert store.get_submission(last).period == "2024"
    assert sorted(s.period for s in store.list_submissions()) == ["2024", "2025"]
