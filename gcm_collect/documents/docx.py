"""Word writer: real headings, styles and tables a reviewer can edit; Arabic
paragraphs and tables right to left (w:bidi, w:rtl, w:bidiVisual), East Asian fonts for Chinese
(w:eastAsia)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import docx
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

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
from gcm_collect.documents.wordnotes import NOT_XML, Footnotes, xml_text
from gcm_collect.documents.wordstyles import LANG_TAGS, TEMPLATE, set_language

FLAG_COLOUR = "B3261E"


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
    colour: str | None = None,  # RRGGBB
    size: int | None = None,  # half points
) -> str:
    """A run; a line break for each newline of ``text``; a Latin run in an Arabic paragraph
    stays left to right. Bold, italic and size are set for complex scripts too (w:bCs,
    w:iCs, w:szCs): Word and LibreOffice draw Arabic with those alone."""
    props = "".join(
        (
            "<w:b/><w:bCs/>" if bold else "",
            "<w:i/><w:iCs/>" if italic else "",
            f'<w:color w:val="{colour}"/>' if colour else "",
            f'<w:sz w:val="{size}"/><w:szCs w:val="{size}"/>' if size else "",
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
    doc = docx.Document(str(TEMPLATE))
    rtl = document.rtl
    set_language(doc, document.lang)
    section = doc.sections[0]
    edges = (section.page_width, section.left_margin, section.right_margin)
    wide, left, right = (int(e or 0) for e in edges)  # Letter, set in our template
    usable = (wide - left - right) // 635  # EMU to twips
    notes = Footnotes(rtl)
    xml = "".join(_block(block, rtl, usable, notes) for block in document.blocks)
    # The template's body holds its w:sectPr only, which stays last. One new body, parsed and
    # put in place whole: lxml moves each child put into another document on its own (57 ms
    # a 200-submission synthesis, twice the time of writing its text).
    template = doc.element.body
    body = parse_xml(f"<w:body {nsdecls('w')}>{xml}</w:body>")
    body.append(template[-1])
    doc.element.replace(template, body)
    notes.save(doc)
    properties = doc.core_properties
    properties.title = NOT_XML.sub("", document.title)  # what XML cannot hold dropped
    properties.language = LANG_TAGS.get(document.lang, "en-GB")
    properties.created = properties.modified = datetime.now(UTC).replace(tzinfo=None)
    doc.save(str(target))
