"""``gcm-collect selftest``: the whole chain runs, reports one line per step, and fails loudly."""

from __future__ import annotations

import importlib
import subprocess
import sys

import pytest

from gcm_collect import selftest
from gcm_collect.selftest import FAILED, OK, SKIPPED, STEPS, passed, run_selftest

pytestmark = pytest.mark.slow  # the slow lane: `make test` runs it, `make test-fast` not

CONSOLIDATION_STEPS = ("consolidate two exports", "verify the regional workbook")


def consolidation_available() -> bool:
    return hasattr(importlib.import_module("gcm_collect.consolidate"), "consolidate")


def test_every_step_passes_and_leaves_its_files(tmp_path):
    reported = []
    results = run_selftest(tmp_path, report=reported.append)
    assert reported == results
    assert [r.name for r in results] == [name for name, _step in STEPS]
    for result in results:
        if result.name in CONSOLIDATION_STEPS and not consolidation_available():
            assert result.status == SKIPPED, result.line()
        else:
            assert result.status == OK, result.line()
    assert passed(results)
    names = {path.name for path in tmp_path.iterdir()}
    assert {"officer-a.sqlite3", "officer-b.sqlite3", "officer-a.xlsx", "officer-b.xlsx"} <= names
    assert ("regional.xlsx" in names) == consolidation_available()


def test_a_missing_catalog_fails_its_step_and_stops(tmp_path, monkeypatch):
    # What a bundle built without translations/ would do.
    empty = tmp_path / "no-translations"
    empty.mkdir()
    monkeypatch.setattr(selftest, "translations_dir", lambda: empty)
    results = run_selftest(tmp_path / "work")
    assert len(results) == 1 and results[0].status == FAILED
    assert results[0].line().startswith("FAIL  load the six languages: missing catalog ")
    assert not passed(results)


def test_regional_check_refuses_a_workbook_missing_an_input(tmp_path):
    # The verification compares the regional records with the inputs': a regional workbook that
    # holds only one of the two exports must fail it.
    ctx = selftest._Context(folder=tmp_path)
    for _name, step in STEPS[1:6]:  # create, import the form, fill, validate, export
        step(ctx)
    ctx.regional = next(iter(ctx.exports))  # an export read back as if it were the result
    with pytest.raises(selftest.StepFailed, match="does not hold exactly the inputs' data"):
        selftest._verify(ctx)


def test_command_prints_one_line_per_step_and_exits_0(tmp_path):
    done = subprocess.run(
        [sys.executable, "-m", "gcm_collect", "--lang", "en", "selftest"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    lines = done.stdout.splitlines()
    assert [line.split(":")[0][6:] for line in lines] == [name for name, _step in STEPS]
    assert lines[0] == "ok    load the six languages"
    assert all(line[:6] in ("ok    ", "skip  ") for line in lines)
