"""Times and date-times are real Excel values in the visible sheets, strings in the records,
and survive openpyxl, python-calamine and LibreOffice without a false edit."""

from __future__ import annotations

from datetime import datetime, time

import openpyxl
import pytest
from hypothesis import given
from hypothesis import strategies as st
from openpyxl.utils.datetime import from_excel, to_excel
from python_calamine import CalamineWorkbook

from gcm_collect.export import export_workbook
from gcm_collect.forms import form_from_sheets
from gcm_collect.store import Store
from gcm_collect.workbook import find_edits, read_export
from gcm_collect.workbook.edits import _same
from gcm_collect.workbook.render import datetime_cell, time_cell

pytestmark = pytest.mark.slow  # the slow lane: `make test` runs it, `make test-fast` not

SURVEY = [
    {"type": "start", "name": "start"},
    {"type": "end", "name": "end"},
    {"type": "time", "name": "t", "label": "Time"},
    {"type": "dateTime", "name": "dt", "label": "When"},
    {"type": "begin repeat", "name": "visits", "label": "Visits"},
    {"type": "time", "name": "visit_time", "label": "Visit time"},
    {"type": "end repeat", "name": "visits"},
]
FORM = form_from_sheets(
    {"survey": SURVEY, "settings": [{"form_id": "times", "version": "1"}]}, "times.xlsx"
)
# uuid -> answers: offsets, seconds, fractions, midnight, a time of 00:00, the 1900 leap bug
ANSWERS = {
    "0b6f9c1e-9d1a-4f64-8a55-6f0f1a1d2c31": {
        "start": "2026-03-01T09:00:00+01:00",
        "end": "2026-03-01T09:45:10+01:00",
        "t": "14:30",
        "dt": "2026-03-01T14:30:00-05:00",
    },
    "0b6f9c1e-9d1a-4f64-8a55-6f0f1a1d2c32": {
        "start": "2026-03-01T23:59:59.999+14:00",
        "end": "2026-03-02T00:00:00Z",
        "t": "00:00:00",
        "dt": "2026-03-01T00:00",
    },
    "0b6f9c1e-9d1a-4f64-8a55-6f0f1a1d2c33": {
        "t": "23:59:59.75",
        "dt": "1900-02-28T12:00:00",
    },
}
VISIT = "5d1c3b2a-1111-4222-8333-944455556666"
EXPECTED = {  # key -> the visible cell values of the three rows, in order
    "start": [datetime(2026, 3, 1, 9, 0), datetime(2026, 3, 1, 23, 59, 59), None],
    "end": [datetime(2026, 3, 1, 9, 45, 10), datetime(2026, 3, 2), None],
    "t": [time(14, 30), time(0, 0), time(23, 59, 59)],
    "dt": [datetime(2026, 3, 1, 14, 30), datetime(2026, 3, 1), datetime(1900, 2, 28, 12)],
}


def _record(uuid: str, answers: dict) -> dict:
    instances = {}
    if uuid.endswith("31"):
        answers = {**answers, f"visits[{VISIT}]/visit_time": "08:15:30"}
        instances = {"visits": [VISIT]}
    return {
        "uuid": uuid,
        "form_id": "times",
        "form_version": "1",
        "state": "FRA",
        "region": "ECE",
        "period": "2026",
        "status": "draft",
        "revision": 1,
        "answers": answers,
        "instances": instances,
    }


@pytest.fixture()
def export(tmp_path):
    with Store.open(tmp_path / "db.sqlite3") as store:
        store.save_form("times", "1", FORM.content_hash, "Times", FORM.to_json())
        for uuid, answers in ANSWERS.items():
            store.put_submission(_record(uuid, answers), who="test")
        return export_workbook(store, tmp_path / "times.xlsx", lang="en").path


def _openpyxl_cells(path, sheet="Submissions"):
    wb = openpyxl.load_workbook(path)
    ws = wb[sheet]
    keys = [c.value for c in ws[2]]
    rows = [dict(zip(keys, row, strict=True)) for row in ws.iter_rows(min_row=3)]
    wb.close()
    return rows


def _uuid_order(path) -> list[str]:
    return [r.uuid for r in read_export(path).records]


def test_cells_are_real_times_with_formats_and_records_keep_strings(export):
    rows = _openpyxl_cells(export)
    order = _uuid_order(export)
    for key, expected in EXPECTED.items():
        by_uuid = dict(zip(ANSWERS, expected, strict=True))
        cells = [row[key] for row in rows]
        assert [c.value for c in cells] == [by_uuid[u] for u in order], key
        for cell in cells:
            if cell.value is None:
                continue
            assert cell.is_date, key
            if key == "t":
                wanted = "hh:mm:ss" if cell.value.second else "hh:mm"
            else:
                wanted = "yyyy-mm-dd hh:mm"
            assert cell.number_format == wanted, key
    (visit,) = _openpyxl_cells(export, "Visits")
    assert visit["visit_time"].value == time(8, 15, 30)
    # The machine part is unchanged: the answers exactly as stored, offsets included.
    records = {r.uuid: r.answers for r in read_export(export).records}
    for uuid, answers in ANSWERS.items():
        assert {k: records[uuid][k] for k in answers} == answers


def test_calamine_reads_the_same_moments(export):
    rows = CalamineWorkbook.from_path(str(export)).get_sheet_by_name("Submissions").to_python()
    keys = rows[1]
    order = _uuid_order(export)
    for key, expected in EXPECTED.items():
        by_uuid = dict(zip(ANSWERS, expected, strict=True))
        got = [row[keys.index(key)] for row in rows[2:]]
        assert all(_same(by_uuid[u], g) for u, g in zip(order, got, strict=True)), f"{key}: {got}"


def test_no_false_edit_after_an_openpyxl_resave(export):
    assert find_edits(export) == []
    openpyxl.load_workbook(export).save(export)
    assert find_edits(export) == []


@pytest.mark.slow
def test_no_false_edit_after_a_libreoffice_resave(export, tmp_path, libreoffice):
    resaved = libreoffice(export, "xlsx", tmp_path / "lo")
    assert find_edits(resaved) == []
    _set_cell(resaved, "t", 0, time(14, 31))  # and a change there is still seen
    assert [e.path for e in find_edits(resaved)] == ["t"]


def _set_cell(path, key, row, value, number_format=None):
    wb = openpyxl.load_workbook(path)
    ws = wb["Submissions"]
    column = [c.value for c in ws[2]].index(key) + 1
    cell = ws.cell(row=3 + row, column=column)
    cell.value = value
    if number_format:
        cell.number_format = number_format
    wb.save(path)
    return cell.coordinate


def test_a_changed_time_or_date_time_is_an_edit(export):
    order = _uuid_order(export)
    first = EXPECTED["t"][list(ANSWERS).index(order[0])]
    changed = (datetime.combine(datetime(2000, 1, 1), first).replace(second=1)).time()
    coordinate = _set_cell(export, "t", 0, changed)
    (edit,) = find_edits(export)
    assert (edit.cell, edit.path, edit.uuid) == (coordinate, "t", order[0])
    assert (edit.old, edit.new) == (first, changed)

    _set_cell(export, "t", 0, first)  # put back: no edit
    assert find_edits(export) == []
    _set_cell(export, "dt", 1, datetime(2026, 3, 1, 14, 31))
    _set_cell(export, "end", 2, "2026-03-02 00:00")  # typed into an empty cell
    assert [(e.path, e.uuid) for e in find_edits(export)] == [("dt", order[1]), ("end", order[2])]


def test_a_format_changed_to_general_is_not_an_edit(export):
    wb = openpyxl.load_workbook(export)
    ws = wb["Submissions"]
    for cell in (c for row in ws.iter_rows(min_row=3) for c in row if c.is_date):
        cell.number_format = "General"
    wb.save(export)
    assert find_edits(export) == []


def test_a_workbook_written_before_excel_times_has_no_false_edit(export):
    # Earlier exports showed the stored time, and the date-time to the minute with its offset.
    order = _uuid_order(export)
    wb = openpyxl.load_workbook(export)
    ws = wb["Submissions"]
    keys = [c.value for c in ws[2]]
    for row, uuid in enumerate(order, 3):
        for key, value in ANSWERS[uuid].items():
            if key != "t":
                moment = datetime.fromisoformat(value)
                zone = moment.replace(microsecond=0).isoformat()[19:]
                value = f"{moment:%Y-%m-%d %H:%M}" + (f" {zone}" if zone else "")
            ws.cell(row=row, column=keys.index(key) + 1).value = value
    wb.save(export)
    assert find_edits(export) == []
    _set_cell(export, "dt", 0, "2026-03-01 14:31 -05:00")
    _set_cell(export, "t", 1, "00:00:01")
    assert [(e.path, e.new) for e in find_edits(export)] == [
        ("dt", "2026-03-01 14:31 -05:00"),
        ("t", "00:00:01"),
    ]


def test_values_that_are_not_moments_stay_text():
    assert time_cell("25:00", "") == "25:00"
    assert time_cell("", "") == ""
    assert datetime_cell("1899-12-31T10:00+01:00", "") == "1899-12-31 10:00 +01:00"
    assert datetime_cell("not a date, long enough", "") == "not a date, long enough"


OFFSETS = st.sampled_from(["", "Z", "+01:00", "-05:00", "+05:45", "+14:00", "-12:00"])


@given(
    st.datetimes(min_value=datetime(1900, 1, 1), max_value=datetime(9999, 12, 31, 23, 59, 59)),
    OFFSETS,
)
def test_date_times_survive_the_serial_and_a_second_more_is_seen(moment, offset):
    cell = datetime_cell(moment.isoformat() + offset, "")
    assert cell == moment.replace(microsecond=0)  # wall-clock time, offset left out
    back = from_excel(to_excel(cell))  # how openpyxl reads the cell
    assert _same(cell, back)
    assert not _same(cell, cell.replace(second=(cell.second + 1) % 60))


@given(st.times())
def test_times_survive_the_serial_and_a_second_more_is_seen(moment):
    cell = time_cell(moment.isoformat(), "")
    assert cell == moment.replace(microsecond=0)
    assert _same(cell, from_excel(to_excel(cell)))
    assert not _same(cell, cell.replace(second=(cell.second + 1) % 60))
