"""Whole records for import/export: put_submission rules and all-or-nothing batches."""

from __future__ import annotations

import pytest
from store_helpers import new_submission

from gcm_collect.errors import UserError
from gcm_collect.store import Store


def sample_record(store: Store) -> dict:
    uuid = new_submission(store, title="Paris")
    practice = store.add_instance(uuid, "practices", who="t")
    store.set_answer(uuid, f"practices[{practice}]/title", "Health", who="t")
    store.set_answer(uuid, "objectives", ["obj_1", "obj_15"], who="t")
    store.set_answer(uuid, "budget", 1.5, who="t")
    return store.get_record(uuid)


@pytest.fixture
def other() -> Store:
    with Store.open(":memory:") as store:
        yield store


def test_record_round_trips_between_stores(store: Store, other: Store) -> None:
    record = sample_record(store)
    assert other.put_submission(record, who="import") == "inserted"
    assert other.get_record(record["uuid"]) == record
    assert other.put_submission(record, who="import") == "unchanged"
    assert store.put_submission(record, who="import") == "unchanged"
    assert [e.new_value for e in other.history(record["uuid"])] == ["inserted"]


def test_newer_incoming_updates_and_keeps_the_old_record_in_the_audit(
    store: Store, other: Store
) -> None:
    record = sample_record(store)
    other.put_submission(record, who="import")
    newer = dict(record, updated_at="2099-01-01T00:00:00.000Z", answers={"budget": 2})
    newer["instances"] = {}
    assert other.put_submission(newer, who="import") == "updated"
    assert other.get_answers(record["uuid"]) == {"budget": 2}
    assert other.get_instances(record["uuid"]) == {}
    entry = other.history(record["uuid"])[-1]
    assert entry.new_value == "updated" and entry.old_value == record


def test_higher_revision_wins_even_with_an_older_timestamp(store: Store, other: Store) -> None:
    record = sample_record(store)
    other.put_submission(record, who="import")
    revised = dict(record, revision=2, updated_at="2000-01-01T00:00:00.000Z", title="R2")
    assert other.put_submission(revised, who="import") == "updated"
    assert other.get_submission(record["uuid"]).title == "R2"


def test_older_or_conflicting_incoming_is_skipped(store: Store, other: Store) -> None:
    record = sample_record(store)
    other.put_submission(record, who="import")
    older = dict(record, updated_at="2000-01-01T00:00:00.000Z", title="old")
    same_age = dict(record, title="different but not newer")
    assert other.put_submission(older, who="import") == "skipped"
    assert other.put_submission(same_age, who="import") == "skipped"
    assert other.get_record(record["uuid"]) == record


def test_minimal_record_gets_defaults(other: Store) -> None:
    outcome = other.put_submission(
        {
            "uuid": "u1",
            "form_id": "gcm",
            "form_version": "1",
            "state": "KEN",
            "region": "ECA",
            "period": "2026",
            "status": "draft",
            "answers": {"q": "v", "empty": None},
        },
        who="import",
    )
    assert outcome == "inserted"
    sub = other.get_submission("u1")
    assert (sub.revision, sub.title, sub.created_at == sub.updated_at) == (1, "", True)
    assert other.get_answers("u1") == {"q": "v"}


@pytest.mark.parametrize(
    "change",
    [
        {"uuid": ""},
        {"region": "XX"},
        {"answers": {"q": {"nested": 1}}},
        {"answers": {"bad path!": 1}},
        {"answers": {"practices[ghost]/title": "x"}},
        {"instances": {"practices[ghost]/partners": ["p"]}},
        {"instances": {"practices": ["a", "a"]}},
        {"instances": {"practices": ["a/b"]}},
        {"instances": ["not", "a", "mapping"]},
    ],
)
def test_invalid_records_are_user_errors(store: Store, other: Store, change: dict) -> None:
    record = dict(sample_record(store), **change)
    with pytest.raises(UserError):
        other.put_submission(record, who="import")
    assert other.count_submissions(include_deleted=True) == 0


def test_batch_in_atomic_is_all_or_nothing(store: Store, other: Store) -> None:
    good = [sample_record(store) for _ in range(3)]
    bad = dict(good[0], uuid="bad", state="??")
    with pytest.raises(UserError):
        with other.atomic():
            for record in [good[0], good[1], bad, good[2]]:
                other.put_submission(record, who="import")
    assert other.count_submissions(include_deleted=True) == 0
    with other.atomic():
        outcomes = [other.put_submission(r, who="import") for r in good]
    assert outcomes == ["inserted"] * 3
