"""Import submissions from JSON Lines files and exported workbooks, and reviewers' return
files, all or nothing."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from gcm_collect.errors import UserError
from gcm_collect.export import import_workbook
from gcm_collect.export.importer import Cancel, ImportCancelled, Progress
from gcm_collect.forms import Form
from gcm_collect.i18n import _
from gcm_collect.jsonl import ParsedLine, count_lines, read_jsonl
from gcm_collect.keys.trust import Register, describe, signer_name
from gcm_collect.ops.changes import IMPORTED, Changed
from gcm_collect.ops.forms import ensure_builtin, form_for, who
from gcm_collect.ops.keys import register
from gcm_collect.ops.review import import_return
from gcm_collect.store import Store
from gcm_collect.store.records import SUBMISSION_COLUMNS
from gcm_collect.workbook.returnfile import is_return_file
from gcm_collect.workbook.signing import Signature

BATCH = 500  # JSON Lines submissions written at once


@dataclass
class ImportReport:
    """How many submissions each file brought: inserted, updated, unchanged, skipped."""

    files: dict[str, Counter[str]] = field(default_factory=dict)
    edits: dict[str, int] = field(default_factory=dict)  # workbook -> cells edited after export
    accepted: dict[str, int] = field(default_factory=dict)  # workbook -> edits taken
    refused: dict[str, list[str]] = field(default_factory=dict)  # workbook -> one line each
    revisions: dict[str, int] = field(default_factory=dict)  # workbook -> reviewer's revisions
    # workbook -> who signed it, as this database's register of keys judges it
    signers: dict[str, str] = field(default_factory=dict)
    reviews: dict[str, list[str]] = field(default_factory=dict)  # return file -> one line each

    @property
    def changed(self) -> Changed:
        """Submissions came or were replaced: the list's rows."""
        return Changed(IMPORTED, rows=True)

    def total(self) -> Counter[str]:
        out: Counter[str] = Counter()
        for counts in self.files.values():
            out.update(counts)
        return out


def import_files(
    store: Store,
    paths: list[Path],
    *,
    accept_edits: bool = False,
    reviewer: str | None = None,
    progress: Progress | None = None,
    cancel: Cancel | None = None,
) -> ImportReport:
    """Import every file in one transaction: all or nothing.

    A JSON Lines file is checked and written line by line, in batches (its memory does not grow
    with the file); a bad line rolls everything back. Cells edited in a workbook after export
    are reported and the exported values kept; with ``accept_edits`` the valid ones are taken
    as new revisions by ``reviewer``. ``progress(done, total)``: submissions stored so far, of
    those known so far (a JSON Lines file's lines are counted first; a workbook's count is
    known once it is being read). ``cancel()`` returning True rolls back and raises
    ImportCancelled."""
    ensure_builtin(store)
    lines: list[Path] = []
    workbooks: list[Path] = []
    returns: list[Path] = []
    for path in paths:
        suffix = path.suffix.lower()
        if suffix in (".jsonl", ".ndjson", ".json"):
            lines.append(path)
        elif suffix in (".xlsx", ".xlsm"):
            (returns if is_return_file(path) else workbooks).append(path)
        else:
            raise UserError(
                _("not a JSON Lines file (.jsonl) or an exported workbook (.xlsx)"), path
            )
    report = ImportReport()
    author = who(store)
    trusted = register(store) if workbooks or returns else None
    known = sum(count_lines(path) for path in lines)  # submissions known now
    stored = 0

    def tell(done: int, total: int) -> None:
        if progress is not None:
            progress(stored + done, max(known, stored) + total)

    forms = _Forms(store)
    with store.atomic():
        for path in lines:
            counts: Counter[str] = Counter()
            for batch in _batches(read_jsonl(path, forms)):
                if cancel is not None and cancel():
                    raise ImportCancelled()
                counts.update(_put_lines(store, batch, author))
                stored += len(batch)
                tell(0, 0)
            report.files[str(path)] = counts
        known = stored  # the count was of lines; a workbook's total adds to what was stored
        for path in workbooks:
            result = import_workbook(
                store,
                path,
                accept_edits=accept_edits,
                reviewer=reviewer,
                progress=tell,
                cancel=cancel,
            )
            stored += result.total - result.revisions
            report.files[str(path)] = Counter(
                inserted=result.inserted,
                updated=result.updated,
                unchanged=result.unchanged,
                skipped=result.skipped,
            )
            report.edits[str(path)] = len(result.edits)
            report.accepted[str(path)] = result.accepted
            report.revisions[str(path)] = result.revisions
            if trusted is not None:
                report.signers[str(path)] = signed_by(trusted, result.signature)
            report.refused[str(path)] = [
                _("sheet {sheet}, cell {cell}: {reason}").format(
                    sheet=e.sheet, cell=e.cell, reason=e.reason
                )
                for e in result.refused
            ]
        for path in returns:  # after the workbooks: a return may name what they bring
            taken = import_return(store, path)
            report.reviews[str(path)] = taken.lines
            if trusted is not None:  # anyone can sign a return: say whose key it was
                report.signers[str(path)] = signed_by(trusted, taken.signature)
    return report


def signed_by(trusted: Register, signature: Signature) -> str:
    """``signed by a trusted key (Amina Diallo, FRA); key ABCD …``, ``unsigned`` ..."""
    verdict = trusted.judge(signature)
    text = describe(verdict, signer_name(verdict, signature))
    if not verdict.fingerprint:
        return text
    return _("{signed}; key {fingerprint}").format(signed=text, fingerprint=verdict.fingerprint)


class _Forms:
    """The form each line names, looked up once per form and version in an import."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.known: dict[tuple[str, str], Form] = {}

    def __call__(self, form_id: str, version: str) -> Form:
        key = (form_id, version)
        if key not in self.known:
            self.known[key] = form_for(self.store, form_id, version)
        return self.known[key]


def _batches(lines: Iterable[ParsedLine]) -> Iterator[list[dict[str, Any]]]:
    """The lines' records, ``BATCH`` at a time."""
    batch: list[dict[str, Any]] = []
    for line in lines:
        batch.append(line.record)
        if len(batch) == BATCH:
            yield batch
            batch = []
    if batch:
        yield batch


def _put_lines(store: Store, records: list[dict[str, Any]], author: str) -> Counter[str]:
    """``_put`` of each line; the submissions the database does not hold yet in bulk."""
    held = store.held_submissions(r["uuid"] for r in records)
    new: dict[str, dict[str, Any]] = {}
    later = []  # held already, or a line repeated in the file
    for record in records:
        if record["uuid"] in held or record["uuid"] in new:
            later.append(record)
        else:
            new[record["uuid"]] = record
    counts = store.put_submissions(new.values(), who=author)
    for record in later:
        counts[_put(store, record, author)] += 1
    return counts


def _put(store: Store, record: dict[str, Any], author: str) -> str:
    """A line carries no timestamps or history: for a UUID already here, compare content only.

    Identical content is "unchanged"; different content is "skipped": the database copy may hold
    an officer's later edits, and a file without revisions must never overwrite them.
    """
    if not store.has_submission(record["uuid"]):
        return store.put_submission(record, who=author)
    current = store.get_record(record["uuid"])
    # Everything but what the line itself says comes from the stored copy.
    keep = [column for column in SUBMISSION_COLUMNS if column not in record]
    outcome = store.put_submission({**record, **{k: current[k] for k in keep}}, who=author)
    return "unchanged" if outcome == "unchanged" else "skipped"
