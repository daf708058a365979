"""The PySide6 shell. Only this package may import Qt."""

from __future__ import annotations

from pathlib import Path


def run_app(db_path: Path, language_given: str | None = None) -> int:
    """Open the main window on ``db_path``; returns the process exit status."""
    from gcm_collect.app.application import run

    return run(db_path, language_given=language_given)
