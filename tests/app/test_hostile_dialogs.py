"""The hostile-input corpus (issue 15) through the app's own dialogs: Import and Import form.
Each file is one message naming it and the problem; the app lives on and nothing is imported.
(The Consolidate dialog: test_consolidate_dialog_hostile.py.)"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).parents[1]
sys.path[:0] = [str(HERE / "consolidate"), str(HERE / "workbook"), str(HERE / "forms")]

import test_hostile  # noqa: E402
import test_hostile_forms  # noqa: E402
from helpers import export_of, record  # noqa: E402

from gcm_collect.app import actions  # noqa: E402
from gcm_collect.forms.builtin import load_builtin  # noqa: E402

# What consolidation refuses and import takes: a control character in a text the regional
# workbook shows is no problem for the database (the terminal and the app show it escaped).
IMPORTED = {
    "control_character_in_officer",
    "control_character_in_provenance",
    "control_character_in_file_name",
}


@pytest.mark.parametrize(
    "make", test_hostile.HOSTILE, ids=[f.__name__ for f in test_hostile.HOSTILE]
)
def test_import_refuses_each_hostile_workbook_in_one_message(
    make, qtbot, window, store, tmp_path, told
):
    good = export_of(tmp_path, "good", [record(1), record(2, state="RUS")])
    bad, words = make(tmp_path, good)
    before = store.count_submissions()
    actions.import_paths(window, [bad])
    if make.__name__ in IMPORTED:
        qtbot.waitUntil(lambda: store.count_submissions() > before, timeout=120_000)
        assert told.errors == []
        return
    qtbot.waitUntil(lambda: bool(told.errors or told.infos), timeout=120_000)
    assert told.infos == [] and len(told.errors) == 1
    shown = told.errors[0]
    assert shown.startswith(f"{bad}: ") and words in shown and "\n" not in shown, shown
    assert store.count_submissions() == before
    actions.import_paths(window, [_lines(tmp_path)])  # the app carries on
    qtbot.waitUntil(lambda: store.count_submissions() == before + 1, timeout=120_000)


def _line(**change) -> str:
    form = load_builtin()
    line = {
        "form_id": form.form_id,
        "form_version": form.version,
        "state": "SEN",
        "region": "ECA",
        "period": "2025",
        "status": "draft",
        "answers": {"lead_entity": "Ministry"},
        **change,
    }
    return json.dumps(line)


def _lines(folder: Path) -> Path:
    path = folder / "one.jsonl"
    path.write_text(_line() + "\n", encoding="utf-8")
    return path


HOSTILE_LINES = {
    "deep": ("[" * 100_000 + "]" * 100_000, "line 2: the JSON is nested too deeply"),
    "digits": ('{"form_id": ' + "9" * 5000 + "}", "line 2: a number has too many digits"),
    # 200,000 repeat entries in one line of 800 KB: exporting it once took 3.9 GB
    "entries": (_line(answers={"practices": [{}] * 200_000}), "too many repeat entries"),
    "unknown State": (_line(state="ZZZ"), "ZZZ"),
}


@pytest.mark.parametrize("case", HOSTILE_LINES)
def test_import_refuses_hostile_json_lines_in_one_message(
    case, qtbot, window, store, tmp_path, told
):
    text, words = HOSTILE_LINES[case]
    bad = tmp_path / "hostile.jsonl"
    bad.write_text(_line() + "\n" + text + "\n", encoding="utf-8")
    before = store.count_submissions()
    actions.import_paths(window, [bad])
    qtbot.waitUntil(lambda: bool(told.errors or told.infos), timeout=120_000)
    assert told.infos == [] and len(told.errors) == 1
    shown = told.errors[0]
    assert shown.startswith(f"{bad}: ") and words in shown and "\n" not in shown, shown
    assert store.count_submissions() == before  # all or nothing: the good first line neither


@pytest.mark.parametrize(
    "make", test_hostile_forms.CASES, ids=[f.__name__ for f in test_hostile_forms.CASES]
)
def test_import_form_refuses_each_hostile_form_in_one_message(
    make, qtbot, window, store, tmp_path, told
):
    bad, words = make(tmp_path)
    forms_before = window.formFilter.count()
    actions.import_form_path(window, bad)
    qtbot.waitUntil(lambda: bool(told.errors or told.infos), timeout=120_000)
    assert told.infos == [] and len(told.errors) == 1
    shown = told.errors[0]
    assert shown.startswith(f"{bad}: ") and words in shown and "\n" not in shown, shown
    assert window.formFilter.count() == forms_before
