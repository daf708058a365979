"""Attachments of ``file`` answers: bytes stored once by SHA-256, the answer set and audited."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from gcm_collect.errors import UserError
from gcm_collect.forms import parse_file_value
from gcm_collect.store import Store


def test_attaching_sets_the_answer_stores_the_bytes_and_audits(store: Store, submission: str):
    data = b"%PDF-1.7 national action plan"
    value = store.put_attachment(submission, "doc", "/home/ana/plan.pdf", data, who="ana")
    ref = parse_file_value(value)
    assert ref is not None and ref.name == "plan.pdf" and ref.size == len(data)
    assert ref.sha256 == hashlib.sha256(data).hexdigest()
    assert store.get_answers(submission)["doc"] == value
    assert store.get_attachment(ref.sha256) == data
    (entry,) = [e for e in store.history(submission) if e.path == "doc"]
    assert entry.who == "ana"


def test_the_same_bytes_are_stored_once_and_earlier_files_stay_readable(
    store: Store, submission: str
):
    first = parse_file_value(store.put_attachment(submission, "doc", "a.pdf", b"one", who="x"))
    store.put_attachment(submission, "other", "copy.pdf", b"one", who="x")
    second = parse_file_value(store.put_attachment(submission, "doc", "b.pdf", b"two", who="x"))
    assert first.sha256 != second.sha256
    assert store.get_attachment(first.sha256) == b"one"  # the audit's old value still opens
    assert store.get_attachment("0" * 64) is None


def test_a_finalized_submission_refuses_an_attachment_and_stores_nothing(
    store: Store, submission: str
):
    store.set_status(submission, "complete", who="x")
    store.set_status(submission, "finalized", who="x")
    with pytest.raises(UserError):
        store.put_attachment(submission, "doc", "late.pdf", b"late", who="x")
    assert store.get_attachment(hashlib.sha256(b"late").hexdigest()) is None


def test_attachments_survive_closing_the_database(db_path: Path, submission: str, store: Store):
    value = store.put_attachment(submission, "doc", "plan.pdf", b"\x00\xffbinary", who="x")
    store.close()
    with Store.open(db_path) as again:
        assert again.get_attachment(parse_file_value(value).sha256) == b"\x00\xffbinary"


def test_imported_bytes_are_stored_once_by_sha256_and_must_match_it(store: Store):
    data = b"\x00annex from another laptop"
    digest = hashlib.sha256(data).hexdigest()
    assert store.put_attachment_data(digest, data) is True
    assert store.put_attachment_data(digest, data) is False  # already held
    assert store.get_attachment(digest) == data
    with pytest.raises(UserError):
        store.put_attachment_data("0" * 64, data)
    assert store.get_attachment("0" * 64) is None
