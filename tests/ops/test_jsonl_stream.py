"""JSON Lines import as a stream (issue 22): lines checked and written a batch at a time, in one
transaction, so memory does not grow with the file; whatever stops it half-way (a bad line
further on, Cancel, the process killed) leaves the database exactly as it was."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from contextlib import closing
from pathlib import Path

import pytest
from import_stops import cancel_after_first_batch, kill_half_way
from jsonl_lines import FORM, line

from gcm_collect.errors import UserError
from gcm_collect.jsonl import read_jsonl
from gcm_collect.ops.forms import ensure_builtin
from gcm_collect.ops.importing import BATCH, import_files
from gcm_collect.store import Store

COUNT = 3 * BATCH  # three batches: a stop after the first leaves two unwritten


def _line(n: int, **overrides) -> str:
    answers = {"focal_point_name": f"Officer {n}", "practices": [{"practice_title": "Clinics"}]}
    return json.dumps(line(answers=answers, **overrides), ensure_ascii=False) + "\n"


@pytest.fixture(scope="module")
def big(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("lines") / "big.jsonl"
    path.write_text("".join(_line(n) for n in range(COUNT)), "utf-8")
    return path


def _database(folder: Path) -> Path:
    """A laptop's database with a submission of its own, as every command leaves it."""
    path = folder / "db.sqlite"
    with Store.open(path) as store:
        ensure_builtin(store)
        (folder / "own.jsonl").write_text(_line(-1, state="SEN", region="ECA"), "utf-8")
        import_files(store, [folder / "own.jsonl"])
    return path


def _dump(path: Path) -> list[str]:
    """Every row of every table, as SQL: two databases with the same dump hold the same."""
    with closing(sqlite3.connect(path)) as conn:
        return list(conn.iterdump())


def test_lines_are_given_one_at_a_time_not_after_the_whole_file_is_read(tmp_path):
    path = tmp_path / "in.jsonl"
    path.write_text(_line(0) + '{"form_id": \n', "utf-8")
    asked: list[str] = []

    def resolve(form_id: str, version: str):
        asked.append(version)
        return FORM

    lines = read_jsonl(path, resolve)
    first = next(lines)  # before the second line is even parsed
    assert (first.line, first.record["state"], asked) == (1, "FRA", [FORM.version])
    with pytest.raises(UserError, match=r"line 2: not valid JSON"):
        next(lines)


def test_a_bad_line_after_batches_were_written_rolls_them_all_back(big, tmp_path):
    db = _database(tmp_path)
    before = _dump(db)
    path = tmp_path / "bad-at-the-end.jsonl"
    path.write_text(
        big.read_text("utf-8") + _line(COUNT, state="XYZ") + _line(COUNT + 1, region="ECA"),
        "utf-8",
    )
    told: list[tuple[int, int]] = []
    with Store.open(db) as store, pytest.raises(UserError) as error:
        import_files(store, [path], progress=lambda d, t: told.append((d, t)))
    assert told == [(BATCH, COUNT + 2), (2 * BATCH, COUNT + 2), (COUNT, COUNT + 2)]
    assert str(error.value) == (
        f"{path}: line {COUNT + 1}, field state: unknown State XYZ "
        "(and 1 more problem); nothing was imported"
    )
    assert _dump(db) == before


def test_a_cancelled_import_leaves_the_database_as_it_was_and_the_next_one_works(big, tmp_path):
    db = _database(tmp_path)
    before = _dump(db)
    told = cancel_after_first_batch(db, big)
    assert told == [(BATCH, COUNT)]
    assert _dump(db) == before
    with Store.open(db) as store:
        assert import_files(store, [big]).total()["inserted"] == COUNT
        assert store.count_submissions() == COUNT + 1


@pytest.mark.slow  # a child process importing 1,500 lines
@pytest.mark.posix  # SIGKILL
def test_an_import_killed_half_way_leaves_the_database_as_it_was(big, tmp_path):
    db = _database(tmp_path)
    before = _dump(db)
    command = [sys.executable, "-m", "gcm_collect", "--lang", "en", "--db", str(db)]
    seen = kill_half_way([*command, "import", "--progress", str(big)])
    assert seen[-1].strip() == f"Importing: {BATCH} of {COUNT} submissions"
    assert _dump(db) == before
    done = subprocess.run([*command, "import", str(big)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert f"{COUNT} new" in done.stdout
