"""Word writer (python-docx): real headings, styles and tables a reviewer can edit; Arabic
paragraphs and tables right to left (w:bidi, w:rtl, w:bidiVisual), East Asian fonts for Chinese
(w:eastAsia)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from docx import Document as new_docx
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import RGBColor
from lxml.etree import SubElement  # type: ignore[import-untyped]  # python-docx's XML library

from gcm_collect.documents.model import (
    Answer,
    Document,
    Heading,
    PageBreak,
    Para,
    Table,
    right_to_left,
)
from gcm_collect.documents.wordnotes import Footnotes

# Fonts Word finds on reviewers' laptops; the PDF embeds the Noto fonts instead.
LATIN_FONT = "Calibri"
EAST_ASIAN_FONT = "Microsoft YaHei"
COMPLEX_FONT = "Arial"  # Arabic: w:cs
LANG_TAGS = {
    "ar": "ar-SA",
    "zh": "zh-CN",
    "en": "en-GB",
    "fr": "fr-FR",
    "ru": "ru-RU",
    "es": "es-ES",
}
FLAG_COLOUR = RGBColor(0xB3, 0x26, 0x1E)
STYLED = ("Normal", "Title", "Heading 1", "Heading 2", "Heading 3")


def _set(parent: Any, tag: str, **attrs: str) -> Any:
    """The child ``tag`` of ``parent`` (created at its place when missing), with ``attrs``."""
    element = parent.find(qn(tag))
    if element is None:
        element = OxmlElement(tag)
        parent.append(element)
    for key, value in attrs.items():
        element.set(qn(key), value)
    return element


def _style_fonts(doc: Any, lang: str) -> None:
    tag = LANG_TAGS.get(lang, "en-GB")
    for name in STYLED:
        rpr = doc.styles[name].element.get_or_add_rPr()
        fonts = rpr.find(qn("w:rFonts"))
        if fonts is None:
            fonts = OxmlElement("w:rFonts")
            rpr.insert(0, fonts)
        for key in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
            fonts.attrib.pop(qn(key), None)
        fonts.set(qn("w:ascii"), LATIN_FONT)
        fonts.set(qn("w:hAnsi"), LATIN_FONT)
        fonts.set(qn("w:eastAsia"), EAST_ASIAN_FONT)
        fonts.set(qn("w:cs"), COMPLEX_FONT)
        _set(rpr, "w:lang", **{"w:val": tag, "w:eastAsia": "zh-CN", "w:bidi": "ar-SA"})
        if lang == "ar":
            _set(rpr, "w:rtl")
            ppr = doc.styles[name].element.get_or_add_pPr()
            _set(ppr, "w:bidi")


# The body is built with lxml directly: python-docx's add_paragraph / add_run / add_row and
# cell access look up each child's place by schema on every call (a synthesis of 200
# submissions took 3 s in them). The XML is the one python-docx writes.
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
# Qualified names, computed once: qn() costs as much as the SubElement it names.
B = qn("w:b")
BIDI = qn("w:bidi")
BR = qn("w:br")
COLOR = qn("w:color")
ITALIC = qn("w:i")
JC = qn("w:jc")
P = qn("w:p")
PPR = qn("w:pPr")
PSTYLE = qn("w:pStyle")
TR, TC = qn("w:tr"), qn("w:tc")
TBL, TBLPR, TBLSTYLE, TBLW, TBLLOOK = (
    qn("w:tbl"),
    qn("w:tblPr"),
    qn("w:tblStyle"),
    qn("w:tblW"),
    qn("w:tblLook"),
)
BIDI_VISUAL, TBLGRID, GRIDCOL = qn("w:bidiVisual"), qn("w:tblGrid"), qn("w:gridCol")
TRPR, TBLHEADER, TCPR, TCW = qn("w:trPr"), qn("w:tblHeader"), qn("w:tcPr"), qn("w:tcW")
TYPE, W = qn("w:type"), qn("w:w")
LOOK = {  # python-docx's table defaults: header row and first column styled
    qn(k): v
    for k, v in {
        "w:firstColumn": "1",
        "w:firstRow": "1",
        "w:lastColumn": "0",
        "w:lastRow": "0",
        "w:noHBand": "0",
        "w:noVBand": "1",
        "w:val": "04A0",
    }.items()
}
R = qn("w:r")
RPR = qn("w:rPr")
RTL = qn("w:rtl")
SZ = qn("w:sz")
T = qn("w:t")
VAL = qn("w:val")


def _paragraph(parent: Any, rtl: bool, style: str | None = None) -> Any:
    """A w:p appended to ``parent`` (its prefixes are the body's)."""
    p = SubElement(parent, P)
    if style or rtl:
        ppr = SubElement(p, PPR)
        if style:
            SubElement(ppr, PSTYLE).set(VAL, style)
        if rtl:
            SubElement(ppr, BIDI)
            SubElement(ppr, JC).set(VAL, "right")
    return p


def _body_paragraph(body: Any, rtl: bool, style: str | None = None) -> Any:
    """A paragraph at the end of the body, before its section properties."""
    section = body[-1]  # the w:sectPr, last child of the body
    p = _paragraph(body, rtl, style)
    section.addprevious(p)
    return p


def _run(
    p: Any,
    text: str,
    rtl: bool,
    *,
    bold: bool = False,
    italic: bool = False,
    colour: RGBColor | None = None,
    size: int | None = None,  # half points
) -> None:
    """A run; a line break for each newline of ``text``; a Latin run in an Arabic paragraph
    stays left to right."""
    r = SubElement(p, R)
    marks = rtl and right_to_left(text)
    if bold or italic or colour or size or marks:
        rpr = SubElement(r, RPR)  # children in the schema's order
        if bold:
            SubElement(rpr, B)
        if italic:
            SubElement(rpr, ITALIC)
        if colour:
            SubElement(rpr, COLOR).set(VAL, str(colour))
        if size:
            SubElement(rpr, SZ).set(VAL, str(size))
        if marks:
            SubElement(rpr, RTL)
    for i, line in enumerate(text.split("\n")):
        if i:
            SubElement(r, BR)
        t = SubElement(r, T)
        t.text = line
        if len(line.strip()) < len(line):
            t.set(XML_SPACE, "preserve")


def _table(body: Any, table: Table, rtl: bool, usable: int, notes: Footnotes) -> None:
    """A table in the Table Grid style, columns as wide as ``table.widths`` share of the
    ``usable`` width (twips), its header row repeated on every page; right to left, the
    first column on the right (w:bidiVisual)."""
    section = body[-1]  # the w:sectPr, last child of the body
    tbl = SubElement(body, TBL)
    section.addprevious(tbl)
    props = SubElement(tbl, TBLPR)
    SubElement(props, TBLSTYLE).set(VAL, "TableGrid")
    if rtl:
        SubElement(props, BIDI_VISUAL)
    width = SubElement(props, TBLW)
    width.set(TYPE, "auto")
    width.set(W, "0")
    look = SubElement(props, TBLLOOK)
    for key, value in LOOK.items():
        look.set(key, value)
    shares = table.widths or (1.0,) * len(table.header)
    twips = [str(int(usable * share / sum(shares))) for share in shares]
    grid = SubElement(tbl, TBLGRID)
    for wide in twips:
        SubElement(grid, GRIDCOL).set(W, wide)
    header = SubElement(tbl, TR)
    SubElement(SubElement(header, TRPR), TBLHEADER)
    for text, wide in zip(table.header, twips, strict=True):
        _run(_paragraph(_cell(header, wide), rtl), text, rtl, bold=True)
    cited = {(row, column): note for row, column, note in table.notes}
    for number, row in enumerate(table.rows):
        tr = SubElement(tbl, TR)
        for column, (text, wide) in enumerate(zip(row, twips, strict=True)):
            p = _paragraph(_cell(tr, wide), rtl)
            note = cited.get((number, column))
            if note is None:
                _run(p, text, rtl)
                continue
            # A note with a mark of its own takes the place of the mark the text ends with.
            _run(p, text.removesuffix(note.mark) if note.mark else text, rtl)
            notes.cite(p, note)


def _cell(tr: Any, twips: str) -> Any:
    tc = SubElement(tr, TC)
    width = SubElement(SubElement(tc, TCPR), TCW)
    width.set(TYPE, "dxa")
    width.set(W, twips)
    return tc


def write_docx(document: Document, target: Path) -> None:
    doc = new_docx()
    rtl = document.rtl
    _style_fonts(doc, document.lang)
    doc.core_properties.title = document.title
    doc.core_properties.language = LANG_TAGS.get(document.lang, "en-GB")
    if rtl:
        _set(doc.sections[0]._sectPr, "w:bidi")
    body = doc.element.body
    section = doc.sections[0]
    edges = (section.page_width, section.left_margin, section.right_margin)
    wide, left, right = (int(e or 0) for e in edges)  # set in python-docx's template
    usable = (wide - left - right) // 635  # EMU to twips
    notes = Footnotes(doc, rtl)
    for block in document.blocks:
        if isinstance(block, Heading):
            style = "Title" if block.level == 0 else f"Heading{block.level}"
            _run(_body_paragraph(body, rtl, style), block.text, rtl)
        elif isinstance(block, Para):
            p = _body_paragraph(body, rtl)
            if block.style == "flag":
                _run(p, block.text, rtl, colour=FLAG_COLOUR)
            elif block.style == "note":
                _run(p, block.text, rtl, italic=True, size=18)
            else:
                _run(p, block.text, rtl)
        elif isinstance(block, Answer):
            p = _body_paragraph(body, rtl)
            _run(p, block.label, rtl, bold=True)
            if block.text:
                _run(p, "\n" + block.text, rtl)
            if block.flag:
                _run(p, "\n" + block.flag, rtl, colour=FLAG_COLOUR)
        elif isinstance(block, Table):
            _table(body, block, rtl, usable, notes)
        elif isinstance(block, PageBreak):
            doc.add_page_break()
    notes.save()
    doc.save(str(target))
