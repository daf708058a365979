"""What a reviewer does in Excel never corrupts data: rows are matched by their keys, and edits
taken become a new revision by the reviewer that later consolidations keep showing."""

from __future__ import annotations

import random
import shutil

import openpyxl
import pytest
from datasets import fill, open_store
from helpers import export_of, machine, record, records_of
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gcm_collect.consolidate import consolidate
from gcm_collect.errors import UserError
from gcm_collect.export import export_workbook, import_workbook
from gcm_collect.workbook import find_edits, read_export

pytestmark = pytest.mark.slow  # the slow lane: `make test` runs it, `make test-fast` not

DATA_SHEETS = ("Submissions", "Practice", "Commitment", "Objectives")


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    """An export of four submissions with practices, commitments and objectives."""
    folder = tmp_path_factory.mktemp("sorted")
    return export_of(
        folder,
        "e",
        [record(1), record(2, state="DEU"), record(3, state="ITA"), record(4, state="ESP")],
        officer="Ana",
    )


def _copy(exported, tmp_path, name="copy.xlsx"):
    target = tmp_path / name
    shutil.copy(exported, target)
    return target


def _reorder(ws, order):
    """Rewrite the data rows (from row 3) in ``order``, as a sort in Excel does: values keep
    their type (text that starts with = stays text) and their number format."""
    rows = [
        [(c.value, c.data_type, c.number_format) for c in row] for row in ws.iter_rows(min_row=3)
    ]
    for r, source in enumerate(order):
        for c, (value, kind, shown) in enumerate(rows[source]):
            _put(ws.cell(row=3 + r, column=c + 1), value, kind, shown)


def _put(cell, value, kind, shown):
    cell.value = value
    if kind == "s" and isinstance(value, str):
        cell.data_type = "s"
    cell.number_format = shown


def _swap_columns(ws, a, b):
    for row in ws.iter_rows():
        first = (row[a].value, row[a].data_type, row[a].number_format)
        _put(row[a], row[b].value, row[b].data_type, row[b].number_format)
        _put(row[b], *first)


def _column(ws, name):
    return [c.value for c in ws[2]].index(name) + 1


def test_sort_then_accept_changes_nothing(exported, tmp_path):
    """Sorting every data sheet (reversing its rows) is no edit: nothing is taken, no answer
    moves to another submission."""
    path = _copy(exported, tmp_path)
    book = openpyxl.load_workbook(path)
    for name in DATA_SHEETS:
        ws = book[name]
        _reorder(ws, list(reversed(range(ws.max_row - 2))))
    book.save(path)
    assert find_edits(path) == []
    report = consolidate([path], tmp_path / "r.xlsx", accept_edits=True)
    assert report.edits == () and report.revisions == 0
    assert records_of(tmp_path / "r.xlsx") == records_of(exported)


@pytest.mark.slow
def test_sorted_then_resaved_by_libreoffice_is_still_no_edit(exported, tmp_path, libreoffice):
    """A reviewer sorts, LibreOffice writes the file again (its own xlsx writer, its own
    types and styles): still no edit, and a correction made before saving is still found."""
    path = _copy(exported, tmp_path)
    book = openpyxl.load_workbook(path)
    for name in DATA_SHEETS:
        ws = book[name]
        _reorder(ws, list(reversed(range(ws.max_row - 2))))
    ws = book["Practice"]
    ws.cell(row=3, column=_column(ws, "practice_budget")).value = 4321
    book.save(path)
    resaved = libreoffice(path, "xlsx", tmp_path / "lo")
    (edit,) = find_edits(resaved)
    assert edit.sheet == "Practice" and edit.column == "practice_budget" and edit.new == 4321


def test_sort_then_one_edit_takes_exactly_that_edit_for_the_right_submission(exported, tmp_path):
    path = _copy(exported, tmp_path)
    book = openpyxl.load_workbook(path)
    ws = book["Submissions"]
    _reorder(ws, [3, 2, 1, 0])  # sorted by State, descending
    uuid_col, year_col = _column(ws, "_uuid"), _column(ws, "national_policy_year")
    target = ws.cell(row=3, column=uuid_col).value  # now the first row
    ws.cell(row=3, column=year_col).value = 2021
    book.properties.lastModifiedBy = "Rania Reviewer"
    book.save(path)
    (edit,) = find_edits(path)
    assert (edit.uuid, edit.path, edit.old, edit.new) == (
        target,
        "national_policy_year",
        2019,
        2021,
    )
    assert edit.cell == f"{openpyxl.utils.get_column_letter(year_col)}3"
    report = consolidate([path], tmp_path / "r.xlsx", accept_edits=True)
    assert [e.outcome for e in report.edits] == ["accepted"] and report.revisions == 1
    after = records_of(tmp_path / "r.xlsx")
    before = records_of(exported)
    assert target not in after  # revised: the reviewer's revision replaces it
    (revision,) = [d for d in after.values() if d.get("revises") == target]
    assert revision["answers"] == {**before[target]["answers"], "national_policy_year": 2021}
    for uuid, data in before.items():  # every other submission exactly as exported
        if uuid != target:
            assert after[uuid] == data


@settings(
    max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(seed=st.integers(0, 10**6), sheet=st.sampled_from(DATA_SHEETS))
def test_any_reordering_plus_one_edit_finds_exactly_that_edit(exported, tmp_path, seed, sheet):
    """Random row permutations of every data sheet, a column moved, and one genuine edit:
    exactly that edit is found, where the reviewer made it."""
    rng = random.Random(seed)
    path = _copy(exported, tmp_path, f"p{seed}.xlsx")
    book = openpyxl.load_workbook(path)
    for name in DATA_SHEETS:
        ws = book[name]
        order = list(range(ws.max_row - 2))
        rng.shuffle(order)
        _reorder(ws, order)
    ws = book[sheet]
    names = [c.value for c in ws[2]]
    editable = [i for i, n in enumerate(names) if n and not n.startswith("_") and ":" not in n]
    _swap_columns(ws, editable[0], editable[-1])  # a column moved
    names = [c.value for c in ws[2]]
    column = rng.choice(editable)
    row = rng.randrange(3, ws.max_row + 1)
    ws.cell(row=row, column=column + 1).value = "edited by the reviewer"
    book.save(path)
    (edit,) = find_edits(path)
    assert (edit.sheet, edit.column, edit.new) == (sheet, names[column], "edited by the reviewer")
    assert edit.cell == f"{openpyxl.utils.get_column_letter(column + 1)}{row}"


def test_changed_key_is_reported_and_never_taken(exported, tmp_path):
    path = _copy(exported, tmp_path)
    book = openpyxl.load_workbook(path)
    ws = book["Submissions"]
    uuid_col = _column(ws, "_uuid")
    ws.cell(row=4, column=uuid_col).value = "not-a-submission"
    book.save(path)
    (edit,) = find_edits(path)
    assert edit.column == "_uuid" and edit.new == "not-a-submission"
    report = consolidate([path], tmp_path / "r.xlsx", accept_edits=True)
    ((outcome, reason),) = [(e.outcome, e.reason) for e in report.edits]
    assert outcome == "refused" and "identifying" in reason
    assert records_of(tmp_path / "r.xlsx") == records_of(exported)


def test_deleted_row_is_reported_and_the_submission_kept(exported, tmp_path):
    path = _copy(exported, tmp_path)
    book = openpyxl.load_workbook(path)
    ws = book["Submissions"]
    gone = ws.cell(row=5, column=_column(ws, "_uuid")).value
    ws.delete_rows(5)
    book.save(path)
    (edit,) = find_edits(path)
    assert (edit.uuid, edit.old, edit.new) == (gone, gone, None)
    report = consolidate([path], tmp_path / "r.xlsx", accept_edits=True)
    assert "deleted" in report.edits[0].reason
    assert gone in records_of(tmp_path / "r.xlsx")


def _edited(exported, tmp_path, name="edited.xlsx", value=2021, who="Rania Reviewer"):
    path = _copy(exported, tmp_path, name)
    book = openpyxl.load_workbook(path)
    ws = book["Submissions"]
    ws.cell(row=3, column=_column(ws, "national_policy_year")).value = value
    uuid = ws.cell(row=3, column=_column(ws, "_uuid")).value
    book.properties.lastModifiedBy = who
    book.save(path)
    return path, uuid


def test_an_accepted_edit_is_a_new_revision_by_the_reviewer_that_stays_visible(exported, tmp_path):
    path, uuid = _edited(exported, tmp_path)
    first = tmp_path / "r1.xlsx"
    consolidate([path], first, accept_edits=True)
    wb = read_export(first)
    (revision,) = [r for r in wb.records if r.data.get("revises") == uuid]
    assert revision.revision == 2 and revision.data["status"] == "draft"
    review = revision.data["review"]
    assert review["by"] == "Rania Reviewer"
    assert review["edits"] == [
        {
            "path": "national_policy_year",
            "old": 2019,
            "new": 2021,
            "sheet": "Submissions",
            "cell": review["edits"][0]["cell"],
        }
    ]
    assert revision.provenance["officer"] == "Rania Reviewer"
    assert revision.provenance["workbook"] == "edited.xlsx"
    # Consolidated again, with the officer's original export: the edit is still there and shown
    second = tmp_path / "r2.xlsx"
    consolidate([first, exported], second)
    book = openpyxl.load_workbook(second, read_only=True)
    rows = [r for r in book["Edits"].iter_rows(min_row=3, values_only=True) if r[0]]
    book.close()
    assert [(r[0], r[3], r[4], r[5], r[6], r[9]) for r in rows] == [
        ("edited.xlsx", revision.uuid, "national_policy_year", 2019, 2021, "Rania Reviewer")
    ]
    assert machine(second) == machine(first)  # the original stays superseded


def test_taking_edits_keeps_the_merge_algebra(exported, tmp_path):
    path, _uuid = _edited(exported, tmp_path)
    once = tmp_path / "once.xlsx"
    twice = tmp_path / "twice.xlsx"
    consolidate([path], once, accept_edits=True)
    consolidate([path], twice, accept_edits=True)
    assert machine(once) == machine(twice)  # the same edits make the same revision
    ab = tmp_path / "ab.xlsx"
    ba = tmp_path / "ba.xlsx"
    consolidate([path, exported], ab, accept_edits=True)
    consolidate([exported, path], ba, accept_edits=True)
    assert machine(ab) == machine(ba) == machine(once)
    again = tmp_path / "again.xlsx"
    consolidate([once, once.parent / "ab.xlsx"], again)
    assert machine(again) == machine(once)  # idempotent on regional workbooks too


def test_import_and_consolidate_mean_the_same_by_default_and_with_accept(exported, tmp_path):
    path, uuid = _edited(exported, tmp_path)
    (tmp_path / "db").mkdir()
    store = open_store(tmp_path / "db")
    try:
        kept = import_workbook(store, path)  # no refusal: reported, exported values kept
        assert len(kept.edits) == 1 and kept.revisions == 0
        assert store.get_record(uuid)["answers"]["national_policy_year"] == 2019
        taken = import_workbook(store, path, accept_edits=True, reviewer="R. Reviewer")
        assert taken.accepted == 1 and taken.revisions == 1
        (revision,) = [s for s in store.list_submissions() if s.revises == uuid]
        record_ = store.get_record(revision.uuid)
        assert record_["answers"]["national_policy_year"] == 2021 and record_["revision"] == 2
        assert record_["review"]["by"] == "R. Reviewer"
        # Exported again from this database, the revision carries its review with it
        out = export_workbook(store, tmp_path / "again.xlsx", lang="en").path
    finally:
        store.close()
    again = {r.uuid: r.data for r in read_export(out).records}
    assert again[revision.uuid]["review"]["edits"][0]["new"] == 2021


def test_output_that_is_an_input_is_refused_before_reading(exported, tmp_path):
    path = _copy(exported, tmp_path)
    before = path.read_bytes()
    with pytest.raises(UserError, match="also one of the inputs"):
        consolidate([exported, path], path)
    assert path.read_bytes() == before


def test_region_status_and_period_filters_use_the_submissions_own_values(tmp_path):
    libya_to_escwa = record(5, state="LBY")
    libya_to_escwa["region"] = "ESCWA"
    path = export_of(
        tmp_path,
        "mixed",
        [record(1, state="EGY"), libya_to_escwa, record(6, state="KEN", status="finalized")],
    )
    eca = consolidate([path], tmp_path / "eca.xlsx", region="ECA")
    kept = {d["state"] for d in records_of(tmp_path / "eca.xlsx").values()}
    assert "LBY" not in kept and "KEN" in kept
    assert ("LBY", "region", "ESCWA") in {(x.state, x.reason, x.value) for x in eca.excluded}
    escwa = consolidate([path], tmp_path / "escwa.xlsx", region="ESCWA")
    assert "LBY" in {d["state"] for d in records_of(tmp_path / "escwa.xlsx").values()}
    assert escwa.excluded
    final = consolidate([path], tmp_path / "final.xlsx", statuses=["finalized"])
    assert {d["state"] for d in records_of(tmp_path / "final.xlsx").values()} == {"KEN"}
    assert {x.reason for x in final.excluded} == {"status"}
    book = openpyxl.load_workbook(tmp_path / "final.xlsx", read_only=True)
    cover = {r[0]: r[1] for r in book["About"].iter_rows(values_only=True) if len(r) > 1}
    book.close()
    assert cover["Statuses taken"] == "Finalized"
    assert cover["Statuses in this workbook"] == "Finalized"
    none = consolidate([path], tmp_path / "p.xlsx", periods=["2030"])
    assert none.submissions == 0 and {x.reason for x in none.excluded} == {"period"}


def test_a_store_export_sorted_by_a_reviewer_imports_unchanged(tmp_path):
    store = open_store(tmp_path)
    fill(store, 3)
    out = export_workbook(store, tmp_path / "out.xlsx", lang="ar").path
    store.close()
    book = openpyxl.load_workbook(out)
    for ws in book.worksheets:
        if ws.sheet_state == "visible" and ws.max_row > 4 and ws.cell(2, 1).value == "_index":
            _reorder(ws, list(reversed(range(ws.max_row - 2))))
    book.save(out)
    assert find_edits(out) == []


def test_summary_counts_practices_apart_from_objective_tags_and_coverage_says_periods(
    tmp_path,
):
    """A practice serving two objectives is one practice and two objective tags."""
    two = record(1, state="FRA")  # two practices; the first serves objectives 15 and 7
    later = record(2, state="FRA")
    later.update(period="2026-2027")
    first = next(k for k in later["answers"] if k.endswith("/practice_objectives"))
    later["answers"][first] = ["15", "7", "23"]  # three objectives for one practice
    path = export_of(tmp_path, "s", [two, later])
    consolidate([path], tmp_path / "r.xlsx")
    book = openpyxl.load_workbook(tmp_path / "r.xlsx", read_only=True)
    summary = [r for r in book["Summary"].iter_rows(values_only=True)]
    heading = "Practices per State and GCM objective"
    at = next(i for i, r in enumerate(summary) if r and r[0] == heading)
    header, fra = summary[at + 1], summary[at + 2]
    assert header[:4] == (
        "State (ISO3)",
        "State",
        "Practices",
        "Objective tags (a practice may serve several)",
    )
    assert fra[:4] == ("FRA", "France", 4, 5)  # 2 submissions x 2 practices; 2 + 3 tags
    coverage = list(book["Coverage"].iter_rows(values_only=True))
    book.close()
    column = coverage[1].index("periods")
    (france,) = [r for r in coverage[2:] if r[0] == "FRA"]
    assert france[column] == "2024-2025; 2026-2027"


def test_timestamps_of_the_regional_sheets_are_date_times(exported, tmp_path):
    """Reviewers sort and filter by when: export, change and edit times are Excel date-times."""
    from datetime import datetime

    path, _uuid = _edited(exported, tmp_path)
    consolidate([path, exported], tmp_path / "r.xlsx", accept_edits=True)
    book = openpyxl.load_workbook(tmp_path / "r.xlsx", read_only=True)

    def column(sheet, key):
        rows = list(book[sheet].iter_rows(values_only=True))
        at = rows[1].index(key)
        return [r[at] for r in rows[2:] if len(r) > at and r[at] is not None]

    for sheet, key in (
        ("Sources", "exported_at"),
        ("Provenance", "exported_at"),
        ("Edits", "edited_at"),
    ):
        values = column(sheet, key)
        assert values and all(isinstance(v, datetime) for v in values), (sheet, values)
    book.close()


def test_a_word_in_a_number_cell_is_refused_in_the_words_of_the_form(exported, tmp_path):
    """One wording of each value rule: the edit is refused with the message the form window
    shows for the same answer (and JSON Lines import gives), and nothing is taken."""
    from gcm_collect.forms import evaluate
    from gcm_collect.forms.builtin import builtin_form

    path, _uuid = _edited(exported, tmp_path, value="about twenty")
    report = consolidate([path], tmp_path / "r.xlsx", accept_edits=True)
    ((outcome, reason),) = [(e.outcome, e.reason) for e in report.edits]
    form = builtin_form()
    answers = {"national_policy": "yes", "national_policy_year": "about twenty"}
    (problem,) = evaluate(form, answers, {}, "en").problems_for("national_policy_year")
    assert reason == problem.message == "Expected a whole number."
    assert outcome == "refused"
    assert records_of(tmp_path / "r.xlsx") == records_of(exported)


def test_taken_edits_are_converted_as_json_lines_input_is(exported, tmp_path):
    """A year typed as text is the number; choices typed in any order are stored in the
    list's order, as JSON Lines import stores them (one conversion, forms.types.coerce)."""
    path = _copy(exported, tmp_path, "typed.xlsx")
    book = openpyxl.load_workbook(path)
    ws = book["Submissions"]
    ws.cell(row=3, column=_column(ws, "national_policy_year")).value = "2021"
    ws.cell(row=3, column=_column(ws, "stakeholders_consulted")).value = "media migrants media"
    uuid = ws.cell(row=3, column=_column(ws, "_uuid")).value
    book.save(path)
    report = consolidate([path], tmp_path / "r.xlsx", accept_edits=True)
    assert [e.outcome for e in report.edits] == ["accepted", "accepted"]
    records = read_export(tmp_path / "r.xlsx").records
    (revision,) = [r for r in records if r.data.get("revises") == uuid]
    assert revision.answers["national_policy_year"] == 2021
    assert revision.answers["stakeholders_consulted"] == ["migrants", "media"]
