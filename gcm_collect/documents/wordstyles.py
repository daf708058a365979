"""The style sheet of our Word documents in one language. Every document starts from our own
template (word-template.docx, made by buildtools/word_template.py from python-docx's: only
the styles the writer uses, the fonts named on each); here its language is set, and for
Arabic its paragraphs, runs and section right to left."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from docx.oxml.ns import qn

TEMPLATE = Path(__file__).with_name("word-template.docx")
LANG_TAGS = {
    "ar": "ar-SA",
    "zh": "zh-CN",
    "en": "en-GB",
    "fr": "fr-FR",
    "ru": "ru-RU",
    "es": "es-ES",
}
STYLED = ("Normal", "Title", "Heading 1", "Heading 2", "Heading 3")  # fonts, language
FOOTNOTE_TEXT, FOOTNOTE_REFERENCE = "FootnoteText", "FootnoteReference"  # style ids


def set_language(doc: Any, lang: str) -> None:
    """The language of ``doc``'s styles; right to left in Arabic: w:bidi on the paragraph
    styles and the section (the template holds them, off, where the schema puts them),
    w:rtl on the styles' runs."""
    tag = LANG_TAGS.get(lang, "en-GB")
    styles = doc.styles
    for element in styles.element.iter(qn("w:lang")):  # docDefaults' and STYLED's
        element.set(qn("w:val"), tag)
    if lang != "ar":
        return
    for name in STYLED:
        styles[name].font.rtl = True
    paragraphs = [styles[name].element.pPr for name in STYLED]
    paragraphs.append(styles.element.get_by_id(FOOTNOTE_TEXT).pPr)
    for ppr in [*paragraphs, doc.element.body.sectPr]:
        ppr.find(qn("w:bidi")).set(qn("w:val"), "1")
