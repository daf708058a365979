"""Word writer (python-docx): real headings, styles and tables a reviewer can edit; Arabic
paragraphs and tables right to left (w:bidi, w:rtl, w:bidiVisual), East Asian fonts for Chinese
(w:eastAsia)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from docx import Document as new_docx
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt, RGBColor

from gcm_collect.documents.model import (
    Answer,
    Document,
    Heading,
    PageBreak,
    Para,
    Table,
    right_to_left,
)

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


def _paragraph_rtl(paragraph: Any) -> None:
    _set(paragraph._p.get_or_add_pPr(), "w:bidi")
    paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT


def _run(paragraph: Any, text: str, rtl: bool, *, bold: bool = False) -> Any:
    """A run; a line break for each newline of ``text``."""
    run = paragraph.add_run()
    lines = text.split("\n")
    for i, line in enumerate(lines):
        if i:
            run.add_break()
        run.add_text(line)
    run.bold = bold or None
    if rtl and right_to_left(text):  # a Latin run in an Arabic paragraph stays left to right
        _set(run._r.get_or_add_rPr(), "w:rtl")
    return run


def _table(doc: Any, table: Table, rtl: bool) -> None:
    columns = len(table.header)
    out = doc.add_table(rows=1, cols=columns)
    out.style = doc.styles["Table Grid"]
    if rtl:
        _set(out._tbl.tblPr, "w:bidiVisual")
    widths = table.widths or (1.0,) * columns
    total = sum(widths)
    usable = doc.sections[0].page_width - doc.sections[0].left_margin - doc.sections[0].right_margin
    header_row = out.rows[0]
    _set(_set(header_row._tr, "w:trPr"), "w:tblHeader")  # repeated on every page
    for cell, text in zip(header_row.cells, table.header, strict=True):
        paragraph = cell.paragraphs[0]
        if rtl:
            _paragraph_rtl(paragraph)
        _run(paragraph, text, rtl, bold=True)
    for row in table.rows:
        cells = out.add_row().cells
        for cell, text in zip(cells, row, strict=True):
            paragraph = cell.paragraphs[0]
            if rtl:
                _paragraph_rtl(paragraph)
            _run(paragraph, text, rtl)
    for column, width in zip(out.columns, widths, strict=True):
        for cell in column.cells:
            cell.width = int(usable * width / total)


def write_docx(document: Document, target: Path) -> None:
    doc = new_docx()
    rtl = document.rtl
    _style_fonts(doc, document.lang)
    doc.core_properties.title = document.title
    doc.core_properties.language = LANG_TAGS.get(document.lang, "en-GB")
    if rtl:
        _set(doc.sections[0]._sectPr, "w:bidi")
    for block in document.blocks:
        if isinstance(block, Heading):
            paragraph = doc.add_paragraph(
                style="Title" if block.level == 0 else f"Heading {block.level}"
            )
            _run(paragraph, block.text, rtl)
        elif isinstance(block, Para):
            paragraph = doc.add_paragraph()
            run = _run(paragraph, block.text, rtl)
            if block.style == "flag":
                run.font.color.rgb = FLAG_COLOUR
            elif block.style == "note":
                run.font.size = Pt(9)
                run.italic = True
        elif isinstance(block, Answer):
            paragraph = doc.add_paragraph()
            _run(paragraph, block.label, rtl, bold=True)
            if block.text:
                _run(paragraph, "\n" + block.text, rtl)
            if block.flag:
                _run(paragraph, "\n" + block.flag, rtl).font.color.rgb = FLAG_COLOUR
        elif isinstance(block, Table):
            _table(doc, block, rtl)
        elif isinstance(block, PageBreak):
            doc.add_page_break()
        if rtl and isinstance(block, Heading | Para | Answer):
            _paragraph_rtl(paragraph)
    doc.save(str(target))
