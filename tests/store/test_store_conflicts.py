"""Optimistic concurrency: a writer that says what it read never overwrites an answer another
connection (a second program, the command line) saved on the same file since."""

from __future__ import annotations

import pytest

from gcm_collect.errors import AnswerConflict
from gcm_collect.store import Store


def test_a_stale_write_is_refused_and_says_what_is_stored_now(store, db_path, submission):
    store.set_answer(submission, "lead_entity", "Ministry", who="window")
    with Store.open(db_path) as elsewhere:
        elsewhere.set_answer(submission, "lead_entity", "Ministry of Labour", who="import")
    with pytest.raises(AnswerConflict) as refused:
        store.set_answer(submission, "lead_entity", "Ministry 2", who="window", expected="Ministry")
    assert refused.value.saved == "Ministry of Labour"
    assert refused.value.answer_path == "lead_entity"
    assert store.get_answers(submission)["lead_entity"] == "Ministry of Labour"
    answers = [e for e in store.history(submission) if e.action == "answer"]
    assert [e.new_value for e in answers] == ["Ministry", "Ministry of Labour"]  # no third row


def test_a_write_based_on_the_stored_value_passes(store, db_path, submission):
    with Store.open(db_path) as elsewhere:
        elsewhere.set_answer(submission, "staff", 12, who="import")
    store.set_answer(submission, "staff", 13, who="window", expected=12)
    store.set_answer(submission, "staff", None, who="window", expected=13)
    store.set_answer(submission, "staff", [1, 2], who="window", expected=None)
    assert store.get_answers(submission)["staff"] == [1, 2]


def test_an_answer_cleared_elsewhere_is_a_conflict_too(store, db_path, submission):
    store.set_answer(submission, "notes", "draft text", who="window")
    with Store.open(db_path) as elsewhere:
        elsewhere.set_answer(submission, "notes", None, who="import")
    with pytest.raises(AnswerConflict) as refused:
        store.set_answer(submission, "notes", "more text", who="window", expected="draft text")
    assert refused.value.saved is None
    # Writing what is already stored is no conflict: both sides agree.
    store.set_answer(submission, "notes", None, who="window", expected="draft text")


def test_data_version_moves_for_other_connections_only(store, db_path, submission):
    before = store.data_version()
    store.set_answer(submission, "a", "mine", who="window")
    assert store.data_version() == before
    with Store.open(db_path) as elsewhere:
        elsewhere.set_answer(submission, "a", "theirs", who="import")
    assert store.data_version() != before
