"""Pivot-ready workbooks: every data sheet carries the State's name, region, status and period,
and long tables list each practice once per objective and per guiding principle."""

from __future__ import annotations

from collections import Counter

import openpyxl
import pytest
from datasets import open_store, record
from python_calamine import CalamineWorkbook

from gcm_collect.consolidate import consolidate
from gcm_collect.export import export_workbook
from gcm_collect.export import workbook as export_module
from gcm_collect.workbook import find_edits, read_export

CONTEXT = ("_state", "_state:label", "_region", "_status", "_period")


def _answers(n, state, status, objectives, primary, principles):
    data = record(n, state=state, status=status)
    answers = data["answers"]
    practice = next(k.split("/")[0] for k in answers if k.startswith("practices["))
    answers[f"{practice}/practice_objectives"] = objectives
    answers[f"{practice}/practice_primary_objective"] = primary
    answers[f"{practice}/practice_principles"] = principles
    return data


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    folder = tmp_path_factory.mktemp("pivot")
    store = open_store(folder)
    records = [
        _answers(1, "FRA", "finalized", ["15", "7"], "7", ["a", "c"]),
        _answers(2, "DEU", "finalized", ["7"], "7", ["c"]),
        _answers(3, "FRA", "draft", ["7", "23"], "23", ["j"]),
    ]
    for data in records:
        store.put_submission(data, who="test")
    path = export_workbook(store, folder / "pivot.xlsx", lang="en").path
    store.close()
    return path


def _rows(path, sheet):
    return CalamineWorkbook.from_path(str(path)).get_sheet_by_name(sheet).to_python()


def _table(path, sheet):
    rows = _rows(path, sheet)
    return [dict(zip(rows[1], row, strict=False)) for row in rows[2:]]


@pytest.mark.slow
def test_every_data_sheet_carries_the_pivot_context(exported):
    wb = read_export(exported)
    for plan in wb.meta.sheets:
        if plan.role.startswith(("repeat:", "objectives", "pairs:", "submissions")):
            assert set(CONTEXT) <= set(_rows(exported, plan.name)[1]), plan.name


def test_practices_per_objective_per_state_finalized_only(exported):
    """What the pivot in docs/reviewers.md answers, read straight from the long table."""
    rows = _table(exported, "Practice × objective")
    finalized = Counter(
        (r["_state:label"], int(r["code"])) for r in rows if r["_status"] == "finalized"
    )
    assert finalized == {("France", 15): 1, ("France", 7): 1, ("Germany", 7): 1}
    primary = {(r["_state"], int(r["code"])): r["primary"] for r in rows}
    assert primary[("FRA", 7)] in (1, 1.0) and primary[("FRA", 15)] in (0, 0.0)
    titles = {int(r["code"]): r["code:label"] for r in rows}
    assert titles[7] == "Address and reduce vulnerabilities in migration"
    principles = _table(exported, "Practice × guiding principle")
    assert Counter(r["code"] for r in principles) == {"a": 1, "c": 2, "j": 1}


@pytest.mark.slow
def test_the_long_tables_are_compared_and_never_taken(exported, tmp_path):
    path = tmp_path / "edited.xlsx"
    path.write_bytes(exported.read_bytes())
    book = openpyxl.load_workbook(path)
    ws = book["Practice × objective"]
    names = [c.value for c in ws[2]]
    ws.cell(row=3, column=names.index("primary") + 1).value = 0
    book.save(path)
    (edit,) = find_edits(path)
    assert edit.sheet == "Practice × objective" and edit.column == "primary"
    report = consolidate([path], tmp_path / "r.xlsx", accept_edits=True)
    ((outcome, reason),) = [(e.outcome, e.reason) for e in report.edits]
    assert outcome == "refused" and "made from the answers" in reason


@pytest.mark.slow
def test_a_workbook_of_the_first_layout_still_reads_without_edits(tmp_path, monkeypatch):
    """Workbooks written before the context columns and long tables render as they were."""
    monkeypatch.setattr(export_module, "LAYOUT", 1)
    store = open_store(tmp_path)
    store.put_submission(_answers(1, "FRA", "finalized", ["7"], "7", ["a"]), who="test")
    path = export_workbook(store, tmp_path / "old.xlsx", lang="en").path
    store.close()
    wb = read_export(path)
    assert wb.meta.layout == 1
    assert "_region" not in _rows(path, "Practice")[1]
    assert find_edits(path) == []
    report = consolidate([path], tmp_path / "r.xlsx")  # the regional one is the new layout
    assert report.edits == ()
    assert "_region" in _rows(tmp_path / "r.xlsx", "Practice")[1]
