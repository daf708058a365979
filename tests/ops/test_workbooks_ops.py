"""Export and consolidate as operations: what the command line and the app both run."""

from __future__ import annotations

import pytest

from gcm_collect.demo import generate
from gcm_collect.errors import UserError
from gcm_collect.forms.builtin import builtin_form
from gcm_collect.ops.workbooks import consolidate_workbooks, export
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
