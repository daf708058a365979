"""Hostile and broken inputs: one line each, the others still consolidated, nothing partial."""

from __future__ import annotations

import dataclasses
import os
import shutil
import zipfile

import openpyxl
import pytest
from helpers import export_of, record, records_of

from gcm_collect.consolidate import ConsolidationFailed, check_input, consolidate
from gcm_collect.errors import UserError
from gcm_collect.forms.model import Form
from gcm_collect.safezip import CHUNK, EXPORTS, sheet_parts
from gcm_collect.workbook import read_export, write_workbook
from gcm_collect.workbook.canonical import canonical_json
from gcm_collect.workbook.formulas import formula_cells
from gcm_collect.workbook.machine import export_fingerprint
from gcm_collect.workbook.model import META_SHEET, RECORDS_SHEET, ExportRecord
from gcm_collect.workbook.sheets import CODEBOOK_HEADER

pytestmark = pytest.mark.slow  # the slow lane: `make test` runs it, `make test-fast` not


def _good(folder):
    export_of(folder, "good", [record(1), record(2, state="RUS")])


@pytest.fixture()
def good(tmp_path, built_once):
    """A fresh copy, in the test's folder, of one export made once per run."""
    return built_once("good", _good, tmp_path) / "good.xlsx"


def _zip(path, parts):
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, data)
    return path


def not_a_workbook(d, good):
    (d / "notes.xlsx").write_text("just some text\n" * 10)
    return d / "notes.xlsx", "not an Excel workbook"


def empty(d, good):
    (d / "empty.xlsx").write_bytes(b"")
    return d / "empty.xlsx", "empty"


def truncated(d, good):
    data = good.read_bytes()
    (d / "cut.xlsx").write_bytes(data[: len(data) // 2])
    return d / "cut.xlsx", "not an Excel workbook"


def zip_bomb(d, good):
    """A part just over the size an export's part may compress as well as it likes."""
    path = _zip(d / "bomb.xlsx", {"[Content_Types].xml": "<Types/>", "xl/workbook.xml": "<w/>"})
    with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as z:
        with z.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as part:
            for _ in range(EXPORTS.ratio_floor // CHUNK + 1):
                part.write(b"\0" * CHUNK)
    return path, "zip bomb"


def entity_bomb(d, good):
    lol = (
        '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
        + "".join(
            f'<!ENTITY lol{i} "{"&lol%s;" % (i - 1 if i else "") * 10}">' for i in range(1, 9)
        )
        + ']><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">&lol8;'
        "</workbook>"
    )
    with zipfile.ZipFile(good) as src:
        parts = {n: src.read(n) for n in src.namelist()}
    parts["xl/workbook.xml"] = lol
    return _zip(d / "entities.xlsx", parts), "entity bomb"


def password(d, good):
    (d / "locked.xlsx").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 4096)
    return d / "locked.xlsx", "password-protected"


def other_tool(d, good):
    wb = openpyxl.Workbook()
    wb.active.append(["State", "Practice"])
    wb.save(d / "other.xlsx")
    return d / "other.xlsx", "not a GCM Collect export"


def _rewritten(good, out, *, meta=None, entry=None, change=None):
    """``good`` written again by the real writer, with its meta, form entries or records
    changed: a valid fingerprint over whatever it now holds."""
    wb = read_export(good)
    records = [change(r) for r in wb.records] if change else list(wb.records)
    write_workbook(
        out,
        meta=meta(wb.meta) if meta else wb.meta,
        forms=[((entry(e) if entry else e), Form.from_json(e.definition)) for e in wb.forms],
        records=iter(records),
        total=len(records),
        tr=lambda t: t,
        cover=lambda fp: [["x"]],
        codebook=[],
        codebook_header=CODEBOOK_HEADER,
    )
    return out


def newer_version(d, good):
    newer = _rewritten(
        good, d / "newer.xlsx", meta=lambda m: dataclasses.replace(m, format_version=99)
    )
    return newer, "newer version"


def formula_form_id(d, good):
    """A form id that is a formula (from an old database or a forged file): written as text,
    refused on reading."""
    hyperlink = '=HYPERLINK("http://example.org/x","click")'
    bad = _rewritten(
        good,
        d / "formula.xlsx",
        entry=lambda e: dataclasses.replace(e, form_id=hyperlink, version="=cmd|' /C calc'!A0"),
    )
    every_sheet = list(sheet_parts(bad))
    assert "_gcm_forms" in every_sheet and formula_cells(bad, every_sheet) == []
    return bad, "is not allowed"


def unknown_state(d, good):
    """A State JSON Lines refuses (ZZZ), written by an app that did not check."""
    return export_of(d, "zzz", [record(5, state="ZZZ")]), "unknown State ZZZ"


def region_not_its_own(d, good):
    """France in the African regional review: JSON Lines refuses it."""
    data = record(6)
    data["region"] = "ECA"
    return export_of(d, "eca", [data]), "France (FRA) is reviewed by ECE, ECLAC, ESCAP, not ECA"


def backwards_period(d, good):
    """A range of years written backwards (2025-2022): JSON Lines refuses it."""
    return export_of(d, "backwards", [record(7, period="2025-2022")]), "Put the earlier year first"


def too_many_entries(d, good):
    """More repeat entries than one submission may hold (an export of them took 3.9 GB)."""
    from gcm_collect.limits import MAX_ENTRIES

    def change(r):
        practices = [f"p{n}" for n in range(MAX_ENTRIES + 1)]
        data = {**r.data, "instances": {**r.instances, "practices": practices}}
        return ExportRecord(data=data, provenance=r.provenance)

    return _rewritten(good, d / "entries.xlsx", change=change), "too many repeat entries"


def huge_revision(d, good):
    def change(r):
        return ExportRecord(data={**r.data, "revision": 10**400}, provenance=r.provenance)

    return _rewritten(good, d / "rev.xlsx", change=change), "revision number is not valid"


def control_character_in_officer(d, good):
    def meta(m):
        return dataclasses.replace(m, officer="Amina\x01 Test")

    return _rewritten(good, d / "officer.xlsx", meta=meta), "officer holds a control character"


def control_character_in_provenance(d, good):
    def change(r):
        return ExportRecord(data=r.data, provenance={**r.provenance, "officer": "A\x1b[2J"})

    bad = _rewritten(good, d / "prov.xlsx", change=change)
    return bad, "provenance.officer holds a control character"


def control_character_in_file_name(d, good):
    bad = d / "report\x01.xlsx"
    shutil.copy(export_of(d, "named", [record(8, state="DEU")]), bad)
    return bad, "the file name holds a control character"


def form_missing(d, good):
    """The form its submissions were made with is not in the workbook (fingerprint redone)."""
    bad = d / "formless.xlsx"
    shutil.copy(good, bad)
    wb = read_export(good)
    book = openpyxl.load_workbook(bad)
    book["_gcm_forms"].delete_rows(2, book["_gcm_forms"].max_row)
    fingerprint = export_fingerprint(wb.meta, [], wb.records, wb.attachments)
    for row in book["_gcm_meta"].iter_rows():
        if row[0].value == "fingerprint":
            row[1].value = canonical_json(fingerprint)
    book.save(bad)
    return bad, "is missing from the inputs"


def tampered(d, good):
    book = openpyxl.load_workbook(good)
    ws = book["_gcm_records"]
    ws.cell(row=2, column=3).value = "0" * 64
    book.save(d / "tampered.xlsx")
    return d / "tampered.xlsx", "checksum"


def missing(d, good):
    return d / "nowhere.xlsx", "not found"


FAR_CELL = '<c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c>'


def _patch_sheet(good, out, sheet, change):
    """A copy of ``good`` whose sheet ``sheet`` has its XML changed by ``change``."""
    part = sheet_parts(good)[sheet]
    with zipfile.ZipFile(good) as src:
        parts = {n: src.read(n) for n in src.namelist()}
    parts[part] = change(parts[part].decode("utf-8")).encode("utf-8")
    return _zip(out, parts)


def _with_cell(good, out, sheet, cell):
    return _patch_sheet(good, out, sheet, lambda x: x.replace("</row>", cell + "</row>", 1))


def far_cell(d, good):
    """One cell at XFD1048576: python-calamine would allocate 17 billion cells (512 GB)."""
    return _with_cell(good, d / "far.xlsx", RECORDS_SHEET, FAR_CELL), "far beyond its"


def far_cell_spelt_oddly(d, good):
    """The same cell in a spelling the fast count does not take (attribute order, lower case)."""
    cell = '<c t="inlineStr" r="xfd1048576"><is><t>x</t></is></c>'
    return _with_cell(good, d / "odd.xlsx", RECORDS_SHEET, cell), "far beyond its"


def far_row_without_references(d, good):
    """Rows and cells without references are placed one after the other, from the last one."""
    row = '<row r="1048576"><c t="inlineStr"><is><t>x</t></is></c></row>'
    bad = _patch_sheet(
        good, d / "rows.xlsx", META_SHEET, lambda x: x.replace("</sheetData>", row + "</sheetData>")
    )
    return bad, "far beyond its"


def beyond_the_grid(d, good):
    cell = '<c r="XFE1" t="inlineStr"><is><t>x</t></is></c>'
    return _with_cell(good, d / "grid.xlsx", META_SHEET, cell), "beyond the largest sheet"


def _column(n: int) -> str:
    name = ""
    n += 1
    while n:
        n, rest = divmod(n - 1, 26)
        name = chr(65 + rest) + name
    return name


def many_small_cells(d, good):
    """Under every container limit (ratio about 16:1, 6 million of the 40 million cells an
    export may hold), yet reading it takes gigabytes: python-calamine and the Python lists of
    a sheet cost about 350 bytes a cell. Such a file of 80 MB took more than 13 GB, and one of
    20 MB 2.9 GB. Read in the child process, it stops at the child's memory limit."""
    part = sheet_parts(good)["Submissions"]
    columns = [_column(n) for n in range(100)]
    out = d / "cells.xlsx"
    with zipfile.ZipFile(good) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename != part:
                dst.writestr(info.filename, data)
                continue
            head, tail = data.split(b"</sheetData>")
            with dst.open(part, "w", force_zip64=True) as sheet:
                sheet.write(head)
                for r in range(100, 60_100):
                    cells = "".join(f'<c r="{c}{r}"><v>{r % 7}</v></c>' for c in columns)
                    sheet.write(f'<row r="{r}">{cells}</row>'.encode())
                sheet.write(b"</sheetData>" + tail)
    return out, "needs more than 1024 MB of memory"


HOSTILE = [
    not_a_workbook,
    empty,
    truncated,
    zip_bomb,
    entity_bomb,
    password,
    other_tool,
    newer_version,
    formula_form_id,
    unknown_state,
    region_not_its_own,
    backwards_period,
    too_many_entries,
    huge_revision,
    control_character_in_officer,
    control_character_in_provenance,
    control_character_in_file_name,
    form_missing,
    tampered,
    missing,
    far_cell,
    far_cell_spelt_oddly,
    far_row_without_references,
    beyond_the_grid,
    many_small_cells,
]


@pytest.mark.parametrize("make", HOSTILE, ids=[f.__name__ for f in HOSTILE])
def test_each_bad_input_is_one_line_and_the_others_are_consolidated(make, good, tmp_path):
    bad, words = make(tmp_path, good)
    status = check_input(bad)
    assert status.outcome == "rejected" and words in status.problem
    assert "\n" not in status.line() and str(bad) in status.line()
    out = tmp_path / "region.xlsx"
    report = consolidate([bad, good], out)
    assert report.problems == (status.line(),)
    assert set(records_of(out)) == {record(1)["uuid"], record(2)["uuid"]}
    with pytest.raises(ConsolidationFailed) as failed:
        consolidate([bad, good], tmp_path / "strict.xlsx", strict=True)
    assert words in str(failed.value) and failed.value.report.out is None
    assert not (tmp_path / "strict.xlsx").exists()


def test_formulas_in_data_cells_are_found_and_never_taken(good, tmp_path):
    book = openpyxl.load_workbook(good)
    ws = book["Submissions"]
    names = [c.value for c in ws[2]]
    ws.cell(row=3, column=names.index("national_policy_year") + 1).value = "=2000+20"
    ws.cell(row=4, column=names.index("lead_entity") + 1).value = '=HYPERLINK("http://x","y")'
    book.save(tmp_path / "formulas.xlsx")
    status = check_input(tmp_path / "formulas.xlsx")
    assert status.outcome == "edited"
    assert sorted(f[2] for f in status.formulas) == ["=2000+20", '=HYPERLINK("http://x","y")']
    report = consolidate([tmp_path / "formulas.xlsx"], tmp_path / "r.xlsx", accept_edits=True)
    assert {e.outcome for e in report.edits} == {"refused"}
    answers = records_of(tmp_path / "r.xlsx")[record(1)["uuid"]]["answers"]
    assert answers["national_policy_year"] == 2019


def test_the_same_file_twice_is_read_once(good, tmp_path):
    copy = tmp_path / "copy.xlsx"
    shutil.copy(good, copy)
    report = consolidate([good, good, copy], tmp_path / "r.xlsx")
    assert [s.outcome for s in report.inputs] == ["verified", "duplicate", "duplicate"]
    assert len(report.problems) == 2 and report.submissions == 2


def test_a_file_vanishing_mid_run(good, tmp_path):
    later = export_of(tmp_path, "later", [record(3, state="DEU")])
    gone = export_of(tmp_path, "gone", [record(4, state="DEU")])

    def progress(done, total):
        if gone.exists():
            gone.unlink()  # deleted while the run reads the inputs before it

    report = consolidate([good, later, gone], tmp_path / "r.xlsx", progress=progress)
    assert [s.outcome for s in report.inputs] == ["verified", "verified", "rejected"]
    assert "not found" in report.problems[0]
    assert record(4)["uuid"] not in records_of(tmp_path / "r.xlsx")


def test_output_is_never_partial_and_never_an_input(good, tmp_path):
    out = tmp_path / "r.xlsx"
    out.write_bytes(b"older regional workbook")
    with pytest.raises(ConsolidationFailed):
        consolidate([tmp_path / "nowhere.xlsx"], out)
    assert out.read_bytes() == b"older regional workbook"
    for same in (out, out.parent / "." / out.name):  # the same file by any path
        with pytest.raises(UserError, match="also one of the inputs"):
            consolidate([good, same], out)
        assert out.read_bytes() == b"older regional workbook"
    # Only the letter case differs: one file on Windows and macOS disks, even before the
    # output exists (refused on every system, the folder may travel).
    shouting = tmp_path / "GOOD.XLSX"
    with pytest.raises(UserError, match="also one of the inputs"):
        consolidate([good], shouting)
    assert not shouting.exists() and good.exists()
    link = tmp_path / "link.xlsx"
    os.link(out, link)
    with pytest.raises(UserError, match="also one of the inputs"):
        consolidate([good, link], out)
    assert out.read_bytes() == b"older regional workbook"


BOUNDED = [
    zip_bomb,
    entity_bomb,
    far_cell,
    far_cell_spelt_oddly,
    far_row_without_references,
    many_small_cells,
]


@pytest.mark.parametrize("make", BOUNDED, ids=[f.__name__ for f in BOUNDED])
def test_import_and_consolidate_refuse_it_in_one_line_and_little_memory(
    make, good, tmp_path, gcm_measured
):
    bad, words = make(tmp_path, good)
    status, _out, err, peak = gcm_measured("import", str(bad))
    assert status == 1 and err.count("\n") == 1
    assert err.startswith(f"{bad}: ") and words in err
    assert peak < 1024, f"{peak} MB"
    out = tmp_path / "region.xlsx"
    status, said, err, peak = gcm_measured("consolidate", str(bad), str(good), "--out", str(out))
    assert status == 0 and "consolidated 2 submissions" in said, said + err
    first, *others = err.splitlines()  # one line for the bad file ...
    assert first.startswith(f"{bad}: ") and words in first
    assert others == [f"{good}: signed by an unknown key (A)"]  # ... the reviewer trusts no key
    assert peak < 1024, f"{peak} MB"
    assert set(records_of(out)) == {record(1)["uuid"], record(2)["uuid"]}


def test_a_workbook_whose_form_has_a_catastrophic_regex_is_read_at_once(good, tmp_path):
    """'^(a+)+$' in the form a workbook carries, and an answer of 40 a's and a b: a
    backtracking engine would take hours in import and consolidate (it once did)."""
    from datasets import open_store

    from gcm_collect.export import export_workbook
    from gcm_collect.forms import form_from_sheets
    from gcm_collect.ops.importing import import_files

    survey = [
        {"type": "text", "name": "code", "label": "Code"},
        {"type": "text", "name": "more", "label": "More", "relevant": "regex(${code}, '^(a+)+$')"},
    ]
    form = form_from_sheets(
        {"survey": survey, "settings": [{"form_id": "evil", "version": "1"}]}, "evil.xlsx"
    )
    store = open_store(tmp_path, "evil.sqlite")
    store.save_form(form.form_id, form.version, form.content_hash, "Evil", form.to_json())
    data = record(7)
    data.update(form_id="evil", form_version="1", answers={"code": "a" * 40 + "b"})
    store.put_submission(data, who="test")
    export_workbook(store, tmp_path / "evil.xlsx", lang="en")
    store.close()
    report = consolidate([tmp_path / "evil.xlsx", good], tmp_path / "r.xlsx")
    assert set(records_of(tmp_path / "r.xlsx")) == {record(n)["uuid"] for n in (1, 2, 7)}
    assert report.problems == ()
    fresh = open_store(tmp_path, "fresh.sqlite")
    assert import_files(fresh, [tmp_path / "evil.xlsx"]).total()["inserted"] == 1
    fresh.close()


@pytest.mark.parametrize(
    "make", [unknown_state, region_not_its_own, backwards_period], ids=lambda f: f.__name__
)
def test_import_takes_states_regions_and_periods_as_json_lines_does(make, good, tmp_path):
    from datasets import open_store

    from gcm_collect.errors import UserError
    from gcm_collect.ops.importing import import_files

    bad, words = make(tmp_path, good)
    store = open_store(tmp_path, "laptop.sqlite")
    with pytest.raises(UserError) as refused:
        import_files(store, [bad])
    assert str(refused.value).startswith(f"{bad}: submission ") and words in str(refused.value)
    assert store.count_submissions() == 0
    store.close()
