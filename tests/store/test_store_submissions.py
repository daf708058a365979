"""Submissions, forms and settings: metadata, lists, lifecycle, revisions."""

from __future__ import annotations

import pytest
from store_helpers import new_submission

from gcm_collect.errors import UserError
from gcm_collect.store import Store


def test_create_and_get(store: Store, clock) -> None:
    uuid = new_submission(store, title="France 2026", uuid="fixed-uuid")
    sub = store.get_submission(uuid)
    assert uuid == "fixed-uuid"
    assert (sub.state, sub.region, sub.period, sub.status, sub.revision) == (
        "FRA",
        "ECE",
        "2026",
        "draft",
        1,
    )
    assert (sub.revises, sub.deleted_at, sub.last_path, sub.title) == (
        None,
        None,
        None,
        "France 2026",
    )
    assert sub.device_id == store.device_id and sub.officer == "ana"
    assert sub.created_at == sub.updated_at
    assert [e.action for e in store.history(uuid)] == ["create"]


@pytest.mark.parametrize(
    "bad",
    [
        {"state": "fr"},
        {"state": "FRAN"},
        {"region": "EU"},
        {"status": "sent"},
        {"revision": 0},
        {"revision": True},
        {"period": ""},
        {"form_id": " "},
    ],
)
def test_invalid_metadata_is_a_user_error(store: Store, bad: dict) -> None:
    with pytest.raises(UserError):
        new_submission(store, **bad)
    assert store.count_submissions(include_deleted=True) == 0


def test_duplicate_uuid_and_unknown_uuid(store: Store) -> None:
    new_submission(store, uuid="u1")
    with pytest.raises(UserError, match="already exists"):
        new_submission(store, uuid="u1")
    with pytest.raises(UserError, match="unknown submission nope"):
        store.get_submission("nope")


@pytest.fixture
def many(store: Store) -> list[str]:
    rows = [
        ("FRA", "ECE", "draft", "Paris pilot"),
        ("KEN", "ECA", "complete", "Nairobi desk"),
        ("KEN", "ECA", "draft", "Mombasa 100% done"),
        ("MEX", "ECLAC", "finalized", "Frontera_norte"),
        ("JOR", "ESCWA", "draft", "عمّان"),
        ("CHN", "ESCAP", "complete", "上海"),
    ]
    return [new_submission(store, state=s, region=r, status=st, title=t) for s, r, st, t in rows]


def test_list_filters_and_counts(store: Store, many: list[str]) -> None:
    def uuids(**filters) -> list[str]:
        return [s.uuid for s in store.list_submissions(**filters)]

    assert uuids() == many[::-1]  # newest first
    assert uuids(descending=False) == many
    assert uuids(state="KEN") == [many[2], many[1]]
    assert uuids(state=["FRA", "MEX"], descending=False) == [many[0], many[3]]
    assert uuids(region="ECA", status="draft") == [many[2]]
    assert uuids(status=["complete", "finalized"]) == [many[5], many[3], many[1]]
    assert uuids(text="nairobi") == [many[1]]
    assert uuids(text="100%") == [many[2]]  # % is literal
    assert uuids(text="a_1") == []  # _ is literal: "Mombasa 100%" does not match
    assert uuids(text="a_n") == [many[3]]
    assert uuids(text="عمّان") == [many[4]]
    assert uuids(text="上海") == [many[5]]
    assert uuids(text=many[3][:8]) == [many[3]]
    assert uuids(limit=2) == [many[5], many[4]]
    assert uuids(limit=2, offset=2) == [many[3], many[2]]
    assert uuids(offset=5) == [many[0]]
    assert store.count_submissions() == 6
    assert store.count_submissions(state="KEN", status="draft") == 1
    assert store.count_submissions(text="ro") == 2  # Nairobi, Frontera
    with pytest.raises(ValueError):
        store.list_submissions(order_by="uuid; DROP TABLE answers")


def test_list_orders_by_other_columns_with_stable_ties(store: Store, many: list[str]) -> None:
    by_state = store.list_submissions(order_by="state", descending=False)
    assert [s.state for s in by_state] == ["CHN", "FRA", "JOR", "KEN", "KEN", "MEX"]
    ken = [s.uuid for s in by_state if s.state == "KEN"]
    assert ken == sorted(ken)


def test_list_queries_use_the_indexes(store: Store) -> None:
    assert "USING INDEX submissions_live" in store.explain_list()  # not in the trash, newest first
    assert "TEMP B-TREE" not in store.explain_list()
    assert "USING INDEX submissions_by_state" in store.explain_list(state="FRA", limit=50)
    assert "USING INDEX submissions_by_status" in store.explain_list(status="draft")
    assert "TEMP B-TREE" not in store.explain_list(status="draft", limit=50)


def test_soft_delete_hides_and_restore_brings_back(store: Store, many: list[str]) -> None:
    store.soft_delete(many[0], who="ana")
    assert many[0] not in [s.uuid for s in store.list_submissions()]
    assert store.count_submissions() == 5
    assert store.count_submissions(include_deleted=True) == 6
    assert store.get_submission(many[0]).deleted
    store.restore(many[0], who="ana")
    assert not store.get_submission(many[0]).deleted
    assert [e.action for e in store.history(many[0])][-2:] == ["delete", "restore"]


def test_status_changes(store: Store, submission: str) -> None:
    store.set_status(submission, "complete", who="t")
    store.set_status(submission, "draft", who="t")
    store.set_status(submission, "finalized", who="t")
    with pytest.raises(UserError, match="finalized"):
        store.set_status(submission, "draft", who="t")
    with pytest.raises(ValueError):
        store.set_status(submission, "sent", who="t")
    changes = [
        (e.old_value, e.new_value) for e in store.history(submission) if e.action == "status"
    ]
    assert changes == [("draft", "complete"), ("complete", "draft"), ("draft", "finalized")]


def test_new_revision_copies_everything_into_a_draft(store: Store, submission: str) -> None:
    practice = store.add_instance(submission, "practices", who="t")
    store.set_answer(submission, f"practices[{practice}]/title", "Health", who="t")
    store.set_answer(submission, "focal_point_name", "Ana", who="t")
    with pytest.raises(UserError, match="only a finalized"):
        store.new_revision(submission, who="t")
    store.set_status(submission, "finalized", who="t")

    reopened = store.new_revision(submission, who="ben")
    old, new = store.get_submission(submission), store.get_submission(reopened)
    assert (new.status, new.revision, new.revises) == ("draft", 2, submission)
    assert (new.state, new.region, new.period, new.form_id) == (
        old.state,
        old.region,
        old.period,
        old.form_id,
    )
    assert store.get_answers(reopened) == store.get_answers(submission)
    assert store.get_instances(reopened) == store.get_instances(submission)
    assert store.history(reopened)[0].action == "revise"
    assert store.history(submission)[-1].new_value == reopened
    store.set_answer(reopened, "focal_point_name", "Ben", who="ben")
    assert store.get_answers(submission)["focal_point_name"] == "Ana"  # the original stays
    with pytest.raises(UserError, match="already reopened"):
        store.new_revision(submission, who="t")


def test_forms_identical_reimport_is_a_no_op_and_changed_content_is_refused(
    store: Store,
) -> None:
    assert store.save_form("gcm", "2026.1", "hash-a", "Survey", '{"q": 1}') is True
    assert store.save_form("gcm", "2026.1", "hash-a", "Survey", '{"q": 1}') is False
    with pytest.raises(UserError, match="new version"):
        store.save_form("gcm", "2026.1", "hash-b", "Survey", '{"q": 2}')
    assert store.save_form("gcm", "2026.2", "hash-b", "Survey", '{"q": 2}') is True
    assert store.get_form("gcm", "2026.1").definition == '{"q": 1}'
    assert store.get_form("gcm", "9") is None
    assert [(f.version, f.content_hash) for f in store.list_forms()] == [
        ("2026.1", "hash-a"),
        ("2026.2", "hash-b"),
    ]


def test_settings_hold_json_values(store: Store) -> None:
    assert store.get_setting("language", "en") == "en"
    store.set_setting("language", "ar")
    store.set_setting("recent", ["a.xlsx", "b.xlsx"])
    store.set_setting("language", "zh")
    assert store.get_setting("language") == "zh"
    assert store.get_setting("recent") == ["a.xlsx", "b.xlsx"]


def test_atomic_nests_and_rolls_back_everything(store: Store) -> None:
    with pytest.raises(RuntimeError):
        with store.atomic():
            new_submission(store, uuid="a")
            with store.atomic():
                new_submission(store, uuid="b")
            raise RuntimeError("abort")
    assert store.count_submissions() == 0
    with store.atomic():
        new_submission(store, uuid="a")
        with pytest.raises(UserError):
            with store.atomic():
                new_submission(store, uuid="b")
                new_submission(store, uuid="a")  # duplicate: the inner block is undone
    assert [s.uuid for s in store.list_submissions()] == ["a"]
