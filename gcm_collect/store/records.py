"""Immutable rows handed out by the store."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

SUBMISSION_COLUMNS = (
    "uuid",
    "form_id",
    "form_version",
    "state",
    "region",
    "period",
    "status",
    "revision",
    "revises",
    "created_at",
    "updated_at",
    "officer",
    "device_id",
    "deleted_at",
    "last_path",
    "title",
)


@dataclass(frozen=True)
class FormRecord:
    form_id: str
    version: str
    content_hash: str
    title: str
    definition: str  # JSON text, as given to save_form
    imported_at: str


@dataclass(frozen=True)
class Submission:
    uuid: str
    form_id: str
    form_version: str
    state: str  # ISO 3166 alpha-3
    region: str  # ECA, ECE, ECLAC, ESCAP, ESCWA
    period: str
    status: str  # draft, complete, finalized
    revision: int
    revises: str | None
    created_at: str  # UTC ISO 8601 with milliseconds
    updated_at: str
    officer: str
    device_id: str
    deleted_at: str | None  # set when soft-deleted
    last_path: str | None  # the question last edited, to reopen there
    title: str

    @property
    def deleted(self) -> bool:
        return self.deleted_at is not None


@dataclass(frozen=True)
class AuditEntry:
    id: int
    submission_uuid: str
    at: str
    who: str
    action: str  # see Store docstring for the list of actions
    path: str | None
    old_value: Any  # decoded JSON, None when absent
    new_value: Any


@dataclass(frozen=True)
class TrustedKey:
    """A key in the reviewer's register: its holder, and the States it may sign for."""

    fingerprint: str
    public_key: str  # base64 of the raw Ed25519 public key
    officer: str
    device_id: str
    states: tuple[str, ...]
    created: str  # when the key was made (its card says)
    added_at: str  # when it was trusted here
