"""File ▸ Import form: a questionnaire added from the window, and each workbook kind named."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from gcm_collect.app import actions
from gcm_collect.app.new_submission import NewSubmissionDialog
from gcm_collect.demo import generate
from gcm_collect.export.workbook import export_workbook

sys.path.insert(0, str(Path(__file__).parent / "form"))
from kobo_form import write_form  # noqa: E402


def test_a_form_imported_from_the_window_is_offered_for_new_submissions(
    qtbot, window, store, tmp_path, told
):
    path = write_form(tmp_path)
    actions.import_form_path(window, path)
    qtbot.waitUntil(lambda: bool(told.infos or told.errors), timeout=20_000)
    assert told.errors == []
    assert "kobo_style" in told.infos[0] and "added" in told.infos[0]
    assert store.get_form("kobo_style", "1") is not None
    assert window.formFilter.findData("kobo_style") > 0
    dialog = NewSubmissionDialog(store, window)
    qtbot.addWidget(dialog)
    offered = [dialog.formCombo.itemData(i) for i in range(dialog.formCombo.count())]
    assert ("kobo_style", "1") in offered

    actions.import_form_path(window, path)  # the same file again
    qtbot.waitUntil(lambda: len(told.infos) == 2, timeout=20_000)
    assert "already" in told.infos[1]


def test_a_form_with_warnings_lists_them(qtbot, window, tmp_path, told):
    from openpyxl import load_workbook

    path = write_form(tmp_path)
    book = load_workbook(path)
    book.create_sheet("notes").append(["written by hand"])
    book.save(path)
    actions.import_form_path(window, path)
    qtbot.waitUntil(lambda: bool(told.infos), timeout=20_000)
    assert "1 warning" in told.infos[0]
    assert "notes" in told.infos[0]


@pytest.mark.slow
def test_an_export_given_as_a_form_is_one_clear_message(qtbot, window, store, tmp_path, told):
    generate(store, 2, seed=1)
    exported = tmp_path / "export.xlsx"
    export_workbook(store, exported, lang="en")
    actions.import_form_path(window, exported)
    qtbot.waitUntil(lambda: bool(told.errors), timeout=20_000)
    message = told.errors[0]
    assert message.startswith(str(exported)) and "\n" not in message
    assert "not a form" in message and "Import" in message


def test_a_form_given_to_import_submissions_says_where_it_goes(qtbot, window, tmp_path, told):
    path = write_form(tmp_path)
    actions.import_paths(window, [path])
    qtbot.waitUntil(lambda: bool(told.errors), timeout=20_000)
    assert told.errors[0].startswith(str(path))
    assert "Import form" in told.errors[0]
