"""A workbook saved again by LibreOffice or another spreadsheet has none of the export's bytes,
but its cell values are still the export's: the digests of the rows' values (in buckets by
submission, in the meta, covered by the fingerprint) prove them unchanged, so an import
renders no record again. A cell edited after the re-save leaves its bucket differing: the
records of that bucket alone are rendered and compared, and every edit is found exactly as
find_edits (which renders every record) finds it."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import openpyxl
import pytest
from datasets import fill, open_store

from gcm_collect.errors import UserError
from gcm_collect.export import export_workbook, import_workbook
from gcm_collect.workbook import find_edits, read_export
from gcm_collect.workbook.model import META_SHEET
from gcm_collect.workbook.rowdigest import BUCKETS, bucket_of
from gcm_collect.workbook.streamread import StreamEnd, stream_export

pytestmark = pytest.mark.slow  # real exports, re-saved by LibreOffice and read back

COUNT = 12


@pytest.fixture(scope="module")
def exported(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("resaved")
    store = open_store(folder)
    fill(store, COUNT)
    out = folder / "out.xlsx"
    export_workbook(store, out, lang="en", statuses=["draft", "complete", "finalized"])
    store.close()
    return out


@pytest.fixture()
def resaved(exported, libreoffice, tmp_path) -> Path:
    return libreoffice(exported, "xlsx", tmp_path / "lo")


def _end(path: Path) -> StreamEnd:
    return next(item for kind, item in stream_export(path) if kind == "end")


def _seen(edits) -> list[tuple]:
    return sorted((e.sheet, e.cell, repr(e.old), repr(e.new), e.uuid, e.path) for e in edits)


def _column(ws, name: str) -> int:
    return next(c.column for c in ws[2] if c.value == name)


def _put(ws, rows: list[list]) -> None:
    """``rows`` written from row 3, texts kept as texts (one like "=SUM(A1:A9)" too)."""
    for r, values in enumerate(rows, 3):
        for c, value in enumerate(values, 1):
            cell = ws.cell(r, c)
            cell.value = value
            if isinstance(value, str):
                cell.data_type = "s"


def _edited(path: Path, out: Path, change) -> Path:
    book = openpyxl.load_workbook(path)
    change(book)
    book.save(out)
    return out


def test_an_export_resaved_by_libreoffice_renders_no_record_again(exported, resaved, tmp_path):
    assert resaved.read_bytes() != exported.read_bytes()
    end = _end(resaved)
    assert end.edits == () and end.submissions == COUNT
    assert end.rendered == 0  # every bucket proven by its values
    assert find_edits(resaved) == []
    store = open_store(tmp_path, "other.sqlite")
    report = import_workbook(store, resaved)
    assert (report.inserted, report.edits) == (COUNT, ())
    store.close()


def _period(book) -> None:  # a reviewer corrects the third submission's period
    ws = book["Submissions"]
    ws.cell(5, _column(ws, "_period")).value = "2026-2027"


def _hidden_answer_typed(book) -> None:
    """The answer a record keeps for a question that does not apply, typed into its empty
    cell: the re-rendered sheet shows it empty, so it is an edit."""
    ws = book["Objectives"]
    measures = _column(ws, "measures")
    objective = _column(ws, "objective")
    row = next(r for r in range(3, ws.max_row + 1) if ws.cell(r, objective).value == 5)
    ws.cell(row, measures).value = "hidden: objective 5 does not apply"


def _row_moved_to_another_submission(book) -> None:
    """A practice's submission UUID set to another submission's: both buckets change."""
    ws = book["Practice"]
    uuid = _column(ws, "_submission_uuid")
    ws.cell(3, uuid).value = ws.cell(ws.max_row, uuid).value


def _sorted_and_a_row_deleted(book) -> None:
    ws = book["Submissions"]
    rows = [[c.value for c in row] for row in ws.iter_rows(min_row=3)]
    rows.sort(key=lambda r: str(r[_column(ws, "_uuid") - 1]), reverse=True)
    del rows[4]
    ws.delete_rows(3, ws.max_row)
    _put(ws, rows)


def _row_added(book) -> None:
    ws = book["Submissions"]
    ws.cell(ws.max_row + 1, _column(ws, "_state")).value = "KEN"


def _moment_by_one_second(book) -> None:
    ws = book["Submissions"]
    for cell in ws[3]:
        if isinstance(cell.value, datetime):
            cell.value = cell.value.replace(second=(cell.value.second + 1) % 60)
            return
    raise AssertionError("no date-time on the Submissions sheet")


def _number_in_the_12th_digit(book) -> None:
    ws = book["Submissions"]
    cell = ws.cell(3, _column(ws, "resources_amount_usd"))
    cell.value = cell.value * (1 + 1e-11)


@pytest.mark.parametrize(
    "change",
    [
        _period,
        _hidden_answer_typed,
        _row_moved_to_another_submission,
        _sorted_and_a_row_deleted,
        _row_added,
        _moment_by_one_second,
        _number_in_the_12th_digit,
    ],
)
def test_edits_after_a_resave_are_found_as_find_edits_finds_them(resaved, tmp_path, change):
    edited = _edited(resaved, tmp_path / "edited.xlsx", change)
    end = _end(edited)
    assert end.edits, "the change is an edit"
    assert _seen(end.edits) == _seen(find_edits(edited))
    assert end.rendered < COUNT  # only the records of the buckets that differ (an added
    # row without a submission belongs to none: it is found without rendering any)


def test_a_sort_alone_after_a_resave_renders_nothing(resaved, tmp_path):
    def sort(book) -> None:
        ws = book["Practice"]
        rows = [[c.value for c in row] for row in ws.iter_rows(min_row=3)]
        rows.reverse()
        _put(ws, rows)

    end = _end(_edited(resaved, tmp_path / "sorted.xlsx", sort))
    assert (end.edits, end.rendered) == ((), 0)


def test_the_records_of_a_bucket_that_differs_are_the_ones_rendered(resaved, tmp_path):
    end = _end(_edited(resaved, tmp_path / "edited.xlsx", _period))
    edited = end.edits[0].uuid
    together = [
        r.uuid for r in read_export(resaved).records if bucket_of(r.uuid) == bucket_of(edited)
    ]
    assert end.rendered == len(together) and edited in together
    assert len(end.workbook.meta.data_buckets["submissions"]) == BUCKETS


def test_the_bucket_digests_are_covered_by_the_fingerprint(exported, tmp_path):
    def forge(book) -> None:
        for row in book[META_SHEET].iter_rows(min_row=2):
            if row[0].value == "data_buckets":
                assert '":["' in row[1].value
                row[1].value = row[1].value.replace('":["', '":["0', 1)
                return
        raise AssertionError("no data_buckets in the meta")

    forged = _edited(exported, tmp_path / "forged.xlsx", forge)
    with pytest.raises(UserError, match="fingerprint mismatch"):
        _end(forged)
