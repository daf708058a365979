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


class _Refused(Exception):
    """A comment that names no answer; its message says why."""


def _shows_answers(role: str) -> bool:
    """Whether the rows of a sheet of this role are submissions (or their repeat entries)."""
    return role in ("submissions", REVIEW_ROLE) or role.startswith("repeat:")


class _Placer:
    """Places the notes of one workbook, one at a time, on the answers their cells show."""

    def __init__(
        self, wb: ExportedWorkbook, level: str, reviewer: str, formulas: set[tuple[str, str]]
    ):
        self.wb = wb
        self.level = level
        self.reviewer = reviewer
        self.formulas = formulas
        self.roles = {plan.name: plan.role for plan in wb.meta.sheets}
        forms = [Form.from_json(entry.definition) for entry in wb.forms]
        self.renderer = Renderer(forms, wb.meta, lambda text: text)
        self.records = {r.uuid: r for r in wb.records}
        self.sheets: dict[str, _Sheet] = {}
        self.comments: dict[str, Comment] = {}  # a threaded comment's id -> the comment it became
        self.placed: list[Comment] = []
        self.unplaced: list[Unplaced] = []
        self.on_formulas: list[Unplaced] = []
        # One text for each author and path, however many comments repeat it: the comments
        # cross to the consolidating process, which holds those of every input.
        self.same: dict[str, str] = {}

    def take(self, note: CellNote) -> None:
        author = self.one(note.author or self.reviewer)
        try:
            comment = self._reply(note, author) if note.parent else self._comment(note, author)
        except _Refused as refused:
            self.unplaced.append(Unplaced(note.sheet, note.cell, author, note.text, str(refused)))
            return
        self.placed.append(comment)

    def one(self, text: str) -> str:
        return self.same.setdefault(text, text)

    def result(self) -> ReadComments:
        kept = tuple(c for c in self.placed if c.kind in (COMMENT, REPLY))
        return ReadComments(
            merge(Conversation(kept)), tuple(self.unplaced), tuple(self.on_formulas)
        )

    def _reply(self, note: CellNote, author: str) -> Comment:
        first = self.comments.get(note.parent)
        if first is None:
            raise _Refused(_("a reply to a comment that is not in the workbook"))
        self.comments[note.ident] = first  # a reply to this reply answers the same comment
        return Comment.new(
            first.submission,
            first.revision,
            first.path,
            author,
            note.text,
            note.at,
            level=self.level,
            kind=REPLY,
            reply_to=first.id,
        )

    def _comment(self, note: CellNote, author: str) -> Comment:
        role = self.roles.get(note.sheet, "")
        row, column = self._data_cell(note, role)
        sheet = self._sheet(note.sheet, role)
        record = self._record(sheet, row, role)
        path = self._answer_path(sheet, row, column, role, record)
        comment = Comment.new(
            record.uuid,
            record.revision,
            self.one(path),
            author,
            note.text,
            note.at,
            level=self.level,
        )
        if (note.sheet, note.cell) in self.formulas:
            reason = _("a comment on a formula: the comment is kept, the formula is not taken")
            self.on_formulas.append(Unplaced(note.sheet, note.cell, author, note.text, reason))
        if note.ident:
            self.comments[note.ident] = comment
        return comment

    def _data_cell(self, note: CellNote, role: str) -> tuple[int, int]:
        """The 0-based row and column of a cell below the headers of a sheet of answers."""
        ref = _REF.fullmatch(note.cell)
        if ref is None or not _shows_answers(role):
            raise _Refused(_("a comment on a cell that shows no answer"))
        row, column = int(ref[2]) - 1, column_number(ref[1].upper()) - 1
        if row < HEADER_ROWS:
            raise _Refused(_("a comment on a header, not on an answer"))
        return row, column

    def _sheet(self, name: str, role: str) -> _Sheet:
        """The sheet's rows, read once however many comments it carries."""
        if name not in self.sheets:
            sheet = self.renderer.sheets.get(role)
            columns = {} if sheet is None else {c.key: c for c in sheet.columns}
            self.sheets[name] = _Sheet(sheet_rows(self.wb.book, name, self.wb.path), columns)
        return self.sheets[name]

    def _record(self, sheet: _Sheet, row: int, role: str) -> ExportRecord:
        key = "_uuid" if role in ("submissions", REVIEW_ROLE) else "_submission_uuid"
        record = self.records.get(str(sheet.cell(row, key)))
        if record is None:
            raise _Refused(_("a comment on a row that names no submission of this workbook"))
        return record

    def _answer_path(
        self, sheet: _Sheet, row: int, column: int, role: str, record: ExportRecord
    ) -> str:
        if role == REVIEW_ROLE:
            return ""  # a Review row speaks of the submission as a whole
        prefix = self._entry_prefix(sheet, row, role, record)
        path = _path(sheet.columns.get(sheet.name_at(column) or ""), prefix)
        if path is None:
            raise _Refused(_("a comment on a column that shows no answer"))
        return path

    def _entry_prefix(self, sheet: _Sheet, row: int, role: str, record: ExportRecord) -> str:
        """The path of the repeat entry a repeat sheet's row shows ("" on other sheets)."""
        if not role.startswith("repeat:"):
            return ""
        repeat = role.split(":", 1)[1]
        prefix = _instance_prefix(record, repeat, str(sheet.cell(row, "_instance")))
        if prefix is None:
            raise _Refused(_("a comment on a row that names no entry of this submission"))
        return prefix


def _formulas(
    wb: ExportedWorkbook, archive: zipfile.ZipFile | None, notes: list[CellNote]
) -> set[tuple[str, str]]:
    """The (sheet, cell) of every formula on the commented sheets."""
    source = wb.path if archive is None else archive
    sheets = sorted({n.sheet for n in notes})
    return {(sheet, cell) for sheet, cell, _f in formula_cells(source, sheets)}


def _ours(note: CellNote, footnotes: set[str]) -> bool:
    """The note the export itself puts on a State column's header: the footnotes of the States
    it names (Kosovo*), not a reviewer's comment on a header."""
    return bool(footnotes) and not note.parent and set(note.text.strip().split("\n")) <= footnotes


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
    listed = read_notes(wb.path, archive=archive) if notes is None else notes
    footnotes = {line for line in wb.meta.labels.get("footnote", {}).values() if line}
    found = [
        n
        for n in listed
        if n.sheet not in MACHINE_SHEETS and (n.text or n.parent) and not _ours(n, footnotes)
    ]
    if not found:
        return ReadComments()
    placer = _Placer(wb, level, reviewer, _formulas(wb, archive, found))
    # First comments before their replies, so a reply finds the comment it answers.
    for note in sorted(found, key=lambda n: bool(n.parent)):
        placer.take(note)
    return placer.result()
