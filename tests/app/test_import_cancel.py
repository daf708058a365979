"""The app's Import of a big workbook or JSON Lines file: progress while it runs, and Cancel
clicked half-way leaves the database exactly as it was (issue 22)."""

from __future__ import annotations

import json
import sqlite3
import sys
from contextlib import closing
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QProgressDialog, QPushButton

sys.path.insert(0, str(Path(__file__).parents[1] / "workbook"))

from datasets import open_store, record  # noqa: E402

from gcm_collect.app import actions  # noqa: E402
from gcm_collect.export import export_workbook  # noqa: E402
from gcm_collect.ops.importing import BATCH as LINES_BATCH  # noqa: E402
from gcm_collect.ops.keys import register  # noqa: E402
from gcm_collect.workbook.streamread import BATCH  # noqa: E402

pytestmark = pytest.mark.slow  # a workbook of hundreds of submissions, read in a child process

COUNT = 3 * BATCH


@pytest.fixture(scope="module")
def big(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("big")
    store = open_store(folder)
    states = ["FRA", "EGY", "CHN", "MEX", "RUS", "KEN"]
    store.put_submissions(
        [record(n, state=states[n % 6], status="complete") for n in range(COUNT)], who="test"
    )
    out = folder / "big.xlsx"
    export_workbook(store, out, lang="en")
    store.close()
    return out


def _dump(path: Path) -> list[str]:
    with closing(sqlite3.connect(path)) as conn:
        return list(conn.iterdump())


def _cancel_once_under_way(qtbot, window, path: Path, first: tuple[int, int]) -> None:
    """Import ``path`` from the window, check its first progress (``first``: done, total) and
    the dialog's total, then click Cancel and wait until the import says it was cancelled."""
    seen: list[tuple[int, int]] = []
    task = actions.import_paths(window, [path])
    task.progressed.connect(lambda done, total: seen.append((done, total)))
    qtbot.waitUntil(lambda: bool(seen), timeout=300_000)  # the window kept running meanwhile
    assert seen[0] == first
    dialog = window.findChild(QProgressDialog)
    qtbot.waitUntil(dialog.isVisible, timeout=10_000)
    assert dialog.maximum() == first[1]
    with qtbot.waitSignal(task.cancelled, timeout=300_000):
        qtbot.mouseClick(dialog.findChild(QPushButton), Qt.LeftButton)


def test_cancel_clicked_half_way_leaves_the_database_as_it_was(qtbot, window, store, big, told):
    store.put_submission(record(10_000, state="SEN"), who="officer")
    register(store)  # the device's own key, made by the first import: not the import's doing
    before = _dump(store.path)
    _cancel_once_under_way(qtbot, window, big, first=(BATCH, COUNT))
    assert told.errors == [] and told.infos == []
    assert _dump(store.path) == before
    assert store.count_submissions() == 1


def test_a_json_lines_import_shows_progress_and_cancel_leaves_the_database(
    qtbot, window, store, tmp_path, told
):
    store.put_submission(record(10_000, state="SEN"), who="officer")
    before = _dump(store.path)
    count = 10 * LINES_BATCH  # long enough to click Cancel while it runs
    lines = tmp_path / "many.jsonl"
    line = {
        "form_id": "gcm_state_practice_survey",
        "form_version": "2026.1",
        "state": "FRA",
        "region": "ECE",
        "period": "2026",
        "status": "draft",
    }
    lines.write_text(
        "".join(
            json.dumps({**line, "answers": {"lead_entity": f"Ministry {n}"}}) + "\n"
            for n in range(count)
        ),
        encoding="utf-8",
    )
    # the total known from the start
    _cancel_once_under_way(qtbot, window, lines, first=(LINES_BATCH, count))
    assert told.errors == [] and told.infos == []
    assert _dump(store.path) == before
    assert store.count_submissions() == 1
