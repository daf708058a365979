"""consolidate() on real exports: merge rules, region, provenance, edits, re-consolidation."""

from __future__ import annotations

import openpyxl
import pytest
from datasets import open_store
from helpers import export_of, machine, record, records_of, variant

from gcm_collect.consolidate import consolidate, expand_inputs
from gcm_collect.export import export_workbook, import_workbook
from gcm_collect.workbook import find_edits, read_export

pytestmark = pytest.mark.slow  # the slow lane: `make test` runs it, `make test-fast` not


def _three(folder):
    export_of(folder, "a", [record(1, state="FRA"), record(2, state="RUS")], officer="Ana")
    export_of(folder, "b", [variant(1, lead_entity="Ministry B"), record(3, state="EGY")], "Ben")
    export_of(folder, "c", [record(2, state="RUS"), record(4, state="FRA")], officer="Cy")


@pytest.fixture()
def three(tmp_path, built_once):
    """A: two ECE submissions; B: a conflicting version of one + an Egyptian one; C: a third.
    Fresh copies, in the test's folder, of exports made once per run."""
    folder = built_once("three", _three, tmp_path)
    return folder / "a.xlsx", folder / "b.xlsx", folder / "c.xlsx"


def rows(ws):
    """Data rows, padded (read-only openpyxl trims trailing empty cells)."""
    return [tuple(r) + (None,) * 40 for r in ws.iter_rows(min_row=3, values_only=True)]


def sheets(path):
    wb = openpyxl.load_workbook(path, read_only=True)
    try:
        return wb.sheetnames
    finally:
        wb.close()


def test_regional_workbook_has_everything_an_export_has_and_more(three, tmp_path):
    a, b, c = three
    report = consolidate([a, b, c], tmp_path / "r.xlsx")
    names = sheets(tmp_path / "r.xlsx")
    for name in (
        "About",
        "Submissions",
        "Practice",
        "Objectives",
        "Codebook",
        "Summary",
        "Coverage",
        "Sources",
        "Conflicts",
        "Edits",
        "Provenance",
    ):
        assert name in names
    assert report.submissions == 4 and report.conflicts == 1 and report.problems == ()
    # a valid export: verified, no edits, importable into the app
    assert find_edits(tmp_path / "r.xlsx") == []
    store = open_store(tmp_path, "imported.sqlite")
    assert import_workbook(store, tmp_path / "r.xlsx").inserted == 4
    store.close()


def test_provenance_names_the_original_export_and_survives_reconsolidation(three, tmp_path):
    a, b, _c = three
    fp_a = read_export(a).fingerprint
    consolidate([a], tmp_path / "r1.xlsx")
    consolidate([tmp_path / "r1.xlsx", b], tmp_path / "r2.xlsx")
    wb = read_export(tmp_path / "r2.xlsx")
    uuid2 = record(2)["uuid"]
    (rec,) = [r for r in wb.records if r.uuid == uuid2]
    assert rec.provenance["export_fingerprint"] == fp_a
    assert rec.provenance["officer"] == "Ana"


def test_conflict_is_listed_with_both_sources_and_marked(three, tmp_path):
    a, b, _c = three
    report = consolidate([a, b], tmp_path / "r.xlsx")
    assert report.conflicts == 1
    book = openpyxl.load_workbook(tmp_path / "r.xlsx", read_only=True)
    conflicts = [r for r in rows(book["Conflicts"]) if r[0]]
    assert {r[0] for r in conflicts} == {record(1)["uuid"]} and len(conflicts) == 2
    assert {r[9] for r in conflicts} == {"a.xlsx", "b.xlsx"}
    assert any("lead_entity" in (r[11] or "") for r in conflicts)
    marks = {r[1]: r[8] for r in rows(book["Provenance"])}
    assert marks[record(1)["uuid"]] == "conflict: 2 versions"
    assert marks[record(2)["uuid"]] is None
    book.close()


def test_newest_revision_along_the_chain_wins(tmp_path):
    store = open_store(tmp_path, "chain.sqlite")
    old = record(5, status="finalized")
    store.put_submission(old, who="t")
    export_workbook(store, tmp_path / "before.xlsx", lang="en")
    new = store.new_revision(old["uuid"], who="t")
    store.set_answer(new, "lead_entity", "Revised ministry", who="t")
    export_workbook(store, tmp_path / "after.xlsx", lang="en")
    store.close()
    report = consolidate([tmp_path / "after.xlsx", tmp_path / "before.xlsx"], tmp_path / "r.xlsx")
    got = records_of(tmp_path / "r.xlsx")
    assert list(got) == [new] and got[new]["revision"] == 2 and report.superseded == 1
    # the old revision cannot come back when the regional workbook is consolidated again
    consolidate([tmp_path / "r.xlsx", tmp_path / "before.xlsx"], tmp_path / "r2.xlsx")
    assert list(records_of(tmp_path / "r2.xlsx")) == [new]


def test_region_keeps_only_its_states_and_lists_the_others(three, tmp_path):
    a, b, c = three
    report = consolidate([a, b, c], tmp_path / "r.xlsx", region="ece")
    states = {d["state"] for d in records_of(tmp_path / "r.xlsx").values()}
    assert states == {"FRA", "RUS"}
    assert [(x.source, x.state) for x in report.excluded] == [("b.xlsx", "EGY")]
    book = openpyxl.load_workbook(tmp_path / "r.xlsx", read_only=True)
    coverage = {r[0]: r for r in rows(book["Coverage"])}
    assert coverage["FRA"][2] == 2 and coverage["DEU"][3] == "not reported"
    assert "EGY" not in coverage
    book.close()


def test_form_versions_merge_into_the_union_of_columns(tmp_path):
    import json

    from datasets import load_builtin

    form = load_builtin()
    data = json.loads(form.to_json())
    data["version"] = "v-extra"
    data.pop("content_hash")
    # a later form version with one more question at the end of the first group
    extra = dict(data["children"][0]["children"][-1])
    extra.update(name="extra_question", type="text", labels={"en": "Extra"})
    extra.pop("row", None)
    data["children"][0]["children"].append(extra)
    store = open_store(tmp_path, "v2.sqlite")
    from gcm_collect.forms.model import Form

    v2 = Form.from_json(json.dumps(data))
    store.save_form(v2.form_id, v2.version, v2.content_hash, "GCM v2", v2.to_json())
    rec = record(7)
    rec["form_version"] = "v-extra"
    rec["answers"]["extra_question"] = "only in v2"
    store.put_submission(rec, who="t")
    export_workbook(store, tmp_path / "v2.xlsx", lang="en")
    store.close()
    v1 = export_of(tmp_path, "v1", [record(8)])
    consolidate([v1, tmp_path / "v2.xlsx"], tmp_path / "r.xlsx")
    book = openpyxl.load_workbook(tmp_path / "r.xlsx", read_only=True)
    names = next(book["Submissions"].iter_rows(min_row=2, max_row=2, values_only=True))
    assert "extra_question" in names and "lead_entity" in names
    versions = {r[0] for r in rows(book["Codebook"])}
    assert {form.version, "v-extra"} <= versions
    book.close()


def _edit(path, changes):
    book = openpyxl.load_workbook(path)
    ws = book["Submissions"]
    names = [c.value for c in ws[2]]
    for column, value in changes.items():
        ws.cell(row=3, column=names.index(column) + 1).value = value
    book.save(path)


def test_edits_are_reported_and_kept_by_default(tmp_path):
    path = export_of(tmp_path, "e", [record(1)])
    _edit(path, {"national_policy_year": 2020})
    report = consolidate([path], tmp_path / "r.xlsx")
    assert report.inputs[0].outcome == "edited"
    assert [(e.path, e.old, e.new, e.outcome) for e in report.edits] == [
        ("national_policy_year", 2019, 2020, "kept")
    ]
    assert (
        records_of(tmp_path / "r.xlsx")[record(1)["uuid"]]["answers"]["national_policy_year"]
        == 2019
    )
    with pytest.raises(Exception, match="strict"):
        consolidate([path], tmp_path / "s.xlsx", strict=True)
    assert not (tmp_path / "s.xlsx").exists()


def test_accept_edits_takes_valid_ones_and_refuses_the_rest(tmp_path):
    path = export_of(tmp_path, "e", [record(1)])
    _edit(
        path,
        {
            "national_policy_year": 2020,  # valid
            "resources_amount_usd": "lots",  # not a number
            "national_policy": "maybe",  # not a choice
            "_state": "DEU",  # identifying column
        },
    )
    report = consolidate([path], tmp_path / "r.xlsx", accept_edits=True)
    outcomes = {e.path: (e.outcome, e.reason) for e in report.edits}
    assert outcomes["national_policy_year"] == ("accepted", "")
    assert outcomes["resources_amount_usd"][0] == "refused"
    assert outcomes["national_policy"][0] == "refused"
    assert outcomes["state"][0] == "refused"
    (revision,) = records_of(tmp_path / "r.xlsx").values()  # the exported one is revised
    assert revision["revises"] == record(1)["uuid"] and revision["revision"] == 2
    answers = revision["answers"]
    assert answers["national_policy_year"] == 2020 and answers["national_policy"] == "yes"


def test_constraint_is_checked_when_accepting(tmp_path):
    path = export_of(tmp_path, "e", [record(1)])
    _edit(path, {"national_policy_year": 1850})
    report = consolidate([path], tmp_path / "r.xlsx", accept_edits=True)
    ((outcome, reason),) = [(e.outcome, e.reason) for e in report.edits]
    assert outcome == "refused" and "four digits" in reason


def test_workbook_algebra(three, tmp_path):
    a, b, c = three

    def run(name, *inputs):
        consolidate(list(inputs), tmp_path / f"r_{name}.xlsx")
        return tmp_path / f"r_{name}.xlsx"

    ab, ba = run("ab", a, b), run("ba", b, a)
    assert machine(ab) == machine(ba)  # order-independent
    assert machine(run("aa", a, run("a", a))) == machine(run("a1", a))  # idempotent
    abc = run("abc", a, b, c)
    assert machine(run("ab_c", ab, c)) == machine(abc)  # associative
    assert machine(run("a_bc", a, run("bc", b, c))) == machine(abc)
    assert machine(run("c_ab", c, ab)) == machine(abc)
    assert machine(abc)[1]  # the conflict's second version travels in the machine part


def test_expand_inputs_folders_and_globs(three, tmp_path):
    a, b, c = three
    (tmp_path / "notes.txt").write_text("x")
    assert expand_inputs([tmp_path]) == [a, b, c]
    assert expand_inputs([str(tmp_path / "[ab].xlsx"), c]) == [a, b, c]
    assert expand_inputs([tmp_path / "missing.xlsx"]) == [tmp_path / "missing.xlsx"]


def test_excel_lock_files_and_macos_resource_forks_are_not_inputs(three, tmp_path):
    a, b, c = three
    # What a folder holds while Excel has b.xlsx open, copied through a Mac's USB stick:
    # Excel's 165-byte lock file and macOS's AppleDouble companions, all named *.xlsx.
    (tmp_path / "~$b.xlsx").write_bytes(b"\x0bAmina Diallo" + b"\x00" * 150)
    (tmp_path / "._a.xlsx").write_bytes(b"\x00\x05\x16\x07" + b"\x00" * 80)
    (tmp_path / "._c.XLSX").write_bytes(b"\x00\x05\x16\x07")
    assert expand_inputs([tmp_path]) == [a, b, c]
    assert expand_inputs([str(tmp_path / "*.xlsx")]) == [a, b, c]
    # Named one by one they are read, and refused as what they are, naming the file.
    assert expand_inputs([tmp_path / "~$b.xlsx"]) == [tmp_path / "~$b.xlsx"]


def test_progress_and_cancel(three, tmp_path):
    from gcm_collect.consolidate import ExportCancelled

    seen = []
    consolidate(list(three), tmp_path / "r.xlsx", progress=lambda d, t: seen.append((d, t)))
    assert seen[-1] == (1000, 1000) and seen == sorted(seen)
    with pytest.raises(ExportCancelled):
        consolidate(list(three), tmp_path / "x.xlsx", cancel=lambda: True)
    assert not (tmp_path / "x.xlsx").exists()
