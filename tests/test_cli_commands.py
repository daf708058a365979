"""The commands end to end, in a subprocess, as a script or a person runs them."""

from __future__ import annotations

import sqlite3
import subprocess
import sys

import pytest

from gcm_collect.forms import read_xlsform
from gcm_collect.forms.builtin import builtin_form
from gcm_collect.keys import read_card
from gcm_collect.store import Store

pytestmark = pytest.mark.slow  # the slow lane: `make test` runs it, `make test-fast` not


def gcm(db, *args: str):
    return subprocess.run(
        [sys.executable, "-m", "gcm_collect", "--db", str(db), *args],
        capture_output=True,
        text=True,
    )


def test_form_template_check_import_round_trip(tmp_path):
    db, template = tmp_path / "db.sqlite3", tmp_path / "survey.xlsx"
    assert gcm(db, "form", "template", "--out", str(template)).returncode == 0
    check = gcm(db, "form", "check", str(template))
    assert check.returncode == 0, check.stdout + check.stderr
    # not even a warning: all six languages are there
    assert check.stdout == f"{template}: 0 errors, 0 warnings\n"
    assert read_xlsform(template).content_hash == builtin_form().content_hash
    first = gcm(db, "form", "import", str(template))
    assert first.returncode == 0 and "already imported" not in first.stdout
    assert "already imported" in gcm(db, "form", "import", str(template)).stdout


def test_form_check_reports_errors_with_row_and_column(tmp_path):
    from openpyxl import Workbook

    path = tmp_path / "bad.xlsx"
    book = Workbook()
    survey = book.active
    survey.title = "survey"
    survey.append(["type", "name", "label", "relevant"])
    survey.append(["text", "q1", "Q1", ""])
    survey.append(["text", "q2", "Q2", "${q9} = 'x'"])
    book.save(path)
    result = gcm(tmp_path / "db.sqlite3", "form", "check", str(path))
    assert result.returncode == 1
    said = f"{path}: survey row 3, column relevant: error: unknown question ${{q9}}"
    assert said in result.stdout


def test_each_kind_of_workbook_given_to_the_other_command_is_one_line(tmp_path):
    db, template, export = tmp_path / "db.sqlite3", tmp_path / "form.xlsx", tmp_path / "out.xlsx"
    gcm(db, "form", "template", "--out", str(template))
    gcm(db, "demo", "--submissions", "2")
    everything = ("--status", "draft", "--status", "complete", "--status", "finalized")
    assert gcm(db, "export", "--out", str(export), *everything).returncode == 0
    for command in (("form", "check"), ("form", "import")):
        result = gcm(db, *command, str(export))
        assert result.returncode == 1
        lines = (result.stdout + result.stderr).strip().splitlines()
        if command == ("form", "check"):  # form check ends with its count
            assert lines.pop() == f"{export}: 1 error, 0 warnings"
        assert len(lines) == 1, lines  # not one warning per sheet and cell
        said = lines[0]
        assert said.startswith(f"{export}: ") and "not a form" in said and "(Import)" in said
    for command in (("import",), ("consolidate", "--out", str(tmp_path / "r.xlsx"))):
        result = gcm(db, *command, str(template))
        assert result.returncode == 1
        assert "(Import form)" in result.stderr and "Traceback" not in result.stderr


def test_form_import_shows_the_forms_warnings(tmp_path):
    from openpyxl import load_workbook

    db, template = tmp_path / "db.sqlite3", tmp_path / "survey.xlsx"
    gcm(db, "form", "template", "--out", str(template))
    book = load_workbook(template)
    book.create_sheet("notes").append(["kept by the author"])
    book.save(template)
    result = gcm(db, "form", "import", str(template))
    assert result.returncode == 0
    assert f"{template}: notes: sheet notes is not used by GCM Collect" in result.stderr


def test_demo_backup_restore(tmp_path):
    db = tmp_path / "db.sqlite3"
    assert gcm(db, "demo", "--submissions", "12", "--seed", "4").returncode == 0
    backup = tmp_path / "copy.sqlite3"
    assert gcm(db, "backup", "--out", str(backup)).returncode == 0
    assert gcm(db, "demo", "--submissions", "3", "--seed", "5").returncode == 0
    restored = gcm(db, "restore", str(backup))
    assert restored.returncode == 0, restored.stderr
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT count(*) FROM submissions").fetchone()[0] == 12


def test_user_errors_are_one_line_without_traceback(tmp_path):
    not_a_db = tmp_path / "notes.txt"
    not_a_db.write_text("hello, this is not a database\n" * 100)
    result = gcm(not_a_db, "demo", "--submissions", "1")
    assert result.returncode == 1
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    assert str(not_a_db) in result.stderr
    missing = gcm(tmp_path / "db.sqlite3", "restore", str(tmp_path / "nothing.sqlite3"))
    assert missing.returncode == 1 and "nothing.sqlite3" in missing.stderr
    assert "Traceback" not in missing.stderr


def test_no_subcommand_opens_the_app_on_the_default_database(tmp_path):
    # What `make run` does on a fresh machine: no --db, an empty user data folder.
    import os

    env = dict(
        os.environ,
        XDG_DATA_HOME=str(tmp_path / "data"),
        QT_QPA_PLATFORM="offscreen",
        GCM_COLLECT_EXIT_AFTER_SHOW="1",
    )
    env.pop("GCM_COLLECT_DB", None)
    result = subprocess.run(
        [sys.executable, "-m", "gcm_collect"], capture_output=True, text=True, env=env, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert "window shown" in result.stdout
    assert (tmp_path / "data" / "gcm-collect" / "gcm-collect.sqlite3").exists()


def test_export_then_import_on_another_laptop(tmp_path):
    from openpyxl import load_workbook

    officer, reviewer = tmp_path / "officer.sqlite3", tmp_path / "other.sqlite3"
    out = tmp_path / "export.xlsx"
    assert gcm(officer, "demo", "--submissions", "6", "--seed", "1").returncode == 0
    everything = ("--status", "draft", "--status", "complete", "--status", "finalized")
    exported = gcm(officer, "export", "--out", str(out), "--lang", "fr", *everything)
    assert exported.returncode == 0, exported.stderr
    assert "6" in exported.stdout
    first = gcm(reviewer, "import", str(out))
    assert first.returncode == 0 and "6 new" in first.stdout
    assert "6 unchanged" in gcm(reviewer, "import", str(out)).stdout
    # A reviewer edits a visible cell: reported, the exported values kept, unless the edits
    # are accepted explicitly (an identifying cell such as the State name is never taken).
    book = load_workbook(out)
    sheet = book["Soumissions"] if "Soumissions" in book.sheetnames else book.worksheets[1]
    sheet["D3"] = "changed by hand"
    book.save(out)
    kept = gcm(tmp_path / "third.sqlite3", "import", str(out))
    assert kept.returncode == 0, kept.stderr
    assert "1 cell was edited after export; the exported values were kept" in kept.stdout
    accepted = gcm(tmp_path / "third.sqlite3", "import", str(out), "--accept-edits")
    assert accepted.returncode == 0, accepted.stderr
    assert "edit refused: sheet" in accepted.stderr and "identifying" in accepted.stderr


def test_consolidate_keeps_going_past_a_bad_input_unless_strict(tmp_path):
    from gcm_collect.workbook import read_export

    exports = []
    for seed in (1, 2):
        db, out = tmp_path / f"laptop{seed}.sqlite3", tmp_path / f"laptop{seed}.xlsx"
        assert gcm(db, "demo", "--submissions", "5", "--seed", str(seed)).returncode == 0
        everything = ("--status", "draft", "--status", "complete", "--status", "finalized")
        assert gcm(db, "export", "--out", str(out), *everything).returncode == 0
        exports.append(out)
    junk = tmp_path / "junk.xlsx"
    junk.write_text("not a workbook")
    region = tmp_path / "region.xlsx"
    ran = gcm(tmp_path / "r.sqlite3", "consolidate", str(tmp_path), "--out", str(region))
    assert ran.returncode == 0, ran.stderr
    assert f"{junk}: " in ran.stderr and "10 submissions" in ran.stdout
    assert len(read_export(region).records) == 10
    strict = tmp_path / "strict.xlsx"
    failed = gcm(
        tmp_path / "r.sqlite3", "consolidate", str(tmp_path), "--out", str(strict), "--strict"
    )
    assert failed.returncode == 1 and not strict.exists()
    assert "Traceback" not in failed.stderr


def test_output_and_database_under_a_file_are_one_line_each(tmp_path):
    # A file where a folder should be used to end as "internal error: [Errno 20] ...".
    blocker = tmp_path / "blocker.xlsx"
    blocker.write_text("not a folder", "utf-8")
    db = tmp_path / "db.sqlite3"
    template = gcm(db, "form", "template", "--out", str(blocker / "survey.xlsx"))
    assert template.returncode == 1
    assert "internal error" not in template.stderr
    assert template.stderr.startswith(str(blocker))
    under = gcm(blocker / "db.sqlite3", "demo", "--submissions", "1")
    assert under.returncode == 1
    assert "internal error" not in under.stderr
    assert "cannot create the folder for the database" in under.stderr
    assert len(under.stderr.splitlines()) == 1


def test_export_of_a_mistyped_state_is_refused_not_written_empty(tmp_path):
    db, out = tmp_path / "db.sqlite3", tmp_path / "out.xlsx"
    assert gcm(db, "demo", "--submissions", "0").returncode == 0  # an empty database
    typo = gcm(db, "export", "--out", str(out), "--state", "FRN")
    assert typo.returncode == 1
    assert typo.stderr.strip() == "unknown State FRN"
    assert not out.exists()
    known = gcm(db, "export", "--out", str(out), "--state", "fra")  # no submissions: fine
    assert known.returncode == 0, known.stderr
    assert out.exists()


def test_a_mistyped_db_is_said_not_created_by_commands_that_read(tmp_path):
    db, typo = tmp_path / "officer.sqlite3", tmp_path / "oficer.sqlite3"
    assert gcm(db, "demo", "--submissions", "2").returncode == 0
    for command in (("export", "--out", str(tmp_path / "out.xlsx")), ("backup",)):
        result = gcm(typo, *command)
        assert result.returncode == 1
        assert result.stderr == f"{typo}: there is no database here; check the path " + (
            "(demo, import and the app create one)\n"
        )
        assert not typo.exists()
    # Commands that add data create the database they are given, as before.
    assert gcm(typo, "demo", "--submissions", "1").returncode == 0
    assert typo.exists()


def test_export_leaves_drafts_out_by_default_as_the_app_does(tmp_path):
    from gcm_collect.store import Store
    from gcm_collect.workbook import read_export

    db, out = tmp_path / "db.sqlite3", tmp_path / "out.xlsx"
    assert gcm(db, "demo", "--submissions", "8", "--seed", "3").returncode == 0
    with Store.open(db) as store:
        statuses = [s.status for s in store.list_submissions()]
    assert "draft" in statuses and set(statuses) - {"draft"}
    assert gcm(db, "export", "--out", str(out)).returncode == 0
    exported = [r.data["status"] for r in read_export(out).records]
    assert sorted(exported) == sorted(s for s in statuses if s != "draft")
    assert gcm(db, "export", "--out", str(out), "--status", "draft").returncode == 0
    assert {r.data["status"] for r in read_export(out).records} == {"draft"}


def test_key_show_and_export_on_the_command_line(tmp_path):
    db = tmp_path / "db.sqlite3"
    assert gcm(db, "demo", "--submissions", "2").returncode == 0
    shown = gcm(db, "key", "show")
    assert shown.returncode == 0, shown.stderr
    exported = gcm(db, "key", "export", "--out", str(tmp_path / "card.json"))
    assert exported.returncode == 0, exported.stderr
    card = read_card(tmp_path / "card.json")
    assert f"Key fingerprint: {card.fingerprint}" in shown.stdout
    with Store.open(db) as store:
        assert f"States: {', '.join(store.submission_states())}" in shown.stdout
        assert card.states == tuple(store.submission_states()) and card.states
        assert card.device_id == store.device_id
    bad = gcm(db, "key", "export", "--out", str(tmp_path / "no" / "card.json"))
    assert bad.returncode == 1 and bad.stderr.count("\n") == 1
    assert "cannot write the key card" in bad.stderr


def test_trust_add_list_remove_on_the_command_line(tmp_path):
    officer, reviewer = tmp_path / "officer.sqlite3", tmp_path / "reviewer.sqlite3"
    assert gcm(officer, "demo", "--submissions", "2").returncode == 0
    assert gcm(officer, "key", "export", "--out", str(tmp_path / "card.json")).returncode == 0
    card = read_card(tmp_path / "card.json")
    added = gcm(reviewer, "trust", "add", str(tmp_path / "card.json"))
    assert added.returncode == 0, added.stderr
    listed = gcm(reviewer, "trust", "list").stdout.splitlines()
    assert listed == [f"{card.fingerprint}\t-\t{', '.join(card.states)}\t{card.device_id}"]
    narrowed = gcm(reviewer, "trust", "add", str(tmp_path / "card.json"), "--state", "fra")
    assert narrowed.returncode == 0 and "now for FRA" in narrowed.stdout
    assert gcm(reviewer, "trust", "list").stdout.split("\t")[2] == "FRA"
    unknown = gcm(reviewer, "trust", "add", str(tmp_path / "card.json"), "--state", "XXX")
    assert unknown.returncode == 1 and "unknown State XXX" in unknown.stderr
    typed = card.fingerprint.lower().replace(" ", "-")  # as read over the phone
    assert gcm(reviewer, "trust", "remove", typed).returncode == 0
    assert gcm(reviewer, "trust", "list").stdout == ""
    again = gcm(reviewer, "trust", "remove", typed)
    assert again.returncode == 1 and "no trusted key" in again.stderr


def test_return_and_import_a_review_from_the_command_line(tmp_path):
    from openpyxl import load_workbook

    from gcm_collect.workbook import read_export

    officer, reviewer = tmp_path / "officer.sqlite3", tmp_path / "reviewer.sqlite3"
    out = tmp_path / "export.xlsx"
    assert gcm(officer, "demo", "--submissions", "2", "--seed", "3").returncode == 0
    everything = ("--status", "draft", "--status", "complete", "--status", "finalized")
    assert gcm(officer, "export", "--out", str(out), *everything).returncode == 0
    wb = read_export(out)
    first = wb.records[0]
    book = load_workbook(out)
    sheet = book[wb.meta.sheet("review").name]
    sheet["G3"] = "reject"  # no reason: refused, one line naming the cell
    book.save(out)
    folder = tmp_path / "returns"
    folder.mkdir()
    refused = gcm(reviewer, "return", str(out), "--out", str(folder), "--reviewer", "Lars")
    assert refused.returncode == 0, refused.stderr
    assert "Review!G3: a return or a rejection needs a reason" in refused.stderr
    assert "no decision and no comment to return" in refused.stdout
    sheet["H3"] = "Out of scope"
    book.save(out)
    done = gcm(reviewer, "return", str(out), "--out", str(folder), "--level", "national")
    assert done.returncode == 0, done.stderr
    state, period = first.data["state"], first.data["period"]
    [returned] = list(folder.glob("*-review.xlsx"))
    assert returned.name.startswith(f"{state}-") and "decisions: 1" in done.stdout
    imported = gcm(officer, "import", str(returned))
    assert imported.returncode == 0, imported.stderr
    assert "rejected (Out of scope)" in imported.stdout
    stranger = gcm(tmp_path / "stranger.sqlite3", "import", str(returned))
    assert stranger.returncode == 1 and stranger.stderr.count("\n") == 1
    assert "nothing was imported" in stranger.stderr and "Traceback" not in stranger.stderr
    assert period
