"""RelevanceCache: a record rendered twice is evaluated once, with the same cells."""

from __future__ import annotations

import pytest
from datasets import record

from gcm_collect.forms import form_from_sheets
from gcm_collect.forms.builtin import load_builtin
from gcm_collect.workbook.model import ExportRecord
from gcm_collect.workbook.render import RelevanceCache, relevant_answers

PROVENANCE = {"officer": "x", "device_id": "d", "exported_at": "t", "export_fingerprint": None}


@pytest.mark.slow
def test_a_hit_gives_exactly_what_evaluating_again_gives():
    form = load_builtin()
    cache = RelevanceCache()
    for n in range(4):
        rec = ExportRecord(record(n), PROVENANCE)
        fresh = relevant_answers(form, rec, "2025-03-20")
        assert "obj05_measures" not in fresh  # hidden by the form's logic
        assert cache.shown(form, rec, "2025-03-20") == fresh
        # The built-in survey calls today() only in a constraint: another day is the same entry.
        assert cache.shown(form, rec, "2026-01-01") == fresh
    assert cache.hits == 4


def test_a_form_whose_relevance_calls_today_is_kept_per_day():
    survey = [
        {"type": "date", "name": "due", "label": "Due"},
        {"type": "text", "name": "late", "label": "Why late", "relevant": "${due} < today()"},
    ]
    form = form_from_sheets(
        {"survey": survey, "settings": [{"form_id": "dated", "version": "1"}]}, "dated.xlsx"
    )
    data = {
        "uuid": "u1",
        "form_id": "dated",
        "form_version": "1",
        "revision": 1,
        "answers": {"due": "2025-06-01", "late": "strike"},
        "instances": {},
    }
    rec = ExportRecord(data, PROVENANCE)
    cache = RelevanceCache()
    assert "late" not in cache.shown(form, rec, "2025-05-01")
    assert cache.shown(form, rec, "2025-07-01")["late"] == "strike"
    assert cache.hits == 0
    assert "late" not in cache.shown(form, rec, "2025-05-01") and cache.hits == 1
