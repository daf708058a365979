"""Finding submissions: the list's filters, its orders (State names ranked by the app), counts."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, TypedDict, Unpack

from gcm_collect import reference
from gcm_collect.conversation import UNREVIEWED
from gcm_collect.store.aggregates.base import COLUMNS_SQL, StoreBase
from gcm_collect.store.records import (
    SUBMISSION_COLUMNS,
    Submission,
)


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
    review: str | Iterable[str] | None
    open_comments: bool


# The review state a row shows (as the list writes it): its own, else "returned" when the
# revision it revises was returned (it is the one opened to revise). Bare column names are the
# submissions' (review_states has none of them), so this holds in both queries of _list_sql.
_REVIEW_STATE = (
    "coalesce((SELECT r.state FROM review_states AS r WHERE r.submission_uuid = uuid), "
    "(SELECT r.state FROM review_states AS r WHERE r.submission_uuid = revises "
    "AND r.state = 'returned'))"
)
# A comment on this revision or the one it revises that is still open: neither resolved nor
# answered by someone other than its author (conversation.Thread.state).
_OPEN_COMMENTS = (
    "EXISTS (SELECT 1 FROM review_comments AS c WHERE c.kind = 'comment' "
    "AND c.submission IN (uuid, revises) AND NOT EXISTS (SELECT 1 FROM review_comments AS a "
    "WHERE a.reply_to = c.id AND (a.kind = 'resolve' OR a.author != c.author)))"
)


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
_TEXT_COLUMNS = ("title", "officer", "state", "period", "uuid")


def _review_clause(chosen: list[str]) -> str:
    """Rows in any of the review states chosen; ``UNREVIEWED`` for rows in none."""
    states = [c for c in chosen if c != UNREVIEWED]
    parts = [f"{_REVIEW_STATE} IN ({', '.join('?' * len(states))})"] if states else []
    if UNREVIEWED in chosen:
        parts.append(f"{_REVIEW_STATE} IS NULL")
    return "(" + " OR ".join(parts or ["0"]) + ")"


class ListingPart(StoreBase):
    def has_submission(self, uuid: str) -> bool:
        """True when a submission with this UUID is stored (soft-deleted ones included)."""
        with self._guard():
            return self._exists(uuid)

    def _where(
        self,
        *,
        state: str | Iterable[str] | None = None,
        region: str | Iterable[str] | None = None,
        status: str | Iterable[str] | None = None,
        form_id: str | None = None,
        text: str | None = None,
        include_deleted: bool = False,
        review: str | Iterable[str] | None = None,
        open_comments: bool = False,
    ) -> tuple[str, list[Any]]:
        """The WHERE clause of the list filters (one definition shared by list and count).
        ``review``: review states (approved, returned, rejected; ``UNREVIEWED`` for none)."""
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
        if review is not None:
            chosen = [review] if isinstance(review, str) else list(review)
            clauses.append(_review_clause(chosen))
            params.extend(c for c in chosen if c != UNREVIEWED)
        if open_comments:
            clauses.append(_OPEN_COMMENTS)
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
                f"SELECT {COLUMNS_SQL} FROM submissions{where} "
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
