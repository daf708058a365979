"""Operation functions for editing one submission (used by the form view)."""

from __future__ import annotations

import pytest

from gcm_collect.errors import UserError
from gcm_collect.forms import form_from_sheets
from gcm_collect.ops import answers
from gcm_collect.ops.forms import ensure_builtin
from gcm_collect.store import Store


@pytest.fixture
def store(tmp_path):
    with Store.open(tmp_path / "ops.sqlite3") as opened:
        yield opened


def _draft(store: Store) -> str:
    form = ensure_builtin(store)
    return store.create_submission(
        form_id=form.form_id, form_version=form.version, state="FRA", region="ECE", period="2025"
    )


def test_mark_complete_refuses_with_problems_and_changes_nothing(store):
    uuid = _draft(store)
    answers.set_answer(store, uuid, "focal_point_email", "nobody")
    problems = answers.mark_complete(store, uuid, "en")
    assert any(p.path == "focal_point_email" and p.kind == "constraint" for p in problems)
    assert store.get_submission(uuid).status == "draft"
    with pytest.raises(UserError, match="mark it complete first"):
        answers.finalize(store, uuid, "en")


def test_empty_values_clear_the_answer(store):
    uuid = _draft(store)
    answers.set_answer(store, uuid, "lead_entity", "Ministry")
    answers.set_answer(store, uuid, "lead_entity", "")
    answers.set_answer(store, uuid, "stakeholders_consulted", [])
    assert store.get_answers(uuid) == {}


def test_complete_finalize_reopen_and_history(store):
    from gcm_collect.demo.generate import generate

    generate(store, 8, seed=3)
    uuid = next(s.uuid for s in store.list_submissions() if s.status == "complete")
    store.set_status(uuid, "draft", who="t")
    assert answers.mark_complete(store, uuid, "en") == ()
    assert answers.finalize(store, uuid, "en") == ()
    assert store.get_submission(uuid).status == "finalized"
    new = answers.reopen(store, uuid)
    sub = store.get_submission(new)
    assert (sub.revision, sub.revises, sub.status) == (2, uuid, "draft")
    actions = [e.action for e in answers.history(store, uuid)]
    assert actions[-3:] == ["status", "status", "reopened"]


def test_duplicate_places_a_copy_after_the_entry_with_its_answers(store):
    uuid = _draft(store)
    first = answers.add_instance(store, uuid, "practices")
    last = answers.add_instance(store, uuid, "practices")
    answers.set_answer(store, uuid, f"practices[{first}]/practice_title", "Hotline")
    answers.set_answer(store, uuid, f"practices[{first}]/practice_objectives", ["1", "7"])
    copy = answers.duplicate_instance(store, uuid, "practices", first)
    assert store.get_instances(uuid)["practices"] == [first, copy, last]
    got = store.get_answers(uuid)
    assert got[f"practices[{copy}]/practice_title"] == "Hotline"
    assert got[f"practices[{copy}]/practice_objectives"] == ["1", "7"]
    assert not any(path.startswith(f"practices[{last}]") for path in got)


def test_duplicate_gives_nested_entries_new_ids(store):
    sheets = {
        "survey": [
            {"type": "begin_repeat", "name": "visits", "label": "Visit"},
            {"type": "text", "name": "place", "label": "Place"},
            {"type": "begin_repeat", "name": "people", "label": "Person"},
            {"type": "text", "name": "who", "label": "Who"},
            {"type": "end_repeat", "name": "people"},
            {"type": "end_repeat", "name": "visits"},
        ],
        "choices": [],
        "settings": [{"form_id": "nested", "version": "1", "form_title": "Nested"}],
    }
    form = form_from_sheets(sheets, "nested.xlsx")
    store.save_form(form.form_id, form.version, form.content_hash, "Nested", form.to_json())
    uuid = store.create_submission(
        form_id="nested", form_version="1", state="FRA", region="ECE", period="2025"
    )
    visit = answers.add_instance(store, uuid, "visits")
    person = answers.add_instance(store, uuid, f"visits[{visit}]/people")
    answers.set_answer(store, uuid, f"visits[{visit}]/place", "Lyon")
    answers.set_answer(store, uuid, f"visits[{visit}]/people[{person}]/who", "Ana")
    copy = answers.duplicate_instance(store, uuid, "visits", visit)
    inner = store.get_instances(uuid)[f"visits[{copy}]/people"]
    assert len(inner) == 1 and inner[0] != person
    got = store.get_answers(uuid)
    assert got[f"visits[{copy}]/place"] == "Lyon"
    assert got[f"visits[{copy}]/people[{inner[0]}]/who"] == "Ana"
    assert answers.validate(store, uuid, "en").unknown == ()


def test_remove_and_restore(store):
    uuid = _draft(store)
    entry = answers.add_instance(store, uuid, "commitments")
    answers.set_answer(store, uuid, f"commitments[{entry}]/commitment_timeline", "2026")
    token = answers.remove_instance(store, uuid, "commitments", entry)
    assert "commitments" not in store.get_instances(uuid)
    assert answers.restore_instance(store, uuid, token) == entry
    assert store.get_answers(uuid)[f"commitments[{entry}]/commitment_timeline"] == "2026"
    answers.move_instance(store, uuid, "commitments", entry, 0)
