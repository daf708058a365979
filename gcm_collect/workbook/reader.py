"""Read a reviewer workbook's machine part back and verify it.

python-calamine (Rust) reads xlsx about three times faster than openpyxl and never expands XML
entities; the zip container is checked for bombs before it is opened.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from python_calamine import CalamineError, CalamineWorkbook, SheetVisibleEnum

from gcm_collect.conversation import Conversation
from gcm_collect.errors import UserError
from gcm_collect.i18n import _
from gcm_collect.limits import MAX_REVISION, entries_problem
from gcm_collect.reference.places import period_problem, place_problem
from gcm_collect.safezip import Opened, opened
from gcm_collect.workbook import machine
from gcm_collect.workbook.model import (
    FILES_SHEET,
    FORMAT_NAME,
    FORMAT_VERSION,
    FORMS_SHEET,
    META_SHEET,
    RECORDS_SHEET,
    REVIEW_SHEET,
    SIGNED_SINCE,
    ExportedWorkbook,
    ExportMeta,
    ExportRecord,
    FormEntry,
)
from gcm_collect.workbook.signing import UNSIGNED_WORKBOOK, check_signature


def calamine_book(source: Opened) -> CalamineWorkbook:
    """The workbook for python-calamine, read from the file already open and checked."""
    try:
        return CalamineWorkbook.from_filelike(source.rewound())
    except (CalamineError, OSError, ValueError) as exc:
        raise UserError(
            _("the workbook cannot be read: {problem}").format(problem=exc), source.path
        ) from exc


def sheet_rows(book: CalamineWorkbook, name: str, path: Path | None = None) -> list[list[Any]]:
    """The cells of sheet ``name``; UserError naming the file (``path``) when its XML is
    damaged."""
    try:
        return book.get_sheet_by_name(name).to_python(skip_empty_area=False)
    except CalamineError as exc:
        raise UserError(
            _("the workbook cannot be read: {problem}").format(problem=f"{name}: {exc}"),
            path or book.path,
        ) from exc


def hidden(book: CalamineWorkbook, name: str) -> bool:
    for meta in book.sheets_metadata:
        if meta.name == name:
            return meta.visible != SheetVisibleEnum.Visible
    return False


def place_refusal(record: ExportRecord, file: Path) -> UserError | None:
    """What JSON Lines would not take in this submission: an unknown State, a review the
    State is not part of, a period written backwards, more repeat entries than allowed."""
    place = place_problem(record.data.get("state"), record.data.get("region"))
    problem = (
        place[1]
        if place is not None
        else period_problem(record.data.get("period")) or entries_problem(record.instances)
    )
    if problem is None:
        return None
    return UserError(
        _("submission {uuid}: {problem}").format(uuid=record.uuid, problem=problem), file
    )


def record_refusal(
    record: ExportRecord, carried: set[tuple[Any, Any]], file: Path
) -> UserError | None:
    """A revision number no program holds exactly (10^400 once stopped import and
    consolidation with an internal error), or a form the workbook does not carry."""
    revision = record.data.get("revision")
    if type(revision) is not int or not 0 <= revision <= MAX_REVISION:
        return UserError(
            _("submission {uuid}: its revision number is not valid").format(uuid=record.uuid),
            file,
        )
    form = (record.data.get("form_id"), record.data.get("form_version"))
    if form not in carried:
        return UserError(
            _("form {form_id} version {version} is missing from the inputs").format(
                form_id=form[0], version=form[1]
            ),
            file,
        )
    return None


def check_places(records: list[ExportRecord], file: Path) -> None:
    """UserError naming the file and the first submission JSON Lines would not take."""
    for record in records:
        refusal = place_refusal(record, file)
        if refusal is not None:
            raise refusal


def check_records(records: list[ExportRecord], forms: Iterable[FormEntry], file: Path) -> None:
    """UserError naming the file and the first submission whose revision number is not valid
    or whose form the workbook does not carry."""
    carried = {(f.form_id, f.version) for f in forms}
    for record in records:
        refusal = record_refusal(record, carried, file)
        if refusal is not None:
            raise refusal


def check_meta(raw: dict[str, Any], sheet_names: Iterable[str], file: Path) -> None:
    """UserError unless the meta names this format, in a version this app reads, and the
    hidden sheets of the records are there."""
    if raw.get("format") != FORMAT_NAME:
        raise UserError(_("not a GCM Collect export"), file)
    version = raw.get("format_version")
    if not isinstance(version, int) or version > FORMAT_VERSION:
        raise UserError(
            _(
                "written by a newer version of GCM Collect (workbook format {found}, this "
                "app reads up to {known}); update the app to read it"
            ).format(found=version, known=FORMAT_VERSION),
            file,
        )
    names = set(sheet_names)
    for sheet in (FORMS_SHEET, RECORDS_SHEET):
        if sheet not in names:
            raise UserError(_("the hidden sheet {sheet} is missing").format(sheet=sheet), file)


def check_machine_part(sheet_names: Iterable[str], file: Path) -> None:
    """UserError unless the workbook has its hidden meta sheet (an XLSForm is told so)."""
    names = list(sheet_names)
    if META_SHEET in names:
        return
    if "survey" in (name.strip().lower() for name in names):
        raise UserError(
            _(
                "this is a form (XLSForm), not an export of submissions: import it as a "
                "form (Import form)"
            ),
            file,
        )
    raise UserError(_("not a GCM Collect export (its hidden data sheets are missing)"), file)


def hidden_conversation(book: CalamineWorkbook, expected: str, file: Path) -> Conversation:
    """The review conversation of the hidden sheet, checked against ``expected`` (its hash in
    the meta; machine.MalformedError when it differs); UserError naming ``file`` when the
    sheet is missing. Exports and return files carry it alike."""
    if REVIEW_SHEET not in book.sheet_names:
        raise UserError(_("the hidden sheet {sheet} is missing").format(sheet=REVIEW_SHEET), file)
    return machine.parse_conversation(sheet_rows(book, REVIEW_SHEET), REVIEW_SHEET, expected)


def read_export(path: str | os.PathLike[str]) -> ExportedWorkbook:
    """The verified machine part of a reviewer workbook.

    UserError naming the file when it is not a GCM Collect export, was written by a newer
    format version, or its hidden data do not match their checksums and fingerprint.
    """
    file = Path(path)
    if not file.is_file():
        raise UserError(_("file not found"), file)
    # zip and entity bombs, junk, encrypted files; then the cells counted, before calamine
    # builds a sheet's grid from A1 to its farthest cell
    with opened(file) as source:
        return read_opened(source)


def read_opened(source: Opened) -> ExportedWorkbook:
    """``read_export`` of a file already opened and checked (``safezip.opened``)."""
    file, book = source.path, calamine_book(source)
    check_machine_part(book.sheet_names, file)
    try:
        raw, stored, signature = machine.parse_meta(sheet_rows(book, META_SHEET, file), META_SHEET)
        check_meta(raw, book.sheet_names, file)
        meta = ExportMeta.from_data(raw)
        forms = machine.parse_forms(sheet_rows(book, FORMS_SHEET, file), FORMS_SHEET)
        records = machine.parse_records(sheet_rows(book, RECORDS_SHEET, file), RECORDS_SHEET)
        files = (
            machine.parse_files(sheet_rows(book, FILES_SHEET, file), FILES_SHEET)
            if FILES_SHEET in book.sheet_names
            else []
        )
        conversation = (
            hidden_conversation(book, meta.conversation, file)
            if meta.conversation
            else Conversation()
        )
    except machine.MalformedError as exc:
        raise UserError(str(exc), file) from exc
    except (KeyError, TypeError, ValueError) as exc:
        raise UserError(_("the hidden data of the workbook are damaged"), file) from exc
    actual = machine.export_fingerprint(meta, forms, records, files)
    if actual != stored:
        raise UserError(
            _(
                "the hidden data were changed after export (fingerprint mismatch); ask the "
                "sender for a fresh export"
            ),
            file,
        )
    # Only now: a signature says who wrote data that were verified to be these.
    signed = (
        check_signature(stored, signature)
        if meta.format_version >= SIGNED_SINCE
        else UNSIGNED_WORKBOOK
    )
    uuids = [r.uuid for r in records]
    if len(set(uuids)) != len(uuids):
        raise UserError(_("the workbook holds the same submission twice"), file)
    check_places(records, file)
    check_records(records, forms, file)
    return ExportedWorkbook(
        file,
        meta,
        tuple(forms),
        tuple(records),
        stored,
        book,
        attachments=tuple(files),
        signature=signed,
        conversation=conversation,
    )
