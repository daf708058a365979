"""The repository: every read and write of the local database goes through ``Store``, one
facade over the parts in gcm_collect/store/aggregates/ (one per aggregate: settings, keys,
forms, listing, answers, instances, lifecycle, records, conversation, backups).

Each public write is one transaction (BEGIN IMMEDIATE ... COMMIT); inside ``atomic()`` it becomes
a savepoint of the caller's transaction instead. Environmental failures (disk full, locked,
read-only, damaged file) surface as one ``UserError`` naming the database file; the transaction
is rolled back, so nothing half-written remains.

Audit actions (``AuditEntry.action``), one row per change:
``create``; ``answer`` (path, old, new); ``add_instance`` (path ``repeat[uuid]``, new = position);
``remove_instance`` (old = snapshot used by ``restore_instance``); ``restore_instance``;
``move_instance`` (old, new position); ``status`` (old, new); ``title`` (old, new);
``delete`` / ``restore`` (soft delete); ``reopened`` (in the finalized submission, new = uuid of
the new revision) and ``revise`` (in the new revision, old = uuid it revises);
``import`` (old = the replaced record or None, new = outcome).
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from gcm_collect.errors import UserError
from gcm_collect.i18n import _
from gcm_collect.store import schema
from gcm_collect.store.aggregates.answers import UNCHECKED
from gcm_collect.store.aggregates.backups import BackupsPart
from gcm_collect.store.aggregates.conversation import ConversationPart
from gcm_collect.store.aggregates.forms import FormsPart
from gcm_collect.store.aggregates.keys import KeysPart
from gcm_collect.store.aggregates.lifecycle import LifecyclePart
from gcm_collect.store.aggregates.listing import ListingPart, SubmissionFilters
from gcm_collect.store.aggregates.records import RecordsPart
from gcm_collect.store.clock import Clock, utc_now
from gcm_collect.store.connection import open_connection

__all__ = ["UNCHECKED", "Store", "SubmissionFilters"]


class Store(
    FormsPart, KeysPart, ListingPart, LifecyclePart, RecordsPart, ConversationPart, BackupsPart
):
    """The local database. Open with ``Store.open(path)``; use as a context manager."""

    def __init__(
        self,
        conn: sqlite3.Connection,
        path: Path | None,
        *,
        now: Clock = utc_now,
        busy_timeout: float = 5.0,
    ):
        self._conn = conn
        self.path = path  # None for an in-memory database
        self.busy_timeout = busy_timeout
        self._now = now
        self._savepoints = 0
        self.is_open = True  # False once closed (a window left open must not read it)
        self.device_id = self._ensure_device_id()

    @classmethod
    def open(
        cls,
        path: str | os.PathLike[str],
        *,
        create: bool = True,
        busy_timeout: float = 5.0,
        now: Clock | None = None,
        passphrase: str | None = None,
    ) -> Store:
        """Open (or create) the database at ``path`` (``":memory:"`` for tests).

        Refuses, with a UserError and without writing anything, a file that is not a GCM
        Collect database or that a newer version of the app wrote. Migrates older ones.
        ``busy_timeout`` (seconds) bounds the wait when another program holds the lock.
        An encrypted database needs ``passphrase`` once per process (store/cipher.py).
        """
        conn, file = open_connection(
            path, create=create, busy_timeout=busy_timeout, passphrase=passphrase
        )
        try:
            return cls(conn, file, now=now or utc_now, busy_timeout=busy_timeout)
        except BaseException:
            conn.close()
            raise

    def close(self) -> None:
        self.is_open = False
        self._conn.close()

    @contextmanager
    def released(self) -> Iterator[Path]:
        """The database file, with this store's connection closed for the block (a conversion
        that needs the file to itself: store/encrypting.py), then opened again on the same
        file, whatever happened (converted, or as it was)."""
        if self.path is None:
            raise UserError(_("there is no database file here"))
        path = self.path
        self._conn.close()
        try:
            yield path
        finally:
            self._conn, _file = open_connection(path, create=False, busy_timeout=self.busy_timeout)
            # The States' ranks lived in the old connection's TEMP table: ranked again when asked.
            self._ranked_languages = set()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def schema_version(self) -> int:
        with self._guard():
            return schema.read_info(self._conn).schema_version
