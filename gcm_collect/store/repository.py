"""The repository: every read and write of the local database goes through ``Store``.

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
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypedDict, Unpack

from gcm_collect import reference
from gcm_collect.errors import AnswerConflict, UserError
from gcm_collect.i18n import _
from gcm_collect.limits import MAX_REVISION
from gcm_collect.store import carried, conversation, instances, paths, schema, transfer, values
from gcm_collect.store.clock import Clock, iso_utc, utc_now
from gcm_collect.store.connection import open_connection
from gcm_collect.store.failures import translated
from gcm_collect.store.ids import new_uuid, sha256_hex
from gcm_collect.store.records import (
    SUBMISSION_COLUMNS,
    AuditEntry,
    FormRecord,
    Submission,
    TrustedKey,
)

_COLUMNS_SQL = ", ".join(SUBMISSION_COLUMNS)
UNCHECKED: Any = object()  # set_answer's ``expected`` when the writer does not check


class SubmissionFilters(TypedDict, total=False):
    """Filters of ``list_submissions`` and ``count_submissions``: each may be one value or
    several (state, region, status); ``text`` is a substring of title, officer, State code,
    State name (any of the six languages, ignoring case and accents), period or UUID;
    soft-deleted submissions are left out unless ``include_deleted``."""

    state: str | Iterable[str] | None
    region: str | Iterable[str] | None
    status: str | Iterable[str] | None
    form_id: str | None
    text: str | None
    include_deleted: bool


_ORDERABLE = {
    "state_name",  # the State's name in a display language: see set_state_order
    "updated_at",
    "created_at",
    "state",
    "region",
    "status",
    "period",
    "title",
    "revision",
    "officer",
}
_DEVICE_KEY = "device_id"


class Store:
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

    # -- lifecycle --------------------------------------------------------------------------

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

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def schema_version(self) -> int:
        with self._guard():
            return schema.read_info(self._conn).schema_version

    def now(self) -> str:
        """The current time as stored (UTC ISO 8601, milliseconds), from the injected clock."""
        return iso_utc(self._now())

    # -- transactions ---------------------------------------------------------------------

    @contextmanager
    def _guard(self) -> Iterator[None]:
        with translated(self.path):
            yield

    @contextmanager
    def atomic(self) -> Iterator[None]:
        """One transaction around the block; nested blocks are savepoints.

        The outermost block takes the write lock at once (BEGIN IMMEDIATE), so a busy database
        fails at the start, not halfway. An exception rolls the block back and propagates.
        """
        with self._guard():
            conn = self._conn
            if conn.in_transaction:
                self._savepoints += 1
                name = f"gcm_sp{self._savepoints}"
                conn.execute(f"SAVEPOINT {name}")
                try:
                    yield
                except BaseException:
                    if conn.in_transaction:  # some errors (disk full) end the whole transaction
                        conn.execute(f"ROLLBACK TO {name}")
                        conn.execute(f"RELEASE {name}")
                    raise
                else:
                    conn.execute(f"RELEASE {name}")
                finally:
                    self._savepoints -= 1
            else:
                conn.execute("BEGIN IMMEDIATE")
                try:
                    yield
                    conn.execute("COMMIT")
                except BaseException:
                    if conn.in_transaction:
                        conn.execute("ROLLBACK")
                    raise

    # -- settings -------------------------------------------------------------------------

    def get_setting(self, key: str, default: Any = None) -> Any:
        with self._guard():
            row = self._conn.execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
        return default if row is None else values.decode(row[0])

    def set_setting(self, key: str, value: Any) -> None:
        """Store any JSON-compatible value under ``key``."""
        text = values.dumps(value)
        with self.atomic():
            self._conn.execute(
                "INSERT INTO settings (key, value) VALUES (?, ?) "
                "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                (key, text),
            )

    def _ensure_device_id(self) -> str:
        device_id = self.get_setting(_DEVICE_KEY)
        if device_id is None:
            device_id = new_uuid()
            self.set_setting(_DEVICE_KEY, device_id)
        return device_id

    # -- the register of trusted keys (a reviewer's) ----------------------------------------

    def trust_key(self, key: TrustedKey) -> bool:
        """Add ``key`` (or replace its holder and States); True when it was new."""
        with self.atomic():
            known = self._conn.execute(
                "SELECT 1 FROM trusted_keys WHERE fingerprint = ?", (key.fingerprint,)
            ).fetchone()
            self._conn.execute(
                "INSERT INTO trusted_keys (fingerprint, public_key, officer, device_id, states, "
                "created, added_at) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (fingerprint) DO "
                "UPDATE SET officer = excluded.officer, device_id = excluded.device_id, "
                "states = excluded.states, added_at = excluded.added_at",
                (
                    key.fingerprint,
                    key.public_key,
                    key.officer,
                    key.device_id,
                    values.dumps(list(key.states)),
                    key.created,
                    key.added_at,
                ),
            )
        return known is None

    def trusted_keys(self) -> list[TrustedKey]:
        with self._guard():
            rows = self._conn.execute(
                "SELECT fingerprint, public_key, officer, device_id, states, created, added_at "
                "FROM trusted_keys ORDER BY officer, fingerprint"
            ).fetchall()
        return [
            TrustedKey(r[0], r[1], r[2], r[3], tuple(values.decode(r[4])), r[5], r[6]) for r in rows
        ]

    def submission_keys(self) -> dict[str, str]:
        """uuid -> the fingerprint of the key that first signed it, as consolidations saw."""
        with self._guard():
            rows = self._conn.execute("SELECT uuid, fingerprint FROM submission_keys").fetchall()
        return {str(r[0]): str(r[1]) for r in rows}

    def bind_submission_keys(self, owners: Mapping[str, str]) -> int:
        """Remember the first signer of submissions not seen before; returns how many."""
        at = self.now()
        with self.atomic():
            before = self._conn.total_changes
            self._conn.executemany(
                "INSERT OR IGNORE INTO submission_keys (uuid, fingerprint, first_seen) "
                "VALUES (?, ?, ?)",
                [(uuid, fp, at) for uuid, fp in sorted(owners.items())],
            )
            return self._conn.total_changes - before

    def untrust_key(self, fingerprint: str) -> bool:
        """Remove the key; False when it was not in the register."""
        with self.atomic():
            cursor = self._conn.execute(
                "DELETE FROM trusted_keys WHERE fingerprint = ?", (fingerprint,)
            )
        return cursor.rowcount > 0

    # -- forms ----------------------------------------------------------------------------

    def save_form(
        self, form_id: str, version: str, content_hash: str, title: str, definition: str
    ) -> bool:
        """Store a form version; True if new, False if the identical form is already there.

        The same form id and version with different content is refused: a changed form needs
        a new version number, or submissions made with the old one would be misread.
        """
        with self.atomic():
            row = self._conn.execute(
                "SELECT content_hash FROM forms WHERE form_id = ? AND version = ?",
                (form_id, version),
            ).fetchone()
            if row is not None:
                if row[0] == content_hash:
                    return False
                raise UserError(
                    _(
                        "form {form_id} version {version} is already stored with different "
                        "content; give the changed form a new version number"
                    ).format(form_id=form_id, version=version)
                )
            self._conn.execute(
                "INSERT INTO forms (form_id, version, content_hash, title, definition, "
                "imported_at) VALUES (?, ?, ?, ?, ?, ?)",
                (form_id, version, content_hash, title, definition, self.now()),
            )
            return True

    def replace_form(
        self, form_id: str, version: str, content_hash: str, title: str, definition: str
    ) -> None:
        """Overwrite a stored form version (only for the app's own built-in form, whose
        translations may improve between releases without any change to its questions)."""
        with self.atomic():
            self._conn.execute(
                "DELETE FROM forms WHERE form_id = ? AND version = ?", (form_id, version)
            )
            self._conn.execute(
                "INSERT INTO forms (form_id, version, content_hash, title, definition, "
                "imported_at) VALUES (?, ?, ?, ?, ?, ?)",
                (form_id, version, content_hash, title, definition, self.now()),
            )

    def get_form(self, form_id: str, version: str) -> FormRecord | None:
        with self._guard():
            row = self._conn.execute(
                "SELECT form_id, version, content_hash, title, definition, imported_at "
                "FROM forms WHERE form_id = ? AND version = ?",
                (form_id, version),
            ).fetchone()
        return None if row is None else FormRecord(*row)

    def list_forms(self) -> list[FormRecord]:
        with self._guard():
            rows = self._conn.execute(
                "SELECT form_id, version, content_hash, title, definition, imported_at "
                "FROM forms ORDER BY form_id, imported_at, version"
            ).fetchall()
        return [FormRecord(*row) for row in rows]

    # -- submissions ----------------------------------------------------------------------

    def create_submission(
        self,
        *,
        form_id: str,
        form_version: str,
        state: str,
        region: str,
        period: str,
        officer: str = "",
        uuid: str | None = None,
        revision: int = 1,
        revises: str | None = None,
        status: str = "draft",
        title: str = "",
    ) -> str:
        """Create an empty submission; returns its UUID (a new UUID4 unless given)."""
        uuid = uuid or new_uuid()
        transfer.check_metadata(
            {
                "uuid": uuid,
                "form_id": form_id,
                "form_version": form_version,
                "state": state,
                "region": region,
                "period": period,
                "status": status,
                "revision": revision,
                "revises": revises,
            }
        )
        with self.atomic():
            if self._exists(uuid):
                raise UserError(_("a submission {uuid} already exists").format(uuid=uuid))
            at = self.now()
            self._conn.execute(
                f"INSERT INTO submissions ({_COLUMNS_SQL}) "
                f"VALUES ({', '.join('?' * len(SUBMISSION_COLUMNS))})",
                (
                    uuid,
                    form_id,
                    form_version,
                    state,
                    region,
                    period,
                    status,
                    revision,
                    revises,
                    at,
                    at,
                    officer,
                    self.device_id,
                    None,
                    None,
                    title,
                ),
            )
            self._audit(uuid, at, officer, "create", new=status)
        return uuid

    def has_submission(self, uuid: str) -> bool:
        """True when a submission with this UUID is stored (soft-deleted ones included)."""
        with self._guard():
            return self._exists(uuid)

    def get_submission(self, uuid: str) -> Submission:
        """The submission's metadata; UserError if there is none with this UUID."""
        with self._guard():
            row = self._conn.execute(
                f"SELECT {_COLUMNS_SQL} FROM submissions WHERE uuid = ?", (uuid,)
            ).fetchone()
        if row is None:
            raise UserError(_("unknown submission {uuid}").format(uuid=uuid))
        return Submission(*row)

    def _where(
        self,
        *,
        state: str | Iterable[str] | None = None,
        region: str | Iterable[str] | None = None,
        status: str | Iterable[str] | None = None,
        form_id: str | None = None,
        text: str | None = None,
        include_deleted: bool = False,
    ) -> tuple[str, list[Any]]:
        """The WHERE clause of the list filters (one definition shared by list and count)."""
        clauses: list[str] = []
        params: list[Any] = []
        for column, wanted in (("state", state), ("region", region), ("status", status)):
            if wanted is None:
                continue
            chosen = [wanted] if isinstance(wanted, str) else list(wanted)
            clauses.append(f"{column} IN ({', '.join('?' * len(chosen))})")
            params.extend(chosen)
        if form_id is not None:
            clauses.append("form_id = ?")
            params.append(form_id)
        if text:
            pattern = "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
            pattern += "%"
            matches = [f"{c} LIKE ? ESCAPE '\\'" for c in _TEXT_COLUMNS]
            params.extend([pattern] * len(_TEXT_COLUMNS))
            # The list shows State names, not codes: match those too (the names are reference
            # data, not in the database, so the matching codes are found here).
            named = reference.states_named(text)
            if named:
                matches.append(f"state IN ({', '.join('?' * len(named))})")
                params.extend(named)
            clauses.append("(" + " OR ".join(matches) + ")")
        if not include_deleted:
            clauses.append("deleted_at IS NULL")
        return (" WHERE " + " AND ".join(clauses)) if clauses else "", params

    def _ensure_state_order_table(self) -> None:
        # TEMP: per connection, never in the file; rebuilt by whoever displays names. The
        # column is "code", not "state", so the list filters' bare column names stay the
        # submissions' when the two tables are joined.
        with self._guard():
            self._conn.execute(
                "CREATE TEMP TABLE IF NOT EXISTS state_order (lang TEXT NOT NULL, "
                "code TEXT NOT NULL, rank INTEGER NOT NULL, PRIMARY KEY (lang, code)) "
                "WITHOUT ROWID"
            )
            self._conn.execute(
                "CREATE INDEX IF NOT EXISTS temp.state_order_by_rank "
                "ON state_order (lang, rank, code)"
            )

    def set_state_order(self, lang: str, states: Iterable[str]) -> None:
        """The States (ISO3 codes) in the order their names sort in ``lang``, for
        ``list_submissions(order_by="state_name", lang=lang)``.

        The caller collates (the app with ICU, through Qt); the store only keeps the ranks, so
        SQL can page through 50,000 submissions sorted by name about as fast as by code.
        """
        self._ensure_state_order_table()
        rows = [(lang, state, rank) for rank, state in enumerate(states)]
        with self._guard():
            self._conn.execute("SAVEPOINT state_order")
            try:
                self._conn.execute("DELETE FROM temp.state_order WHERE lang = ?", (lang,))
                self._conn.executemany(
                    "INSERT OR REPLACE INTO temp.state_order (lang, code, rank) VALUES (?, ?, ?)",
                    rows,
                )
            except BaseException:
                self._conn.execute("ROLLBACK TO state_order")
                raise
            finally:
                self._conn.execute("RELEASE state_order")
        self._ranked_languages = {*self.ranked_languages(), lang}

    def ranked_languages(self) -> frozenset[str]:
        """The languages ``set_state_order`` ranked on this connection."""
        return frozenset(getattr(self, "_ranked_languages", ()))

    def has_state_order(self, lang: str) -> bool:
        return lang in self.ranked_languages()

    def _rank_the_unranked(self, lang: str) -> None:
        """States of submissions the ranking of ``lang`` lacks go after it, by code (a
        language never ranked: all of them), so the join below never loses a row."""
        self._ensure_state_order_table()
        with self._guard():
            # The States present, one index seek each (a scan of 50,000 rows took 15 ms);
            # read first and written only when one is missing: a write to the TEMP table
            # before each page made the page's query ten times slower.
            missing = self._conn.execute(
                "WITH RECURSIVE present(state) AS ("
                "SELECT min(state) FROM submissions UNION ALL "
                "SELECT (SELECT min(state) FROM submissions WHERE state > present.state) "
                "FROM present WHERE present.state IS NOT NULL) "
                "SELECT state FROM present WHERE state IS NOT NULL "
                "AND state NOT IN (SELECT code FROM temp.state_order WHERE lang = ?) "
                "ORDER BY state",
                (lang,),
            ).fetchall()
            if not missing:
                return
            (last,) = self._conn.execute(
                "SELECT coalesce(max(rank), -1) FROM temp.state_order WHERE lang = ?", (lang,)
            ).fetchone()
            self._conn.executemany(
                "INSERT OR IGNORE INTO temp.state_order (lang, code, rank) VALUES (?, ?, ?)",
                [(lang, state, last + 1 + n) for n, (state,) in enumerate(missing)],
            )

    def _list_sql(
        self,
        *,
        order_by: str = "updated_at",
        descending: bool = True,
        limit: int | None = None,
        offset: int = 0,
        lang: str = "en",
        **filters: Unpack[SubmissionFilters],
    ) -> tuple[str, list[Any]]:
        if order_by not in _ORDERABLE:
            raise ValueError(f"cannot order submissions by {order_by!r}")
        where, params = self._where(**filters)
        direction = "DESC" if descending else "ASC"
        if order_by == "state_name":
            # Walk the States in rank order (a small table, ~200 rows a language) and each
            # State's submissions by its index (state, updated_at, uuid): no sort of 50,000
            # rows, and the first page comes after the first few States.
            self._rank_the_unranked(lang)
            columns = ", ".join(f"s.{c}" for c in SUBMISSION_COLUMNS)
            conditions = "o.lang = ?" + (" AND " + where[len(" WHERE ") :] if where else "")
            params = [lang, *params]
            sql = (
                f"SELECT {columns} FROM temp.state_order AS o CROSS JOIN submissions AS s "
                f"ON s.state = o.code WHERE {conditions} ORDER BY o.rank {direction}, "
                f"s.updated_at {direction}, s.uuid {direction}"
            )
        else:
            sql = (
                f"SELECT {_COLUMNS_SQL} FROM submissions{where} "
                f"ORDER BY {order_by} {direction}, uuid {direction}"
            )
        if limit is not None or offset:
            sql += " LIMIT ? OFFSET ?"
            params += [-1 if limit is None else limit, offset]
        return sql, params

    def list_submissions(
        self,
        *,
        order_by: str = "updated_at",
        descending: bool = True,
        limit: int | None = None,
        offset: int = 0,
        lang: str = "en",
        **filters: Unpack[SubmissionFilters],
    ) -> list[Submission]:
        """Submissions matching every filter given (a filter may be one value or several).

        ``text`` matches a substring of the title, officer, State code or name, period or UUID
        (see ``SubmissionFilters``). Ties in
        ``order_by`` are broken by UUID, so pages (limit/offset) are stable. ``state_name``
        orders by the State's name in ``lang``, as ranked by ``set_state_order``.
        """
        sql, params = self._list_sql(
            order_by=order_by,
            descending=descending,
            limit=limit,
            offset=offset,
            lang=lang,
            **filters,
        )
        with self._guard():
            rows = self._conn.execute(sql, params).fetchall()
        return [Submission(*row) for row in rows]

    def count_submissions(self, **filters: Unpack[SubmissionFilters]) -> int:
        """How many submissions ``list_submissions`` would give with the same filters."""
        where, params = self._where(**filters)
        with self._guard():
            row = self._conn.execute(f"SELECT count(*) FROM submissions{where}", params).fetchone()
        return int(row[0])

    def submission_states(self) -> list[str]:
        """The States of the submissions kept here (not deleted), sorted: what this
        installation reports on, as its key card says."""
        with self._guard():
            rows = self._conn.execute(
                "SELECT DISTINCT state FROM submissions WHERE deleted_at IS NULL ORDER BY state"
            ).fetchall()
        return [str(row[0]) for row in rows if row[0]]

    def explain_list(self, **filters: Any) -> str:
        """The query plan of ``list_submissions(**filters)`` (for tests and diagnosis)."""
        sql, params = self._list_sql(**filters)
        with self._guard():
            rows = self._conn.execute("EXPLAIN QUERY PLAN " + sql, params).fetchall()
        return "\n".join(str(row[-1]) for row in rows)

    def set_identification(
        self,
        uuid: str,
        *,
        who: str,
        state: str | None = None,
        region: str | None = None,
        period: str | None = None,
    ) -> bool:
        """Change the State, review region or reporting period the submission is listed,
        exported and consolidated under (the form's identification answers): one audit row per
        field changed; False when nothing changed. UserError for a value the metadata refuses,
        or a submission that is deleted or finalized."""
        wanted = {"state": state, "region": region, "period": period}
        with self.atomic():
            self._editable(uuid)
            sub = self.get_submission(uuid)
            changes = {k: v for k, v in wanted.items() if v is not None and getattr(sub, k) != v}
            if not changes:
                return False
            transfer.check_metadata(
                {
                    "uuid": uuid,
                    "form_id": sub.form_id,
                    "form_version": sub.form_version,
                    "state": sub.state,
                    "region": sub.region,
                    "period": sub.period,
                    "status": sub.status,
                    "revision": sub.revision,
                    "revises": sub.revises,
                    **changes,
                }
            )
            at = self.now()
            for column, value in changes.items():  # column names from the fixed dict above
                self._conn.execute(
                    f"UPDATE submissions SET {column} = ? WHERE uuid = ?", (value, uuid)
                )
                self._audit(
                    uuid, at, who, "identify", path=column, old=getattr(sub, column), new=value
                )
            self._touch(uuid, at)
        return True

    # -- answers --------------------------------------------------------------------------

    def set_answer(
        self,
        uuid: str,
        path: str,
        value: Any,
        *,
        who: str,
        remember: bool = True,
        expected: Any = UNCHECKED,
    ) -> None:
        """Set (or, with None, clear) one answer: one committed transaction, one audit row.

        ``expected``: the value the writer read (None: unanswered). When the stored answer is
        another (changed elsewhere since), nothing is written and ``AnswerConflict`` says what
        is stored now (optimistic concurrency: a window never overwrites a newer answer).

        Also records ``updated_at`` and, unless ``remember`` is false (answers the app fills
        by itself), ``last_path``: where the officer reopens. Setting the value already stored does
        nothing (no audit row). Raises UserError if the submission is unknown, deleted or
        finalized, or if the path lies in a repeat instance that no longer exists.
        """
        refs = paths.answer_refs(path)
        new = None if value is None else values.encode(value)
        with self.atomic():
            row = self._conn.execute(
                "SELECT s.status, s.deleted_at, a.value FROM submissions AS s "
                "LEFT JOIN answers AS a ON a.submission_uuid = s.uuid AND a.path = ? "
                "WHERE s.uuid = ?",
                (path, uuid),
            ).fetchone()
            self._check_editable(uuid, row)
            old = row[2]
            if old == new:
                return
            if expected is not UNCHECKED and not _stored_as(old, expected):
                raise AnswerConflict(path, values.decode(old))
            if new is None:
                self._conn.execute(
                    "DELETE FROM answers WHERE submission_uuid = ? AND path = ?", (uuid, path)
                )
            else:
                if refs and not instances.exists(self._conn, uuid, *refs[-1]):
                    # No path in the message: it names entries by their internal UUIDs.
                    raise UserError(_("this repeat entry was removed; the answer was not saved"))
                self._conn.execute(
                    "INSERT INTO answers (submission_uuid, path, value) VALUES (?, ?, ?) "
                    "ON CONFLICT (submission_uuid, path) DO UPDATE SET value = excluded.value",
                    (uuid, path, new),
                )
            carried.unmark(self._conn, uuid, (path,))  # edited: no longer to confirm
            at = self.now()
            self._conn.execute(
                "INSERT INTO audit (submission_uuid, at, who, action, path, old_value, new_value)"
                " VALUES (?, ?, ?, 'answer', ?, ?, ?)",
                (uuid, at, who, path, old, new),
            )
            self._conn.execute(
                "UPDATE submissions SET updated_at = ?, "
                "last_path = CASE WHEN ? THEN ? ELSE last_path END WHERE uuid = ?",
                (at, remember, path, uuid),
            )

    def put_attachment(self, uuid: str, path: str, name: str, data: bytes, *, who: str) -> str:
        """Attach a document as the answer at ``path`` (a ``file`` question); returns the value.

        The bytes are stored once by SHA-256; the answer becomes the file reference
        (``gcm_collect.forms.files``), set like any answer: one transaction, one audit row.
        """
        from gcm_collect.forms.files import file_ref  # pure helper; keeps the store import light

        ref = file_ref(name, data)
        with self.atomic():
            self._conn.execute(
                "INSERT INTO attachments (sha256, size, data, added_at) VALUES (?, ?, ?, ?) "
                "ON CONFLICT (sha256) DO NOTHING",
                (ref.sha256, ref.size, bytes(data), self.now()),
            )
            self.set_answer(uuid, path, ref.value, who=who)
        return ref.value

    def put_attachment_data(self, sha256: str, data: bytes) -> bool:
        """Store the bytes of a document an imported ``file`` answer names; True if new.

        No answer changes (the imported record already holds the reference). UserError when
        the bytes do not have that SHA-256.
        """
        if sha256_hex(data) != sha256:
            raise UserError(_("the attached file does not match its SHA-256"))
        with self.atomic():
            cursor = self._conn.execute(
                "INSERT INTO attachments (sha256, size, data, added_at) VALUES (?, ?, ?, ?) "
                "ON CONFLICT (sha256) DO NOTHING",
                (sha256, len(data), bytes(data), self.now()),
            )
            return cursor.rowcount > 0

    def get_attachment(self, sha256: str) -> bytes | None:
        """The bytes of an attached document, by its SHA-256 (None if not in this database)."""
        with self._guard():
            row = self._conn.execute(
                "SELECT data FROM attachments WHERE sha256 = ?", (sha256,)
            ).fetchone()
        return None if row is None else bytes(row[0])

    def data_version(self) -> int:
        """A number that changes when another connection (another program, a worker, the
        command line) commits to the database; this connection's own writes leave it as is."""
        with self._guard():
            return self._conn.execute("PRAGMA data_version").fetchone()[0]

    def get_answers(self, uuid: str, paths: Iterable[str] | None = None) -> dict[str, Any]:
        """The submission's answers by path; with ``paths``, only those (a few of thousands)."""
        with self._guard():
            if paths is None:
                rows = self._conn.execute(
                    "SELECT path, value FROM answers WHERE submission_uuid = ? ORDER BY path",
                    (uuid,),
                ).fetchall()
            else:
                wanted = list(dict.fromkeys(paths))
                rows = []
                for start in range(0, len(wanted), 500):  # within SQLite's variable limit
                    chunk = wanted[start : start + 500]
                    marks = ", ".join("?" * len(chunk))
                    rows += self._conn.execute(
                        "SELECT path, value FROM answers WHERE submission_uuid = ?"
                        f" AND path IN ({marks}) ORDER BY path",
                        (uuid, *chunk),
                    ).fetchall()
        return {path: values.decode(value) for path, value in rows}

    def get_instances(self, uuid: str) -> dict[str, list[str]]:
        """``repeat_path -> [instance_uuid, ...]`` in display order."""
        with self._guard():
            return instances.all_orders(self._conn, uuid)

    # -- repeat instances ---------------------------------------------------------------

    def add_instance(
        self,
        uuid: str,
        repeat_path: str,
        *,
        who: str,
        position: int | None = None,
        instance_uuid: str | None = None,
    ) -> str:
        """Add a repeat instance (last, or at ``position``); returns its UUID."""
        refs = paths.repeat_refs(repeat_path)
        instance_uuid = instance_uuid or new_uuid()
        with self.atomic():
            self._editable(uuid)
            if refs and not instances.exists(self._conn, uuid, *refs[-1]):
                raise UserError(_("the entry this one belongs to was removed"))
            current = instances.order(self._conn, uuid, repeat_path)
            if instance_uuid in current:
                raise ValueError(f"instance {instance_uuid} already exists in {repeat_path}")
            index = len(current) if position is None else max(0, min(position, len(current)))
            current.insert(index, instance_uuid)
            instances.write_order(self._conn, uuid, repeat_path, current)
            at = self.now()
            self._audit(
                uuid,
                at,
                who,
                "add_instance",
                path=paths.instance_path(repeat_path, instance_uuid),
                new=index,
            )
            self._touch(uuid, at)
        return instance_uuid

    def remove_instance(self, uuid: str, repeat_path: str, instance_uuid: str, *, who: str) -> int:
        """Remove a repeat instance with its answers and nested instances.

        Returns an undo token (the audit row id): ``restore_instance(uuid, token, who=...)``
        puts everything back, at the same position.
        """
        with self.atomic():
            self._editable(uuid)
            if not instances.exists(self._conn, uuid, repeat_path, instance_uuid):
                raise UserError(_("this repeat entry no longer exists"))
            snapshot = instances.snapshot_and_remove(self._conn, uuid, repeat_path, instance_uuid)
            at = self.now()
            token = self._audit(
                uuid,
                at,
                who,
                "remove_instance",
                path=paths.instance_path(repeat_path, instance_uuid),
                old=snapshot,
            )
            self._touch(uuid, at)
        return token

    def restore_instance(self, uuid: str, token: int, *, who: str) -> str:
        """Undo ``remove_instance`` (``token`` is what it returned); returns the instance UUID.

        Works at any later time, as long as the enclosing instance (if any) still exists and
        the instance has not been restored already.
        """
        with self.atomic():
            self._editable(uuid)
            row = self._conn.execute(
                "SELECT old_value FROM audit WHERE id = ? AND submission_uuid = ? "
                "AND action = 'remove_instance'",
                (token, uuid),
            ).fetchone()
            if row is None:
                raise UserError(_("there is no removed repeat entry to restore"))
            snapshot = values.decode(row[0])
            repeat_path, instance_uuid = snapshot["repeat_path"], snapshot["instance_uuid"]
            refs = paths.repeat_refs(repeat_path)
            if instances.exists(self._conn, uuid, repeat_path, instance_uuid):
                raise UserError(_("this repeat entry has already been restored"))
            if refs and not instances.exists(self._conn, uuid, *refs[-1]):
                raise UserError(_("the entry this one belongs to was removed; restore it first"))
            position = instances.put_back(self._conn, uuid, snapshot)
            at = self.now()
            self._audit(
                uuid,
                at,
                who,
                "restore_instance",
                path=paths.instance_path(repeat_path, instance_uuid),
                old=token,
                new=position,
            )
            self._touch(uuid, at)
        return instance_uuid

    def move_instance(
        self, uuid: str, repeat_path: str, instance_uuid: str, new_position: int, *, who: str
    ) -> None:
        """Move an instance to ``new_position`` (clamped to the list); others keep their order."""
        with self.atomic():
            self._editable(uuid)
            current = instances.order(self._conn, uuid, repeat_path)
            if instance_uuid not in current:
                raise UserError(_("this repeat entry no longer exists"))
            old = current.index(instance_uuid)
            new = max(0, min(new_position, len(current) - 1))
            if old == new:
                return
            current.pop(old)
            current.insert(new, instance_uuid)
            instances.write_order(self._conn, uuid, repeat_path, current)
            at = self.now()
            self._audit(
                uuid,
                at,
                who,
                "move_instance",
                path=paths.instance_path(repeat_path, instance_uuid),
                old=old,
                new=new,
            )
            self._touch(uuid, at)

    # -- lifecycle of a submission ------------------------------------------------------

    def mark_to_confirm(self, uuid: str, paths: Iterable[str]) -> None:
        """Mark answers carried over from last cycle as "to confirm"."""
        with self.atomic():
            self._editable(uuid)
            carried.mark(self._conn, uuid, paths)

    def confirm_answers(self, uuid: str, paths: Iterable[str], *, who: str) -> list[str]:
        """The officer confirms carried answers as they are: their marks go, one audit row
        each (action ``confirm``). Returns the paths that were marked."""
        with self.atomic():
            self._editable(uuid)
            gone = carried.unmark(self._conn, uuid, paths)
            at = self.now()
            for path in gone:
                self._audit(uuid, at, who, "confirm", path=path)
            if gone:
                self._touch(uuid, at)
        return gone

    def to_confirm(self, uuid: str) -> set[str]:
        """The paths of the answers still marked "to confirm"."""
        with self._guard():
            return carried.marked(self._conn, uuid)

    def set_status(self, uuid: str, status: str, *, who: str) -> None:
        """draft <-> complete -> finalized. A finalized submission changes only by reopening
        it as a new revision (``new_revision``)."""
        if status not in schema.STATUSES:
            raise ValueError(f"unknown status {status!r}")
        with self.atomic():
            old = self._editable(uuid)
            if old == status:
                return
            at = self.now()
            self._conn.execute(
                "UPDATE submissions SET status = ?, updated_at = ? WHERE uuid = ?",
                (status, at, uuid),
            )
            self._audit(uuid, at, who, "status", old=old, new=status)

    def set_title(self, uuid: str, title: str, *, who: str) -> None:
        with self.atomic():
            self._editable(uuid)
            old = self._conn.execute(
                "SELECT title FROM submissions WHERE uuid = ?", (uuid,)
            ).fetchone()[0]
            if old == title:
                return
            at = self.now()
            self._conn.execute(
                "UPDATE submissions SET title = ?, updated_at = ? WHERE uuid = ?",
                (title, at, uuid),
            )
            self._audit(uuid, at, who, "title", old=old, new=title)

    def soft_delete(self, uuid: str, *, who: str) -> None:
        """Hide a submission from lists (kept, with its answers, until ``restore``)."""
        with self.atomic():
            sub = self.get_submission(uuid)
            if sub.deleted:
                return
            at = self.now()
            self._conn.execute(
                "UPDATE submissions SET deleted_at = ?, updated_at = ? WHERE uuid = ?",
                (at, at, uuid),
            )
            self._audit(uuid, at, who, "delete", new=at)

    def restore(self, uuid: str, *, who: str) -> None:
        """Undo ``soft_delete``."""
        with self.atomic():
            sub = self.get_submission(uuid)
            if not sub.deleted:
                return
            at = self.now()
            self._conn.execute(
                "UPDATE submissions SET deleted_at = NULL, updated_at = ? WHERE uuid = ?",
                (at, uuid),
            )
            self._audit(uuid, at, who, "restore", old=sub.deleted_at)

    def new_revision(self, uuid: str, *, who: str) -> str:
        """Reopen a finalized submission: a new draft with revision + 1 that ``revises`` it,
        carrying its answers and repeat instances (same instance UUIDs). Returns the new UUID.

        Refused if the submission is not finalized or was already reopened.
        """
        with self.atomic():
            sub = self.get_submission(uuid)
            if sub.deleted:
                message = _("submission {uuid} is deleted; restore it first")
                raise UserError(message.format(uuid=uuid))
            if sub.status != "finalized":
                raise UserError(_("only a finalized submission can be reopened as a new revision"))
            self._check_not_approved(uuid)
            if sub.revision >= MAX_REVISION:  # revision + 1 would no longer be exact
                raise UserError(
                    _(
                        "submission {uuid} has the highest revision number; it cannot be reopened"
                    ).format(uuid=uuid)
                )
            row = self._conn.execute(
                "SELECT uuid FROM submissions WHERE revises = ? AND deleted_at IS NULL LIMIT 1",
                (uuid,),
            ).fetchone()
            if row is not None:
                raise UserError(
                    _("submission {uuid} was already reopened as {new}").format(
                        uuid=uuid, new=row[0]
                    )
                )
            revision_uuid = new_uuid()
            at = self.now()
            self._conn.execute(
                f"INSERT INTO submissions ({_COLUMNS_SQL}) "
                "SELECT ?, form_id, form_version, state, region, period, 'draft', revision + 1, "
                "uuid, ?, ?, officer, ?, NULL, last_path, title FROM submissions WHERE uuid = ?",
                (revision_uuid, at, at, self.device_id, uuid),
            )
            self._conn.execute(
                "INSERT INTO answers (submission_uuid, path, value) "
                "SELECT ?, path, value FROM answers WHERE submission_uuid = ?",
                (revision_uuid, uuid),
            )
            self._conn.execute(
                "INSERT INTO instances (submission_uuid, repeat_path, instance_uuid, position) "
                "SELECT ?, repeat_path, instance_uuid, position FROM instances "
                "WHERE submission_uuid = ?",
                (revision_uuid, uuid),
            )
            self._audit(revision_uuid, at, who, "revise", old=uuid, new=sub.revision + 1)
            self._audit(uuid, at, who, "reopened", new=revision_uuid)
        return revision_uuid

    def history(self, uuid: str) -> list[AuditEntry]:
        """Every change of a submission, oldest first."""
        with self._guard():
            rows = self._conn.execute(
                "SELECT id, submission_uuid, at, who, action, path, old_value, new_value "
                "FROM audit WHERE submission_uuid = ? ORDER BY id",
                (uuid,),
            ).fetchall()
        return [
            AuditEntry(id_, sub, at, who, action, path, values.decode(old), values.decode(new))
            for id_, sub, at, who, action, path, old, new in rows
        ]

    # -- whole records (export / import) ------------------------------------------------

    def get_record(self, uuid: str) -> dict[str, Any]:
        """A submission as one plain dict: metadata columns + ``answers`` + ``instances``.

        The shape ``put_submission`` takes; ``put_submission(get_record(u))`` is "unchanged".
        """
        with self._guard():
            record = dict(zip(SUBMISSION_COLUMNS, _astuple(self.get_submission(uuid)), strict=True))
            record["answers"] = self.get_answers(uuid)
            record["instances"] = self.get_instances(uuid)
            review = transfer.review_of(self._conn, uuid)
            if review is not None:  # only a reviewer's revision has the key
                record["review"] = review
        return record

    def put_submission(self, record: Mapping[str, Any], *, who: str) -> str:
        """Insert or update one complete submission as a unit (for imports).

        Returns ``"inserted"`` (new UUID), ``"unchanged"`` (identical to the stored one),
        ``"updated"`` (the incoming one is newer: higher revision, or same revision and later
        ``updated_at``; it replaces the stored one, whose full record is kept in the audit row),
        or ``"skipped"`` (the stored one is newer or as new: it is kept as it is).
        Invalid records raise UserError. Wrap many calls in ``atomic()`` for all-or-nothing.
        """
        incoming = transfer.normalized(record, now=self.now(), device_id="")
        with self.atomic():
            uuid = incoming["uuid"]
            if not self._exists(uuid):
                transfer.insert(self._conn, incoming)
                self._audit(uuid, self.now(), who, "import", new="inserted")
                return "inserted"
            current = self.get_record(uuid)
            outcome = transfer.compare(current, incoming)
            if outcome == "updated":
                transfer.replace(self._conn, incoming)
                self._audit(uuid, self.now(), who, "import", old=current, new="updated")
            return outcome

    # -- backups (logic in backup.py) ---------------------------------------------------

    def backup_to(self, path: str | os.PathLike[str]) -> Path:
        from gcm_collect.store import backup

        return backup.backup_to(self, path)

    def restore_from(
        self, path: str | os.PathLike[str], *, keep_dir: str | os.PathLike[str] | None = None
    ) -> Path | None:
        from gcm_collect.store import backup

        return backup.restore_from(self, path, keep_dir=keep_dir)

    def auto_backup(self, folder: str | os.PathLike[str], keep: int = 7) -> Path | None:
        from gcm_collect.store import backup

        return backup.auto_backup(self, folder, keep=keep)

    # -- helpers ------------------------------------------------------------------------

    def _exists(self, uuid: str) -> bool:
        row = self._conn.execute("SELECT 1 FROM submissions WHERE uuid = ?", (uuid,)).fetchone()
        return row is not None

    def _check_editable(self, uuid: str, row: tuple[Any, ...] | None) -> str:
        if row is None:
            raise UserError(_("unknown submission {uuid}").format(uuid=uuid))
        status, deleted_at = row[0], row[1]
        if deleted_at is not None:
            raise UserError(_("submission {uuid} is deleted; restore it first").format(uuid=uuid))
        if status == "finalized":
            raise UserError(
                _(
                    "submission {uuid} is finalized; reopen it as a new revision to change it"
                ).format(uuid=uuid)
            )
        self._check_not_approved(uuid)
        return status

    def _check_not_approved(self, uuid: str) -> None:
        # An approved revision is what the reviewer signed off: locked for good.
        if conversation.is_approved(self._conn, uuid):
            raise UserError(
                _("submission {uuid} was approved by its reviewer; it cannot be changed").format(
                    uuid=uuid
                )
            )

    def _editable(self, uuid: str) -> str:
        """The status of an editable submission; UserError if unknown, deleted or finalized."""
        row = self._conn.execute(
            "SELECT status, deleted_at FROM submissions WHERE uuid = ?", (uuid,)
        ).fetchone()
        return self._check_editable(uuid, row)

    def _touch(self, uuid: str, at: str) -> None:
        self._conn.execute("UPDATE submissions SET updated_at = ? WHERE uuid = ?", (at, uuid))

    def _audit(
        self,
        uuid: str,
        at: str,
        who: str,
        action: str,
        *,
        path: str | None = None,
        old: Any = None,
        new: Any = None,
    ) -> int:
        cursor = self._conn.execute(
            "INSERT INTO audit (submission_uuid, at, who, action, path, old_value, new_value) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            (
                uuid,
                at,
                who,
                action,
                path,
                None if old is None else values.dumps(old),
                None if new is None else values.dumps(new),
            ),
        )
        return int(cursor.lastrowid or 0)


_TEXT_COLUMNS = ("title", "officer", "state", "period", "uuid")


def _stored_as(stored: str | None, expected: Any) -> bool:
    """Whether the stored text holds ``expected`` (None: no answer stored)."""
    if expected is None or stored is None:
        return expected is None and stored is None
    return stored == values.dumps(expected) or values.decode(stored) == expected


def _astuple(sub: Submission) -> tuple[Any, ...]:
    return tuple(getattr(sub, column) for column in SUBMISSION_COLUMNS)
