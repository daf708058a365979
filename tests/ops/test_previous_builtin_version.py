"""Submissions made with the previous built-in survey (2026.1) after the version was raised.

The app keeps 2026.1's sheets: a database that never stored that definition (a new laptop, a
JSON Lines file from an older app) still opens, exports and consolidates its submissions with it.
"""

from __future__ import annotations

import json

import openpyxl
import pytest

from gcm_collect.consolidate import consolidate
from gcm_collect.errors import UserError
from gcm_collect.export import export_workbook
from gcm_collect.forms.builtin import PREVIOUS_VERSIONS, builtin_form, builtin_versions
from gcm_collect.forms.model import Form
from gcm_collect.ops.answers import form_of, validate
from gcm_collect.ops.forms import ensure_builtin, ensure_previous_builtin
from gcm_collect.ops.importing import import_files
from gcm_collect.ops.submissions import new_submission
from gcm_collect.store import Store
from gcm_collect.workbook import read_export

OLD = "2026.1"
FORM_ID = "gcm_state_practice_survey"


def old_line(**answers) -> dict:
    return {
        "uuid": "00000000-0000-4000-8000-000000002026",
        "form_id": FORM_ID,
        "form_version": OLD,
        "state": "SEN",
        "region": "ECA",
        "period": "2022-2025",
        "status": "draft",
        # practice_consent was an acknowledge (True only) in 2026.1
        "answers": {
            "lead_entity": "Ministère de l'Intérieur",
            "practices": [{"practice_title": "Guichet unique", "practice_consent": True}],
            **answers,
        },
    }


@pytest.fixture
def store(tmp_path):
    with Store.open(tmp_path / "db.sqlite3") as opened:
        yield opened


def test_the_current_version_is_newer_and_the_previous_one_is_kept():
    current = builtin_form()
    assert builtin_versions() == (current.version, OLD)
    assert current.version != OLD and OLD in PREVIOUS_VERSIONS
    old = builtin_form(OLD)
    assert (old.form_id, old.version) == (FORM_ID, OLD)
    assert old.question("practice_consent").type == "acknowledge"
    # every language of the old version still comes from the catalogs
    assert (
        old.question("lead_entity").label("fr")[0] == current.question("lead_entity").label("fr")[0]
    )
    with pytest.raises(KeyError):
        builtin_form("1999.1")


def test_an_old_submission_imported_into_a_new_database_opens_with_its_version(store, tmp_path):
    lines = tmp_path / "old.jsonl"
    lines.write_text(json.dumps(old_line()) + "\n", encoding="utf-8")
    assert store.get_form(FORM_ID, OLD) is None
    assert import_files(store, [lines]).total()["inserted"] == 1
    (sub,) = store.list_submissions()
    assert sub.form_version == OLD
    form = form_of(store, sub.uuid)
    assert form.version == OLD
    # the definition is now stored, so exports of this database carry it
    assert store.get_form(FORM_ID, OLD) is not None
    problems = {p.path.rpartition("/")[2] for p in validate(store, sub.uuid, "en").problems}
    assert "practice_consent" not in problems and "lead_entity" not in problems


def test_a_definition_stored_by_the_older_app_is_kept_as_it_was(store):
    old = builtin_form(OLD)
    # as the older app stored it: its own texts (here only the title differs)
    definition = json.loads(old.to_json())
    store.save_form(FORM_ID, OLD, "older-hash", "Older title", json.dumps(definition))
    ensure_builtin(store)
    assert store.get_form(FORM_ID, OLD).content_hash == "older-hash"
    assert store.get_form(FORM_ID, builtin_form().version) is not None


def test_both_versions_export_and_consolidate_in_real_workbooks(store, tmp_path):
    lines = tmp_path / "old.jsonl"
    lines.write_text(json.dumps(old_line()) + "\n", encoding="utf-8")
    import_files(store, [lines])
    new = new_submission(store, state="FRA", region="ECE", period="2026").uuid
    # the new version's repeats: a pledge and a source of financing
    store.set_answer(new, "imrf_pledges_made", "yes", who="test")
    pledge = store.add_instance(new, "pledges", who="test")
    store.set_answer(new, f"pledges[{pledge}]/pledge_title", "Portail unique", who="test")
    fund = store.add_instance(new, "financing", who="test")
    store.set_answer(new, f"financing[{fund}]/financing_source", "mptf", who="test")
    store.set_answer(new, f"financing[{fund}]/financing_amount_usd", 250000.0, who="test")
    out = tmp_path / "export.xlsx"
    summary = export_workbook(store, out, lang="en", statuses=("draft",))
    assert summary.submissions == 2
    wb = read_export(out)
    assert sorted(f.version for f in wb.forms) == sorted([OLD, builtin_form().version])
    assert {r.data["form_version"] for r in wb.records} == {OLD, builtin_form().version}
    # the reviewer sees the old submission's practice on the practices sheet
    book = openpyxl.load_workbook(out, read_only=True)
    try:
        texts = {
            str(v) for ws in book.worksheets for row in ws.iter_rows(values_only=True) for v in row
        }
    finally:
        book.close()
    assert "Guichet unique" in texts and "2022-2025" in texts
    assert "Portail unique" in texts and "Migration Multi-Partner Trust Fund" in texts
    assert {"Pledge", "Source of financing", "Practice"} <= set(sheet_names(out))

    regional = tmp_path / "regional.xlsx"
    report = consolidate([out], regional, lang="en")
    assert report is not None
    merged = read_export(regional)
    assert {r.data["form_version"] for r in merged.records} == {OLD, builtin_form().version}
    assert sorted(f.version for f in merged.forms) == sorted([OLD, builtin_form().version])
    assert {"Pledge", "Source of financing", "Practice"} <= set(sheet_names(regional))


def sheet_names(path) -> list[str]:
    book = openpyxl.load_workbook(path, read_only=True)
    try:
        return book.sheetnames
    finally:
        book.close()


def test_an_export_by_another_release_with_other_texts_still_imports(store, tmp_path):
    from gcm_collect.export import import_workbook

    # laptop B (an older release) stored 2026.1 with its own texts and exported a submission
    old = json.loads(builtin_form(OLD).to_json())
    old["title"]["fr"] = "Enquête (textes plus anciens)"
    old.pop("content_hash", None)
    older = Form.from_json(json.dumps(old))
    with Store.open(tmp_path / "b.sqlite3") as b:
        b.save_form(FORM_ID, OLD, older.content_hash, "older", older.to_json())
        lines = tmp_path / "old.jsonl"
        lines.write_text(json.dumps(old_line()) + "\n", encoding="utf-8")
        import_files(b, [lines])
        out = tmp_path / "b.xlsx"
        export_workbook(b, out, lang="en", statuses=("draft",))
    # laptop A (this release) built 2026.1 from its kept sheets
    form_of_a = ensure_previous_builtin(store, OLD)
    assert form_of_a.content_hash != older.content_hash
    import_workbook(store, out)
    (sub,) = store.list_submissions()
    assert form_of(store, sub.uuid).content_hash == form_of_a.content_hash  # ours stay
    # a different form under the same version is still refused
    changed = json.loads(builtin_form(OLD).to_json())
    changed["children"] = changed["children"][:1]
    changed.pop("content_hash", None)
    with pytest.raises(UserError):
        store.save_form(FORM_ID, OLD, "x", "x", json.dumps(changed))
