"""An unexpected error in the window leaves a trace and is told: the log file in the data
folder gets its traceback, the officer one message box naming that file. The windowed
programs have no stderr, where Python's default hook would have put it."""

from __future__ import annotations

import os
import subprocess
import sys
import threading

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton

from gcm_collect.app import crash
from gcm_collect.logfile import log_path


@pytest.fixture
def hooked():
    before, before_thread = sys.excepthook, threading.excepthook
    crash.catch_all()
    yield
    sys.excepthook, threading.excepthook = before, before_thread


def lookup_the_review_region():
    raise RuntimeError("no region for state 'ZZZ'")


@pytest.mark.qt_no_exception_capture
def test_an_error_in_a_button_s_slot_is_logged_and_told_once(qtbot, told, hooked):
    button = QPushButton("Check")
    qtbot.addWidget(button)
    button.clicked.connect(lookup_the_review_region)
    qtbot.mouseClick(button, Qt.LeftButton)
    assert len(told.errors) == 1
    box = told.errors[0]
    assert "no region for state 'ZZZ'" in box
    assert str(log_path()) in box and "support" in box
    logged = log_path().read_text(encoding="utf-8")
    assert "Traceback" in logged and "lookup_the_review_region" in logged
    assert "RuntimeError: no region for state 'ZZZ'" in logged
    qtbot.mouseClick(button, Qt.LeftButton)  # the app carries on; each failure is told
    assert len(told.errors) == 2


def test_an_error_in_a_worker_thread_is_logged_without_a_box(told, hooked):
    worker = threading.Thread(target=lookup_the_review_region, name="export")
    worker.start()
    worker.join()
    assert told.errors == []  # a box belongs to the main thread
    assert "lookup_the_review_region" in log_path().read_text(encoding="utf-8")


def test_a_box_that_fails_itself_still_leaves_the_log(monkeypatch, told, hooked):
    from gcm_collect.app import messages

    def broken(*args):
        raise RuntimeError("no screen")

    monkeypatch.setattr(messages, "show_error", broken)
    try:
        lookup_the_review_region()
    except RuntimeError:
        sys.excepthook(*sys.exc_info())
    assert "no region" in log_path().read_text(encoding="utf-8")


WINDOWED = """
import runpy, sys
from gcm_collect import window
from gcm_collect.app import messages
messages.show_error = lambda parent, title, text: print(f"error box: {text}", flush=True)
def broken(arguments):
    raise RuntimeError("the main window could not be built")
window.open_window = broken
import gcm_collect.launch
gcm_collect.launch.open_window = broken
sys.stderr = None  # the windowed exe and the .app: no console
sys.argv = ["GCM Collect", *sys.argv[1:]]
gcm_collect.launch.main()
"""


def test_the_windowed_program_tells_a_failure_to_open_in_a_box_and_the_log(tmp_path):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_DATA_HOME=str(tmp_path))
    done = subprocess.run(
        [sys.executable, "-c", WINDOWED, "--db", str(tmp_path / "gcm.sqlite3")],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert done.returncode == 1
    assert "error box: Something went wrong" in done.stdout
    assert "the main window could not be built" in done.stdout
    log = tmp_path / "gcm-collect" / "logs" / "gcm-collect.log"
    assert str(log) in done.stdout
    assert "RuntimeError: the main window could not be built" in log.read_text(encoding="utf-8")
