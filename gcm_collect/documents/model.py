"""The document model every writer reads: blocks in reading order, in one language."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

# Right-to-left scripts (Hebrew, Arabic and their presentation forms): runs of them are marked
# right to left in Word and shaped by HarfBuzz in the PDF.
RIGHT_TO_LEFT = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]")


def right_to_left(text: str) -> bool:
    return RIGHT_TO_LEFT.search(text) is not None


@dataclass(frozen=True)
class Heading:
    level: int  # 0: the document's title; 1: a chapter; 2, 3: inside it
    text: str


@dataclass(frozen=True)
class Para:
    text: str
    style: str = "body"  # body | flag (a required answer missing) | note (small print)


@dataclass(frozen=True)
class Answer:
    """A question and its answer; ``flag`` says why it needs attention ("" when fine)."""

    label: str
    text: str
    flag: str = ""


@dataclass(frozen=True)
class Note:
    """A footnote: Word's own, at the foot of the page; the PDF prints it under its table."""

    text: str
    mark: str = ""  # a mark of its own ("*" of Kosovo) that the cell ends with; "": numbered


@dataclass(frozen=True)
class Table:
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    widths: tuple[float, ...] = ()  # relative column widths; equal when empty
    notes: tuple[tuple[int, int, Note], ...] = ()  # (row, column, note): on that body cell


def marked(table: Table, numbered: int) -> tuple[list[list[str]], list[str], int]:
    """For writers without footnotes of their own (PDF, print): the rows with each note's
    mark in its cell ("[3]", or its own "*"), the notes' lines to print under the table, and
    the count of numbered notes so far (``numbered`` before this table)."""
    rows, lines = [list(r) for r in table.rows], []
    for row, column, note in table.notes:
        numbered += 0 if note.mark else 1
        mark = note.mark or f"[{numbered}]"
        if not rows[row][column].endswith(mark):
            rows[row][column] += f" {mark}"
        lines.append(f"{mark} {note.text}")
    return rows, lines, numbered


@dataclass(frozen=True)
class PageBreak:
    pass


Block = Heading | Para | Answer | Table | PageBreak


@dataclass(frozen=True)
class Document:
    title: str
    lang: str
    rtl: bool
    blocks: tuple[Block, ...] = field(default_factory=tuple)

    def texts(self) -> list[str]:
        """Every text of the document, for checking that its fonts can draw it."""
        out = [self.title]
        for block in self.blocks:
            if isinstance(block, Heading | Para):
                out.append(block.text)
            elif isinstance(block, Answer):
                out += [block.label, block.text, block.flag]
            elif isinstance(block, Table):
                out += list(block.header)
                out += [cell for row in block.rows for cell in row]
                out += [note.text for _r, _c, note in block.notes]
        return out
