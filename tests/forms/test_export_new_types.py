"""The new types in a reviewer workbook: readable cells, metadata in technical columns at the
end of the submissions sheet, and an export that imports back without a false edit."""

from __future__ import annotations

from datetime import datetime, time

from openpyxl import load_workbook

from gcm_collect.export import export_workbook, import_workbook
from gcm_collect.forms import file_ref, form_from_sheets
from gcm_collect.store import Store

SURVEY = [
    {"type": "start", "name": "start"},
    {"type": "end", "name": "end"},
    {"type": "username", "name": "username"},
    {"type": "text", "name": "title", "label": "Title"},
    {"type": "time", "name": "t", "label": "Time"},
    {"type": "dateTime", "name": "dt", "label": "When"},
    {"type": "range", "name": "score", "label": "Score", "parameters": "start=1 end=5"},
    {"type": "rank p", "name": "prio", "label": "Priorities"},
    {"type": "file", "name": "doc", "label": "Document"},
]
CHOICES = [{"list_name": "p", "name": n, "label": n.title()} for n in ("health", "work", "school")]
FORM = form_from_sheets(
    {"survey": SURVEY, "choices": CHOICES, "settings": [{"form_id": "wide", "version": "1"}]},
    "wide.xlsx",
)
DOC = file_ref("plan.pdf", b"%PDF plan")


def record() -> dict:
    return {
        "uuid": "0b6f9c1e-9d1a-4f64-8a55-6f0f1a1d2c3e",
        "form_id": "wide",
        "form_version": "1",
        "state": "FRA",
        "region": "ECE",
        "period": "2026",
        "status": "draft",
        "revision": 1,
        "answers": {
            "start": "2026-03-01T09:00:00+01:00",
            "end": "2026-03-01T09:45:10+01:00",
            "username": "ana",
            "title": "Clinics",
            "t": "14:30",
            "dt": "2026-03-01T14:30:00",
            "score": 4,
            "prio": ["work", "health"],
            "doc": DOC.value,
        },
        "instances": {},
    }


def test_export_shows_the_new_types_and_technical_columns_last(tmp_path):
    out = tmp_path / "export.xlsx"
    with Store.open(tmp_path / "db.sqlite3") as store:
        store.save_form("wide", "1", FORM.content_hash, "Wide", FORM.to_json())
        store.put_submission(record(), who="test")
        export_workbook(store, out, lang="en")
    wb = load_workbook(out, read_only=True)
    ws = wb[next(n for n in wb.sheetnames if n.lower().startswith("submissions"))]
    rows = [list(r) for r in ws.iter_rows(values_only=True)]
    wb.close()
    labels, keys, data = rows[0], rows[1], rows[2]
    cell = dict(zip(keys, data, strict=False))
    assert keys[-3:] == ["start", "end", "username"]  # technical columns at the end
    assert labels[-3] == "Started at (technical)"  # no raw name in row 1
    # Real Excel date-times and times: the wall-clock time as recorded (offset in the record).
    assert cell["start"] == datetime(2026, 3, 1, 9, 0)
    assert cell["end"] == datetime(2026, 3, 1, 9, 45, 10)
    assert cell["dt"] == datetime(2026, 3, 1, 14, 30) and cell["t"] == time(14, 30)
    assert cell["score"] == 4
    assert cell["prio"] == "work health" and cell["prio:label"] == "Work > Health"
    assert cell["doc"] == "plan.pdf" and cell["doc:sha256"] == DOC.sha256

    with Store.open(tmp_path / "other.sqlite3") as other:
        report = import_workbook(other, out)
        assert report.inserted == 1 and report.edits == ()
        (sub,) = other.list_submissions()
        assert other.get_answers(sub.uuid)["prio"] == ["work", "health"]
