"""PDF writer (fpdf2, shaping by HarfBuzz through uharfbuzz): Arabic shaped, joined and laid
right to left, Chinese glyphs present, every font embedded (subset), so the PDF needs nothing
installed where it is opened."""

from __future__ import annotations

import warnings
from pathlib import Path

from fpdf import FPDF

from gcm_collect.documents.fonts import MAIN, faces_for
from gcm_collect.documents.model import (
    Answer,
    Block,
    Document,
    Heading,
    PageBreak,
    Para,
    Table,
    marked,
)
from gcm_collect.documents.pdftext import Typesetter

SIZES = {0: 20.0, 1: 15.0, 2: 12.5, 3: 11.0}
BODY, NOTE, CELL, FOOT = 10.0, 8.5, 8.5, 7.5
LINE = 1.45  # line height, in font sizes
FLAG_COLOUR = (179, 38, 30)
HEADER_FILL = (230, 234, 240)
FOOT_COLOUR = (110, 110, 110)
MM_PER_PT = 0.3528
PADDING = 1.2  # mm, inside a table cell


class _Pdf(FPDF):
    def __init__(self, document: Document) -> None:
        super().__init__(format="A4")
        self.document = document
        self.set_margins(18, 18, 18)
        self.set_auto_page_break(True, margin=18)
        self.set_title(document.title)
        self.set_lang(document.lang)
        self.set_creator("GCM Collect")


def write_pdf(document: Document, target: Path) -> None:
    pdf = _Pdf(document)
    texts = document.texts()
    main = MAIN.get(document.lang, "NotoSans")
    faces = list(faces_for(texts, main))  # only those the texts use (the Chinese one: 3.5 MB)
    for face in faces:
        pdf.add_font(face.family, "", face.regular, collection_font_number=face.number)
        if face.bold != face.regular:  # read once: the Chinese face is 3.5 MB
            pdf.add_font(face.family, "B", face.bold, collection_font_number=face.number)
    pdf.set_font(main, "", BODY)
    pdf.add_page()
    page = _Page(pdf, Typesetter(pdf, faces, main), document.rtl)
    for block in document.blocks:
        page.block(block)
    page.footers(document.title)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # fpdf2's notes on fonts it subsets
        pdf.output(str(target))


class _Page:
    """Blocks laid down the pages, each line drawn by the typesetter."""

    def __init__(self, pdf: _Pdf, setter: Typesetter, rtl: bool) -> None:
        self.pdf, self.setter, self.rtl = pdf, setter, rtl
        self.notes = 0  # numbered notes so far

    def block(self, block: Block) -> None:
        if isinstance(block, Heading):
            size = SIZES.get(block.level, BODY)
            self.pdf.ln(size * MM_PER_PT * (0.9 if block.level else 0))
            self.text(size, "B", block.text)
            self.pdf.ln(1.5)
        elif isinstance(block, Para):
            if block.style == "flag":
                self.text(BODY, "B", block.text, FLAG_COLOUR)
            else:
                self.text(NOTE if block.style == "note" else BODY, "", block.text)
            self.pdf.ln(1.5)
        elif isinstance(block, Answer):
            self.text(BODY, "B", block.label)
            if block.text:
                self.text(BODY, "", block.text)
            if block.flag:
                self.text(BODY, "", block.flag, FLAG_COLOUR)
            self.pdf.ln(1.5)
        elif isinstance(block, Table):
            self.table(block)
            self.pdf.ln(3)
        elif isinstance(block, PageBreak):
            self.pdf.add_page()

    def footers(self, title: str) -> None:
        """ "Title — 3/12" at the foot of each page, written once the pages are counted."""
        pdf, last = self.pdf, self.pdf.page
        box = (pdf.l_margin, pdf.h - 12, pdf.epw, 5)
        for number in range(1, last + 1):
            pdf.page = number
            line = f"{title} \u2014 {number}/{last}"
            wide = sum(r.width for r in self.setter.visual(line, "", FOOT, self.rtl))
            centred = (box[0] + (box[2] - wide) / 2, box[1], wide, box[3])
            self.setter.draw(line, "", FOOT, centred, self.rtl, FOOT_COLOUR)
        pdf.page = last

    def room(self, height: float) -> None:
        """A new page when ``height`` mm no longer fit on this one."""
        if self.pdf.y + height > self.pdf.page_break_trigger:
            self.pdf.add_page()

    def text(
        self, size: float, style: str, body: str, colour: tuple[int, int, int] = (0, 0, 0)
    ) -> None:
        pdf = self.pdf
        height = size * MM_PER_PT * LINE
        for line in self.setter.lines(body, style, size, pdf.epw):
            self.room(height)
            box = (pdf.l_margin, pdf.y, pdf.epw, height)
            self.setter.draw(line, style, size, box, self.rtl, colour, body)
            pdf.y += height

    def table(self, table: Table) -> None:
        """A table with its header repeated on each page; right to left, the first column
        is on the right. A row taller than the room left goes on across the page break."""
        pdf = self.pdf
        shares = list(table.widths or (1.0,) * len(table.header))
        widths = [pdf.epw * w / sum(shares) for w in shares]
        header = list(table.header)
        rows, notes, self.notes = marked(table, self.notes)
        if self.rtl:
            widths.reverse()
            header.reverse()
            rows = [r[::-1] for r in rows]
        cells = _Cells(self, widths)
        cells.header = cells.wrap(header, "B")
        self.room(cells.height(cells.header) + cells.line)
        cells.draw(cells.header, "B", HEADER_FILL)
        for cells_text in rows:
            cells.row(cells.wrap(cells_text, ""))
        if notes:
            self.pdf.ln(1)
        for line in notes:
            self.text(NOTE, "", line)


class _Cells:
    """The rows of one table: each cell's lines, drawn with a frame."""

    def __init__(self, page: _Page, widths: list[float]) -> None:
        self.page, self.pdf, self.widths = page, page.pdf, widths
        self.line = CELL * MM_PER_PT * LINE
        self.header: list[list[str]] = []

    def wrap(self, row: list[str], style: str) -> list[list[str]]:
        room = [w - 2 * PADDING for w in self.widths]
        return [self.page.setter.lines(c, style, CELL, r) for c, r in zip(row, room, strict=False)]

    def height(self, lines: list[list[str]]) -> float:
        return max(len(c) for c in lines) * self.line + 2 * PADDING

    def row(self, lines: list[list[str]]) -> None:
        pdf = self.pdf
        while True:
            fit = int((pdf.page_break_trigger - pdf.y - 2 * PADDING) // self.line)
            if fit >= max(len(c) for c in lines):
                self.draw(lines, "", None)
                return
            if fit >= 1:  # the part that fits here, the rest on the next page
                self.draw([c[:fit] for c in lines], "", None)
                lines = [c[fit:] for c in lines]
            pdf.add_page()
            self.draw(self.header, "B", HEADER_FILL)

    def draw(self, lines: list[list[str]], style: str, fill: tuple[int, int, int] | None) -> None:
        pdf, setter = self.pdf, self.page.setter
        high = self.height(lines)
        x = pdf.l_margin
        if fill:
            pdf.set_fill_color(*fill)
        for cell, wide in zip(lines, self.widths, strict=False):
            pdf.rect(x, pdf.y, wide, high, style="DF" if fill else "D")
            y, whole = pdf.y + PADDING, " ".join(cell)
            for line in cell:
                box = (x + PADDING, y, wide - 2 * PADDING, self.line)
                setter.draw(line, style, CELL, box, self.page.rtl, paragraph=whole)
                y += self.line
            x += wide
        pdf.y += high
