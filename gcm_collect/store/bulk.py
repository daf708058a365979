"""Writing many whole submissions at once (imports, ``demo``): one statement per table.

``Store.put_submission`` looks a UUID up, then writes one submission with a statement per
table and one audit row: fine for a few, some 40 statements a submission for an import of
20,000. Here a batch is looked up in one query, and the submissions it does not hold yet are
written with one ``executemany`` per table, their audit rows too; the few already held go
through ``put_submission`` (compare, keep the newer), one by one, in the same transaction
(``Store.put_submissions``, store/aggregates/records.py).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from typing import Any

from gcm_collect.store.records import SUBMISSION_COLUMNS

LOOKUP = 500  # UUIDs a query (SQLite allows 32,766 parameters; small keeps plans cached)


def held(conn: sqlite3.Connection, uuids: Sequence[str]) -> set[str]:
    """Which of ``uuids`` the database holds."""
    out: set[str] = set()
    for i in range(0, len(uuids), LOOKUP):
        part = uuids[i : i + LOOKUP]
        marks = ", ".join("?" * len(part))
        rows = conn.execute(f"SELECT uuid FROM submissions WHERE uuid IN ({marks})", part)
        out.update(row[0] for row in rows)
    return out


def insert_new(conn: sqlite3.Connection, records: Sequence[dict[str, Any]]) -> None:
    """Insert normalized records (``transfer.normalized``) none of which the database holds,
    as ``put_submission`` writes them (their audit rows: the store's ``_audit_many``)."""
    marks = ", ".join("?" * len(SUBMISSION_COLUMNS))
    conn.executemany(
        f"INSERT INTO submissions ({', '.join(SUBMISSION_COLUMNS)}) VALUES ({marks})",
        ([r[c] for c in SUBMISSION_COLUMNS] for r in records),
    )
    conn.executemany(
        "INSERT INTO answers (submission_uuid, path, value) VALUES (?, ?, ?)",
        ((r["uuid"], path, text) for r in records for path, text in r["answers"].items()),
    )
    conn.executemany(
        "INSERT INTO instances (submission_uuid, repeat_path, instance_uuid, position) "
        "VALUES (?, ?, ?, ?)",
        (
            (r["uuid"], repeat_path, instance, position)
            for r in records
            for repeat_path, order in r["instances"].items()
            for position, instance in enumerate(order)
        ),
    )
    conn.executemany(
        "INSERT INTO reviews (submission_uuid, review) VALUES (?, ?)",
        ((r["uuid"], r["review"]) for r in records if r.get("review") is not None),
    )
