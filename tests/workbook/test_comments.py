"""Comments reviewers leave on cells become comments on answers: notes (openpyxl, LibreOffice)
and Excel's threaded comments, by row key and row-2 name, repeat entries included."""

from __future__ import annotations

import shutil

import pytest
from datasets import _uuid, fill, open_store
from notes_helpers import add_notes, add_threaded, cell_of

from gcm_collect.conversation import REPLY
from gcm_collect.errors import UserError
from gcm_collect.export import export_workbook
from gcm_collect.safezip import sheet_parts
from gcm_collect.workbook import read_export
from gcm_collect.workbook.comments import read_comments
from gcm_collect.workbook.notes import read_notes


@pytest.fixture
def exported(tmp_path):
    store = open_store(tmp_path)
    fill(store, 3)
    path = tmp_path / "export.xlsx"
    export_workbook(store, path, lang="en")
    store.close()
    return path


def _notes(path):
    first = _uuid(0)
    entry = _uuid(0, "p2")
    sub = cell_of(path, "Submissions", {"_uuid": first}, "lead_entity")
    rep = cell_of(
        path, "Practice", {"_submission_uuid": first, "_instance": entry}, "practice_title"
    )
    return first, entry, sub, rep


def test_notes_on_data_cells_name_the_answer(exported, tmp_path):
    first, entry, sub, rep = _notes(exported)
    add_notes(
        exported,
        [
            ("Submissions", sub, "Lars", "Which ministry leads?"),
            ("Practice", rep, "Lars", "Title in English please"),
            ("Submissions", "D1", "Lars", "Why this column?"),
            ("About", "B4", "Mei", "Nice cover"),
        ],
    )
    found = read_comments(read_export(exported), reviewer="Someone")
    by_path = {c.path: c for c in found.conversation.comments}
    assert by_path["lead_entity"].submission == first
    assert by_path["lead_entity"].text == "Which ministry leads?"
    assert by_path["lead_entity"].author == "Lars"
    assert by_path["lead_entity"].revision == 1
    assert by_path[f"practices[{entry}]/practice_title"].text == "Title in English please"
    assert len(by_path) == 2
    # Not on an answer: reported with their text, never dropped.
    assert sorted((u.sheet, u.cell, u.text) for u in found.unplaced) == [
        ("About", "B4", "Nice cover"),
        ("Submissions", "D1", "Why this column?"),
    ]
    assert all("Nice cover" in line or "Why" in line for line in found.problems)


def test_sorting_the_rows_keeps_each_comment_on_its_answer(exported):
    from openpyxl import load_workbook

    first, _entry, sub, _rep = _notes(exported)
    add_notes(exported, [("Submissions", sub, "Lars", "Which ministry leads?")])
    wb = load_workbook(exported)
    ws = wb["Submissions"]
    rows = list(ws.iter_rows(min_row=3))
    # Move the commented row to the bottom (swap values and comments of rows 3 and 5).
    values = [[(c.value, c.comment) for c in row] for row in rows]
    for row, source in zip(rows, reversed(values), strict=True):
        for cell, (value, comment) in zip(row, source, strict=True):
            cell.value = value
            cell.comment = comment
    wb.save(exported)
    [comment] = read_comments(read_export(exported)).conversation.comments
    assert (comment.submission, comment.path) == (first, "lead_entity")


def test_threaded_comments_with_their_replies(exported):
    first, _entry, sub, _rep = _notes(exported)
    part = sheet_parts(exported)["Submissions"]
    add_threaded(
        exported,
        part,
        [
            {
                "ref": sub,
                "id": "{A1}",
                "author": "Lars Berg",
                "text": "Source?",
                "dT": "2026-03-01T10:00:00.00",
            },
            {
                "ref": sub,
                "id": "{A2}",
                "parentId": "{A1}",
                "author": "Mei Chen",
                "text": "Agreed",
                "dT": "2026-03-01T11:00:00.00",
            },
        ],
    )
    found = read_comments(read_export(exported))
    first_comment, reply = found.conversation.comments
    assert (first_comment.author, first_comment.text, first_comment.path) == (
        "Lars Berg",
        "Source?",
        "lead_entity",
    )
    assert first_comment.submission == first and first_comment.at.startswith("2026-03-01T10")
    assert (reply.kind, reply.reply_to, reply.author) == (REPLY, first_comment.id, "Mei Chen")


def test_reading_twice_gives_the_same_ids(exported):
    _first, _entry, sub, _rep = _notes(exported)
    add_notes(exported, [("Submissions", sub, "Lars", "Which ministry leads?")])
    once = read_comments(read_export(exported)).conversation
    assert read_comments(read_export(exported)).conversation == once


def test_a_damaged_comments_part_names_the_file(exported, tmp_path):
    import zipfile

    _first, _entry, sub, _rep = _notes(exported)
    add_notes(exported, [("Submissions", sub, "Lars", "x")])
    broken = tmp_path / "broken.xlsx"
    with zipfile.ZipFile(exported) as src, zipfile.ZipFile(broken, "w") as dst:
        for item in src.namelist():
            data = src.read(item)
            if "comments" in item and item.endswith(".xml"):
                data = data[: len(data) // 2]
            dst.writestr(item, data)
    with pytest.raises(UserError) as caught:
        read_comments(read_export(broken))
    assert "broken.xlsx" in str(caught.value) and "comments" in str(caught.value)


@pytest.mark.slow
def test_libreoffice_keeps_the_notes_and_they_are_read(exported, tmp_path, libreoffice):
    first, entry, sub, rep = _notes(exported)
    add_notes(
        exported,
        [
            ("Submissions", sub, "Lars", "Which ministry leads?"),
            ("Practice", rep, "Lars", "Title in English please"),
        ],
    )
    folder = tmp_path / "lo"
    folder.mkdir()
    resaved = libreoffice(exported, "xlsx:Calc MS Excel 2007 XML", folder)
    assert resaved.exists() and resaved != exported
    found = read_comments(read_export(resaved))
    assert {(c.submission, c.path, c.text) for c in found.conversation.comments} == {
        (first, "lead_entity", "Which ministry leads?"),
        (first, f"practices[{entry}]/practice_title", "Title in English please"),
    }
    assert not found.unplaced
    shutil.rmtree(folder)


def test_the_exports_own_footnote_notes_are_not_comments(tmp_path):
    """An export naming Kosovo puts the footnote on its State columns' headers as a note: every
    reading (Open for review, return, consolidate) once listed each as "a comment on a header,
    not on an answer", eleven lines for an untouched export."""
    from datasets import record

    store = open_store(tmp_path)
    with store.atomic():
        store.put_submission(record(0, state="XKX", status="finalized"), who="test")
    path = tmp_path / "XKX-export.xlsx"
    export_workbook(store, path, lang="en")
    store.close()
    assert any("Kosovo" in note.text for note in read_notes(path))  # the footnote is there
    wb = read_export(path)
    read = read_comments(wb)
    assert (read.unplaced, read.conversation.comments) == ((), ())
    # A reviewer's comment on a header is still told.
    add_notes(path, [("Submissions", "A1", "Lars", "Why this order?")])
    [unplaced] = read_comments(read_export(path)).unplaced
    assert unplaced.text == "Why this order?" and "header" in unplaced.reason
