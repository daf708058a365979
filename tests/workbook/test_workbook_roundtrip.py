"""Export, then read back with openpyxl and with python-calamine: the stored data, exactly."""

from __future__ import annotations

import zipfile
from datetime import datetime

import openpyxl
import pytest
from datasets import LONG_TEXT, fill, open_store
from python_calamine import CalamineWorkbook

from gcm_collect.export import export_workbook
from gcm_collect.i18n import LANGUAGES
from gcm_collect.workbook import machine, read_export
from gcm_collect.workbook.model import RECORDS_SHEET
from gcm_collect.workbook.render import CELL_LIMIT

pytestmark = pytest.mark.slow  # the slow lane: `make test` runs it, `make test-fast` not


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    folder = tmp_path_factory.mktemp("rt")
    store = open_store(folder)
    uuids = fill(store, 6)
    stored = {u: store.get_record(u) for u in uuids}
    files = {lang: export_workbook(store, folder / f"{lang}.xlsx", lang=lang) for lang in LANGUAGES}
    store.close()
    return stored, files


def _sheet_openpyxl(path, name):
    wb = openpyxl.load_workbook(path, read_only=True)
    rows = [list(r) for r in wb[name].iter_rows(values_only=True)]
    wb.close()
    return rows


def _sheet_calamine(path, name):
    return (
        CalamineWorkbook.from_path(str(path))
        .get_sheet_by_name(name)
        .to_python(skip_empty_area=False)
    )


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("reader", [_sheet_openpyxl, _sheet_calamine])
def test_machine_part_gives_back_the_stored_records(exported, lang, reader):
    stored, files = exported
    rows = reader(files[lang].path, RECORDS_SHEET)
    records = machine.parse_records(rows, RECORDS_SHEET)
    assert {r.uuid: dict(r.data) for r in records} == stored


@pytest.mark.parametrize("lang", LANGUAGES)
def test_read_export_verifies_and_returns_everything(exported, lang):
    stored, files = exported
    wb = read_export(files[lang].path)
    assert wb.fingerprint == files[lang].fingerprint
    assert wb.meta.lang == lang
    assert {r.uuid: dict(r.data) for r in wb.records} == stored
    assert all(r.provenance["officer"] == "Amina Test" for r in wb.records)
    assert [f.form_id for f in wb.forms] == ["gcm_state_practice_survey"]


def _name(summary, role):
    return read_export(summary.path).meta.sheet(role).name


def _by_key(rows):
    names = rows[1]
    return [dict(zip(names, row, strict=False)) for row in rows[2:]]


def _normal(v):
    if v in ("", None):
        return None
    if isinstance(v, float) and v.is_integer():
        return int(v)
    if isinstance(v, datetime):
        return v.date()
    return v


@pytest.mark.parametrize("reader", [_sheet_openpyxl, _sheet_calamine])
def test_visible_data_identical_in_every_language_labels_differ(exported, reader):
    _stored, files = exported
    seen = {}
    for lang in LANGUAGES:
        wb = read_export(files[lang].path)
        name = wb.meta.sheet("submissions").name
        rows = reader(files[lang].path, name)
        # A cut text ends with the translated marker, and is cut where the marker fits.
        tail = wb.meta.truncation_marker.split("{count}")[-1]
        seen[lang] = [
            {
                k: "<cut>" if isinstance(v, str) and v.endswith(tail) else _normal(v)
                for k, v in row.items()
                if ":label" not in k
            }
            for row in _by_key(rows)
        ]
        assert any("<cut>" in row.values() for row in seen[lang])
    assert all(seen[lang] == seen["en"] for lang in LANGUAGES)
    objectives_en = _by_key(_sheet_calamine(files["en"].path, _name(files["en"], "objectives")))
    objectives_zh = _by_key(_sheet_calamine(files["zh"].path, _name(files["zh"], "objectives")))
    assert [r["objective"] for r in objectives_en] == [r["objective"] for r in objectives_zh]
    assert objectives_en[0]["objective:label"] != objectives_zh[0]["objective:label"]


def test_values_are_typed_and_labelled(exported):
    stored, files = exported
    path = files["en"].path
    wb = openpyxl.load_workbook(path)
    ws = wb["Submissions"]
    names = [c.value for c in ws[2]]
    first = {n: c for n, c in zip(names, ws[3], strict=True)}
    assert first["report_date"].is_date and first["report_date"].value == datetime(2025, 3, 14)
    assert first["national_policy_year"].value == 2019
    assert first["resources_amount_usd"].value == 1250000.5
    assert first["national_policy"].value == "yes"
    assert first["national_policy:label"].value == "Yes"
    assert first["obj02_principles"].value == "a c j"
    assert first["obj02_principles/a"].value == 1 and first["obj02_principles/b"].value == 0
    assert first["_state:label"].value == "China"  # sorted by State: CHN first
    # Irrelevant answers are left out of the visible sheets (kept in the machine part).
    assert first["obj05_measures"].value is None
    assert ws.freeze_panes == "E3"  # header rows and key columns (No., UUID, State)
    assert ws.auto_filter.ref.startswith("A2:")
    assert ws.sheet_view.rightToLeft in (None, False)
    states = [wb[n].sheet_state for n in ("_gcm_meta", "_gcm_forms", "_gcm_records")]
    assert states == ["hidden"] * 3
    objectives = wb["Objectives"]
    onames = [c.value for c in objectives[2]]
    rows = [dict(zip(onames, [c.value for c in r], strict=True)) for r in objectives.iter_rows(3)]
    assert {r["objective"] for r in rows} == {2, 5, 15}
    five = next(r for r in rows if r["objective"] == 5)
    assert five["priority"] == "not_applicable" and five["measures"] is None
    assert rows[0]["objective:label"].startswith("Minimize the adverse drivers")
    practices = wb["Practice"]
    pnames = [c.value for c in practices[2]]
    prow = dict(zip(pnames, [c.value for c in practices[3]], strict=True))
    assert prow["_parent_index"] == 1 and prow["_index"] == 1
    assert prow["practice_objectives"] == "15 7"
    assert prow["practice_hub_consent"] == "yes"
    assert prow["practice_hub_regions"] == "europe africa"  # as stored
    assert prow["practice_budget"] == 1000.25


def test_arabic_sheets_run_right_to_left(exported):
    _stored, files = exported
    wb = openpyxl.load_workbook(files["ar"].path, read_only=False)
    visible = [ws for ws in wb.worksheets if ws.sheet_state == "visible"]
    assert visible and all(ws.sheet_view.rightToLeft for ws in visible)
    egypt = [c.value for c in wb[wb.sheetnames[1]]["D"]]
    assert "مصر" in egypt


def test_formula_looking_text_stays_text(exported):
    _stored, files = exported
    path = files["en"].path
    with zipfile.ZipFile(path) as archive:
        sheets = [n for n in archive.namelist() if n.startswith("xl/worksheets/")]
        assert all(b"<f>" not in archive.read(n) for n in sheets)
    wb = openpyxl.load_workbook(path)
    texts = {
        c.value: c.data_type
        for ws in wb.worksheets
        for row in ws.iter_rows()
        for c in row
        if isinstance(c.value, str) and c.value[:1] in "=+-@"
    }
    for text in ("=1+1", "+44 20 7946 0000", "-5 degrees", "@mention", "=SUM(A1:A9)"):
        assert texts.get(text) == "s", text
    calamine = _sheet_calamine(path, "Practice")
    assert any("=SUM(A1:A9)" in row for row in calamine)


def test_long_text_is_cut_visibly_and_kept_whole(exported):
    stored, files = exported
    path = files["fr"].path
    rows = _by_key(_sheet_calamine(path, _name(files["fr"], "submissions")))
    cells = [r["obj15_measures"] for r in rows if isinstance(r["obj15_measures"], str)]
    cut = [c for c in cells if len(c) > 1000]
    assert len(cut) == 1
    assert len(cut[0].encode("utf-16-le")) // 2 <= CELL_LIMIT
    assert "40000" in cut[0] and cut[0].startswith(LONG_TEXT[:100])
    whole = [r for r in read_export(path).records if r.answers.get("obj15_measures") == LONG_TEXT]
    assert len(whole) == 1
