"""File ▸ Open for review and the review window attacked through the real app: hostile files
(tests/consolidate/test_hostile.py) and a file of the wrong kind are one message and no window;
the same workbook opened twice is one window; a scratch database deleted under an open window
is one message when the return files are saved, and no empty database is made in its place.
(The operations: tests/ops/test_review_hostile.py.)"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

HERE = Path(__file__).parents[1]
sys.path[:0] = [str(HERE / "consolidate"), str(HERE / "workbook"), str(HERE / "app")]

import test_hostile  # noqa: E402
from helpers import export_of, record  # noqa: E402
from review_helpers import A, officers_export  # noqa: E402
from test_review_window import open_review  # noqa: E402

from gcm_collect.app import actions  # noqa: E402

pytestmark = pytest.mark.slow  # real workbooks written and read

ATTACKS = [
    test_hostile.truncated,
    test_hostile.zip_bomb,
    test_hostile.entity_bomb,
    test_hostile.far_cell,
    test_hostile.tampered,
    test_hostile.other_tool,
]


def review_windows(window):
    from gcm_collect.app.review_window import ReviewWindow

    return [w for w in window.findChildren(ReviewWindow) if w.scratch.is_open]


@pytest.mark.parametrize("make", ATTACKS, ids=[f.__name__ for f in ATTACKS])
def test_a_hostile_workbook_is_one_message_and_no_window(
    make, qtbot, window, store, tmp_path, told
):
    good = export_of(tmp_path, "good", [record(1), record(2, state="RUS")])
    bad, words = make(tmp_path, good)
    actions.open_for_review_path(window, bad)
    qtbot.waitUntil(lambda: bool(told.errors or told.infos), timeout=120_000)
    [line] = told.errors
    assert line.startswith(f"{bad}: ") and words in line and "\n" not in line, line
    assert review_windows(window) == []
    reviews = tmp_path / "reviews"
    assert not reviews.exists() or list(reviews.iterdir()) == []
    assert store.count_submissions() == 0


def test_a_return_file_opened_for_review_is_one_message(qtbot, window, tmp_path, told):
    from gcm_collect.ops import reviewing
    from gcm_collect.store import Store

    exported = officers_export(tmp_path)
    opened = reviewing.open_for_review(window.store, exported)
    out = tmp_path / "returns"
    out.mkdir()
    with Store.open(opened.scratch) as scratch:
        reviewing.decide(scratch, A, "approve")
        [returned] = reviewing.save_returns(window.store, scratch, out).files
    actions.open_for_review_path(window, returned)
    qtbot.waitUntil(lambda: bool(told.errors), timeout=120_000)
    assert told.errors == [f"{returned}: not a GCM Collect export"]
    assert review_windows(window) == []


def test_the_same_workbook_opened_twice_is_one_window(qtbot, window, tmp_path, told):
    """Two windows on one review each showed decisions the other had since changed."""
    exported = officers_export(tmp_path)
    first = open_review(qtbot, window, exported)
    task = actions.open_for_review_path(window, exported)
    with qtbot.waitSignal(task.done, timeout=120_000):
        pass
    assert review_windows(window) == [first] and told.errors == []
    assert first.table.rowCount() == 2


def test_a_scratch_database_deleted_under_the_window_is_one_message_on_saving(
    qtbot, window, tmp_path, told
):
    exported = officers_export(tmp_path)
    review = open_review(qtbot, window, exported)
    scratch = Path(review.scratch.path)
    for suffix in ("", "-wal", "-shm"):
        Path(f"{scratch}{suffix}").unlink(missing_ok=True)
    out = tmp_path / "returns"
    out.mkdir()
    review.save_to(out)
    qtbot.waitUntil(lambda: bool(told.errors or told.infos), timeout=60_000)
    [line] = told.errors
    assert line.startswith(f"{scratch}: ") and "deleted or moved" in line
    assert not scratch.exists()  # no empty database made in its place
    assert list(out.iterdir()) == []
    review.close()


@pytest.mark.parametrize("make", ATTACKS, ids=[f.__name__ for f in ATTACKS])
def test_return_reviews_of_a_hostile_workbook_is_one_message_and_no_file(
    make, qtbot, window, tmp_path, told
):
    """The Return reviews dialog's route (the command line's return_reviews)."""
    good = export_of(tmp_path, "good", [record(1), record(2, state="RUS")])
    bad, words = make(tmp_path, good)
    out = tmp_path / "returns"
    out.mkdir()
    actions.return_reviews_to(window, bad, out, reviewer="Lars Berg", level="national")
    qtbot.waitUntil(lambda: bool(told.errors or told.infos), timeout=120_000)
    [line] = told.errors
    assert line.startswith(f"{bad}: ") and words in line and "\n" not in line, line
    assert list(out.iterdir()) == []


def test_a_review_window_deleted_with_the_main_window_stops_listening(qtbot, store, tmp_path, told):
    """Its children are deleted with the main window, without a close event: a review window
    left listening made every later change of language fail on a deleted object."""
    from PySide6.QtCore import QEvent
    from PySide6.QtWidgets import QApplication

    from gcm_collect.app.main_window import MainWindow
    from gcm_collect.i18n import set_language

    main = MainWindow(store)
    main.show()
    open_review(qtbot, main, officers_export(tmp_path))
    main.deleteLater()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    set_language("fr")  # raised RuntimeError: Internal C++ object (ReviewWindow) already deleted
    set_language("en")
