"""Replacing a working translation with the official UN text is a change of data only: the
reference CSV's text and status; the form and the workbooks follow without a code change."""

from __future__ import annotations

import csv
import shutil

import pytest

from gcm_collect import reference as ref

OFFICIAL_AR_1 = "نص رسمي للاختبار"  # stands for the A/RES/73/195 wording, whatever it is


def _caches() -> None:
    for function in (ref.objectives, ref.principles, ref.clusters, ref.commissions):
        function.cache_clear()


@pytest.fixture
def promoted(tmp_path, monkeypatch):
    """A copy of the reference data where objective 1's Arabic title is made official."""
    data = tmp_path / "data"
    shutil.copytree(ref.DATA_DIR, data)
    path = data / "objectives.csv"
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    rows[0].update(title_ar=OFFICIAL_AR_1, status_ar="official")
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    monkeypatch.setattr(ref, "DATA_DIR", data)
    _caches()
    yield
    monkeypatch.undo()
    _caches()


def test_promoting_a_title_in_the_data_shows_it_unmarked_everywhere(promoted):
    from gcm_collect.forms.builtin import load_builtin
    from gcm_collect.i18n.catalogs import load_catalog
    from gcm_collect.workbook.layout import labels_for

    assert ref.objective(1).is_official("ar")
    assert ref.objective(1).title("ar") == OFFICIAL_AR_1
    form = load_builtin()
    assert form.group("obj01").label("ar")[0] == f"1. {OFFICIAL_AR_1}"
    labels = labels_for([], "ar", load_catalog("ar", "messages").gettext)
    assert labels["objective"]["1"] == OFFICIAL_AR_1
    # a title still unofficial keeps its mark
    assert labels["objective"]["2"] != ref.objective(2).title("ar")


def test_without_the_change_the_working_title_is_marked():
    from gcm_collect.i18n.catalogs import load_catalog
    from gcm_collect.workbook.layout import labels_for

    labels = labels_for([], "ar", load_catalog("ar", "messages").gettext)
    assert labels["objective"]["1"].startswith(ref.objective(1).title("ar") + " (")
