"""Word footnotes, which python-docx has no API for: the footnotes part (word/footnotes.xml,
with the separator and continuation separator Word expects as notes 0 and 1) related to the
document, and a reference run in the Footnote Reference style where a note is cited (both
styles are in our template). Word and LibreOffice print them at the foot of the page the
citing cell is on."""

from __future__ import annotations

import re
from html import escape
from typing import Any

from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn

from gcm_collect.documents.model import Note, right_to_left
from gcm_collect.documents.wordstyles import FOOTNOTE_REFERENCE, FOOTNOTE_TEXT

NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")  # no XML 1.0 text


def xml_text(value: str) -> str:
    """``value`` as WordprocessingML text: escaped, characters XML cannot hold dropped.
    (html's escape, not xml.sax's: that one imports urllib, http and ssl, 0.08 s a start.)"""
    return escape(NOT_XML.sub("", value), quote=False)


SEPARATORS = (
    '<w:footnote w:type="separator" w:id="0"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
    '<w:footnote w:type="continuationSeparator" w:id="1"><w:p><w:r><w:continuationSeparator/>'
    "</w:r></w:p></w:footnote>"
)
SETTINGS = (
    f'<w:footnotePr {nsdecls("w")}><w:footnote w:id="0"/><w:footnote w:id="1"/></w:footnotePr>'
)
PARTNAME = "/word/footnotes.xml"
FIRST_ID = 2  # 0 and 1: the separators
MARK = f'<w:rPr><w:rStyle w:val="{FOOTNOTE_REFERENCE}"/></w:rPr>'


class Footnotes:
    """The footnotes of one document, collected as they are cited, saved as its part."""

    def __init__(self, rtl: bool) -> None:
        self.rtl = rtl
        self.notes: list[str] = []  # each w:footnote, as WordprocessingML

    def cite(self, note: Note) -> str:
        """The run citing the note (its mark, in WordprocessingML); the note itself is kept
        for the footnotes part."""
        number = FIRST_ID + len(self.notes)
        props = f'<w:pStyle w:val="{FOOTNOTE_TEXT}"/>' + ("<w:bidi/>" if self.rtl else "")
        text = xml_text(note.text)
        rtl = "<w:rPr><w:rtl/></w:rPr>" if self.rtl and right_to_left(note.text) else ""
        if note.mark:  # Kosovo's "*": the mark follows, Word does not number it
            mark = xml_text(note.mark)
            own = f"<w:r>{MARK}<w:t>{mark}</w:t></w:r>"
            cited = f'<w:footnoteReference w:customMarkFollows="1" w:id="{number}"/>'
            citing = f"<w:r>{MARK}{cited}<w:t>{mark}</w:t></w:r>"
        else:
            own = f"<w:r>{MARK}<w:footnoteRef/></w:r>"
            citing = f'<w:r>{MARK}<w:footnoteReference w:id="{number}"/></w:r>'
        self.notes.append(
            f'<w:footnote w:id="{number}"><w:p><w:pPr>{props}</w:pPr>{own}'
            f'<w:r>{rtl}<w:t xml:space="preserve"> {text}</w:t></w:r></w:p></w:footnote>'
        )
        return citing

    def save(self, doc: Any) -> None:
        """Add the part to python-docx's ``doc``, if any note was cited, and name the
        separators in its settings (w:footnotePr: before w:compat, the template's last)."""
        if not self.notes:
            return
        xml = f"<w:footnotes {nsdecls('w')}>{SEPARATORS}{''.join(self.notes)}</w:footnotes>"
        blob = b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' + xml.encode()
        part = Part(PackURI(PARTNAME), CT.WML_FOOTNOTES, blob, doc.part.package)
        doc.part.relate_to(part, RT.FOOTNOTES)
        doc.settings.element.find(qn("w:compat")).addprevious(parse_xml(SETTINGS))
