"""Comments on cells, read as comments on the answers the cells show.

A data cell is found by what identifies it, never by its place: its row by the row's key cells
(``_uuid``; ``_submission_uuid`` + ``_instance`` on a repeat's sheet) and its column by the
row-2 stable name, so a reviewer who sorted or filtered the sheet still comments on the right
answer. A comment on any cell of a Review sheet row is a comment on the submission as a whole
(path ""). A comment on a cell that names no answer (a header, the cover, a summary) is reported
with its text, never dropped.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from gcm_collect.conversation import COMMENT, REGIONAL, REPLY, Comment, Conversation, merge
from gcm_collect.forms.model import Form
from gcm_collect.i18n import _
from gcm_collect.safezip import column_number
from gcm_collect.workbook.edits import _path, normalize
from gcm_collect.workbook.formulas import formula_cells
from gcm_collect.workbook.model import MACHINE_SHEETS, ExportedWorkbook, ExportRecord
from gcm_collect.workbook.notes import CellNote, read_notes
from gcm_collect.workbook.reader import sheet_rows
from gcm_collect.workbook.render import HEADER_ROWS, Column, Renderer
from gcm_collect.workbook.reviewsheet import REVIEW_ROLE

_REF = re.compile(r"\$?([A-Za-z]{1,3})\$?([0-9]{1,7})")


@dataclass(frozen=True)
class Unplaced:
    """A comment that names no answer: where it is, who wrote what, and why it is not placed."""

    sheet: str
    cell: str
    author: str
    text: str
    reason: str


@dataclass(frozen=True)
class ReadComments:
    conversation: Conversation = field(default_factory=Conversation)
    unplaced: tuple[Unplaced, ...] = ()
    on_formulas: tuple[Unplaced, ...] = ()  # placed, and said: the formula itself is not taken

    @property
    def problems(self) -> list[str]:
        """One line each, for reports."""
        return [
            f"{u.sheet}!{u.cell}: {u.reason}: {u.text}" for u in (*self.unplaced, *self.on_formulas)
        ]


def _instance_prefix(record: ExportRecord, repeat: str, instance: str) -> str | None:
    """The answer-path prefix of one repeat entry (``practices[u1]/partners[u2]``)."""
    for repeat_path, listed in record.instances.items():
        last = repeat_path.rsplit("/", 1)[-1]
        if last == repeat and instance in listed:
            return f"{repeat_path}[{instance}]"
    return None


class _Sheet:
    """One commented sheet: its row-2 names and the cells of its rows."""

    def __init__(self, rows: list[list[Any]], columns: Mapping[str, Column]):
        self.rows = rows
        self.names = rows[1] if len(rows) > 1 else []
        self.columns = columns
        self.where = {n: i for i, n in reversed(list(enumerate(self.names))) if isinstance(n, str)}

    def cell(self, row: int, name: str) -> Any:
        p = self.where.get(name)
        if p is None or row >= len(self.rows) or p >= len(self.rows[row]):
            return None
        return normalize(self.rows[row][p])

    def name_at(self, column: int) -> str | None:
        name = self.names[column] if column < len(self.names) else None
        return name if isinstance(name, str) and name else None


def read_comments(
    wb: ExportedWorkbook,
    *,
    level: str = REGIONAL,
    reviewer: str = "",
    notes: Iterable[CellNote] | None = None,
    archive: zipfile.ZipFile | None = None,
) -> ReadComments:
    """The comments left on the cells of a verified workbook, as a conversation.

    ``reviewer`` names whoever wrote a note that carries no author; ``level`` is the level the
    comments are made at (the reviewer says which, on the command line).
    """
    found = list(read_notes(wb.path, archive=archive) if notes is None else notes)
    found = [n for n in found if n.sheet not in MACHINE_SHEETS and (n.text or n.parent)]
    if not found:
        return ReadComments()
    roles = {plan.name: plan.role for plan in wb.meta.sheets}
    forms = [Form.from_json(entry.definition) for entry in wb.forms]
    renderer = Renderer(forms, wb.meta, lambda text: text)
    records = {r.uuid: r for r in wb.records}
    sheets: dict[str, _Sheet] = {}
    formulas = {
        (sheet, cell)
        for sheet, cell, _f in formula_cells(
            wb.path if archive is None else archive, sorted({n.sheet for n in found})
        )
    }
    comments: dict[str, Comment] = {}  # a threaded comment's id -> the comment it became
    placed: list[Comment] = []
    unplaced: list[Unplaced] = []
    on_formulas: list[Unplaced] = []
    # First comments before their replies, so a reply finds the comment it answers.
    for note in sorted(found, key=lambda n: bool(n.parent)):
        author = note.author or reviewer
        role = roles.get(note.sheet, "")

        def refuse(reason: str, note: CellNote = note, author: str = author) -> None:
            unplaced.append(Unplaced(note.sheet, note.cell, author, note.text, reason))

        if note.parent:
            first = comments.get(note.parent)
            if first is None:
                refuse(_("a reply to a comment that is not in the workbook"))
                continue
            reply = Comment.new(
                first.submission,
                first.revision,
                first.path,
                author,
                note.text,
                note.at,
                level=level,
                kind=REPLY,
                reply_to=first.id,
            )
            placed.append(reply)
            comments[note.ident] = first
            continue
        ref = _REF.fullmatch(note.cell)
        data_role = role == "submissions" or role.startswith("repeat:") or role == REVIEW_ROLE
        if ref is None or not data_role:
            refuse(_("a comment on a cell that shows no answer"))
            continue
        row, column = int(ref[2]) - 1, column_number(ref[1].upper()) - 1
        if row < HEADER_ROWS:
            refuse(_("a comment on a header, not on an answer"))
            continue
        if note.sheet not in sheets:
            sheet = renderer.sheets.get(role)
            columns = {} if sheet is None else {c.key: c for c in sheet.columns}
            sheets[note.sheet] = _Sheet(sheet_rows(wb.book, note.sheet, wb.path), columns)
        sheet_ = sheets[note.sheet]
        key = "_uuid" if role in ("submissions", REVIEW_ROLE) else "_submission_uuid"
        record = records.get(str(sheet_.cell(row, key)))
        if record is None:
            refuse(_("a comment on a row that names no submission of this workbook"))
            continue
        if role == REVIEW_ROLE:
            path: str | None = ""
        else:
            prefix = ""
            if role.startswith("repeat:"):
                found_prefix = _instance_prefix(
                    record, role.split(":", 1)[1], str(sheet_.cell(row, "_instance"))
                )
                if found_prefix is None:
                    refuse(_("a comment on a row that names no entry of this submission"))
                    continue
                prefix = found_prefix
            name = sheet_.name_at(column)
            path = _path(sheet_.columns.get(name or ""), prefix)
        if path is None:
            refuse(_("a comment on a column that shows no answer"))
            continue
        comment = Comment.new(
            record.uuid, record.revision, path, author, note.text, note.at, level=level
        )
        if (note.sheet, note.cell) in formulas:
            on_formulas.append(
                Unplaced(
                    note.sheet,
                    note.cell,
                    author,
                    note.text,
                    _("a comment on a formula: the comment is kept, the formula is not taken"),
                )
            )
        placed.append(comment)
        if note.ident:
            comments[note.ident] = comment
    conversation = merge(Conversation(tuple(c for c in placed if c.kind in (COMMENT, REPLY))))
    return ReadComments(conversation, tuple(unplaced), tuple(on_formulas))
