"""Answers with text that XML and UTF-8 handle badly: exported, read back, imported."""

from __future__ import annotations

import zipfile

import pytest
from datasets import open_store, record

from gcm_collect.errors import UserError
from gcm_collect.export import export_workbook
from gcm_collect.export.importer import import_workbook
from gcm_collect.workbook import find_edits, read_export

pytestmark = pytest.mark.slow  # the slow lane: `make test` runs it, `make test-fast` not


def _export(tmp_path, value):
    store = open_store(tmp_path, "a.sqlite")
    data = record(1)
    data["answers"]["focal_point_name"] = value
    store.put_submission(data, who="test")
    stored = store.get_record(data["uuid"])
    path = tmp_path / "e.xlsx"
    export_workbook(store, path, lang="en")
    store.close()
    return path, stored


def test_a_lone_surrogate_answer_exports_and_its_record_reads_back(tmp_path):
    # The store keeps lone surrogates (pasted text can carry one); the export crashed on
    # encoding the record's checksum to UTF-8.
    path, stored = _export(tmp_path, "half \ud800 a pair")
    (got,) = read_export(path).records
    assert dict(got.data) == stored
    assert got.data["answers"]["focal_point_name"] == "half \ud800 a pair"


def test_a_damaged_visible_sheet_is_a_user_error_naming_the_file(tmp_path):
    path, _stored = _export(tmp_path, "Nour")
    damaged = tmp_path / "damaged.xlsx"
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(damaged, "w") as out:
        for item in src.infolist():
            data = src.read(item)
            if item.filename == "xl/worksheets/sheet2.xml":
                data = data.replace(b"Nour", b"&#55296;")  # a code point XML forbids
            out.writestr(item, data)
    with pytest.raises(UserError, match="cannot be read") as info:
        find_edits(damaged)
    assert info.value.path == str(damaged)


def test_a_lone_surrogate_answer_imports(tmp_path):
    path, stored = _export(tmp_path, "half \ud800 a pair")
    target = open_store(tmp_path, "b.sqlite")
    import_workbook(target, path)
    assert target.get_record(stored["uuid"])["answers"] == stored["answers"]
    target.close()


@pytest.mark.parametrize("text", ["pasted\r\nfrom Word", "old Mac\rline"])
def test_text_with_windows_line_ends_imports_without_edits(tmp_path, text):
    path, stored = _export(tmp_path, text)
    assert find_edits(path) == []
    target = open_store(tmp_path, "b.sqlite")
    import_workbook(target, path)
    assert target.get_record(stored["uuid"])["answers"]["focal_point_name"] == text
    target.close()


def test_consolidation_accepting_edits_keeps_windows_line_ends(tmp_path):
    from gcm_collect.consolidate import consolidate

    path, stored = _export(tmp_path, "pasted\r\nfrom Word")
    consolidate([path], tmp_path / "region.xlsx", lang="en", accept_edits=True)
    (got,) = read_export(tmp_path / "region.xlsx").records
    assert got.data["answers"] == stored["answers"]
