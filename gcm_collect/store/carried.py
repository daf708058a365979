"""Answers carried over from last cycle's survey, each "to confirm" until the officer edits or
confirms it: kept per submission and path, so the marks survive closing the app."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable


def mark(conn: sqlite3.Connection, uuid: str, paths: Iterable[str]) -> None:
    conn.executemany(
        "INSERT OR IGNORE INTO to_confirm (submission_uuid, path) VALUES (?, ?)",
        ((uuid, path) for path in paths),
    )


def unmark(conn: sqlite3.Connection, uuid: str, paths: Iterable[str]) -> list[str]:
    """Take the marks off ``paths``; returns those that had one."""
    gone = []
    for path in paths:
        cursor = conn.execute(
            "DELETE FROM to_confirm WHERE submission_uuid = ? AND path = ?", (uuid, path)
        )
        if cursor.rowcount:
            gone.append(path)
    return gone


def marked(conn: sqlite3.Connection, uuid: str) -> set[str]:
    rows = conn.execute("SELECT path FROM to_confirm WHERE submission_uuid = ?", (uuid,))
    return {row[0] for row in rows}
