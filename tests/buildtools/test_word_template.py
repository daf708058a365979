"""Our Word template (gcm_collect/documents/word-template.docx), made from python-docx's by
buildtools/word_template.py: the file shipped is the one the script makes, and it holds the
styles the writer uses and none of the parts it dropped."""

from __future__ import annotations

import docx

from buildtools.word_template import make, parts
from gcm_collect.documents.wordstyles import TEMPLATE

STYLES = ("Normal", "Title", "Heading 1", "Heading 2", "Heading 3", "Table Grid")
STYLES += ("footnote text", "footnote reference")


def test_the_shipped_template_is_what_the_script_makes():
    assert parts(TEMPLATE.read_bytes()) == parts(make()), "run python -m buildtools.word_template"


def test_the_template_holds_our_styles_and_nothing_else():
    document = docx.Document(str(TEMPLATE))
    names = {style.name for style in document.styles}
    assert set(STYLES) <= names
    assert len(names) == len(STYLES) + 3  # and the defaults they are based on
    assert not document.styles.element.findall(docx.oxml.ns.qn("w:latentStyles"))
    assert sorted(parts(TEMPLATE.read_bytes())) == [
        "[Content_Types].xml",
        "_rels/.rels",
        "docProps/app.xml",
        "docProps/core.xml",
        "word/_rels/document.xml.rels",
        "word/document.xml",
        "word/settings.xml",
        "word/styles.xml",
    ]
    section = document.sections[0]  # Letter, python-docx's template's margins
    assert (section.page_width.inches, section.page_height.inches) == (8.5, 11)
    assert (section.left_margin.inches, section.right_margin.inches) == (1.25, 1.25)
    assert not document.paragraphs and not document.tables
