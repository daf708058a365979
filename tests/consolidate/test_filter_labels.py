"""Why a submission was left out, in the workbook's language: a level or a status is shown by
its label ("национальный"), never by the code the command line takes ("national")."""

from __future__ import annotations

import pytest
from datasets import open_store, record
from openpyxl import load_workbook

from gcm_collect.export import export_workbook
from gcm_collect.ops.workbooks import consolidate_workbooks

pytestmark = pytest.mark.slow  # real workbooks, written and read


def _cells(path) -> list[str]:
    wb = load_workbook(path, read_only=True)
    return [str(v) for ws in wb for row in ws.iter_rows(values_only=True) for v in row if v]


@pytest.mark.parametrize(
    ("lang", "level", "status"),
    [("ru", "национальный", "Черновик"), ("ar", "وطني", "مسودة"), ("en", "national", "Draft")],
)
def test_a_left_out_submission_names_its_level_and_status_translated(tmp_path, lang, level, status):
    officer = open_store(tmp_path, "officer.sqlite")
    with officer.atomic():
        officer.put_submission(record(0, status="finalized"), who="test")
        officer.put_submission(record(1, status="draft"), who="test")
    exported = tmp_path / "FRA.xlsx"
    export_workbook(officer, exported, lang=lang, statuses=("draft", "finalized"))
    officer.close()
    out = tmp_path / "region.xlsx"
    report = consolidate_workbooks(
        None, [exported], out, lang=lang, approved="national", statuses=("finalized",)
    )
    assert {x.reason for x in report.excluded} == {"approval", "status"}
    why = [c for c in _cells(out) if level in c or status in c]
    assert any(level in c for c in why) and any(status in c for c in why)
    if lang != "en":
        # Not a code in a sentence of another language.
        assert not [c for c in _cells(out) if " national" in c or "national " in c]
        assert not [c for c in _cells(out) if "draft" in c.split()]
