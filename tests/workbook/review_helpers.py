"""An officer's export of two finalized French surveys, for the review in the app (the
operations' tests and the windows')."""

from __future__ import annotations

from pathlib import Path

from datasets import _uuid, open_store, record

from gcm_collect.export import export_workbook

A, B = _uuid(0), _uuid(1)
PRACTICE = f"practices[{_uuid(0, 'p2')}]/practice_title"  # inside the second practice of A


def officers_export(folder: Path) -> Path:
    """``folder/FRA-export.xlsx`` from the officer's database ``folder/officer.sqlite``."""
    officer = open_store(folder, "officer.sqlite")
    with officer.atomic():
        for n in (0, 1):
            officer.put_submission(record(n, status="finalized"), who="test")
    path = folder / "FRA-export.xlsx"
    export_workbook(officer, path, lang="en")
    officer.close()
    return path
