"""Word footnotes, which python-docx has no API for: the footnotes part (word/footnotes.xml,
with the separator and continuation separator Word expects as notes 0 and 1) related to the
document, a reference run in the Footnote Reference style where a note is cited, and the
Footnote Text and Footnote Reference styles. Word and LibreOffice print them at the foot of
the page the citing cell is on."""

from __future__ import annotations

from typing import Any
from xml.sax.saxutils import escape

from docx.enum.style import WD_STYLE_TYPE
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml.ns import nsdecls, qn
from docx.shared import Pt
from lxml import etree  # type: ignore[import-untyped]  # python-docx's XML library

from gcm_collect.documents.model import Note, right_to_left

PARTNAME = "/word/footnotes.xml"
TEXT_STYLE, REFERENCE_STYLE = "Footnote Text", "Footnote Reference"  # Word's built-in names
SEPARATORS = (
    f"<w:footnotes {nsdecls('w')}>"
    '<w:footnote w:type="separator" w:id="0"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
    '<w:footnote w:type="continuationSeparator" w:id="1"><w:p><w:r><w:continuationSeparator/>'
    "</w:r></w:p></w:footnote></w:footnotes>"
)
FIRST_ID = 2  # 0 and 1: the separators

P, PPR, PSTYLE, BIDI = qn("w:p"), qn("w:pPr"), qn("w:pStyle"), qn("w:bidi")
R, RPR, RSTYLE, RTL, T = qn("w:r"), qn("w:rPr"), qn("w:rStyle"), qn("w:rtl"), qn("w:t")
FOOTNOTE, REF = qn("w:footnote"), qn("w:footnoteRef")
ID, VAL = qn("w:id"), qn("w:val")
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


class Footnotes:
    """The footnotes of one document, collected as they are cited, saved as its part."""

    def __init__(self, doc: Any, rtl: bool) -> None:
        self.doc, self.rtl = doc, rtl
        self.root = etree.fromstring(SEPARATORS)
        self.next_id = FIRST_ID

    def cite(self, note: Note) -> str:
        """The run citing the note (its mark, in WordprocessingML), the note's text kept
        for the footnotes part."""
        number = str(self.next_id)
        self.next_id += 1
        footnote = etree.SubElement(self.root, FOOTNOTE)
        footnote.set(ID, number)
        p = etree.SubElement(footnote, P)
        ppr = etree.SubElement(p, PPR)
        etree.SubElement(ppr, PSTYLE).set(VAL, self._style_id(TEXT_STYLE))
        if self.rtl:
            etree.SubElement(ppr, BIDI)
        mark = self._mark_run(p)
        if note.mark:
            etree.SubElement(mark, T).text = note.mark
        else:
            etree.SubElement(mark, REF)
        run = etree.SubElement(p, R)
        if self.rtl and right_to_left(note.text):
            etree.SubElement(etree.SubElement(run, RPR), RTL)
        text = etree.SubElement(run, T)
        text.text = " " + note.text
        text.set(XML_SPACE, "preserve")
        style = f'<w:rPr><w:rStyle w:val="{self._style_id(REFERENCE_STYLE)}"/></w:rPr>'
        if note.mark:  # Kosovo's "*": the mark follows, Word does not number it
            cited = f'<w:footnoteReference w:customMarkFollows="1" w:id="{number}"/>'
            return f"<w:r>{style}{cited}<w:t>{escape(note.mark)}</w:t></w:r>"
        return f'<w:r>{style}<w:footnoteReference w:id="{number}"/></w:r>'

    def _mark_run(self, paragraph: Any) -> Any:
        run = etree.SubElement(paragraph, R)
        rpr = etree.SubElement(run, RPR)
        etree.SubElement(rpr, RSTYLE).set(VAL, self._style_id(REFERENCE_STYLE))
        return run

    def _style_id(self, name: str) -> str:
        return name.replace(" ", "")

    def save(self) -> None:
        """Add the part (and its styles) to the document, if any note was cited."""
        if self.next_id == FIRST_ID:
            return
        styles = self.doc.styles
        text = styles.add_style(TEXT_STYLE, WD_STYLE_TYPE.PARAGRAPH)
        text.base_style = styles["Normal"]
        text.font.size = Pt(9)
        text.paragraph_format.space_after = Pt(0)
        reference = styles.add_style(REFERENCE_STYLE, WD_STYLE_TYPE.CHARACTER)
        reference.font.superscript = True
        blob = etree.tostring(self.root, xml_declaration=True, encoding="UTF-8", standalone=True)
        package = self.doc.part.package
        part = Part(PackURI(PARTNAME), CT.WML_FOOTNOTES, blob, package)
        self.doc.part.relate_to(part, RT.FOOTNOTES)
