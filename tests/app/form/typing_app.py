"""Helper process for the durable-typing tests (run as a script, not collected by pytest).

Starts the real app as ``gcm-collect --db PATH --lang fr`` does (offscreen), opens the submission
from the main window as a double-click does, and types into one text answer with real key
events, one key every ``INTERVAL_MS``. It prints ``typed<TAB>n<TAB>seconds`` (this machine's
monotonic clock) once the n-th key has been handled. Modes:

- ``forever``: types until killed;
- ``quit``: types ``QUIT_AFTER`` keys, then ends the application's event loop at once
  (``QApplication.exit``: no window is closed first) before the typing pause is over.
"""

from __future__ import annotations

import os
import runpy
import subprocess
import sys
import time
from pathlib import Path

os.environ["QT_QPA_PLATFORM"] = "offscreen"

from PySide6.QtCore import Qt, QTimer  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

INTERVAL_MS = 80
QUIT_AFTER = 7
TEXT = "Ministere-des-Affaires-etrangeres-et-du-Developpement-international-"


def launch(db_path: Path | str, uuid: str, field: str, mode: str) -> subprocess.Popen:
    """Start this script in its own process (for tests): the real app typing into ``field``."""
    root = Path(__file__).resolve().parents[3]
    env = dict(os.environ, PYTHONPATH=str(root), QT_QPA_PLATFORM="offscreen")
    return subprocess.Popen(
        [sys.executable, __file__, str(db_path), uuid, field, mode],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        env=env,
    )


def say(line: str) -> None:
    os.write(1, (line + "\n").encode())  # one write per line: a kill never tears a line


def start_typing(uuid: str, path: str, mode: str) -> None:
    from gcm_collect.app import actions
    from gcm_collect.app.main_window import MainWindow

    windows = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow)]
    if not windows or not windows[0].isVisible():
        QTimer.singleShot(50, lambda: start_typing(uuid, path, mode))
        return
    window = windows[0]
    actions.open_submission(window, uuid)
    view = window.open_forms[uuid]
    assert view.jump_to(path)
    edit = view.ctrl.parts[path].edit
    edit.setFocus(Qt.OtherFocusReason)
    typed = 0

    def key() -> None:
        nonlocal typed
        QTest.keyClick(edit, TEXT[typed % len(TEXT)])
        typed += 1
        say(f"typed\t{typed}\t{time.monotonic():.4f}")
        if mode == "quit" and typed == QUIT_AFTER:
            timer.stop()
            QApplication.exit(0)

    timer = QTimer(view)
    timer.setTimerType(Qt.PreciseTimer)
    timer.setInterval(INTERVAL_MS if mode == "forever" else 10)
    timer.timeout.connect(key)
    timer.start()
    say("ready")


def main(db_path: str, uuid: str, path: str, mode: str) -> None:
    QApplication(sys.argv[:1])  # the app takes this one over
    QTimer.singleShot(0, lambda: start_typing(uuid, path, mode))
    sys.argv = ["gcm-collect", "--db", db_path, "--lang", "fr"]
    runpy.run_module("gcm_collect", run_name="__main__")


if __name__ == "__main__":
    main(*sys.argv[1:5])
