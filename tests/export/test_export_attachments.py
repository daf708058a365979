"""Attachments of ``file`` answers travel in the workbook's machine part (``_gcm_files``)."""

from __future__ import annotations

import base64
import hashlib
import random

import pytest
from datasets import file_store
from openpyxl import load_workbook

from gcm_collect.errors import UserError
from gcm_collect.export import export_workbook, import_workbook
from gcm_collect.store import Store
from gcm_collect.workbook import FORMAT_NAME, read_export
from gcm_collect.workbook.canonical import canonical_json, sha256
from gcm_collect.workbook.model import FILES_SHEET

PLAN = b"%PDF-1.7 national action plan \x00\xff"
# Big enough to span several cells of 32,000 base64 characters.
ANNEX = random.Random(7).randbytes(100_000)


@pytest.fixture
def exported(tmp_path):
    store = file_store(
        tmp_path, "a.sqlite", {"plan.pdf": PLAN, "annex.bin": ANNEX, "copy.pdf": PLAN}
    )
    out = tmp_path / "files.xlsx"
    export_workbook(store, out, lang="en")
    store.close()
    return out


def test_each_attachment_is_written_once_and_read_back_verified(exported):
    wb = read_export(exported)
    assert len(wb.attachments) == 2  # PLAN is answered twice (plan.pdf, copy.pdf), kept once
    got = {a.sha256: a.data for a in wb.attachments}
    assert got == {hashlib.sha256(PLAN).hexdigest(): PLAN, hashlib.sha256(ANNEX).hexdigest(): ANNEX}
    names = {a.sha256: a.name for a in wb.attachments}
    assert names[hashlib.sha256(PLAN).hexdigest()] in ("plan.pdf", "copy.pdf")
    sheet = load_workbook(exported, read_only=True)[FILES_SHEET]
    rows = [
        r for r in sheet.iter_rows(values_only=True) if r[0] == hashlib.sha256(ANNEX).hexdigest()
    ]
    cells = [c for c in rows[0][3:] if c]
    assert len(cells) > 1 and all(len(c) <= 32_000 for c in cells)


def test_import_on_another_laptop_gives_the_same_bytes(exported, tmp_path):
    with Store.open(tmp_path / "b.sqlite") as other:
        report = import_workbook(other, exported)
        assert report.inserted == 1 and report.files_added == 2 and report.edits == ()
        assert other.get_attachment(hashlib.sha256(PLAN).hexdigest()) == PLAN
        assert other.get_attachment(hashlib.sha256(ANNEX).hexdigest()) == ANNEX
        again = import_workbook(other, exported)
        assert again.unchanged == 1 and again.files_added == 0


def test_an_export_without_attachments_has_no_files_in_its_fingerprint(tmp_path):
    """No attachment, no ``files`` key; formats 2 and 3 cover each form's whole row (ids too)."""
    store = file_store(tmp_path, "none.sqlite", {})
    out = tmp_path / "none.xlsx"
    fp = export_workbook(store, out, lang="en").fingerprint
    store.close()
    wb = read_export(out)
    assert wb.attachments == ()
    old_rule = {
        "format": FORMAT_NAME,
        "version": wb.meta.format_version,
        "meta": wb.meta.to_data(),
        "forms": sorted(
            canonical_json([f.form_id, f.version, f.content_hash, f.sha256]) for f in wb.forms
        ),
        "records": sorted(r.key for r in wb.records),
    }
    assert fp == sha256(canonical_json(old_rule))


def _tamper(path, change) -> None:
    book = load_workbook(path)
    change(book[FILES_SHEET])
    book.save(path)


def test_changed_attachment_bytes_are_refused_naming_the_file(exported):
    names = []

    def swap(ws):
        for row in ws.iter_rows(min_row=2):
            if row[0].value == hashlib.sha256(PLAN).hexdigest():
                row[3].value = base64.b64encode(b"%PDF forged").decode()
                names.append(row[1].value)

    _tamper(exported, swap)
    with pytest.raises(UserError) as caught:
        read_export(exported)
    assert names and names[0] in caught.value.message and "SHA-256" in caught.value.message
    assert str(caught.value.path) == str(exported)


def test_a_removed_attachment_breaks_the_fingerprint(exported):
    _tamper(exported, lambda ws: ws.delete_rows(2))
    with pytest.raises(UserError, match="fingerprint"):
        read_export(exported)
