"""Operation functions for editing one submission (used by the form view)."""

from __future__ import annotations

from datetime import UTC

import pytest

from gcm_collect.errors import UserError
from gcm_collect.forms import form_from_sheets
from gcm_collect.ops import answers
from gcm_collect.ops.answers import Checked
from gcm_collect.ops.changes import CREATED, EDITED, Changed
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
    checked = answers.mark_complete(store, uuid, "en")
    assert checked.changed is None
    problems = checked.problems
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
    assert answers.mark_complete(store, uuid, "en") == Checked(
        (), Changed(EDITED, uuid, fields=True)
    )
    assert answers.finalize(store, uuid, "en").problems == ()
    assert store.get_submission(uuid).status == "finalized"
    reopened = answers.reopen(store, uuid)
    new = reopened.uuid
    assert reopened == Changed(CREATED, new, source=uuid, rows=True)  # a new row of the list
    sub = store.get_submission(new)
    assert (sub.revision, sub.revises, sub.status) == (2, uuid, "draft")
    actions = [e.action for e in answers.history(store, uuid)]
    assert actions[-3:] == ["status", "status", "reopened"]


def test_duplicate_places_a_copy_after_the_entry_with_its_answers(store):
    uuid = _draft(store)
    first = answers.add_instance(store, uuid, "practices").entry
    last = answers.add_instance(store, uuid, "practices").entry
    answers.set_answer(store, uuid, f"practices[{first}]/practice_title", "Hotline")
    answers.set_answer(store, uuid, f"practices[{first}]/practice_objectives", ["1", "7"])
    copy = answers.duplicate_instance(store, uuid, "practices", first).entry
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
    visit = answers.add_instance(store, uuid, "visits").entry
    person = answers.add_instance(store, uuid, f"visits[{visit}]/people").entry
    answers.set_answer(store, uuid, f"visits[{visit}]/place", "Lyon")
    answers.set_answer(store, uuid, f"visits[{visit}]/people[{person}]/who", "Ana")
    copy = answers.duplicate_instance(store, uuid, "visits", visit).entry
    inner = store.get_instances(uuid)[f"visits[{copy}]/people"]
    assert len(inner) == 1 and inner[0] != person
    got = store.get_answers(uuid)
    assert got[f"visits[{copy}]/place"] == "Lyon"
    assert got[f"visits[{copy}]/people[{inner[0]}]/who"] == "Ana"
    assert answers.validate(store, uuid, "en").unknown == ()


def test_remove_and_restore(store):
    uuid = _draft(store)
    entry = answers.add_instance(store, uuid, "commitments").entry
    answers.set_answer(store, uuid, f"commitments[{entry}]/commitment_timeline", "2026")
    token = answers.remove_instance(store, uuid, "commitments", entry).undo
    assert token is not None and "commitments" not in store.get_instances(uuid)
    assert answers.restore_instance(store, uuid, token) == Changed(EDITED, uuid, entry=entry)
    assert store.get_answers(uuid)[f"commitments[{entry}]/commitment_timeline"] == "2026"
    assert answers.move_instance(store, uuid, "commitments", entry, 0) == Changed(EDITED, uuid)


META_SHEETS = {
    "survey": [
        {"type": "start", "name": "start"},
        {"type": "end", "name": "end"},
        {"type": "today", "name": "today"},
        {"type": "username", "name": "username"},
        {"type": "audit", "name": "audit"},
        {"type": "text", "name": "title", "label": "Title"},
        {"type": "file", "name": "doc", "label": "Document"},
    ],
    "choices": [],
    "settings": [{"form_id": "meta", "version": "1", "instance_name": "${title}"}],
}


def _meta_draft(store: Store) -> str:
    form = form_from_sheets(META_SHEETS, "meta.xlsx")
    store.save_form(form.form_id, form.version, form.content_hash, "Meta", form.to_json())
    return store.create_submission(
        form_id="meta", form_version="1", state="FRA", region="ECE", period="2025"
    )


def test_metadata_once_then_moving(store):
    from datetime import datetime, timedelta

    uuid = _meta_draft(store)
    form = answers.form_of(store, uuid)
    t0 = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)
    store.set_setting("officer", {"name": "Ana"})
    first = answers.write_metadata(store, uuid, form, now=t0, started_at=t0, moving=False).answers
    assert set(first) == {"start", "today", "username"}
    assert first["username"] == "Ana"
    later = t0 + timedelta(hours=1)
    moved = answers.write_metadata(store, uuid, form, now=later, started_at=later).answers
    assert set(moved) == {"end", "audit"}  # start, today, username are kept
    got = store.get_answers(uuid)
    assert got["start"] == "2026-03-01T09:00:00+00:00"
    assert got["audit"] == "2026-03-01T09:00:00+00:00/2026-03-01T10:00:00+00:00"
    assert answers.write_metadata(store, uuid, form, now=later, started_at=later).answers == {}


def test_resume_path_skips_metadata(store):
    from datetime import datetime

    uuid = _meta_draft(store)
    form = answers.form_of(store, uuid)
    assert answers.resume_path(store, uuid, form) is None
    answers.set_answer(store, uuid, "title", "Hotline")
    now = datetime(2026, 3, 1, tzinfo=UTC)
    answers.write_metadata(store, uuid, form, now=now, started_at=now)
    assert store.get_submission(uuid).last_path == "title"  # metadata writes do not move it
    assert answers.resume_path(store, uuid, form) == "title"


def test_refresh_title_only_when_it_changes(store):
    uuid = _meta_draft(store)
    assert answers.refresh_title(store, uuid, "en") is None  # nothing to make a title from
    answers.set_answer(store, uuid, "title", "Hotline")
    assert answers.refresh_title(store, uuid, "en") == Changed(EDITED, uuid, fields=True)
    assert answers.refresh_title(store, uuid, "en") is None
    assert store.get_submission(uuid).title == "Hotline"
    assert [e.action for e in store.history(uuid)].count("title") == 1


def test_attach_save_and_refuse_large_files(store, tmp_path):
    uuid = _meta_draft(store)
    [value] = answers.attach_file(
        store, uuid, "doc", "C:\\plans\\plan.pdf", b"%PDF-1.7"
    ).answers.values()
    assert store.get_answers(uuid)["doc"] == value and value.endswith(" 8 plan.pdf")
    out = answers.save_attachment(store, value, tmp_path / "copy.pdf")
    assert out.read_bytes() == b"%PDF-1.7"
    with pytest.raises(UserError, match="big.pdf: the file is 25.0 MB; a document can be at most"):
        answers.attach_file(store, uuid, "doc", "big.pdf", bytes(answers.MAX_FILE_BYTES + 1))
    assert store.get_answers(uuid)["doc"] == value
    missing = "sha256:" + "0" * 64 + " 3 gone.pdf"
    with pytest.raises(UserError, match="not in the database"):
        answers.save_attachment(store, missing, tmp_path / "gone.pdf")
    with pytest.raises(UserError, match="cannot write the file"):
        answers.save_attachment(store, value, tmp_path / "no-such-folder" / "x.pdf")


def test_answer_operations_say_what_they_changed(store):
    # What the app broadcasts to the list, the form and its history: each edit names the
    # submission and what it wrote, and an answer that is the submission's own State too.
    uuid = _draft(store)
    assert answers.set_answer(store, uuid, "lead_entity", "Ministry") == Changed(
        EDITED, uuid, answers={"lead_entity": "Ministry"}
    )
    assert answers.set_answer(store, uuid, "lead_entity", "") == Changed(
        EDITED, uuid, answers={"lead_entity": None}
    )
    moved = answers.set_answer(store, uuid, "state", "SEN")
    assert moved == Changed(EDITED, uuid, answers={"state": "SEN"}, fields=True)
    assert store.get_submission(uuid).state == "SEN"
    added = answers.add_instance(store, uuid, "practices")
    assert added == Changed(EDITED, uuid, entry=store.get_instances(uuid)["practices"][0])
    copied = answers.duplicate_instance(store, uuid, "practices", added.entry)
    assert store.get_instances(uuid)["practices"] == [added.entry, copied.entry]
    assert all(c.touches(uuid) and not c.rows for c in (moved, added, copied))
    assert answers.mark_draft(store, uuid) == Changed(EDITED, uuid, fields=True)
    carried = answers.confirm_answers(store, uuid, ["lead_entity"])
    assert carried == Changed(EDITED, uuid)  # nothing was marked to confirm
