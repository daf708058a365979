"""``import_workbook``: bring an exported workbook's submissions into this laptop's database."""

from __future__ import annotations

import dataclasses
import os
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from gcm_collect.errors import UserError
from gcm_collect.forms.model import Form, same_questions
from gcm_collect.i18n import _
from gcm_collect.isolation import shared_child
from gcm_collect.safezip import opened
from gcm_collect.workbook.edits import find_edits
from gcm_collect.workbook.formulas import formula_cells
from gcm_collect.workbook.model import DATA_ROLES, Edit, ExportedWorkbook
from gcm_collect.workbook.reader import read_opened
from gcm_collect.workbook.review import ACCEPTED, REFUSED, EditOutcome, review_edits
from gcm_collect.workbook.signing import UNSIGNED_WORKBOOK, Signature


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


def read_here(
    path: Path,
) -> tuple[ExportedWorkbook, tuple[Edit, ...], tuple[tuple[str, str, str], ...]]:
    """The verified workbook (without the opened file), its edits and its formulas.

    Run in a child process (gcm_collect/isolation.py): a reader that aborts or runs out of
    memory on a hostile file refuses that file in one line instead of ending the process."""
    if not path.is_file():
        raise UserError(_("file not found"), path)
    with opened(path) as source:  # the file is opened once, whatever reads it
        wb = read_opened(source)
        edits = tuple(find_edits(wb))
        data_sheets = [p.name for p in wb.meta.sheets if p.role.startswith(DATA_ROLES)]
        formulas = tuple(formula_cells(source.archive, data_sheets))
    return dataclasses.replace(wb, book=None), edits, formulas


def import_workbook(
    store: Any,
    path: str | os.PathLike[str],
    *,
    accept_edits: bool = False,
    reviewer: str | None = None,
) -> ImportReport:
    """Import every submission of a verified export, all or nothing.

    The hidden canonical records are what is imported (same UUIDs, same revisions); a second
    import of the same file changes nothing. Visible cells edited after export are reported and
    the exported values kept, as ``consolidate`` does; with ``accept_edits`` each valid edit is
    taken as a new revision by the reviewer (``reviewer``, by default whoever last saved the
    workbook), imported beside the exported revision it revises.
    """
    file = Path(path)
    wb, edits, formulas = shared_child().call(file, read_here, file)
    review = review_edits(wb, edits, formulas, accept=accept_edits, reviewer=reviewer)
    outcomes: Counter[str] = Counter()
    forms_added = 0
    files_added = 0
    who = f"import {wb.path.name}"
    try:
        with store.atomic():
            for entry in wb.forms:
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
                    forms_added += 1
            for record in wb.records:
                outcomes[store.put_submission(dict(record.data), who=who)] += 1
            for revision in review.revisions:
                by = revision.data["review"]["by"]
                author = f"{by} ({wb.path.name})"
                outcomes[store.put_submission(dict(revision.data), who=author)] += 1
            for attachment in wb.attachments:  # verified against their SHA-256 on reading
                if store.put_attachment_data(attachment.sha256, attachment.data):
                    files_added += 1
    except UserError as exc:
        if exc.path:
            raise
        raise UserError(exc.message, wb.path) from exc
    return ImportReport(
        wb.path,
        outcomes["inserted"],
        outcomes["updated"],
        outcomes["unchanged"],
        outcomes["skipped"],
        forms_added,
        edits,
        wb.fingerprint,
        files_added,
        tuple(review.outcomes),
        len(review.revisions),
        wb.signature,
    )


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
