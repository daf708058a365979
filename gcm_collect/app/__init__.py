"""The PySide6 shell. Only this package may import Qt."""

from __future__ import annotations

from pathlib import Path


def run_app(db_path: Path, language_given: str | None = None, ask_new: bool = False) -> int:
    """Open the main window on ``db_path``; returns the process exit status. ``ask_new``: ask
    before creating a database that does not exist yet (a path the user named)."""
    from gcm_collect.app.application import run

    return run(db_path, language_given=language_given, ask_new=ask_new)
