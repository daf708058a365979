"""Repeat instances: stable UUIDs, order, nested removal with undo."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from store_helpers import new_submission

from gcm_collect.errors import UserError
from gcm_collect.store import Store


def fill(store: Store, uuid: str) -> tuple[str, str, str]:
    """Two practices, the first with a partner; answers at every level."""
    p1 = store.add_instance(uuid, "practices", who="t")
    p2 = store.add_instance(uuid, "practices", who="t")
    partner = store.add_instance(uuid, f"practices[{p1}]/partners", who="t")
    store.set_answer(uuid, "focal_point_name", "Ana", who="t")
    store.set_answer(uuid, f"practices[{p1}]/title", "Health access", who="t")
    store.set_answer(uuid, f"practices[{p1}]/objectives", ["obj_15"], who="t")
    store.set_answer(uuid, f"practices[{p1}]/partners[{partner}]/partner_name", "IOM", who="t")
    store.set_answer(uuid, f"practices[{p2}]/title", "Language courses", who="t")
    return p1, p2, partner


def test_instances_keep_order_and_insert_at_position(store: Store, submission: str) -> None:
    a = store.add_instance(submission, "practices", who="t")
    b = store.add_instance(submission, "practices", who="t")
    c = store.add_instance(submission, "practices", who="t", position=0)
    d = store.add_instance(submission, "practices", who="t", position=99, instance_uuid="given")
    assert d == "given"
    assert store.get_instances(submission) == {"practices": [c, a, b, d]}


def test_nested_instance_needs_its_parent(store: Store, submission: str) -> None:
    with pytest.raises(UserError):
        store.add_instance(submission, "practices[ghost]/partners", who="t")
    with pytest.raises(ValueError):
        store.add_instance(submission, "practices/partners", who="t")


def test_remove_takes_answers_and_nested_instances_and_undo_restores_all(
    store: Store, submission: str
) -> None:
    p1, p2, partner = fill(store, submission)
    before_answers = store.get_answers(submission)
    before_instances = store.get_instances(submission)

    token = store.remove_instance(submission, "practices", p1, who="ana")
    assert store.get_instances(submission) == {"practices": [p2]}
    assert store.get_answers(submission) == {
        "focal_point_name": "Ana",
        f"practices[{p2}]/title": "Language courses",
    }
    entry = store.history(submission)[-1]
    assert (entry.action, entry.who, entry.path) == ("remove_instance", "ana", f"practices[{p1}]")
    assert entry.old_value["answers"][f"practices[{p1}]/title"] == "Health access"

    assert store.restore_instance(submission, token, who="ana") == p1
    assert store.get_answers(submission) == before_answers
    assert store.get_instances(submission) == before_instances
    with pytest.raises(UserError, match="already been restored"):
        store.restore_instance(submission, token, who="ana")


def test_restore_after_the_parent_was_removed_is_refused(store: Store, submission: str) -> None:
    p1, _p2, partner = fill(store, submission)
    inner = store.remove_instance(submission, f"practices[{p1}]/partners", partner, who="t")
    outer = store.remove_instance(submission, "practices", p1, who="t")
    with pytest.raises(UserError, match="restore it first"):
        store.restore_instance(submission, inner, who="t")
    store.restore_instance(submission, outer, who="t")
    store.restore_instance(submission, inner, who="t")
    assert store.get_instances(submission)[f"practices[{p1}]/partners"] == [partner]


def test_refusals_name_no_internal_id(store: Store, submission: str) -> None:
    # Entries are known by their UUIDs: "practices[9d9f…]" means nothing to an officer.
    p1, _p2, partner = fill(store, submission)
    inner = store.remove_instance(submission, f"practices[{p1}]/partners", partner, who="t")
    store.remove_instance(submission, "practices", p1, who="t")
    refusals = [
        lambda: store.restore_instance(submission, inner, who="t"),
        lambda: store.remove_instance(submission, "practices", p1, who="t"),
        lambda: store.move_instance(submission, "practices", p1, 0, who="t"),
        lambda: store.add_instance(submission, f"practices[{p1}]/partners", who="t"),
        lambda: store.set_answer(submission, f"practices[{p1}]/title", "x", who="t"),
    ]
    for refused in refusals:
        with pytest.raises(UserError) as raised:
            refused()
        assert p1 not in str(raised.value) and "[" not in str(raised.value), str(raised.value)


def test_restore_token_of_another_submission_is_refused(store: Store, submission: str) -> None:
    p1, _p2, _ = fill(store, submission)
    token = store.remove_instance(submission, "practices", p1, who="t")
    other = new_submission(store)
    with pytest.raises(UserError):
        store.restore_instance(other, token, who="t")


def test_removal_touches_only_that_instance_despite_similar_names(
    store: Store, submission: str
) -> None:
    # "_" is a LIKE wildcard and "u1" is a prefix of "u10": neither may leak into the removal.
    for repeat in ("a_b", "aXb"):
        for instance in ("u1", "u10"):
            store.add_instance(submission, repeat, who="t", instance_uuid=instance)
            store.set_answer(submission, f"{repeat}[{instance}]/q", repeat + instance, who="t")
    store.remove_instance(submission, "a_b", "u1", who="t")
    assert store.get_answers(submission) == {
        "a_b[u10]/q": "a_bu10",
        "aXb[u1]/q": "aXbu1",
        "aXb[u10]/q": "aXbu10",
    }


def test_move_instance(store: Store, submission: str) -> None:
    ids = [store.add_instance(submission, "practices", who="t") for _ in range(4)]
    store.move_instance(submission, "practices", ids[3], 0, who="t")
    assert store.get_instances(submission)["practices"] == [ids[3], ids[0], ids[1], ids[2]]
    store.move_instance(submission, "practices", ids[3], 50, who="t")
    assert store.get_instances(submission)["practices"] == ids
    entry = store.history(submission)[-1]
    assert (entry.action, entry.old_value, entry.new_value) == ("move_instance", 0, 3)
    count = len(store.history(submission))
    store.move_instance(submission, "practices", ids[3], 3, who="t")
    assert len(store.history(submission)) == count
    with pytest.raises(UserError):
        store.move_instance(submission, "practices", "ghost", 0, who="t")


@settings(max_examples=40, deadline=None)
@given(
    ops=st.lists(
        st.tuples(st.sampled_from(["add", "remove", "move", "undo"]), st.integers(0, 6)),
        max_size=30,
    )
)
def test_instance_order_follows_a_model(ops) -> None:
    with Store.open(":memory:") as store:
        uuid = new_submission(store)
        model: list[str] = []
        tokens: list[tuple[int, str, int]] = []
        for op, n in ops:
            if op == "add":
                instance = store.add_instance(uuid, "r", who="t", position=n)
                model.insert(min(n, len(model)), instance)
                store.set_answer(uuid, f"r[{instance}]/q", instance, who="t")
            elif op == "remove" and model:
                instance = model[n % len(model)]
                position = model.index(instance)
                tokens.append(
                    (store.remove_instance(uuid, "r", instance, who="t"), instance, position)
                )
                model.remove(instance)
            elif op == "move" and model:
                instance = model.pop(n % len(model))
                model.insert(min(n, len(model)), instance)
                store.move_instance(uuid, "r", instance, n, who="t")
            elif op == "undo" and tokens:
                token, instance, position = tokens.pop()
                store.restore_instance(uuid, token, who="t")
                model.insert(min(position, len(model)), instance)
            assert store.get_instances(uuid).get("r", []) == model
        assert store.get_answers(uuid) == {f"r[{i}]/q": i for i in model}
