"""The hidden, machine-readable sheets: rows to write, and parsing the rows read back.

Every long text (form definitions, records) is split across the cells of its row, because a cell
holds at most 32,767 characters; readers join the cells of a row back in order.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any

from gcm_collect.conversation import Comment, Conversation, Decision, merge
from gcm_collect.forms.ids import valid_form_id, valid_version
from gcm_collect.i18n import _
from gcm_collect.workbook.canonical import canonical_json, checksum, chunks, fingerprint
from gcm_collect.workbook.model import (
    FORMAT_NAME,
    SIGNED_SINCE,
    Attachment,
    ExportMeta,
    ExportRecord,
    FormEntry,
)
from gcm_collect.workbook.signing import META_KEY as SIGNATURE_KEY

META_HEADER = ["key", "value"]
FORMS_HEADER = ["form_id", "version", "content_hash", "sha256", "definition"]
RECORDS_HEADER = ["uuid", "revision", "checksum", "provenance", "record"]
FILES_HEADER = ["sha256", "name", "size", "data"]
FILE_CHUNK = 32_000  # base64 is ASCII: one character is one UTF-16 unit, below the cell limit


class MalformedError(ValueError):
    """The machine part is damaged; the reader turns this into a UserError naming the file."""


def export_fingerprint(
    meta: ExportMeta,
    forms: Iterable[FormEntry],
    records: Iterable[ExportRecord],
    files: Iterable[Attachment] = (),
) -> str:
    return fingerprint_from_keys(meta, forms, [r.key for r in records], [f.sha256 for f in files])


def fingerprint_from_keys(
    meta: ExportMeta,
    forms: Iterable[FormEntry],
    record_keys: Iterable[str],
    file_hashes: Iterable[str] = (),
) -> str:
    """The same fingerprint, from record keys (and attachment hashes) collected while streaming."""
    return fingerprint(
        format_name=FORMAT_NAME,
        format_version=meta.format_version,
        meta=meta.to_data(),
        # Format 1 covered the definitions only: an edited form id went unnoticed.
        form_hashes=[f.key if meta.format_version >= SIGNED_SINCE else f.sha256 for f in forms],
        record_keys=record_keys,
        file_hashes=file_hashes,
    )


# --- writing ------------------------------------------------------------------------------------


def meta_rows(
    meta: ExportMeta, fingerprint_: str, signature: Mapping[str, Any] | None = None
) -> list[list[Any]]:
    rows: list[list[Any]] = [list(META_HEADER)]
    for key, value in meta.to_data().items():
        rows.append([key, *chunks(canonical_json(value))])
    rows.append(["fingerprint", canonical_json(fingerprint_)])
    if signature is not None:
        rows.append([SIGNATURE_KEY, *chunks(canonical_json(dict(signature)))])
    return rows


def form_rows(forms: Iterable[FormEntry]) -> list[list[Any]]:
    rows: list[list[Any]] = [list(FORMS_HEADER)]
    for f in forms:
        rows.append([f.form_id, f.version, f.content_hash, f.sha256, *chunks(f.definition)])
    return rows


def record_row(record: ExportRecord) -> list[Any]:
    return [
        record.uuid,
        record.revision,
        record.checksum,
        canonical_json(dict(record.provenance)),
        *chunks(canonical_json(dict(record.data))),
    ]


def file_row(sha256: str, name: str, data: bytes) -> list[Any]:
    """One attachment: its bytes base64-encoded, split across the cells of the row from D."""
    encoded = base64.b64encode(data).decode("ascii")
    return [sha256, name, len(data), *chunks(encoded, FILE_CHUNK)]


# --- reading ------------------------------------------------------------------------------------


def _text(cells: Sequence[Any]) -> str:
    return "".join(c for c in cells if isinstance(c, str))


def _rows(rows: Iterable[Sequence[Any]], header: list[str], sheet: str) -> Iterator[Sequence[Any]]:
    it = iter(rows)
    first = next(it, None)
    if first is None or [str(c) for c in first[: len(header)]] != header:
        raise MalformedError(_("sheet {sheet} has an unexpected header").format(sheet=sheet))
    for row in it:
        if row and any(c not in ("", None) for c in row):
            yield row


def parse_meta(rows: Iterable[Sequence[Any]], sheet: str) -> tuple[dict[str, Any], str, Any]:
    """The meta mapping, the stored fingerprint and the signature block (None: unsigned)."""
    data: dict[str, Any] = {}
    for row in _rows(rows, META_HEADER, sheet):
        try:
            data[str(row[0])] = json.loads(_text(row[1:]))
        except ValueError as exc:
            raise MalformedError(
                _("sheet {sheet}: value of {key} is damaged").format(sheet=sheet, key=row[0])
            ) from exc
    stored = data.pop("fingerprint", None)
    signature = data.pop(SIGNATURE_KEY, None)
    if not isinstance(stored, str):
        raise MalformedError(_("the export fingerprint is missing"))
    return data, stored, signature


def parse_forms(rows: Iterable[Sequence[Any]], sheet: str) -> list[FormEntry]:
    forms = []
    for row in _rows(rows, FORMS_HEADER, sheet):
        entry = FormEntry(str(row[0]), str(row[1]), str(row[2]), _text(row[4:]))
        if not valid_form_id(entry.form_id) or not valid_version(entry.version):
            raise MalformedError(
                _("the form id or version {value!r} is not allowed").format(
                    value=f"{entry.form_id} {entry.version}"
                )
            )
        if entry.sha256 != row[3]:
            raise MalformedError(
                _("the definition of form {form_id} version {version} is damaged").format(
                    form_id=entry.form_id, version=entry.version
                )
            )
        forms.append(entry)
    return forms


def parse_records(rows: Iterable[Sequence[Any]], sheet: str) -> list[ExportRecord]:
    return list(iter_records(rows, sheet))


def iter_records(rows: Iterable[Sequence[Any]], sheet: str) -> Iterator[ExportRecord]:
    """Each record as it is read, checked against its checksum."""
    for row in _rows(rows, RECORDS_HEADER, sheet):
        uuid = str(row[0])
        try:
            provenance = json.loads(row[3])
            data = json.loads(_text(row[4:]))
        except (ValueError, TypeError) as exc:
            raise MalformedError(
                _("the record of submission {uuid} is damaged").format(uuid=uuid)
            ) from exc
        stored = str(row[2])
        if not isinstance(data, dict) or checksum(data) != stored or data.get("uuid") != uuid:
            raise MalformedError(
                _("the record of submission {uuid} does not match its checksum").format(uuid=uuid)
            )
        yield ExportRecord(data=data, provenance=provenance, checksum=stored)


def parse_files(rows: Iterable[Sequence[Any]], sheet: str) -> list[Attachment]:
    return list(iter_files(rows, sheet))


def iter_files(rows: Iterable[Sequence[Any]], sheet: str) -> Iterator[Attachment]:
    """The attachments, each verified: its bytes must have the SHA-256 the row names."""
    for row in _rows(rows, FILES_HEADER, sheet):
        digest, name = str(row[0]), str(row[1])
        try:
            data = base64.b64decode(_text(row[3:]), validate=True)
        except (binascii.Error, ValueError) as exc:
            raise MalformedError(
                _("the attached file {name} is damaged").format(name=name)
            ) from exc
        if hashlib.sha256(data).hexdigest() != digest:
            raise MalformedError(
                _(
                    "the attached file {name} was changed after export (its content does not "
                    "match its SHA-256)"
                ).format(name=name)
            )
        yield Attachment(digest, name, data)


# --- the review conversation ---------------------------------------------------------------------

REVIEW_HEADER = ["kind", "event"]


def conversation_hash(conversation: Conversation) -> str:
    """What the meta's ``conversation`` holds: the SHA-256 of the conversation, canonical.

    Hashed piece by piece: the same bytes as ``canonical_json(merged.to_data())``, without
    that text and its dicts (with 200,000 comments they came to some 170 MB at once)."""
    if not conversation:
        return ""
    merged = merge(conversation)
    digest = hashlib.sha256(b'{"comments":[')
    _hash_list(digest, merged.comments)
    digest.update(b'],"decisions":[')
    _hash_list(digest, merged.decisions)
    digest.update(b"]}")
    return digest.hexdigest()


def _hash_list(digest: Any, events: Iterable[Comment | Decision]) -> None:
    """The items of a canonical JSON list, comma between."""
    for i, event in enumerate(events):
        if i:
            digest.update(b",")
        digest.update(canonical_json(event.to_data()).encode("utf-8"))


def conversation_rows(conversation: Conversation) -> Iterator[list[Any]]:
    """One row per comment event or decision: its kind and its canonical JSON, in pieces;
    made as they are written, never all at once."""
    yield list(REVIEW_HEADER)
    merged = merge(conversation)
    for c in merged.comments:
        yield ["comment", *chunks(canonical_json(c.to_data()))]
    for d in merged.decisions:
        yield ["decision", *chunks(canonical_json(d.to_data()))]


def parse_conversation(rows: Iterable[Sequence[Any]], sheet: str, expected: str) -> Conversation:
    """The conversation, verified against the hash the (fingerprinted) meta holds."""
    comments: list[Comment] = []
    decisions: list[Decision] = []
    try:
        for row in _rows(rows, REVIEW_HEADER, sheet):
            data = json.loads(_text(row[1:]))
            if row[0] == "comment":
                comments.append(Comment.from_data(data))
            elif row[0] == "decision":
                decisions.append(Decision.from_data(data))
            else:
                raise ValueError(row[0])
    except (ValueError, TypeError) as exc:
        raise MalformedError(
            _("sheet {sheet}: the review comments and decisions are damaged").format(sheet=sheet)
        ) from exc
    conversation = Conversation(tuple(comments), tuple(decisions))
    if conversation_hash(conversation) != expected:
        raise MalformedError(
            _("the review comments and decisions were changed after the workbook was written")
        )
    return merge(conversation)
