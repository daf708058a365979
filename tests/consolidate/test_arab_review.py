"""The ESCWA regional workbook (the Arab regional review) covers Comoros and Djibouti too."""

from __future__ import annotations

import openpyxl
import pytest
from datasets import open_store, record

from gcm_collect.consolidate import consolidate
from gcm_collect.export import export_workbook


@pytest.mark.slow
def test_the_arab_review_workbook_lists_comoros_and_djibouti(tmp_path):
    store = open_store(tmp_path, "arab.sqlite")
    comoros = record(1, state="COM")
    comoros["region"] = "ESCWA"
    comoros["answers"]["review_region"] = "ESCWA"
    with store.atomic():
        store.put_submission(comoros, who="test")
    export_workbook(store, tmp_path / "in.xlsx", lang="en")
    store.close()
    report = consolidate([tmp_path / "in.xlsx"], tmp_path / "escwa.xlsx", region="ESCWA")
    assert report.submissions == 1 and report.excluded == ()
    book = openpyxl.load_workbook(tmp_path / "escwa.xlsx", read_only=True)
    rows = {r[0]: r for r in book["Coverage"].iter_rows(min_row=3, values_only=True)}
    book.close()
    assert rows["COM"][1] == "Comoros" and rows["COM"][2] == 1
    assert rows["DJI"][1] == "Djibouti" and rows["DJI"][3] == "not reported"
    assert len(rows) == 22  # the League of Arab States
