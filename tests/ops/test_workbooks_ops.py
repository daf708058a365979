"""Export and consolidate as operations: what the command line and the app both run."""

from __future__ import annotations

import pytest

from gcm_collect.demo import generate
from gcm_collect.errors import UserError
from gcm_collect.forms.builtin import builtin_form
from gcm_collect.ops.keys import register
from gcm_collect.ops.workbooks import (
    check_inputs,
    consolidate_workbooks,
    consolidation_inputs,
    export,
)
from gcm_collect.store import Store
from gcm_collect.workbook import read_export

pytestmark = pytest.mark.slow  # writes and reads real workbooks


@pytest.fixture
def store(tmp_path):
    with Store.open(tmp_path / "db.sqlite3") as opened:
        yield opened


def test_export_stores_the_built_in_survey_first_and_says_so(store, tmp_path):
    form = builtin_form()
    assert store.get_form(form.form_id, form.version) is None  # a database from elsewhere
    first = export(store, tmp_path / "first.xlsx", lang="en")
    assert first.form_refreshed
    assert store.get_form(form.form_id, form.version).content_hash == form.content_hash
    assert first.summary.submissions == 0 and first.summary.path.exists()
    second = export(store, tmp_path / "second.xlsx", lang="fr")
    assert not second.form_refreshed


def test_an_unknown_state_is_refused_before_anything_changes(store, tmp_path):
    out = tmp_path / "out.xlsx"
    with pytest.raises(UserError, match="unknown State ZZZ"):
        export(store, out, lang="en", states=["FRA", "ZZZ"])
    assert not out.exists()
    form = builtin_form()
    assert store.get_form(form.form_id, form.version) is None


def test_drafts_stay_on_the_laptop_unless_asked_for(store, tmp_path):
    generate(store, 12, seed=4)
    statuses = {s.status for s in store.list_submissions()}
    assert "draft" in statuses
    sent = export(store, tmp_path / "sent.xlsx", lang="en")
    assert {r.data["status"] for r in read_export(sent.summary.path).records} <= {
        "complete",
        "finalized",
    }
    everything = export(store, tmp_path / "all.xlsx", lang="en", statuses=["draft"])
    assert {r.data["status"] for r in read_export(everything.summary.path).records} == {"draft"}


def test_consolidate_takes_a_folder_of_workbooks(store, tmp_path):
    generate(store, 6, seed=2)
    folder = tmp_path / "inbox"
    folder.mkdir()
    sent = export(store, folder / "laptop.xlsx", lang="en")
    report = consolidate_workbooks(store, [folder], tmp_path / "region.xlsx", lang="en")
    assert [status.path.name for status in report.inputs] == ["laptop.xlsx"]
    assert report.submissions == sent.summary.submissions > 0


def test_inputs_are_checked_before_consolidating_without_writing(store, tmp_path):
    # What the consolidation dialog shows as each workbook is added: the app asks this
    # operation, as it asks consolidate_workbooks later.
    generate(store, 3, seed=5)
    folder = tmp_path / "inbox"
    folder.mkdir()
    sent = export(store, folder / "laptop.xlsx", lang="en")
    (folder / "notes.xlsx").write_bytes(b"not a workbook")
    inputs = consolidation_inputs([folder])
    assert [p.name for p in inputs] == ["laptop.xlsx", "notes.xlsx"]
    before = {p: p.read_bytes() for p in inputs}
    seen = []
    good, bad = check_inputs(inputs, register(store), progress=lambda n, of: seen.append((n, of)))
    assert good.outcome == "verified" and good.submissions == sent.summary.submissions
    assert good.verdict is not None and good.trusted  # this installation's own key
    assert bad.outcome == "rejected" and "notes.xlsx" in bad.line()
    assert check_inputs(inputs[:1])[0].verdict is None  # no register: signers not judged
    assert seen == [(1, 2), (2, 2)]
    assert {p: p.read_bytes() for p in inputs} == before
    assert check_inputs(inputs, cancel=lambda: True) == []
