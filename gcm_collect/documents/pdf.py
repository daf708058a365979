"""PDF writer (fpdf2, shaping by HarfBuzz through uharfbuzz): Arabic shaped, joined and laid
right to left, Chinese glyphs present, every font embedded (subset), so the PDF needs nothing
installed where it is opened."""

from __future__ import annotations

import re
import warnings
from pathlib import Path

from fpdf import FPDF
from fpdf.fonts import FontFace

from gcm_collect.documents.fonts import MAIN, Face, characters, faces_for
from gcm_collect.documents.model import (
    Answer,
    Document,
    Heading,
    PageBreak,
    Para,
    Table,
    right_to_left,
)

SIZES = {0: 20.0, 1: 15.0, 2: 12.5, 3: 11.0}
BODY, NOTE, CELL = 10.0, 8.5, 8.5
LINE = 1.45  # line height, in font sizes
FLAG_COLOUR = (179, 38, 30)
HEADER_FILL = (230, 234, 240)
MM_PER_PT = 0.3528


class _Pdf(FPDF):
    def __init__(self, document: Document) -> None:
        super().__init__(format="A4")
        self.document = document
        self.set_margins(18, 18, 18)
        self.set_auto_page_break(True, margin=18)
        self.set_title(document.title)
        self.set_lang(document.lang)
        self.set_creator("GCM Collect")
        self.fallbacks: list[str] = []  # every face but the main one

    def footer(self) -> None:
        self.set_y(-12)
        self.set_font(size=7.5)
        self.set_text_color(110, 110, 110)
        self.set_fallback_fonts(self.fallbacks, exact_match=False)  # the title may need them
        self.cell(0, 5, f"{self.document.title} \u2014 {self.page_no()}/{{nb}}", align="C")
        self.set_text_color(0, 0, 0)


def write_pdf(document: Document, target: Path) -> None:
    pdf = _Pdf(document)
    texts = document.texts()
    main = MAIN.get(document.lang, "NotoSans")
    faces = list(faces_for(texts, main))  # only those the texts use (the Chinese one: 3.5 MB)
    for face in faces:
        pdf.add_font(face.family, "", face.regular, collection_font_number=face.number)
        pdf.add_font(face.family, "B", face.bold, collection_font_number=face.number)
    pdf.fallbacks = [f.family for f in faces if f.family != main]
    rtl = document.rtl
    align = "R" if rtl else "L"
    pdf.set_font(main, "", BODY)
    pdf.add_page()

    wrap = _Wrapper(pdf, main, faces)

    def text(size: float, style: str, body: str, colour: tuple[int, int, int] = (0, 0, 0)) -> None:
        _shaping(pdf, body)
        pdf.set_text_color(*colour)
        height = size * MM_PER_PT * LINE
        for line in wrap.lines(body, style, size, pdf.epw):
            pdf.set_font(main, style, size)
            wrap.fallback(line)
            pdf.cell(0, height, line, align=align, new_x="LMARGIN", new_y="NEXT")
        pdf.set_text_color(0, 0, 0)

    for block in document.blocks:
        if isinstance(block, Heading):
            size = SIZES.get(block.level, BODY)
            pdf.ln(size * MM_PER_PT * (0.9 if block.level else 0))
            text(size, "B", block.text)
            pdf.ln(1.5)
        elif isinstance(block, Para):
            if block.style == "flag":
                text(BODY, "B", block.text, FLAG_COLOUR)
            else:
                text(NOTE if block.style == "note" else BODY, "", block.text)
            pdf.ln(1.5)
        elif isinstance(block, Answer):
            text(BODY, "B", block.label)
            if block.text:
                text(BODY, "", block.text)
            if block.flag:
                text(BODY, "", block.flag, FLAG_COLOUR)
            pdf.ln(1.5)
        elif isinstance(block, Table):
            _table(pdf, main, wrap, block, rtl)
            pdf.ln(3)
        elif isinstance(block, PageBreak):
            pdf.add_page()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # fpdf2's notes on fonts it subsets
        pdf.output(str(target))


def _table(pdf: FPDF, main: str, wrap: _Wrapper, table: Table, rtl: bool) -> None:
    """A table with its header repeated on each page; right to left, the first column is on
    the right."""
    widths = list(table.widths or (1.0,) * len(table.header))
    header, rows = list(table.header), [list(r) for r in table.rows]
    if rtl:
        widths.reverse()
        header.reverse()
        # A Latin answer in an Arabic table keeps its own order (isolated, LRI ... PDI).
        rows = [[c if right_to_left(c) else f"\u2066{c}\u2069" for c in r[::-1]] for r in rows]
    pdf.set_font(main, "", CELL)
    cells = (*header, *(cell for row in rows for cell in row))
    _shaping(pdf, *cells)
    wrap.fallback(*cells)
    with pdf.table(
        col_widths=widths,
        text_align="RIGHT" if rtl else "LEFT",
        line_height=CELL * MM_PER_PT * LINE,
        headings_style=FontFace(emphasis="BOLD", fill_color=HEADER_FILL),
        padding=1.2,
    ) as out:
        first = out.row()
        for cell in header:
            first.cell(cell)
        for row in rows:
            line = out.row()
            for cell in row:
                line.cell(cell)


# A token of a line: a run of spaces, one Chinese/Japanese/Korean character (lines break
# between any two), or a word.
TOKEN = re.compile(
    "\\s+|[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef]|[^\\s\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef]+"
)


class _Wrapper:
    """Lines of a paragraph, each drawn with one ``cell``. fpdf2's multi_cell measures a line
    again at every character it adds (and shapes it again, for Arabic): a report of 50
    practices took half a minute. Here each token is measured once, with the face that draws
    it, and the widths are kept."""

    def __init__(self, pdf: _Pdf, main: str, faces: list[Face]) -> None:
        self.pdf, self.main = pdf, main
        ordered = sorted(faces, key=lambda f: f.family != main)
        self.faces = [(f.family, characters(f)) for f in ordered]
        self.widths: dict[tuple[str, float, bool, str], float] = {}
        self.main_chars = self.faces[0][1]

    def fallback(self, *texts: str) -> None:
        """Let fpdf2 look for other faces only in texts the main face cannot draw whole: with
        fallback fonts set, it looks up every character of every line in each face's map."""
        needed = not all(self.main_chars.issuperset(map(ord, t)) for t in texts)
        self.pdf.set_fallback_fonts(self.pdf.fallbacks if needed else [], exact_match=False)

    def width(self, token: str, style: str, size: float) -> float:
        key = (style, size, self.pdf.text_shaping is not None, token)
        if key not in self.widths:
            codes = {ord(c) for c in token}
            family = next((f for f, chars in self.faces if codes <= chars), self.main)
            self.pdf.set_font(family, style, size)
            self.fallback(token)
            self.widths[key] = self.pdf.get_string_width(token)
        return self.widths[key]

    def lines(self, text: str, style: str, size: float, room: float) -> list[str]:
        out: list[str] = []
        for paragraph in text.split("\n"):
            line: list[str] = []
            used = 0.0
            for token in TOKEN.findall(paragraph):
                if token.isspace() and not line:
                    continue
                wide = self.width(token, style, size)
                if line and used + wide > room and not token.isspace():
                    out.append("".join(line).rstrip())
                    line, used = [], 0.0
                while wide > room and len(token) > 1:  # a word wider than the page: cut it
                    cut = max(1, int(len(token) * room / wide))
                    out.append(token[:cut])
                    token = token[cut:]
                    wide = self.width(token, style, size)
                line.append(token)
                used += wide
            out.append("".join(line).rstrip())
        return out


def _shaping(pdf: FPDF, *texts: str) -> None:
    """Shape (right to left) only the texts that need it (joined Arabic): fpdf2 re-shapes a
    line at each word it tries, so shaping Latin, Cyrillic or Chinese would only cost time."""
    if any(right_to_left(t) for t in texts):
        pdf.set_text_shaping(True, direction="rtl")
    else:
        pdf.set_text_shaping(False)
