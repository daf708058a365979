"""The Consolidate dialog with hostile inputs (issue 15): each marked rejected as it is added,
in one line, without taking the app down; the others consolidated."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

HERE = Path(__file__).parents[1]
sys.path[:0] = [str(HERE / "consolidate"), str(HERE / "workbook")]

from helpers import export_of, record, records_of  # noqa: E402
from test_hostile import (  # noqa: E402
    far_cell,
    formula_form_id,
    huge_revision,
    many_small_cells,
)

from gcm_collect.app.consolidate_dialog import ConsolidateDialog  # noqa: E402


@pytest.mark.slow
def test_hostile_inputs_are_marked_and_the_others_consolidated(qtbot, tmp_path):
    good = export_of(tmp_path, "good", [record(1), record(2, state="RUS")])
    makers = (far_cell, formula_form_id, huge_revision, many_small_cells)
    made = [make(tmp_path, good) for make in makers]
    dialog = ConsolidateDialog()
    qtbot.addWidget(dialog)
    dialog.add_inputs([good, *(bad for bad, _words in made)])
    qtbot.waitUntil(lambda: len(dialog.outcomes) == 5, timeout=120_000)
    assert "verified" in dialog.inputsTable.item(0, 1).text()
    for row, (_bad, words) in enumerate(made, start=1):
        shown = dialog.inputsTable.item(row, 1).text()
        assert words in shown and "\n" not in shown
    region = tmp_path / "region.xlsx"
    dialog.pathEdit.setText(str(region))
    dialog.start()
    qtbot.waitUntil(lambda: dialog.task is None and dialog.report is not None, timeout=120_000)
    assert len(dialog.report.problems) == 4
    assert set(records_of(region)) == {record(1)["uuid"], record(2)["uuid"]}
