"""Whole submission records (metadata + answers + instances): validation and import rules."""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Mapping
from typing import Any

from gcm_collect.errors import UserError
from gcm_collect.i18n import _
from gcm_collect.limits import MAX_REVISION
from gcm_collect.store import paths, schema, values
from gcm_collect.store.records import SUBMISSION_COLUMNS

_STATE_RE = re.compile(r"[A-Z]{3}")
_INSTANCE_UUID_RE = re.compile(r"[^\[\]/]+")
_REQUIRED_TEXT = ("uuid", "form_id", "form_version", "period")


def _invalid(uuid: Any, problem: str) -> UserError:
    return UserError(_("submission {uuid}: {problem}").format(uuid=uuid or "?", problem=problem))


def check_metadata(meta: Mapping[str, Any]) -> None:
    """UserError unless the identifying columns of a submission are well-formed."""
    uuid = meta.get("uuid")
    for key in _REQUIRED_TEXT:
        if not isinstance(meta.get(key), str) or not meta[key].strip():
            raise _invalid(uuid, _("{field} is missing").format(field=key))
    if not isinstance(meta.get("state"), str) or not _STATE_RE.fullmatch(meta["state"]):
        raise _invalid(
            uuid, _("State {state} is not an ISO 3166 alpha-3 code").format(state=meta.get("state"))
        )
    if meta.get("region") not in schema.REGIONS:
        raise _invalid(
            uuid,
            _("region {region} is not one of {regions}").format(
                region=meta.get("region"), regions=", ".join(schema.REGIONS)
            ),
        )
    if meta.get("status") not in schema.STATUSES:
        raise _invalid(
            uuid,
            _("status {status} is not one of {statuses}").format(
                status=meta.get("status"), statuses=", ".join(schema.STATUSES)
            ),
        )
    revision = meta.get("revision")
    if (
        not isinstance(revision, int)
        or isinstance(revision, bool)
        or not 1 <= revision <= MAX_REVISION
    ):
        raise _invalid(
            uuid,
            _("revision must be a whole number from 1 to {limit}").format(limit=MAX_REVISION),
        )
    if meta.get("revises") is not None and not isinstance(meta["revises"], str):
        raise _invalid(uuid, _("revises must be a submission UUID"))


def normalized(record: Mapping[str, Any], *, now: str, device_id: str) -> dict[str, Any]:
    """A validated copy with every column, ``answers`` (no None) and ``instances``."""
    defaults: dict[str, Any] = {
        "revision": 1,
        "revises": None,
        "created_at": now,
        "officer": "",
        "device_id": device_id,
        "deleted_at": None,
        "last_path": None,
        "title": "",
    }
    out = {column: record.get(column, defaults.get(column)) for column in SUBMISSION_COLUMNS}
    if out["updated_at"] is None:
        out["updated_at"] = out["created_at"]
    check_metadata(out)
    uuid = out["uuid"]
    _check_texts(out, uuid)
    instances, known = _instances(record.get("instances") or {}, uuid)
    answers = _answers(record.get("answers") or {}, uuid, known)
    out["answers"] = answers
    out["instances"] = instances
    review = record.get("review")
    if review is not None:
        if not isinstance(review, Mapping):
            raise _invalid(uuid, _("review must describe the reviewer's changes"))
        out["review"] = _review_json(review)
    return out


def _check_texts(out: Mapping[str, Any], uuid: str) -> None:
    for column in ("created_at", "updated_at", "officer", "device_id", "title"):
        if not isinstance(out[column], str):
            raise _invalid(uuid, _("{field} must be text").format(field=column))
    for column in ("deleted_at", "last_path"):
        if out[column] is not None and not isinstance(out[column], str):
            raise _invalid(uuid, _("{field} must be text").format(field=column))


def _instances(raw_instances: Any, uuid: str) -> tuple[dict[str, list[str]], set[tuple[str, str]]]:
    """The repeat entries in order (empty lists left out), and every (repeat path, entry)."""
    if not isinstance(raw_instances, Mapping):
        raise _invalid(uuid, _("instances must map repeat paths to lists of UUIDs"))
    known: set[tuple[str, str]] = set()
    instances: dict[str, list[str]] = {}
    for repeat_path, order in raw_instances.items():
        try:
            paths.repeat_refs(repeat_path)
        except ValueError as exc:
            problem = _("malformed repeat path {path}").format(path=repeat_path)
            raise _invalid(uuid, problem) from exc
        if not isinstance(order, list) or not all(
            isinstance(i, str) and _INSTANCE_UUID_RE.fullmatch(i) for i in order
        ):
            raise _invalid(uuid, _("malformed repeat entries in {path}").format(path=repeat_path))
        if len(set(order)) != len(order):
            raise _invalid(uuid, _("repeated entry UUID in {path}").format(path=repeat_path))
        if order:  # an empty list is the same as no entries (nothing is stored for it)
            instances[repeat_path] = list(order)
        known.update((repeat_path, i) for i in order)
    for repeat_path in instances:
        refs = paths.repeat_refs(repeat_path)
        if refs and refs[-1] not in known:
            problem = _("{path} lies in a missing repeat entry").format(path=repeat_path)
            raise _invalid(uuid, problem)
    return instances, known


def _answers(raw_answers: Any, uuid: str, known: set[tuple[str, str]]) -> dict[str, str]:
    """path -> the answer's JSON text (None: no answer), each in an entry that exists."""
    if not isinstance(raw_answers, Mapping):
        raise _invalid(uuid, _("answers must map question paths to values"))
    answers: dict[str, str] = {}
    for path, value in raw_answers.items():
        if value is None:
            continue
        try:
            refs = paths.answer_refs(path)
            answers[path] = values.encode(value)
        except (TypeError, ValueError) as exc:
            raise _invalid(uuid, _("bad answer for {path}").format(path=path)) from exc
        if refs and refs[-1] not in known:
            raise _invalid(uuid, _("{path} lies in a missing repeat entry").format(path=path))
    return answers


def compare(current: dict[str, Any], incoming: dict[str, Any]) -> str:
    """``unchanged``, ``updated`` (incoming newer) or ``skipped`` (stored one newer or as new).

    Newer means a higher revision, or the same revision with a later ``updated_at``.
    """
    same = (
        all(current[c] == incoming[c] for c in SUBMISSION_COLUMNS)
        and {p: values.encode(v) for p, v in current["answers"].items()} == incoming["answers"]
        and current["instances"] == incoming["instances"]
        and _review_text(current) == incoming.get("review")
    )
    if same:
        return "unchanged"
    newer = (incoming["revision"], incoming["updated_at"]) > (
        current["revision"],
        current["updated_at"],
    )
    return "updated" if newer else "skipped"


def _review_json(review: Any) -> str:
    return json.dumps(review, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def _review_text(record: dict[str, Any]) -> str | None:
    review = record.get("review")
    return None if review is None else _review_json(review)


def insert(conn: sqlite3.Connection, record: dict[str, Any]) -> None:
    conn.execute(
        f"INSERT INTO submissions ({', '.join(SUBMISSION_COLUMNS)}) "
        f"VALUES ({', '.join('?' * len(SUBMISSION_COLUMNS))})",
        [record[c] for c in SUBMISSION_COLUMNS],
    )
    _insert_content(conn, record)


def replace(conn: sqlite3.Connection, record: dict[str, Any]) -> None:
    uuid = record["uuid"]
    conn.execute("DELETE FROM answers WHERE submission_uuid = ?", (uuid,))
    conn.execute("DELETE FROM instances WHERE submission_uuid = ?", (uuid,))
    conn.execute("DELETE FROM reviews WHERE submission_uuid = ?", (uuid,))
    columns = [c for c in SUBMISSION_COLUMNS if c != "uuid"]
    conn.execute(
        f"UPDATE submissions SET {', '.join(f'{c} = ?' for c in columns)} WHERE uuid = ?",
        [record[c] for c in columns] + [uuid],
    )
    _insert_content(conn, record)


def _insert_content(conn: sqlite3.Connection, record: dict[str, Any]) -> None:
    uuid = record["uuid"]
    conn.executemany(
        "INSERT INTO answers (submission_uuid, path, value) VALUES (?, ?, ?)",
        [(uuid, path, text) for path, text in record["answers"].items()],
    )
    conn.executemany(
        "INSERT INTO instances (submission_uuid, repeat_path, instance_uuid, position) "
        "VALUES (?, ?, ?, ?)",
        [
            (uuid, repeat_path, instance, position)
            for repeat_path, order in record["instances"].items()
            for position, instance in enumerate(order)
        ],
    )
    if record.get("review") is not None:
        conn.execute(
            "INSERT INTO reviews (submission_uuid, review) VALUES (?, ?)", (uuid, record["review"])
        )


def review_of(conn: sqlite3.Connection, uuid: str) -> dict[str, Any] | None:
    """The reviewer's trail of a revision made from workbook edits (None for all others)."""
    row = conn.execute("SELECT review FROM reviews WHERE submission_uuid = ?", (uuid,)).fetchone()
    return None if row is None else values.decode(row[0])
