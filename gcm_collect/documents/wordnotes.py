"""Word footnotes: the footnotes part (word/footnotes.xml, with the separator and continuation
separator Word expects as notes 0 and 1) and a reference run in the Footnote Reference style
where a note is cited (both styles are in wordstyles.py). Word and LibreOffice print them at
the foot of the page the citing cell is on."""

from __future__ import annotations

import re
from html import escape

from gcm_collect.documents.model import Note, right_to_left
from gcm_collect.documents.wordstyles import FOOTNOTE_REFERENCE, FOOTNOTE_TEXT, W_NS

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

    def part(self) -> str | None:
        """word/footnotes.xml, or None when no note was cited."""
        if not self.notes:
            return None
        return (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            f'<w:footnotes xmlns:w="{W_NS}">{SEPARATORS}{"".join(self.notes)}</w:footnotes>'
        )
