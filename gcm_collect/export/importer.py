"""``import_workbook``: bring an exported workbook's submissions into this laptop's database."""

from __future__ import annotations

import os
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from gcm_collect.errors import UserError
from gcm_collect.forms.model import Form
from gcm_collect.i18n import ngettext
from gcm_collect.workbook.edits import find_edits
from gcm_collect.workbook.model import Edit
from gcm_collect.workbook.reader import read_export


@dataclass(frozen=True)
class ImportReport:
    path: Path
    inserted: int
    updated: int
    unchanged: int
    skipped: int  # the database already held a newer revision
    forms_added: int
    edits: tuple[Edit, ...]  # visible cells changed after export (imported only if accepted)
    fingerprint: str
    files_added: int = 0  # attached documents this database did not hold yet

    @property
    def total(self) -> int:
        return self.inserted + self.updated + self.unchanged + self.skipped


def import_workbook(
    store: Any, path: str | os.PathLike[str], *, accept_edits: bool = False
) -> ImportReport:
    """Import every submission of a verified export, all or nothing.

    The hidden canonical records are what is imported (same UUIDs, same revisions); a second
    import of the same file changes nothing. A workbook whose visible data cells were edited
    after export is refused unless ``accept_edits`` (the edits themselves are never imported:
    they are reported, and the hidden data are taken as exported).
    """
    wb = read_export(path)
    edits = find_edits(wb)
    if edits and not accept_edits:
        first = edits[0]
        raise UserError(
            ngettext(
                "{count} visible cell was changed after export (sheet {sheet}, cell {cell}); "
                "import with --accept-edits to take the exported data as they are",
                "{count} visible cells were changed after export (first: sheet {sheet}, cell "
                "{cell}); import with --accept-edits to take the exported data as they are",
                len(edits),
            ).format(count=len(edits), sheet=first.sheet, cell=first.cell),
            wb.path,
        )
    outcomes: Counter[str] = Counter()
    forms_added = 0
    files_added = 0
    who = f"import {wb.path.name}"
    try:
        with store.atomic():
            for entry in wb.forms:
                form = Form.from_json(entry.definition)
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
        tuple(edits),
        wb.fingerprint,
        files_added,
    )
