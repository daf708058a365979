"""Real reviewer workbooks for consolidation tests: a store per "laptop", exported."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

from datasets import open_store, record

from gcm_collect.export import export_workbook
from gcm_collect.workbook import read_export
from gcm_collect.workbook.model import RECORDS_SHEET


def export_of(folder: Path, name: str, records: list[dict[str, Any]], officer: str = "A") -> Path:
    """A workbook exported from a fresh store holding ``records``."""
    store = open_store(folder, f"{name}.sqlite")
    store.set_setting("officer", officer)
    with store.atomic():
        for data in records:
            store.put_submission(data, who="test")
    path = folder / f"{name}.xlsx"
    export_workbook(store, path, lang="en")
    store.close()
    return path


def variant(n: int, **answers: Any) -> dict[str, Any]:
    """record(n) with some answers changed: same UUID and revision, other content."""
    data = copy.deepcopy(record(n))
    data["answers"].update(answers)
    return data


def machine(path: Path) -> tuple:
    """The machine part that must agree between equivalent consolidations."""
    wb = read_export(path)
    keys = sorted(r.key for r in wb.records)
    return (
        keys,
        sorted(wb.meta.filters.get("alternates") or []),
        sorted(wb.meta.filters.get("superseded") or []),
        sorted(f.sha256 for f in wb.forms),
    )


def records_of(path: Path) -> dict[str, dict[str, Any]]:
    return {r.uuid: dict(r.data) for r in read_export(path).records}


__all__ = ["RECORDS_SHEET", "export_of", "machine", "record", "records_of", "variant"]
