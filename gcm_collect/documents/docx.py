"""Word writer (python-docx): real headings, styles and tables a reviewer can edit; Arabic
paragraphs and tables right to left (w:bidi, w:rtl, w:bidiVisual), East Asian fonts for Chinese
(w:eastAsia)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from docx import Document as new_docx
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import RGBColor

from gcm_collect.documents.model import (
    Answer,
    Block,
    Document,
    Heading,
    PageBreak,
    Para,
    Table,
    right_to_left,
)
from gcm_collect.documents.wordnotes import Footnotes, xml_text

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


# The body is written as WordprocessingML text and parsed once by lxml: python-docx's
# add_paragraph / add_run / add_table look up each child's place by schema on every call, and
# even lxml's SubElement, one Python call per element, made a 200-submission synthesis cost
# more than reading its workbook. The XML is the one python-docx writes.
TABLE_LOOK = (
    '<w:tblLook w:firstColumn="1" w:firstRow="1" w:lastColumn="0" w:lastRow="0" '
    'w:noHBand="0" w:noVBand="1" w:val="04A0"/>'
)


def _paragraph(rtl: bool, runs: str, style: str | None = None) -> str:
    props = (f'<w:pStyle w:val="{style}"/>' if style else "") + (
        '<w:bidi/><w:jc w:val="right"/>' if rtl else ""
    )
    return f"<w:p>{f'<w:pPr>{props}</w:pPr>' if props else ''}{runs}</w:p>"


def _run(
    text: str,
    rtl: bool,
    *,
    bold: bool = False,
    italic: bool = False,
    colour: RGBColor | None = None,
    size: int | None = None,  # half points
) -> str:
    """A run; a line break for each newline of ``text``; a Latin run in an Arabic paragraph
    stays left to right."""
    props = "".join(
        (
            "<w:b/>" if bold else "",
            "<w:i/>" if italic else "",
            f'<w:color w:val="{colour}"/>' if colour else "",
            f'<w:sz w:val="{size}"/>' if size else "",
            "<w:rtl/>" if rtl and right_to_left(text) else "",
        )
    )
    lines = []
    for line in text.split("\n"):
        space = ' xml:space="preserve"' if len(line.strip()) < len(line) else ""
        lines.append(f"<w:t{space}>{xml_text(line)}</w:t>")
    return f"<w:r>{f'<w:rPr>{props}</w:rPr>' if props else ''}{'<w:br/>'.join(lines)}</w:r>"


def _table(table: Table, rtl: bool, usable: int, notes: Footnotes) -> str:
    """A table in the Table Grid style, columns as wide as ``table.widths`` share of the
    ``usable`` width (twips), its header row repeated on every page; right to left, the
    first column on the right (w:bidiVisual)."""
    shares = table.widths or (1.0,) * len(table.header)
    twips = [int(usable * share / sum(shares)) for share in shares]
    out = [
        '<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/>',
        "<w:bidiVisual/>" if rtl else "",
        f'<w:tblW w:type="auto" w:w="0"/>{TABLE_LOOK}</w:tblPr><w:tblGrid>',
        *(f'<w:gridCol w:w="{w}"/>' for w in twips),
        "</w:tblGrid><w:tr><w:trPr><w:tblHeader/></w:trPr>",
        *(
            _cell(wide, _paragraph(rtl, _run(text, rtl, bold=True)))
            for text, wide in zip(table.header, twips, strict=True)
        ),
        "</w:tr>",
    ]
    cited = {(row, column): note for row, column, note in table.notes}
    for number, row in enumerate(table.rows):
        out.append("<w:tr>")
        for column, (text, wide) in enumerate(zip(row, twips, strict=True)):
            note = cited.get((number, column))
            if note is None:
                runs = _run(text, rtl)
            else:  # a note with a mark of its own takes the place of the mark text ends with
                runs = _run(text.removesuffix(note.mark) if note.mark else text, rtl)
                runs += notes.cite(note)
            out.append(_cell(wide, _paragraph(rtl, runs)))
        out.append("</w:tr>")
    out.append("</w:tbl>")
    return "".join(out)


def _cell(twips: int, content: str) -> str:
    return f'<w:tc><w:tcPr><w:tcW w:type="dxa" w:w="{twips}"/></w:tcPr>{content}</w:tc>'


def _block(block: Block, rtl: bool, usable: int, notes: Footnotes) -> str:
    if isinstance(block, Heading):
        style = "Title" if block.level == 0 else f"Heading{block.level}"
        return _paragraph(rtl, _run(block.text, rtl), style)
    if isinstance(block, Para):
        if block.style == "flag":
            return _paragraph(rtl, _run(block.text, rtl, colour=FLAG_COLOUR))
        if block.style == "note":
            return _paragraph(rtl, _run(block.text, rtl, italic=True, size=18))
        return _paragraph(rtl, _run(block.text, rtl))
    if isinstance(block, Answer):
        runs = _run(block.label, rtl, bold=True)
        if block.text:
            runs += _run("\n" + block.text, rtl)
        if block.flag:
            runs += _run("\n" + block.flag, rtl, colour=FLAG_COLOUR)
        return _paragraph(rtl, runs)
    if isinstance(block, Table):
        return _table(block, rtl, usable, notes)
    assert isinstance(block, PageBreak)
    return '<w:p><w:r><w:br w:type="page"/></w:r></w:p>'


def write_docx(document: Document, target: Path) -> None:
    doc = new_docx()
    rtl = document.rtl
    _style_fonts(doc, document.lang)
    doc.core_properties.title = document.title
    doc.core_properties.language = LANG_TAGS.get(document.lang, "en-GB")
    if rtl:
        _set(doc.sections[0]._sectPr, "w:bidi")
    section = doc.sections[0]
    edges = (section.page_width, section.left_margin, section.right_margin)
    wide, left, right = (int(e or 0) for e in edges)  # set in python-docx's template
    usable = (wide - left - right) // 635  # EMU to twips
    notes = Footnotes(doc, rtl)
    xml = "".join(_block(block, rtl, usable, notes) for block in document.blocks)
    body = doc.element.body
    end = body[-1]  # the w:sectPr, last child of the body
    for element in list(parse_xml(f"<w:body {nsdecls('w')}>{xml}</w:body>")):
        end.addprevious(element)
    notes.save()
    doc.save(str(target))
