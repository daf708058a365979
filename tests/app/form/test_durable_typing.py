"""Nothing typed is lost: steady typing reaches the database within a second, and anything
waiting is written at once when focus moves or the application quits."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from form_helpers import widget
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit

from gcm_collect.ops.submissions import OfficerProfile, set_profile
from gcm_collect.store import Store

APP = Path(__file__).with_name("typing_app.py")
ROOT = Path(__file__).resolve().parents[3]
sys.path.insert(0, str(APP.parent))
from typing_app import QUIT_AFTER, TEXT, launch  # noqa: E402

FIELD = "lead_entity"
MAX_LOSS_S = 1.0  # the promise: a crash loses at most the last second of typing


def run_app(store: Store, uuid: str, mode: str) -> subprocess.Popen:
    set_profile(store, OfficerProfile(name="Amina Diallo"))  # no first-run dialog in the way
    return launch(store.path, uuid, FIELD, mode)


def typed_lines(lines: list[str]) -> list[float]:
    """When each key was typed (the app's monotonic clock), in order."""
    return [float(line.split("\t")[2]) for line in lines if line.startswith("typed\t")]


@pytest.mark.slow
def test_sigkill_while_typing_steadily_loses_at_most_the_last_second(store, draft):
    # Typing without a pause (a key every 80 ms) never lets the short pause expire: only the
    # maximum wait writes it. Kill -9 the app after about 4 s of it.
    with run_app(store, draft, "forever") as app:
        try:
            assert app.stdout is not None
            lines = []
            while len(typed_lines(lines)) < 50:
                line = app.stdout.readline()
                assert line, "the app stopped before typing"
                lines.append(line)
            app.kill()  # SIGKILL on POSIX, TerminateProcess on Windows: no goodbye
            lines += app.stdout.readlines()  # keys typed before the kill landed
        finally:
            app.kill()
            app.wait(timeout=30)
    assert app.returncode == (-signal.SIGKILL if os.name == "posix" else 1)
    times = typed_lines(lines)
    typed = "".join(TEXT[i % len(TEXT)] for i in range(len(times)))
    # Every key typed more than a second before the last key the app handled is on disk.
    must_have = sum(1 for t in times if t <= times[-1] - MAX_LOSS_S)
    assert must_have >= 35
    with Store.open(store.path) as reopened:
        stored = reopened.get_answers(draft).get(FIELD) or ""
    assert typed.startswith(stored), (stored, typed)  # nothing invented, nothing out of order
    assert len(stored) >= must_have, (len(stored), must_have, len(times))


@pytest.mark.slow
def test_quitting_the_app_writes_typing_still_waiting_for_its_pause(store, draft):
    # Keys 10 ms apart, then the application's event loop ends (exit: no window is closed
    # first, so no close event writes it) before the pause expires: the text is on disk.
    with run_app(store, draft, "quit") as app:
        out, _err = app.communicate(timeout=120)
    assert app.returncode == 0
    assert len(typed_lines(out.splitlines())) == QUIT_AFTER
    with Store.open(store.path) as reopened:
        assert reopened.get_answers(draft).get(FIELD) == TEXT[:QUIT_AFTER]


@pytest.mark.slow
def test_steady_typing_is_written_without_a_pause(qtbot, store, draft, open_view):
    view = open_view(draft)
    lead = widget(view, FIELD)
    lead.edit.setFocus()
    typed_at: list[float] = []
    for char in TEXT[:30]:
        qtbot.keyClick(lead.edit, char)
        typed_at.append(time.monotonic())
        qtbot.wait(80)  # never the 300 ms pause
        stored = store.get_answers(draft).get(FIELD) or ""
        # Every key typed more than a second ago is on disk, in order, already.
        due = sum(1 for t in typed_at if t <= time.monotonic() - MAX_LOSS_S)
        assert TEXT.startswith(stored) and len(stored) >= due, (stored, due)
    assert due >= 10
    qtbot.waitUntil(lambda: view.saved_label.text().startswith("Saved"))  # the pause ends
    assert store.get_answers(draft)[FIELD] == TEXT[:30]


def test_focus_moving_to_another_window_writes_at_once(qtbot, store, draft, open_view):
    view = open_view(draft)
    name = widget(view, "focal_point_name")
    name.edit.setFocus()
    qtbot.keyClicks(name.edit, "Amina")  # still waiting for its pause
    other = QLineEdit()
    qtbot.addWidget(other)
    with qtbot.waitExposed(other):
        other.show()
    other.activateWindow()
    other.setFocus(Qt.ActiveWindowFocusReason)
    qtbot.waitUntil(other.hasFocus)
    assert store.get_answers(draft).get("focal_point_name") == "Amina"
