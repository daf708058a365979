"""Attachments go through consolidation: every input's documents, once each, still verified."""

from __future__ import annotations

import hashlib

import pytest
from datasets import file_store

from gcm_collect.consolidate import consolidate
from gcm_collect.export import export_workbook, import_workbook
from gcm_collect.store import Store
from gcm_collect.workbook import read_export

SHARED = b"%PDF the same circular, attached on two laptops"
OWN = b"%PDF only on the second laptop"


def _export(folder, name, files, n):
    store = file_store(folder, f"{name}.sqlite", files, n=n)
    path = folder / f"{name}.xlsx"
    export_workbook(store, path, lang="en")
    store.close()
    return path


@pytest.mark.slow
def test_two_exports_with_the_same_attachment_carry_it_once(tmp_path):
    a = _export(tmp_path, "a", {"circular.pdf": SHARED}, 1)
    b = _export(tmp_path, "b", {"circular.pdf": SHARED, "own.pdf": OWN}, 2)
    out = tmp_path / "regional.xlsx"
    report = consolidate([a, b], out)
    assert report.problems == () and report.submissions == 2
    wb = read_export(out)
    assert sorted(x.sha256 for x in wb.attachments) == sorted(
        hashlib.sha256(d).hexdigest() for d in (SHARED, OWN)
    )
    with Store.open(tmp_path / "hq.sqlite") as hq:
        assert import_workbook(hq, out).files_added == 2
        assert hq.get_attachment(hashlib.sha256(OWN).hexdigest()) == OWN
    # A regional workbook is itself an input: consolidating it again keeps the documents.
    again = tmp_path / "again.xlsx"
    consolidate([out], again)
    assert {x.data for x in read_export(again).attachments} == {SHARED, OWN}
