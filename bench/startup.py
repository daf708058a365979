"""Start-up time: process start -> main window shown, on a database of 50,000 submissions.

"Shown" is as a user sees it: the window has painted, with the first rows of the list.

Compared in the same run with a bare PySide6 window (the floor any Qt app pays). Goal: under
1.5 s and within 2x of the bare window. The database is built once and cached in bench/out/.

    .venv/bin/python bench/startup.py [--runs 9]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
import uuid as uuidlib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "bench" / "out"
DB = OUT / "startup-50k.sqlite3"
COUNT = 50_000
STATES = (("SEN", "ECA"), ("FRA", "ECE"), ("CHL", "ECLAC"), ("JPN", "ESCAP"), ("JOR", "ESCWA"))

# The floor: a bare window, reported the same way as the app (after its first paint).
BARE = """
import sys
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication(sys.argv)
window = QMainWindow()
window.resize(1000, 640)
class Painted(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            QTimer.singleShot(0, report)
        return False
def report():
    print("window shown", flush=True)
    app.quit()
painted = Painted()
window.installEventFilter(painted)
window.show()
app.exec()
"""


def build_database() -> None:
    """50,000 small submissions written directly (the demo generator does ~40 a second)."""
    sys.path.insert(0, str(ROOT))
    from gcm_collect.ops.forms import ensure_builtin
    from gcm_collect.store import Store

    OUT.mkdir(parents=True, exist_ok=True)
    temp = DB.with_suffix(".building")
    for leftover in OUT.glob(temp.name + "*"):
        leftover.unlink()
    with Store.open(temp) as store:
        form = ensure_builtin(store)
        with store.atomic():
            for i in range(COUNT):
                state, region = STATES[i % len(STATES)]
                store.put_submission(
                    {
                        "uuid": str(uuidlib.UUID(int=i + 1, version=4)),
                        "form_id": form.form_id,
                        "form_version": form.version,
                        "state": state,
                        "region": region,
                        "period": str(2020 + i % 6),
                        "status": ("draft", "complete", "finalized")[i % 3],
                        "answers": {"lead_entity": f"Ministry {i}"},
                    },
                    who="bench",
                )
        # A profile, so the first-run dialog does not count; no daily backup of 50k either.
        store.set_setting("officer_profile", {"name": "Bench", "position": "", "email": ""})
        store.set_setting("officer", "Bench")
    temp.rename(DB)


def timed(command: list[str], env: dict[str, str]) -> float:
    """Seconds from starting ``command`` to its "window shown" line (work after it not counted)."""
    start = time.perf_counter()
    with subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env
    ) as process:
        for line in process.stdout:
            if line.startswith("window shown"):
                elapsed = time.perf_counter() - start
                break
        else:
            elapsed = None
        _, errors = process.communicate(timeout=120)
    if process.returncode != 0 or elapsed is None:
        raise SystemExit(f"{' '.join(command)} failed:\n{errors}")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9)
    args = parser.parse_args()
    if not DB.exists():
        print(f"building {DB} ({COUNT} submissions)...", flush=True)
        build_database()
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    # Installed, the app runs from compiled bytecode: so must both sides here.
    env = dict(
        env,
        QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"),
        GCM_COLLECT_EXIT_AFTER_SHOW="1",
        GCM_COLLECT_LANG="en",
        HOME=str(OUT / "home"),  # never the user's own settings or data folder
        XDG_DATA_HOME=str(OUT / "home" / "data"),
    )
    app = [sys.executable, "-m", "gcm_collect", "--db", str(DB), "--lang", "en"]
    bare = [sys.executable, "-c", BARE]
    for _ in range(2):  # warm the OS file cache and bytecode for both, then measure alternately
        timed(app, env)
        timed(bare, env)
    app_times, bare_times = [], []
    for _ in range(args.runs):
        app_times.append(timed(app, env))
        bare_times.append(timed(bare, env))
    app_s, bare_s = statistics.median(app_times), statistics.median(bare_times)
    ratio = app_s / bare_s
    print(f"{'':<34}{'median s':>10}{'min s':>9}")
    print(f"{'bare PySide6 window':<34}{bare_s:>10.3f}{min(bare_times):>9.3f}")
    print(f"{'GCM Collect, 50,000 submissions':<34}{app_s:>10.3f}{min(app_times):>9.3f}")
    print(f"ratio {ratio:.2f}x (goal <= 2x); app {app_s:.3f} s (goal < 1.5 s)")
    verdict = "OK" if app_s < 1.5 and ratio <= 2 else "ABOVE GOAL"
    print(verdict)


if __name__ == "__main__":
    main()
