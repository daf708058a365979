"""The return file: a reviewer's decisions and comments for one State and period, sent back to
its officer (``<ISO3>-<period>-review.xlsx``).

People read its visible sheets (decisions, comments, in the reviewer's language); the app reads
its hidden part: a meta (what it is, for whom, by whom, about which revisions) and the
conversation, covered by a fingerprint and signed with the reviewer's device key like an export
(workbook/signing.py). A file whose hidden part was changed, or whose signature does not verify,
is refused whole.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from openpyxl import Workbook

from gcm_collect import files
from gcm_collect.conversation import (
    Conversation,
    merge,
    threads,
)
from gcm_collect.errors import UserError
from gcm_collect.i18n import N_, _, is_rtl
from gcm_collect.safezip import opened
from gcm_collect.workbook import machine
from gcm_collect.workbook.canonical import canonical_json, chunks, sha256
from gcm_collect.workbook.conversation_cells import (
    DECISION_COLUMNS,
    THREAD_COLUMNS,
    decision_cells,
    thread_cells,
)
from gcm_collect.workbook.model import META_SHEET, REVIEW_SHEET
from gcm_collect.workbook.reader import calamine_book, hidden_conversation, sheet_rows
from gcm_collect.workbook.signing import META_KEY as SIGNATURE_KEY
from gcm_collect.workbook.signing import (
    Signature,
    SigningKey,
    check_signature,
    signature_block,
)
from gcm_collect.workbook.writer import FastRows, Sheet, hidden_sheet, new_sheet
from gcm_collect.workbook.xlsxstream import SheetReader

FORMAT_NAME = "gcm-collect-review"
FORMAT_VERSION = 1
Translate = Callable[[str], str]

DECISIONS_HEADER = [
    ("_uuid", N_("Submission UUID")),
    ("_revision", N_("Revision")),
    ("title", N_("Title")),
    *DECISION_COLUMNS,
]
COMMENTS_HEADER = [
    ("_uuid", N_("Submission UUID")),
    ("_revision", N_("Revision")),
    ("_path", N_("Answer path")),
    *THREAD_COLUMNS,
]


@dataclass(frozen=True)
class ReturnMeta:
    """What a return file is about: one State and period, the revisions it names (uuid ->
    revision, as the reviewer saw them) and the workbook that was reviewed."""

    state: str
    period: str
    reviewer: str
    level: str
    written_at: str
    lang: str
    reviewed: str  # the fingerprint of the workbook the reviewer read
    submissions: Mapping[str, int]
    conversation: str = ""  # its hash, so the fingerprint covers it

    def to_data(self) -> dict[str, Any]:
        return {
            "format": FORMAT_NAME,
            "format_version": FORMAT_VERSION,
            "state": self.state,
            "period": self.period,
            "reviewer": self.reviewer,
            "level": self.level,
            "written_at": self.written_at,
            "lang": self.lang,
            "reviewed": self.reviewed,
            "submissions": dict(sorted(self.submissions.items())),
            "conversation": self.conversation,
        }

    @classmethod
    def from_data(cls, data: Mapping[str, Any]) -> ReturnMeta:
        submissions = data["submissions"]
        if not isinstance(submissions, dict) or not all(
            type(v) is int for v in submissions.values()
        ):
            raise ValueError("submissions")
        return cls(
            str(data["state"]),
            str(data["period"]),
            str(data["reviewer"]),
            str(data["level"]),
            str(data["written_at"]),
            str(data["lang"]),
            str(data["reviewed"]),
            {str(k): v for k, v in submissions.items()},
            str(data.get("conversation") or ""),
        )


def return_fingerprint(meta: ReturnMeta) -> str:
    return sha256(canonical_json({"format": FORMAT_NAME, "meta": meta.to_data()}))


@dataclass(frozen=True)
class ReturnFile:
    path: Path
    meta: ReturnMeta
    conversation: Conversation
    fingerprint: str
    signature: Signature


def file_name(state: str, period: str) -> str:
    """``<ISO3>-<period>-review.xlsx``, with nothing a file system refuses in the period."""
    safe = "".join(ch if ch.isalnum() or ch in "-_." else "_" for ch in period)
    return f"{state}-{safe}-review.xlsx"


def write_return(
    target: Path,
    meta: ReturnMeta,
    conversation: Conversation,
    titles: Mapping[str, str],
    tr: Translate,
    key: SigningKey,
) -> str:
    """Write the return file atomically; returns its fingerprint."""
    conversation = merge(conversation)
    meta = ReturnMeta(**{**meta.__dict__, "conversation": machine.conversation_hash(conversation)})
    fp = return_fingerprint(meta)
    rtl = is_rtl(meta.lang)
    wb = Workbook(write_only=True)
    widths = [13, 9, 30, 12, 12, 50, 20, 12]
    decisions = Sheet(new_sheet(wb, tr(N_("Decisions")), rtl, widths), widths)
    decisions.header(
        [tr(label) for _k, label in DECISIONS_HEADER], [k for k, _l in DECISIONS_HEADER]
    )
    for d in conversation.decisions:
        decisions.append(
            [d.submission, d.revision, titles.get(d.submission, ""), *decision_cells(d, tr)]
        )
    decisions.finish()
    widths = [13, 9, 30, 50, 20, 12, 12, 50, 12]
    comments = Sheet(new_sheet(wb, tr(N_("Comments")), rtl, widths), widths)
    comments.header([tr(label) for _k, label in COMMENTS_HEADER], [k for k, _l in COMMENTS_HEADER])
    for thread in threads(conversation):
        c = thread.comment
        comments.append([c.submission, c.revision, c.path, *thread_cells(thread, tr)])
    comments.finish()
    meta_ws = hidden_sheet(wb, META_SHEET)
    rows: list[list[Any]] = [list(machine.META_HEADER)]
    rows += [[k, *chunks(canonical_json(v))] for k, v in meta.to_data().items()]
    rows.append(["fingerprint", canonical_json(fp)])
    rows.append([SIGNATURE_KEY, *chunks(canonical_json(signature_block(fp, key)))])
    FastRows(meta_ws, 16_384)
    for row in rows:
        meta_ws.append(row)
    review_ws = hidden_sheet(wb, REVIEW_SHEET)
    FastRows(review_ws, 16_384)
    for row in machine.conversation_rows(conversation):
        review_ws.append(row)
    try:  # files.replace waits out Excel or a virus scanner holding it
        files.write_beside(target, wb.save, prefix=".review.", private=True)
    except OSError as exc:
        raise UserError(
            _("cannot write the workbook: {problem}").format(problem=exc.strerror or exc), target
        ) from exc
    return fp


def is_return_file(path: Path) -> bool:
    """Whether ``path`` looks like a return file (its meta says so), without judging it.

    Only the meta sheet's rows are read, streamed, up to its ``format``: whichever reader then
    takes the file checks it whole (the cell checks of safezip.py are not made twice)."""
    try:
        with (
            opened(Path(path), cells=False, digest=False) as source,
            SheetReader(source.archive) as reader,
        ):
            if META_SHEET not in reader.sheet_names:
                return False
            return bool(_format(reader.rows(META_SHEET)) == FORMAT_NAME)
    except (UserError, ValueError, KeyError, TypeError, SyntaxError):
        return False


def _format(rows: Iterator[list[Any]]) -> Any:
    """The value of the meta's ``format`` row (None: none)."""
    for row in rows:
        if row and row[0] == "format":
            return json.loads("".join(c for c in row[1:] if isinstance(c, str)))
    return None


def read_return(path: str | os.PathLike[str]) -> ReturnFile:
    """The verified return file; UserError naming it when it is damaged, was changed after it
    was written, or its signature does not verify."""
    file = Path(path)
    if not file.is_file():
        raise UserError(_("file not found"), file)
    with opened(file, digest=False) as source:
        return _read(file, calamine_book(source))


def _read(file: Path, book: Any) -> ReturnFile:
    try:
        if META_SHEET not in book.sheet_names:
            raise UserError(_("not a GCM Collect review file"), file)
        raw, stored, block = machine.parse_meta(sheet_rows(book, META_SHEET), META_SHEET)
        if raw.get("format") != FORMAT_NAME:
            raise UserError(_("not a GCM Collect review file"), file)
        version = raw.get("format_version")
        if not isinstance(version, int) or version > FORMAT_VERSION:
            raise UserError(
                _(
                    "written by a newer version of GCM Collect (review file format {found}, "
                    "this app reads up to {known}); update the app to read it"
                ).format(found=version, known=FORMAT_VERSION),
                file,
            )
        meta = ReturnMeta.from_data(raw)
        if return_fingerprint(meta) != stored:
            raise UserError(_changed(), file)
        conversation = hidden_conversation(book, meta.conversation, file)
    except machine.MalformedError as exc:
        raise UserError(str(exc), file) from exc
    except (KeyError, TypeError, ValueError) as exc:
        raise UserError(_("the hidden data of the review file are damaged"), file) from exc
    signature = check_signature(stored, block)
    if not signature.valid:
        raise UserError(
            _("the review file's signature does not verify; ask the reviewer to send it again"),
            file,
        )
    outside = {c.submission for c in conversation.comments} | {
        d.submission for d in conversation.decisions
    }
    if not outside <= set(meta.submissions):
        raise UserError(_changed(), file)
    return ReturnFile(file, meta, conversation, stored, signature)


def _changed() -> str:
    return _(
        "the review file was changed after it was written (fingerprint mismatch); ask the "
        "reviewer to send it again"
    )


__all__: Sequence[str] = ("ReturnFile", "ReturnMeta", "file_name", "read_return", "write_return")
