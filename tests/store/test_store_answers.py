"""Answers: exact round trips, one audit row per real change, and who may edit what."""

from __future__ import annotations

import math

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from store_helpers import new_submission

from gcm_collect.errors import UserError
from gcm_collect.store import Store

scalars = st.one_of(
    st.text(),
    st.integers(min_value=-(2**63), max_value=2**63 - 1),
    st.floats(allow_nan=False, allow_infinity=False),
    st.booleans(),
)
answer_values = st.one_of(scalars, st.lists(st.text(), max_size=8))
question_names = st.from_regex(r"[a-z_][a-z0-9_]{0,12}", fullmatch=True)


def same(a, b) -> bool:
    """Equal with the same types (1, 1.0 and True are different answers)."""
    if isinstance(a, list):
        return isinstance(b, list) and len(a) == len(b) and all(map(same, a, b))
    if type(a) is not type(b):
        return False
    if isinstance(a, float) and math.copysign(1, a) != math.copysign(1, b):
        return False
    return a == b


@pytest.fixture(scope="module")
def mem() -> Store:
    with Store.open(":memory:") as store:
        yield store


@pytest.mark.slow
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(value=answer_values)
def test_values_round_trip_exactly(mem: Store, value) -> None:
    uuid = new_submission(mem)
    mem.set_answer(uuid, "q", value, who="t")
    assert same(mem.get_answers(uuid)["q"], value)


@pytest.mark.parametrize(
    "value",
    [
        "x" * 40_000,
        "ممارسة جيدة لإدماج المهاجرين " * 1500,
        "移民融入的良好做法" * 4500,
        "👩🏽‍⚕️ migrants' health 🏥" * 1000,
        1,
        1.0,
        True,
        0,
        False,
        -0.0,
        0.1 + 0.2,
        2**53 + 1,
        ["obj_1", "obj_23"],
        [],
        "",
        'line\nbreak\ttab "quotes" \\ backslash \u0000 nul',
        "\ud800 lone surrogate",
    ],
)
def test_hard_values_round_trip_through_a_reopened_file(store: Store, db_path, value) -> None:
    uuid = new_submission(store)
    store.set_answer(uuid, "q", value, who="t")
    store.close()
    with Store.open(db_path) as again:
        assert same(again.get_answers(uuid)["q"], value)


def test_int_float_bool_are_different_answers(store: Store, submission: str) -> None:
    for value in (1, 1.0, True, "1"):
        store.set_answer(submission, "q", value, who="t")
    assert [e.new_value for e in store.history(submission) if e.action == "answer"] == [
        1,
        1.0,
        True,
        "1",
    ]


@pytest.mark.parametrize("bad", [object(), {"a": 1}, [["nested"]], float("nan"), b"x"])
def test_unstorable_values_are_refused(store: Store, submission: str, bad) -> None:
    with pytest.raises((TypeError, ValueError)):
        store.set_answer(submission, "q", bad, who="t")
    assert store.get_answers(submission) == {}


@pytest.mark.parametrize("path", ["", "a/b", "a[]/b", "1abc", "a[u]/", "a[u]b/c", "a b"])
def test_malformed_paths_are_refused(store: Store, submission: str, path: str) -> None:
    with pytest.raises(ValueError):
        store.set_answer(submission, path, "v", who="t")


def test_set_answer_records_audit_updated_at_and_last_path(store: Store, submission: str) -> None:
    created = store.get_submission(submission)
    store.set_answer(submission, "focal_point_name", "Ana", who="ana")
    store.set_answer(submission, "focal_point_name", "Ana María", who="ben")
    sub = store.get_submission(submission)
    assert sub.updated_at > created.updated_at
    assert sub.last_path == "focal_point_name"
    changes = [e for e in store.history(submission) if e.action == "answer"]
    assert [(e.who, e.path, e.old_value, e.new_value) for e in changes] == [
        ("ana", "focal_point_name", None, "Ana"),
        ("ben", "focal_point_name", "Ana", "Ana María"),
    ]
    assert changes[1].at == sub.updated_at


def test_unchanged_value_is_a_no_op(store: Store, submission: str) -> None:
    store.set_answer(submission, "q", ["a", "b"], who="t")
    before = (store.get_submission(submission), len(store.history(submission)))
    store.set_answer(submission, "q", ["a", "b"], who="t")
    store.set_answer(submission, "absent", None, who="t")
    assert (store.get_submission(submission), len(store.history(submission))) == before


def test_none_clears_the_answer(store: Store, submission: str) -> None:
    store.set_answer(submission, "q", "v", who="t")
    store.set_answer(submission, "q", None, who="t")
    assert store.get_answers(submission) == {}
    last = store.history(submission)[-1]
    assert (last.old_value, last.new_value) == ("v", None)


def test_each_answer_is_committed_at_once(store: Store, submission: str, db_path) -> None:
    store.set_answer(submission, "q", "typed", who="t")
    import sqlite3

    other = sqlite3.connect(db_path)  # another process's view
    try:
        rows = other.execute("SELECT value FROM answers WHERE path = 'q'").fetchall()
    finally:
        other.close()
    assert rows == [('"typed"',)]


def test_unknown_deleted_and_finalized_submissions_are_not_editable(store: Store) -> None:
    with pytest.raises(UserError, match="unknown submission"):
        store.set_answer("nope", "q", "v", who="t")
    deleted = new_submission(store)
    store.soft_delete(deleted, who="t")
    with pytest.raises(UserError, match="deleted"):
        store.set_answer(deleted, "q", "v", who="t")
    final = new_submission(store)
    store.set_status(final, "finalized", who="t")
    with pytest.raises(UserError, match="finalized"):
        store.set_answer(final, "q", "v", who="t")
    assert store.get_answers(deleted) == store.get_answers(final) == {}


def test_answer_inside_a_missing_instance_is_refused(store: Store, submission: str) -> None:
    with pytest.raises(UserError, match="removed"):
        store.set_answer(submission, "practices[ghost]/title", "v", who="t")
    assert store.get_answers(submission) == {}


@pytest.mark.slow
@settings(max_examples=60, deadline=None)
@given(ops=st.lists(st.tuples(question_names, st.one_of(st.none(), answer_values)), max_size=25))
def test_answers_and_history_follow_a_model(mem: Store, ops) -> None:
    uuid = new_submission(mem)
    model: dict = {}
    changes = 0
    for name, value in ops:
        before = model.get(name)
        if value is None:
            model.pop(name, None)
        else:
            model[name] = value
        if not (before is None and value is None) and not (
            before is not None and value is not None and same(before, value)
        ):
            changes += 1
        mem.set_answer(uuid, name, value, who="t")
    stored = mem.get_answers(uuid)
    assert stored.keys() == model.keys()
    assert all(same(stored[k], model[k]) for k in model)
    assert sum(1 for e in mem.history(uuid) if e.action == "answer") == changes


def test_answers_the_app_fills_itself_do_not_move_where_the_officer_reopens():
    from gcm_collect.store import Store

    with Store.open(":memory:") as store:
        uuid = store.create_submission(
            form_id="f", form_version="1", state="FRA", region="ECE", period="2026"
        )
        store.set_answer(uuid, "title", "Typed", who="officer")
        store.set_answer(uuid, "end", "2026-11-26T10:00:00+00:00", who="app", remember=False)
        assert store.get_submission(uuid).last_path == "title"
        assert store.get_answers(uuid)["end"].startswith("2026-11-26")


def test_answers_of_a_few_paths_only(store: Store, submission: str) -> None:
    for path, value in {"start": "t0", "end": "t1", "lead_entity": "Ministry", "n": 3}.items():
        store.set_answer(submission, path, value, who="test")
    assert store.get_answers(submission, ["end", "start", "missing", "start"]) == {
        "end": "t1",
        "start": "t0",
    }
    assert store.get_answers(submission, []) == {}
    assert store.get_answers(submission)["n"] == 3
