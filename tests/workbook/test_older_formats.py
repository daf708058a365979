"""Files written by an older GCM Collect still read, verify and import; a new meta key comes
with a new format version, so that older apps refuse a newer workbook as newer, never as
changed (tests/workbook/test_workbook_integrity.py: the "newer version" message).

The files in ``files/older/`` were written by the app at commit 6f65a9c (2026-12-03, workbook
format 2 with the ``layout`` key, before ``data_sha256``), on a two-question form
(``files/older/README.md`` says how): a real officer's export, the regional workbook
consolidated from it, and the reviewer's return file of that regional workbook."""

from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path

import pytest
from datasets import open_store

from gcm_collect.ops.importing import import_files
from gcm_collect.workbook import read_export
from gcm_collect.workbook.edits import find_edits
from gcm_collect.workbook.model import FORMAT_VERSION, ExportMeta
from gcm_collect.workbook.signing import SIGNED

OLDER = Path(__file__).parent / "files" / "older"
FRANCE = "0e5d2b6a-6f0e-4d4f-9a51-7c2f4a1b3c01"


@pytest.fixture
def older(tmp_path) -> Path:
    """The files, copied: reading never writes them, but a test must not be able to."""
    shutil.copytree(OLDER, tmp_path / "older")
    return tmp_path / "older"


@pytest.mark.parametrize(("name", "count"), [("export", 2), ("regional", 1)])
def test_a_format_2_workbook_reads_verified_and_signed_with_no_false_edits(older, name, count):
    wb = read_export(older / f"{name}-format2.xlsx")
    assert wb.meta.format_version == 2 and "data_sha256" not in wb.meta.to_data()
    assert wb.signature.status == SIGNED
    assert len(wb.records) == count
    assert find_edits(wb) == []  # rendered in its own layout: nothing looks edited


def test_a_format_2_export_its_regional_workbook_and_their_return_file_import(older, tmp_path):
    store = open_store(tmp_path)
    report = import_files(store, [older / "export-format2.xlsx"])
    assert report.total()["inserted"] == 2 and report.edits == {
        str(older / "export-format2.xlsx"): 0
    }
    assert store.get_answers(FRANCE)["ministry"] == "Ministère de l’Intérieur"
    again = import_files(store, [older / "regional-format2.xlsx"])
    assert again.total()["unchanged"] == 1
    returned = import_files(store, [older / "return-format1.xlsx"])
    assert returned.reviews[str(older / "return-format1.xlsx")] == [
        f"submission {FRANCE}: returned (Say which ministry leads it.)"
    ]
    store.close()


# What a workbook's meta may hold, by format version. A reader checks the fingerprint against
# the meta rebuilt from the keys it knows: a key it does not know reads as a changed workbook
# ("fingerprint mismatch"). So a new key in ExportMeta bumps FORMAT_VERSION (older apps then
# say "written by a newer version"), and its version gets its line here.
META_FIELDS = {
    3: {
        "exported_at",
        "officer",
        "device_id",
        "lang",
        "app_version",
        "sheets",
        "labels",
        "truncation_marker",
        "filters",
        "format_version",
        "layout",
        "conversation",
        "data_sha256",
        "data_buckets",
    },
}


def test_a_new_meta_key_comes_with_a_new_format_version():
    fields = {f.name for f in dataclasses.fields(ExportMeta)}
    assert FORMAT_VERSION in META_FIELDS, "a new format version: pin its meta keys here"
    assert fields == META_FIELDS[FORMAT_VERSION], (
        "ExportMeta's keys changed: readers of this format version would call such a "
        "workbook changed; bump FORMAT_VERSION (workbook/model.py) and say so in "
        "docs/workbook-format.md"
    )
