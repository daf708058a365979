"""Repeat instances: ordered, with stable UUIDs; removing one takes its answers and nested
instances along, into a snapshot from which it can be put back (undo)."""

from __future__ import annotations

import sqlite3
from typing import Any

from gcm_collect.store import values
from gcm_collect.store.paths import prefix_range


def order(conn: sqlite3.Connection, uuid: str, repeat_path: str) -> list[str]:
    rows = conn.execute(
        "SELECT instance_uuid FROM instances WHERE submission_uuid = ? AND repeat_path = ? "
        "ORDER BY position, instance_uuid",
        (uuid, repeat_path),
    )
    return [row[0] for row in rows]


def all_orders(conn: sqlite3.Connection, uuid: str) -> dict[str, list[str]]:
    result: dict[str, list[str]] = {}
    rows = conn.execute(
        "SELECT repeat_path, instance_uuid FROM instances WHERE submission_uuid = ? "
        "ORDER BY repeat_path, position, instance_uuid",
        (uuid,),
    )
    for repeat_path, instance_uuid in rows:
        result.setdefault(repeat_path, []).append(instance_uuid)
    return result


def exists(conn: sqlite3.Connection, uuid: str, repeat_path: str, instance_uuid: str) -> bool:
    row = conn.execute(
        "SELECT 1 FROM instances WHERE submission_uuid = ? AND repeat_path = ? "
        "AND instance_uuid = ?",
        (uuid, repeat_path, instance_uuid),
    ).fetchone()
    return row is not None


def write_order(conn: sqlite3.Connection, uuid: str, repeat_path: str, new: list[str]) -> None:
    """Store ``new`` as the order, rewriting only the positions that changed."""
    # Compare with the stored positions (not list indexes): after a removal they have gaps.
    old_pos = dict(
        conn.execute(
            "SELECT instance_uuid, position FROM instances WHERE submission_uuid = ? "
            "AND repeat_path = ?",
            (uuid, repeat_path),
        ).fetchall()
    )
    for position, instance in enumerate(new):
        if old_pos.get(instance) == position:
            continue
        if instance in old_pos:
            conn.execute(
                "UPDATE instances SET position = ? WHERE submission_uuid = ? "
                "AND repeat_path = ? AND instance_uuid = ?",
                (position, uuid, repeat_path, instance),
            )
        else:
            conn.execute(
                "INSERT INTO instances (submission_uuid, repeat_path, instance_uuid, position) "
                "VALUES (?, ?, ?, ?)",
                (uuid, repeat_path, instance, position),
            )


def snapshot_and_remove(
    conn: sqlite3.Connection, uuid: str, repeat_path: str, instance_uuid: str
) -> dict[str, Any]:
    """Delete an instance with everything inside it; return what is needed to put it back."""
    current = order(conn, uuid, repeat_path)
    position = current.index(instance_uuid)
    lo, hi = prefix_range(repeat_path, instance_uuid)
    nested: dict[str, list[str]] = {}
    for nested_path, nested_uuid in conn.execute(
        "SELECT repeat_path, instance_uuid FROM instances WHERE submission_uuid = ? "
        "AND repeat_path >= ? AND repeat_path < ? ORDER BY repeat_path, position, instance_uuid",
        (uuid, lo, hi),
    ):
        nested.setdefault(nested_path, []).append(nested_uuid)
    answers = {
        path: values.decode(value)
        for path, value in conn.execute(
            "SELECT path, value FROM answers WHERE submission_uuid = ? AND path >= ? AND path < ?",
            (uuid, lo, hi),
        )
    }
    conn.execute(
        "DELETE FROM answers WHERE submission_uuid = ? AND path >= ? AND path < ?", (uuid, lo, hi)
    )
    conn.execute(
        "DELETE FROM instances WHERE submission_uuid = ? AND repeat_path >= ? AND repeat_path < ?",
        (uuid, lo, hi),
    )
    conn.execute(
        "DELETE FROM instances WHERE submission_uuid = ? AND repeat_path = ? AND instance_uuid = ?",
        (uuid, repeat_path, instance_uuid),
    )
    write_order(conn, uuid, repeat_path, [i for i in current if i != instance_uuid])
    return {
        "repeat_path": repeat_path,
        "instance_uuid": instance_uuid,
        "position": position,
        "instances": nested,
        "answers": answers,
    }


def put_back(conn: sqlite3.Connection, uuid: str, snapshot: dict[str, Any]) -> int:
    """Re-insert a removed instance at its old position (or last); returns the position."""
    repeat_path = snapshot["repeat_path"]
    current = order(conn, uuid, repeat_path)
    position = min(int(snapshot["position"]), len(current))
    current.insert(position, snapshot["instance_uuid"])
    write_order(conn, uuid, repeat_path, current)
    for nested_path, nested_order in snapshot["instances"].items():
        write_order(conn, uuid, nested_path, list(nested_order))
    conn.executemany(
        "INSERT INTO answers (submission_uuid, path, value) VALUES (?, ?, ?)",
        [(uuid, path, values.encode(value)) for path, value in snapshot["answers"].items()],
    )
    return position
