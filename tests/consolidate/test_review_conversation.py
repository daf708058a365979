"""The review conversation end to end: export -> comments and decisions (openpyxl, and a
LibreOffice re-save) -> consolidate -> return -> the officer imports, replies and revises ->
export -> consolidate shows what changed since the review and the answered comment."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from datasets import _uuid, open_store, record
from notes_helpers import add_notes, cell_of, decide
from openpyxl import load_workbook

from gcm_collect.conversation import Conversation, Decision
from gcm_collect.export import export_workbook
from gcm_collect.ops.importing import import_files
from gcm_collect.ops.review import reply, return_reviews, threads_of
from gcm_collect.ops.workbooks import consolidate_workbooks
from gcm_collect.workbook import read_export

pytestmark = pytest.mark.slow  # real workbooks, written and read

A, B = _uuid(0), _uuid(1)


def _officer(folder: Path):
    store = open_store(folder, "officer.sqlite")
    with store.atomic():
        for n in (0, 1):
            store.put_submission(record(n, state="FRA", status="finalized"), who="test")
    return store


def _rows(path: Path, role: str) -> list[dict]:
    plan = next(p for p in read_export(path).meta.sheets if p.role == role)
    rows = list(load_workbook(path, read_only=True)[plan.name].iter_rows(values_only=True))
    names = rows[1]
    return [dict(zip(names, row, strict=False)) for row in rows[2:]]


def _reviewed_copy(folder: Path, exported: Path, name: str, decisions, note=True) -> Path:
    copy = folder / name
    shutil.copyfile(exported, copy)
    if note:
        cell = cell_of(copy, "Submissions", {"_uuid": A}, "lead_entity")
        add_notes(copy, [("Submissions", cell, "Lars Berg", "Which ministry leads?")])
    decide(copy, decisions)
    return copy


def test_the_whole_loop(tmp_path, libreoffice):
    officer = _officer(tmp_path)
    first = tmp_path / "FRA-1.xlsx"
    export_workbook(officer, first, lang="en")
    officer.close()

    # The reviewer comments and decides, then LibreOffice saves the file again (notes kept).
    reviewed = _reviewed_copy(
        tmp_path,
        first,
        "FRA-1-reviewed.xlsx",
        {A: ("return", "Name the ministry"), B: ("approve", None)},
    )
    lo = tmp_path / "lo"
    lo.mkdir()
    resaved = libreoffice(reviewed, "xlsx:Calc MS Excel 2007 XML", lo)

    reviewer = open_store(tmp_path, "reviewer.sqlite")
    region = tmp_path / "ECE-1.xlsx"
    report = consolidate_workbooks(reviewer, [resaved], region, lang="en")
    assert [p for p in report.problems if "unknown key" not in p] == []  # not trusted yet
    [comment] = _rows(region, "comments")
    assert comment["question"] != "lead_entity" and comment["comment"] == "Which ministry leads?"
    assert (comment["_uuid"], comment["thread"]) == (A, "open")
    # LibreOffice keeps the note but not its author (it writes a blank one): the comment is
    # then attributed to whoever last saved the file, when the file says.
    assert comment["author"] in (None, "Lars Berg")
    assert {(d["_uuid"], d["decision"]) for d in _rows(region, "decisions")} == {
        (A, "return"),
        (B, "approve"),
    }
    assert {r["_uuid"]: r["decision"] for r in _rows(region, "review")} == {
        A: "return",
        B: "approve",
    }

    # Return: one signed file for France 2024-2025; the officer imports it.
    returns = tmp_path / "returns"
    returns.mkdir()
    [returned] = return_reviews(reviewer, region, returns, reviewer="Lars Berg").files
    officer = open_store(tmp_path, "officer.sqlite")
    import_files(officer, [returned])
    new_a, _revision = officer.revised_by(A)
    assert officer.review_state_of(B)[0] == "approved"

    # The officer answers the comment and revises the answer.
    [thread] = threads_of(officer, new_a)
    reply(officer, thread.comment, "The Ministry of the Interior")
    officer.set_answer(new_a, "lead_entity", "Ministère de l'Intérieur", who="officer")
    officer.set_status(new_a, "finalized", who="officer")
    second = tmp_path / "FRA-2.xlsx"
    export_workbook(officer, second, lang="en")
    officer.close()
    assert any(c.kind == "reply" for c in read_export(second).conversation.comments)

    region2 = tmp_path / "ECE-2.xlsx"
    consolidate_workbooks(reviewer, [region, second], region2, lang="en")
    [answered] = _rows(region2, "comments")
    assert answered["thread"] == "answered"
    assert "The Ministry of the Interior" in answered["reply"]
    changes = _rows(region2, "changes")
    assert [(c["_uuid"], c["_path"], c["after"]) for c in changes] == [
        (new_a, "lead_entity", "Ministère de l'Intérieur")
    ]
    assert changes[0]["before"] == record(0)["answers"]["lead_entity"]

    # Two levels: only what the regional reviewer approved.
    approved = tmp_path / "ECE-approved.xlsx"
    kept = consolidate_workbooks(reviewer, [region2], approved, lang="en", approved="regional")
    assert [r.uuid for r in read_export(approved).records] == [B]
    assert {x.uuid for x in kept.excluded} == {A, new_a}  # A: kept while its key is unknown
    reviewer.close()


def test_merging_the_conversation_is_order_free_and_idempotent(tmp_path):
    officer = _officer(tmp_path)
    first = tmp_path / "FRA-1.xlsx"
    export_workbook(officer, first, lang="en")
    officer.close()
    one = _reviewed_copy(tmp_path, first, "one.xlsx", {A: ("return", "Source?")})
    two = _reviewed_copy(tmp_path, first, "two.xlsx", {A: ("approve", None)}, note=False)

    def run(name, inputs):
        out = tmp_path / name
        consolidate_workbooks(None, inputs, out, lang="en")
        return out

    ab, ba = run("ab.xlsx", [one, two]), run("ba.xlsx", [two, one])
    talk = read_export(ab).conversation
    assert talk == read_export(ba).conversation
    assert len(talk.comments) == 1 and len(talk.decisions) == 2
    again = run("again.xlsx", [ab, one, two])  # a consolidated workbook read with its inputs
    assert read_export(again).conversation == talk
    # Conflicting decisions on one revision are listed, both, never settled.
    rows = _rows(ab, "decisions")
    assert len(rows) == 2 and all(r["conflict"] for r in rows)


def test_a_comment_on_the_cover_is_reported_not_lost(tmp_path):
    officer = _officer(tmp_path)
    first = tmp_path / "FRA-1.xlsx"
    export_workbook(officer, first, lang="en")
    officer.close()
    add_notes(first, [("About", "B4", "Mei", "Who wrote this?")])
    out = tmp_path / "ECE.xlsx"
    report = consolidate_workbooks(None, [first], out, lang="en")
    assert any("About!B4" in p and "Who wrote this?" in p for p in report.problems)
    [row] = _rows(out, "comments")
    assert row["comment"] == "Who wrote this?" and "About!B4" in row["question"]


def test_decisions_of_the_past_are_carried_as_they_were(tmp_path):
    officer = _officer(tmp_path)
    earlier = Decision.new(A, 1, "reject", "Out of scope", "national", "Amina", "2026-01-01")
    officer.save_conversation(Conversation(decisions=(earlier,)), who="test")
    first = tmp_path / "FRA-1.xlsx"
    export_workbook(officer, first, lang="en")
    officer.close()
    out = tmp_path / "ECE.xlsx"
    consolidate_workbooks(None, [first], out, lang="en")
    assert read_export(out).conversation.decisions == (earlier,)
    [row] = _rows(out, "decisions")
    assert (row["decision"], row["level"], row["reason"]) == ("reject", "national", "Out of scope")
