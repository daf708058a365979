"""What the machine part of a reviewer workbook holds, as plain immutable values."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any

from gcm_collect.conversation import Conversation
from gcm_collect.workbook.canonical import canonical_json, checksum, sha256
from gcm_collect.workbook.signing import UNSIGNED_WORKBOOK, Signature

FORMAT_NAME = "gcm-collect-workbook"
# 2: signed (the meta's ``signature`` row), and the fingerprint covers each form's id, version
# and content hash besides its definition. Version 1 workbooks still read, as unsigned.
# 3: the meta may carry keys a version 2 reader does not know (``conversation``,
# ``data_sha256``, ``data_buckets``). Such a reader checks the fingerprint against the meta
# rebuilt from the keys it knows, so it would call the workbook changed ("fingerprint
# mismatch"); it refuses version 3 as "written by a newer version" instead. Read as version 2.
# A new meta key that a reader must know to verify the fingerprint bumps this again
# (docs/workbook-format.md, tests/workbook/test_older_formats.py).
FORMAT_VERSION = 3
SIGNED_SINCE = 2
# The visible data sheets' layout: 2 added the pivot context columns (State name, region,
# status, period) to every data sheet and the entry x objective / principle tables. Readers
# render a workbook in the layout it was written with, so older workbooks show no false edits.
LAYOUT = 2
# Roles of the visible sheets that render records (compared by find_edits).
DATA_ROLES = ("submissions", "repeat:", "objectives", "pairs:")

# Hidden sheets (their names never collide with visible ones: see render.safe_sheet_names).
META_SHEET = "_gcm_meta"
FORMS_SHEET = "_gcm_forms"
RECORDS_SHEET = "_gcm_records"
FILES_SHEET = "_gcm_files"  # attachments of ``file`` answers; absent when there are none
# The review conversation (conversation.py) the workbook carries; absent when there is none.
REVIEW_SHEET = "_gcm_review"
MACHINE_SHEETS = (META_SHEET, FORMS_SHEET, RECORDS_SHEET, FILES_SHEET, REVIEW_SHEET)


@dataclass(frozen=True)
class FormEntry:
    """One form definition carried in the workbook (``Form.to_json`` text)."""

    form_id: str
    version: str
    content_hash: str
    definition: str

    @property
    def sha256(self) -> str:
        return sha256(self.definition)

    @property
    def key(self) -> str:
        """What the format 2 fingerprint covers for this form: every cell of its row."""
        return canonical_json([self.form_id, self.version, self.content_hash, self.sha256])


@dataclass(frozen=True)
class ExportRecord:
    """One submission: its canonical data (checksummed) and where it was first exported.

    ``data`` is the store's whole record (metadata columns, ``answers`` by stable path,
    ``instances`` order). ``provenance`` holds officer, device_id, exported_at and
    export_fingerprint; the fingerprint is ``None`` in the export that first wrote the record
    (it means "this workbook") and is carried unchanged through consolidations after that.
    """

    data: Mapping[str, Any]
    provenance: Mapping[str, Any]
    checksum: str = ""

    def __post_init__(self) -> None:
        if not self.checksum:
            object.__setattr__(self, "checksum", checksum(self.data))

    @property
    def uuid(self) -> str:
        return str(self.data["uuid"])

    @property
    def revision(self) -> int:
        return int(self.data["revision"])

    @property
    def answers(self) -> Mapping[str, Any]:
        return self.data.get("answers") or {}

    @property
    def instances(self) -> Mapping[str, list[str]]:
        return self.data.get("instances") or {}

    @property
    def provenance_hash(self) -> str:
        return sha256(canonical_json(dict(self.provenance)))

    @property
    def key(self) -> str:
        """What the export fingerprint covers for this record."""
        return f"{self.checksum}:{self.provenance_hash}"

    def origin_fingerprint(self, workbook_fingerprint: str) -> str:
        """The fingerprint of the export that first wrote this record."""
        return self.provenance.get("export_fingerprint") or workbook_fingerprint


@dataclass(frozen=True)
class Attachment:
    """The bytes of a document a ``file`` answer refers to (``sha256:<hex> <size> <name>``)."""

    sha256: str
    name: str
    data: bytes = field(repr=False)


@dataclass(frozen=True)
class SheetPlan:
    """A visible sheet: its name in the workbook and its role (``submissions``,
    ``repeat:<name>``, ``objectives``, ``codebook``, ``cover``)."""

    name: str
    role: str


@dataclass(frozen=True)
class ExportMeta:
    """The export as a whole. ``labels`` holds every text taken from outside the workbook
    (State names, objective titles, status names in the export language), so the visible
    sheets can be re-rendered identically from the workbook alone, by any app version."""

    exported_at: str
    officer: str
    device_id: str
    lang: str
    app_version: str
    sheets: tuple[SheetPlan, ...]
    labels: Mapping[str, Mapping[str, str]]
    truncation_marker: str
    filters: Mapping[str, Any] = field(default_factory=lambda: MappingProxyType({}))
    format_version: int = FORMAT_VERSION
    layout: int = 1  # workbooks that do not say were written in layout 1
    # The SHA-256 of the review conversation carried in REVIEW_SHEET ("": none), so the
    # fingerprint covers it; workbooks without one are as they always were.
    conversation: str = ""
    # Each data sheet's rows as the export wrote them: role -> SHA-256 of the XML of its data
    # rows (row 3 on). A sheet whose bytes still hash so was not touched: an import need not
    # render its records again to compare (streamread.py). Absent in older workbooks.
    data_sha256: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    # The same rows as cell values, in buckets that survive a re-save (rowdigest.py): role ->
    # each bucket's digest. Absent in older workbooks.
    data_buckets: Mapping[str, tuple[str, ...]] = field(
        default_factory=lambda: MappingProxyType({})
    )

    def to_data(self) -> dict[str, Any]:
        """The meta as written (without the fingerprint, which covers it)."""
        return {
            "format": FORMAT_NAME,
            "format_version": self.format_version,
            "exported_at": self.exported_at,
            "officer": self.officer,
            "device_id": self.device_id,
            "lang": self.lang,
            "app_version": self.app_version,
            "sheets": [[s.name, s.role] for s in self.sheets],
            "labels": {k: dict(v) for k, v in self.labels.items()},
            "truncation_marker": self.truncation_marker,
            "filters": dict(self.filters),
            **({"layout": self.layout} if self.layout != 1 else {}),
            **({"conversation": self.conversation} if self.conversation else {}),
            **({"data_sha256": dict(self.data_sha256)} if self.data_sha256 else {}),
            **(
                {"data_buckets": {k: list(v) for k, v in self.data_buckets.items()}}
                if self.data_buckets
                else {}
            ),
        }

    @classmethod
    def from_data(cls, data: Mapping[str, Any]) -> ExportMeta:
        return cls(
            exported_at=data["exported_at"],
            officer=data["officer"],
            device_id=data["device_id"],
            lang=data["lang"],
            app_version=data["app_version"],
            sheets=tuple(SheetPlan(name, role) for name, role in data["sheets"]),
            labels={k: dict(v) for k, v in data["labels"].items()},
            truncation_marker=data["truncation_marker"],
            filters=dict(data.get("filters") or {}),
            format_version=int(data["format_version"]),
            layout=int(data.get("layout", 1)),
            conversation=str(data.get("conversation") or ""),
            data_sha256=_digests(data.get("data_sha256")),
            data_buckets=_buckets(data.get("data_buckets")),
        )

    def sheet(self, role: str) -> SheetPlan | None:
        for plan in self.sheets:
            if plan.role == role:
                return plan
        return None


def _digests(value: Any) -> dict[str, str]:
    """The meta's ``data_sha256``; anything but a mapping of texts reads as none (compare all)."""
    if not isinstance(value, dict):
        return {}
    return {str(k): v for k, v in value.items() if isinstance(v, str)}


def _buckets(value: Any) -> dict[str, tuple[str, ...]]:
    """The meta's ``data_buckets``; a sheet's entry that is not a list of texts reads as none."""
    if not isinstance(value, dict):
        return {}
    return {
        str(k): tuple(v)
        for k, v in value.items()
        if isinstance(v, list) and all(isinstance(d, str) for d in v)
    }


@dataclass(frozen=True)
class ExportedWorkbook:
    """A verified reviewer workbook, as ``read_export`` returns it."""

    path: Path
    meta: ExportMeta
    forms: tuple[FormEntry, ...]
    records: tuple[ExportRecord, ...]
    fingerprint: str
    book: Any = field(default=None, compare=False, repr=False)  # the opened file, for find_edits
    attachments: tuple[Attachment, ...] = ()  # verified: each one's bytes match its SHA-256
    signature: Signature = UNSIGNED_WORKBOOK  # who signed it, checked against the fingerprint
    conversation: Conversation = field(default_factory=Conversation)  # verified (meta's hash)

    def form(self, form_id: str, version: str) -> FormEntry | None:
        for entry in self.forms:
            if (entry.form_id, entry.version) == (form_id, version):
                return entry
        return None


@dataclass(frozen=True)
class Edit:
    """A visible cell that differs from what the canonical records say it should hold."""

    sheet: str
    cell: str  # A1-style reference
    old: Any  # what the export wrote
    new: Any  # what the file holds now
    uuid: str | None  # the submission the cell belongs to, when it belongs to one
    path: str | None  # the answer path (or metadata column) the cell shows, when known
    column: str | None = None  # the stable column name (row 2) the cell is under, when known
