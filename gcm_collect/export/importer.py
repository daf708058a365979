"""``import_workbook``: bring an exported workbook's submissions into this laptop's database."""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from gcm_collect.errors import UserError
from gcm_collect.forms.model import Form, same_questions
from gcm_collect.isolation import shared_child
from gcm_collect.workbook.model import Edit, FormEntry
from gcm_collect.workbook.review import ACCEPTED, REFUSED, EditOutcome, review_edits
from gcm_collect.workbook.signing import UNSIGNED_WORKBOOK, Signature
from gcm_collect.workbook.streamread import StreamEnd, stream_export


@dataclass(frozen=True)
class ImportReport:
    path: Path
    inserted: int
    updated: int
    unchanged: int
    skipped: int  # the database already held a newer revision
    forms_added: int
    edits: tuple[Edit, ...]  # visible cells changed after export (taken only if accepted)
    fingerprint: str
    files_added: int = 0  # attached documents this database did not hold yet
    outcomes: tuple[EditOutcome, ...] = ()  # what became of each edit (and formula)
    revisions: int = 0  # the reviewer's new revisions made from the edits taken
    signature: Signature = UNSIGNED_WORKBOOK  # who signed it (checked, not yet judged)

    @property
    def accepted(self) -> int:
        return sum(1 for e in self.outcomes if e.outcome == ACCEPTED)

    @property
    def refused(self) -> tuple[EditOutcome, ...]:
        return tuple(e for e in self.outcomes if e.outcome == REFUSED)

    @property
    def total(self) -> int:
        return self.inserted + self.updated + self.unchanged + self.skipped


class ImportCancelled(Exception):
    """The user cancelled; the database is as it was."""


Progress = Callable[[int, int], None]  # (submissions stored, submissions in the file; 0: unknown)
Cancel = Callable[[], bool]


def stream_here(path: Path) -> Iterator[tuple[str, Any]]:
    """``stream_export`` and, at the end, the formulas typed into data cells.

    Run in a child process (gcm_collect/isolation.py): a reader that aborts or runs out of
    memory on a hostile file refuses that file in one line instead of ending the process."""
    for kind, item in stream_export(path):
        yield kind, ((item, item.formulas) if kind == "end" else item)


def import_workbook(
    store: Any,
    path: str | os.PathLike[str],
    *,
    accept_edits: bool = False,
    reviewer: str | None = None,
    progress: Progress | None = None,
    cancel: Cancel | None = None,
) -> ImportReport:
    """Import every submission of a verified export, all or nothing.

    The hidden canonical records are what is imported (same UUIDs, same revisions); a second
    import of the same file changes nothing. Visible cells edited after export are reported and
    the exported values kept, as ``consolidate`` does; with ``accept_edits`` each valid edit is
    taken as a new revision by the reviewer (``reviewer``, by default whoever last saved the
    workbook), imported beside the exported revision it revises.

    The workbook is read in a child process as a stream of record batches (memory stays flat
    whatever its size), each batch written as it comes, all in one transaction that commits only
    once the whole file was verified. ``progress(done, total)`` after each batch;
    ``cancel()`` returning True rolls everything back and raises ImportCancelled.
    """
    file = Path(path)
    outcomes: Counter[str] = Counter()
    forms_added = 0
    files_added = 0
    done = total = 0
    who = f"import {file.name}"
    end: StreamEnd | None = None
    formulas: tuple[tuple[str, str, str], ...] = ()
    review = None
    stream = shared_child().stream(file, stream_here, file)
    try:
        with store.atomic():
            for kind, item in stream:
                if cancel is not None and cancel():
                    raise ImportCancelled()
                if kind == "forms":
                    forms_added += _save_forms(store, item)
                elif kind == "total":
                    total = item
                elif kind == "records":
                    outcomes.update(store.put_submissions(item, who=who))
                    done += len(item)
                    if progress is not None:
                        progress(done, max(total, done))
                elif kind == "file":  # verified against its SHA-256 on reading
                    if store.put_attachment_data(item.sha256, item.data):
                        files_added += 1
                elif kind == "end":
                    end, formulas = item
            assert end is not None
            wb = end.workbook
            review = review_edits(wb, end.edits, formulas, accept=accept_edits, reviewer=reviewer)
            for revision in review.revisions:
                by = revision.data["review"]["by"]
                author = f"{by} ({wb.path.name})"
                outcomes[store.put_submission(dict(revision.data), who=author)] += 1
            if cancel is not None and cancel():
                raise ImportCancelled()
    except UserError as exc:
        if exc.path:
            raise
        raise UserError(exc.message, file) from exc
    finally:
        stream.close()
    return ImportReport(
        wb.path,
        outcomes["inserted"],
        outcomes["updated"],
        outcomes["unchanged"],
        outcomes["skipped"],
        forms_added,
        end.edits,
        wb.fingerprint,
        files_added,
        tuple(review.outcomes),
        len(review.revisions),
        wb.signature,
    )


def _save_forms(store: Any, forms: list[FormEntry]) -> int:
    added = 0
    for entry in forms:
        form = Form.from_json(entry.definition)
        if _same_form_other_texts(store, entry, form):
            continue  # another release's texts of the same version: ours stay
        if store.save_form(
            entry.form_id,
            entry.version,
            form.content_hash,
            form.label(form.default_language)[0],
            entry.definition,
        ):
            added += 1
    return added


def _same_form_other_texts(store: Any, entry: Any, form: Form) -> bool:
    """True when this database already holds ``entry``'s form version with the same questions
    and other texts: an export of the built-in survey by another release of the app, whose
    translations differ. Its submissions fit the stored definition; a version whose questions
    differ is still refused by ``save_form``."""
    stored = store.get_form(entry.form_id, entry.version)
    return (
        stored is not None
        and stored.content_hash != form.content_hash
        and same_questions(Form.from_json(stored.definition), form)
    )
