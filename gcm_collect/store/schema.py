"""The schema, versioned by sqlite-utils migrations (applied in order, each recorded by name).

Migration 1 is the first schema and must never change: databases made by the first release
are migrated forward from it. Add new migrations at the end; never edit or reorder old ones.
"""

from __future__ import annotations

import functools
import sqlite3
from collections.abc import Set
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from gcm_collect.vocabulary import REGIONS, STATUSES

if TYPE_CHECKING:
    from sqlite_utils import Database

# PRAGMA application_id marks a file as ours (b"GCMC"), so other SQLite files are refused.
APPLICATION_ID = 0x47434D43

# sqlite-utils loads on demand: opening an up-to-date database (every start but the first
# after an upgrade) needs only sqlite3, and the app starts ~50 ms sooner.
MIGRATION_SET = "gcm_collect"
MIGRATIONS_TABLE = "_sqlite_migrations"  # sqlite-utils' table (a test checks the name)
_steps: list[tuple[str, Any]] = []
_names: list[str] = []


def _migration(name: str):
    """Register a migration and remember its name, in order."""

    def register(fn):
        _names.append(name)
        _steps.append((name, fn))
        return fn

    return register


def migrations():
    """The sqlite-utils ``Migrations`` holding every step, in order."""
    from sqlite_utils import Migrations

    out = Migrations(MIGRATION_SET)
    for name, fn in _steps:
        out(name=name)(fn)
    return out


def _run(db: Database, statements: list[str]) -> None:
    for statement in statements:
        db.execute(statement)


@_migration("m001_first_schema")
def m001_first_schema(db: Database) -> None:
    regions = ", ".join(f"'{r}'" for r in REGIONS)
    statuses = ", ".join(f"'{s}'" for s in STATUSES)
    _run(
        db,
        [
            """CREATE TABLE forms (
                form_id TEXT NOT NULL,
                version TEXT NOT NULL,
                content_hash TEXT NOT NULL,
                title TEXT NOT NULL DEFAULT '',
                definition TEXT NOT NULL,
                imported_at TEXT NOT NULL,
                PRIMARY KEY (form_id, version)
            )""",
            # No foreign key to forms or to the revised submission: imports may bring a
            # revision whose form or predecessor arrives later (or never).
            f"""CREATE TABLE submissions (
                uuid TEXT PRIMARY KEY NOT NULL,
                form_id TEXT NOT NULL,
                form_version TEXT NOT NULL,
                state TEXT NOT NULL,
                region TEXT NOT NULL CHECK (region IN ({regions})),
                period TEXT NOT NULL,
                status TEXT NOT NULL CHECK (status IN ({statuses})),
                revision INTEGER NOT NULL CHECK (revision >= 1),
                revises TEXT,
                created_at TEXT NOT NULL,
                updated_at TEXT NOT NULL,
                officer TEXT NOT NULL DEFAULT '',
                device_id TEXT NOT NULL DEFAULT '',
                deleted_at TEXT,
                last_path TEXT
            )""",
            """CREATE TABLE answers (
                submission_uuid TEXT NOT NULL REFERENCES submissions(uuid) ON DELETE CASCADE,
                path TEXT NOT NULL,
                value TEXT NOT NULL,
                PRIMARY KEY (submission_uuid, path)
            ) WITHOUT ROWID""",
            """CREATE TABLE instances (
                submission_uuid TEXT NOT NULL REFERENCES submissions(uuid) ON DELETE CASCADE,
                repeat_path TEXT NOT NULL,
                instance_uuid TEXT NOT NULL,
                position INTEGER NOT NULL,
                PRIMARY KEY (submission_uuid, repeat_path, instance_uuid)
            ) WITHOUT ROWID""",
            """CREATE TABLE audit (
                id INTEGER PRIMARY KEY,
                submission_uuid TEXT NOT NULL REFERENCES submissions(uuid) ON DELETE CASCADE,
                at TEXT NOT NULL,
                who TEXT NOT NULL,
                action TEXT NOT NULL,
                path TEXT,
                old_value TEXT,
                new_value TEXT
            )""",
            "CREATE INDEX audit_by_submission ON audit (submission_uuid, id)",
            "CREATE TABLE settings (key TEXT PRIMARY KEY NOT NULL, value TEXT NOT NULL)",
        ],
    )


@_migration("m002_titles_and_list_indexes")
def m002_titles_and_list_indexes(db: Database) -> None:
    # The submissions list (50,000 rows) sorts by updated_at and filters by state/status.
    _run(
        db,
        [
            "ALTER TABLE submissions ADD COLUMN title TEXT NOT NULL DEFAULT ''",
            "CREATE INDEX submissions_by_updated ON submissions (updated_at, uuid)",
            "CREATE INDEX submissions_by_state ON submissions (state, updated_at, uuid)",
            "CREATE INDEX submissions_by_status ON submissions (status, updated_at, uuid)",
            "CREATE INDEX submissions_by_revises ON submissions (revises)",
        ],
    )


@_migration("m003_attachments")
def m003_attachments(db: Database) -> None:
    # Documents attached to ``file`` answers, stored once by content. Rows are never deleted
    # when an answer changes: the audit trail names the earlier files and keeps them readable.
    _run(
        db,
        [
            """CREATE TABLE attachments (
                sha256 TEXT PRIMARY KEY NOT NULL CHECK (length(sha256) = 64),
                size INTEGER NOT NULL,
                data BLOB NOT NULL,
                added_at TEXT NOT NULL
            )""",
        ],
    )


@_migration("m004_reviews")
def m004_reviews(db: Database) -> None:
    # A revision made by a reviewer in a workbook (accepted edits) carries who, when, from which
    # workbook and which answers: kept with the record so it travels on in later exports.
    _run(
        db,
        [
            """CREATE TABLE reviews (
                submission_uuid TEXT PRIMARY KEY NOT NULL
                    REFERENCES submissions(uuid) ON DELETE CASCADE,
                review TEXT NOT NULL
            ) WITHOUT ROWID""",
        ],
    )


@_migration("m006_answers_to_confirm")
def m006_answers_to_confirm(db: Database) -> None:
    # Answers a survey started from last cycle's carried over: "to confirm" until the officer
    # edits or confirms each one (the mark goes with the answer's change, in one transaction).
    _run(
        db,
        [
            """CREATE TABLE to_confirm (
                submission_uuid TEXT NOT NULL REFERENCES submissions(uuid) ON DELETE CASCADE,
                path TEXT NOT NULL,
                PRIMARY KEY (submission_uuid, path)
            ) WITHOUT ROWID""",
        ],
    )


@_migration("m007_trusted_keys")
def m007_trusted_keys(db: Database) -> None:
    # The reviewer's register of officers' keys (gcm-collect trust): whose workbooks are
    # believed, and for which States each key may sign.
    _run(
        db,
        [
            """CREATE TABLE trusted_keys (
                fingerprint TEXT PRIMARY KEY NOT NULL,
                public_key TEXT NOT NULL UNIQUE,
                officer TEXT NOT NULL,
                device_id TEXT NOT NULL,
                states TEXT NOT NULL,
                created TEXT NOT NULL,
                added_at TEXT NOT NULL
            ) WITHOUT ROWID""",
        ],
    )


@_migration("m008_submission_keys")
def m008_submission_keys(db: Database) -> None:
    # Which key first signed each submission a reviewer consolidated: later runs keep the
    # submission bound to it, even when its first workbook is not among their inputs.
    _run(
        db,
        [
            """CREATE TABLE submission_keys (
                uuid TEXT PRIMARY KEY NOT NULL,
                fingerprint TEXT NOT NULL,
                first_seen TEXT NOT NULL
            ) WITHOUT ROWID""",
        ],
    )


@_migration("m009_review_conversation")
def m009_review_conversation(db: Database) -> None:
    # The review conversation (conversation.py): comment events and decisions, each with a
    # stable id (merging is a union), and the review state each reviewed revision is in.
    # Submissions are named, not referenced: a return file may name a revision this database
    # no longer holds, and its conversation is kept as history all the same.
    _run(
        db,
        [
            """CREATE TABLE review_comments (
                id TEXT PRIMARY KEY NOT NULL,
                submission TEXT NOT NULL,
                revision INTEGER NOT NULL,
                path TEXT NOT NULL,
                author TEXT NOT NULL,
                text TEXT NOT NULL,
                at TEXT NOT NULL,
                level TEXT NOT NULL CHECK (level IN ('national', 'regional')),
                kind TEXT NOT NULL CHECK (kind IN ('comment', 'reply', 'resolve')),
                reply_to TEXT NOT NULL
            ) WITHOUT ROWID""",
            "CREATE INDEX review_comments_submission ON review_comments (submission)",
            """CREATE TABLE review_decisions (
                id TEXT PRIMARY KEY NOT NULL,
                submission TEXT NOT NULL,
                revision INTEGER NOT NULL,
                code TEXT NOT NULL CHECK (code IN ('approve', 'return', 'reject')),
                reason TEXT NOT NULL,
                level TEXT NOT NULL CHECK (level IN ('national', 'regional')),
                reviewer TEXT NOT NULL,
                at TEXT NOT NULL
            ) WITHOUT ROWID""",
            "CREATE INDEX review_decisions_submission ON review_decisions (submission)",
            """CREATE TABLE review_states (
                submission_uuid TEXT PRIMARY KEY NOT NULL
                    REFERENCES submissions(uuid) ON DELETE CASCADE,
                state TEXT NOT NULL CHECK (state IN ('approved', 'returned', 'rejected')),
                decision TEXT NOT NULL
            ) WITHOUT ROWID""",
        ],
    )


MIGRATION_NAMES: tuple[str, ...] = tuple(_names)
SCHEMA_VERSION = len(MIGRATION_NAMES)

# Indexes that only make reads faster are not part of the schema: created when missing, at every
# open, so that adding one never makes a database (or its backups) unreadable by an earlier
# release, which ignores them.
SPEED_INDEXES = {
    # The list opens on the submissions not in the trash, newest first, with their count: both
    # read from this index, not from 50,000 whole rows.
    "submissions_live": "CREATE INDEX IF NOT EXISTS submissions_live "
    "ON submissions (updated_at, uuid) WHERE deleted_at IS NULL",
}


@dataclass(frozen=True)
class FileInfo:
    """What a database file is, read without writing to it."""

    empty: bool  # no tables at all: a new database
    ours: bool  # carries our application_id
    applied: tuple[str, ...]  # migration names recorded in it

    @property
    def unknown_migrations(self) -> tuple[str, ...]:
        return tuple(name for name in self.applied if name not in MIGRATION_NAMES)

    @property
    def newer(self) -> bool:
        return bool(self.unknown_migrations)

    @property
    def schema_version(self) -> int:
        return sum(1 for name in self.applied if name in MIGRATION_NAMES)


def read_info(conn: sqlite3.Connection) -> FileInfo:
    """Read-only look at an open connection (raises sqlite3 errors for non-databases)."""
    app_id = conn.execute("PRAGMA application_id").fetchone()[0]
    tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    applied: tuple[str, ...] = ()
    if MIGRATIONS_TABLE in tables:
        applied = tuple(
            row[0]
            for row in conn.execute(
                f"SELECT name FROM {MIGRATIONS_TABLE} WHERE migration_set = ? ORDER BY rowid",
                (MIGRATION_SET,),
            )
        )
    return FileInfo(empty=not tables, ours=app_id == APPLICATION_ID, applied=applied)


def connect_read_only(
    path: Path, timeout: float, passphrase: str | None = None
) -> sqlite3.Connection:
    """A connection that cannot write (nor checkpoint a leftover WAL into) the file; keyed
    with ``passphrase`` for an encrypted file (WrongPassphrase if it does not open it)."""
    from gcm_collect.store import cipher
    from gcm_collect.store.location import database_uri

    uri = database_uri(path, mode="ro")
    conn = cipher.connect(uri, passphrase, timeout=timeout, uri=True)
    try:
        cipher.check_key(conn, path, passphrase)
    except BaseException:
        conn.close()
        raise
    return conn


def inspect_file(
    path: Path, *, timeout: float, integrity: bool = False, passphrase: str | None = None
) -> FileInfo:
    """Look at a database file without writing to it; optionally run integrity_check.

    Raises sqlite3.Error for files that are not SQLite databases, and ValueError when
    ``integrity`` is asked and the check fails.
    """
    conn = connect_read_only(path, timeout, passphrase)
    try:
        info = read_info(conn)
        if integrity:
            result = conn.execute("PRAGMA integrity_check").fetchall()
            if result != [("ok",)]:
                raise ValueError("; ".join(str(row[0]) for row in result[:3]))
        return info
    finally:
        conn.close()


def migrate(conn: sqlite3.Connection, *, stop_before: str | None = None) -> None:
    """Bring the schema up to date in one write transaction (all migrations or none).

    The caller has already refused newer databases; this runs inside BEGIN IMMEDIATE so two
    processes opening an old file at once do not both migrate it.
    """
    info = read_info(conn)
    if info.newer:
        raise NewerSchemaError(info.unknown_migrations)
    if info.ours and info.schema_version == SCHEMA_VERSION:
        add_speed_indexes(conn)
        return  # up to date: no write lock needed, so a busy database still opens
    conn.execute("BEGIN IMMEDIATE")
    try:
        info = read_info(conn)
        if info.newer:  # re-checked under the write lock; nothing was written yet
            raise NewerSchemaError(info.unknown_migrations)
        if info.schema_version < SCHEMA_VERSION:
            from sqlite_utils import Database

            db = Database(conn, execute_plugins=False, recursive_triggers=False)
            migrations().apply(db, stop_before=stop_before)
        if not info.ours:
            conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        for statement in SPEED_INDEXES.values():
            conn.execute(statement)
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise


def schema_of(conn: sqlite3.Connection) -> frozenset[tuple[str, str, str, str]]:
    """Every table, index, view and trigger of a database: (type, name, table, SQL)."""
    rows = conn.execute("SELECT type, name, tbl_name, sql FROM sqlite_master").fetchall()
    return frozenset((t, n, tb, " ".join((sql or "").split())) for t, n, tb, sql in rows)


@functools.lru_cache(maxsize=1)
def expected_schema() -> frozenset[tuple[str, str, str, str]]:
    """The schema this version makes: every migration applied to an empty database."""
    conn = sqlite3.connect(":memory:", isolation_level=None)
    try:
        migrate(conn)
        return schema_of(conn)
    finally:
        conn.close()


def foreign_parts(conn: sqlite3.Connection, *, migrated: bool) -> list[str]:
    """What a database holds that this app did not make: any view or trigger (the app makes
    none) and, once ``migrated``, any table or index not exactly as the migrations made it.
    Names as ``type name``, sorted; [] for a database that is exactly ours."""
    found = schema_of(conn)
    extra: Set[tuple[str, str, str, str]]
    if migrated:
        extra = found - expected_schema()
    else:
        extra = {entry for entry in found if entry[0] in ("view", "trigger")}
    return sorted(f"{kind} {name}" for kind, name, _table, _sql in extra)


def add_speed_indexes(conn: sqlite3.Connection) -> None:
    """Create the speed indexes a database lacks (made by an earlier release). A database busy
    with another writer opens without them: they only make reads faster."""
    existing = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type='index'")}
    missing = [sql for name, sql in SPEED_INDEXES.items() if name not in existing]
    try:
        for statement in missing:
            conn.execute(statement)
    except sqlite3.OperationalError:  # locked by another process: next time
        pass


class NewerSchemaError(Exception):
    """The database was written by a newer version of the app."""

    def __init__(self, unknown: tuple[str, ...]):
        super().__init__(", ".join(unknown))
        self.unknown = unknown
