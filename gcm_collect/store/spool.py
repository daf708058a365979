"""A scratch SQLite file for checking a big workbook in flat memory.

Edit detection matches every visible row with the record it shows; with 20,000 submissions
those rows are a million cells. They wait here, on disk, looked up by their key, instead of in
lists. The file is private to one reading (a temporary file, deleted on close); nothing in it
outlives the import, and it never touches the user's database.
"""

from __future__ import annotations

import os
import pickle
import sqlite3
import tempfile
from collections.abc import Container, Iterable, Iterator
from typing import Any


class Spool:
    """Rows of sheets by (sheet, row number, key), and records by UUID."""

    def __init__(self, folder: str | os.PathLike[str] | None = None) -> None:
        handle, self.path = tempfile.mkstemp(prefix="gcm-spool-", suffix=".sqlite", dir=folder)
        os.close(handle)
        self._conn = sqlite3.connect(self.path, isolation_level=None)
        # A scratch file: nothing to recover after a crash, so no journal and no syncing.
        self._conn.executescript(
            """
            PRAGMA journal_mode = OFF;
            PRAGMA synchronous = OFF;
            PRAGMA cache_size = -16000;
            CREATE TABLE row_ (sheet TEXT, r INTEGER, key TEXT, bucket INTEGER, cells BLOB,
                               PRIMARY KEY (sheet, r)) WITHOUT ROWID;
            CREATE TABLE record (uuid TEXT PRIMARY KEY, data BLOB) WITHOUT ROWID;
            BEGIN;
            """
        )
        self._indexed = False

    def add_rows(self, sheet: str, rows: Iterable[tuple[int, str | None, int, list[Any]]]) -> None:
        """(row number, key or None, bucket, cells) of one sheet."""
        self._conn.executemany(
            "INSERT INTO row_ (sheet, r, key, bucket, cells) VALUES (?, ?, ?, ?, ?)",
            ((sheet, r, key, bucket, pickle.dumps(cells, 5)) for r, key, bucket, cells in rows),
        )

    def _index(self) -> None:
        if not self._indexed:  # built once, after the rows: faster than kept up row by row
            self._conn.execute("CREATE INDEX row_key ON row_ (sheet, key, r)")
            self._indexed = True

    def first_with_key(self, sheet: str, key: str) -> int | None:
        """The number of the first row of ``sheet`` whose key is ``key``."""
        self._index()
        found = self._conn.execute(
            "SELECT r FROM row_ WHERE sheet = ? AND key = ? ORDER BY r LIMIT 1", (sheet, key)
        ).fetchone()
        return None if found is None else int(found[0])

    def row(self, sheet: str, r: int) -> list[Any]:
        found = self._conn.execute(
            "SELECT cells FROM row_ WHERE sheet = ? AND r = ?", (sheet, r)
        ).fetchone()
        return [] if found is None else pickle.loads(found[0])

    def row_numbers(self, sheet: str, buckets: Container[int] | None = None) -> Iterator[int]:
        """The numbers of the rows of ``sheet`` that hold something, in order (only those of
        ``buckets`` when given)."""
        query = "SELECT r, bucket FROM row_ WHERE sheet = ? ORDER BY r"
        for r, bucket in self._conn.execute(query, (sheet,)):
            if buckets is None or bucket in buckets:
                yield int(r)

    def put_record(self, uuid: str, data: Any) -> None:
        self._conn.execute(
            "INSERT OR REPLACE INTO record (uuid, data) VALUES (?, ?)",
            (uuid, pickle.dumps(data, 5)),
        )

    def record(self, uuid: str) -> Any:
        found = self._conn.execute("SELECT data FROM record WHERE uuid = ?", (uuid,)).fetchone()
        return None if found is None else pickle.loads(found[0])

    def close(self) -> None:
        self._conn.close()
        for suffix in ("", "-journal", "-wal", "-shm"):
            try:
                os.remove(self.path + suffix)
            except FileNotFoundError:
                pass

    def __enter__(self) -> Spool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
