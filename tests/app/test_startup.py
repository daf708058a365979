"""`gcm-collect` with no subcommand opens the main window on the database (offscreen)."""

from __future__ import annotations

import os
import subprocess
import sys


def test_app_opens_a_window_on_an_empty_database(tmp_path):
    db = tmp_path / "fresh.sqlite3"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", GCM_COLLECT_EXIT_AFTER_SHOW="1")
    result = subprocess.run(
        [sys.executable, "-m", "gcm_collect", "--db", str(db)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert "window shown" in result.stdout
    assert db.exists()
