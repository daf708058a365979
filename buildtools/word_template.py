"""Make gcm_collect/documents/word-template.docx, the package every Word document of ours
starts from: python-docx's default template with only what the writer uses. Its 430 KB style
sheet (latent styles, stylesWithEffects), theme, font table, numbering, web settings, custom
XML and thumbnail were parsed and written again on every save, more time than a whole
synthesis' body. Kept: Normal, Title, Heading 1-3 and Table Grid (and the defaults they are
based on), with Word's Footnote Text and Footnote Reference added; the fonts named on each
(no theme to take them from); Letter with the template's margins; compatibility mode 15.
The language, and right to left for Arabic, are set per document (gcm_collect/documents/
wordstyles.py): the w:bidi placeholders here (w:val="0") are where the schema wants them.

Run again after a python-docx update: ``python -m buildtools.word_template``
(tests/buildtools/test_word_template.py checks the shipped file is what this makes)."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from typing import Any

import docx
from docx.enum.style import WD_STYLE_TYPE
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Pt

from gcm_collect.documents.wordstyles import FOOTNOTE_REFERENCE, FOOTNOTE_TEXT, STYLED, TEMPLATE

# Fonts Word finds on reviewers' laptops; the PDF embeds the Noto fonts instead.
LATIN_FONT = "Calibri"
EAST_ASIAN_FONT = "Microsoft YaHei"
COMPLEX_FONT = "Arial"  # Arabic: w:cs
KEPT_STYLES = {"Normal", "DefaultParagraphFont", "TableNormal", "NoList", "Title", "TableGrid"}
KEPT_STYLES |= {f"Heading{level}" for level in (1, 2, 3)}
DOCUMENT_PARTS = {RT.STYLES, RT.SETTINGS}  # the document's relationships kept
PACKAGE_PARTS = {RT.OFFICE_DOCUMENT, RT.CORE_PROPERTIES}  # app.xml: made again below
APP = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/'
    'extended-properties"><Application>GCM Collect</Application></Properties>'
)
# Word 2013 and later open it as a document of their own, not in compatibility mode.
SETTINGS = (
    f'<w:settings {nsdecls("w")}><w:defaultTabStop w:val="720"/>'
    '<w:characterSpacingControl w:val="doNotCompress"/><w:compat><w:compatSetting '
    'w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/>'
    "</w:compat></w:settings>"
)
THEMED = ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme", "themeColor", "themeShade")


def _drop_unused(doc: Any) -> None:
    for rels, kept in ((doc.part.rels, DOCUMENT_PARTS), (doc.part.package.rels, PACKAGE_PARTS)):
        for rid, rel in list(rels.items()):
            if rel.reltype not in kept:
                del rels[rid]
    app = Part(PackURI("/docProps/app.xml"), CT.OFC_EXTENDED_PROPERTIES, APP.encode(), None)
    doc.part.package.relate_to(app, RT.EXTENDED_PROPERTIES)


def _styles(doc: Any) -> None:
    sheet = doc.styles.element
    for child in list(sheet):
        if child.tag == qn("w:latentStyles"):
            sheet.remove(child)
        elif child.tag == qn("w:style") and child.get(qn("w:styleId")) not in KEPT_STYLES:
            sheet.remove(child)
    text = doc.styles.add_style("Footnote Text", WD_STYLE_TYPE.PARAGRAPH)
    text.base_style = doc.styles["Normal"]
    text.font.size = Pt(9)
    text.paragraph_format.space_after = Pt(0)
    text.paragraph_format.line_spacing = 1.0
    reference = doc.styles.add_style("Footnote Reference", WD_STYLE_TYPE.CHARACTER)
    reference.base_style = doc.styles["Default Paragraph Font"]
    reference.font.superscript = True
    assert (text.style_id, reference.style_id) == (FOOTNOTE_TEXT, FOOTNOTE_REFERENCE)
    size = parse_xml(f'<w:szCs {nsdecls("w")} w:val="18"/>')  # Arabic notes small too
    text.element.rPr.find(qn("w:sz")).addnext(size)
    for style, name in ((text, "footnote text"), (reference, "footnote reference")):
        style.element.attrib.pop(qn("w:customStyle"))  # Word's built-in ones, by name
        style.element.name_val = name
    for unused in ("w:link", "w:rsid"):  # links to the character styles dropped, revisions
        for element in sheet.findall(f".//{qn(unused)}"):
            element.getparent().remove(element)
    for element in sheet.iter():  # no theme: the fonts and colours are named
        for name in THEMED:
            element.attrib.pop(qn(f"w:{name}"), None)
    defaults = sheet.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    for rpr in [defaults] + [doc.styles[name].element.get_or_add_rPr() for name in STYLED]:
        _fonts(rpr)
    for style in [doc.styles[name].element for name in STYLED] + [text.element]:
        _bidi_placeholder(style.get_or_add_pPr())


def _fonts(rpr: Any) -> None:
    """Fonts of every script, and a language (set per document) on ``rpr``."""
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    fonts.set(qn("w:ascii"), LATIN_FONT)
    fonts.set(qn("w:hAnsi"), LATIN_FONT)
    fonts.set(qn("w:eastAsia"), EAST_ASIAN_FONT)
    fonts.set(qn("w:cs"), COMPLEX_FONT)
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)  # last of what our styles' runs hold, as the schema wants
    for key, value in (("w:val", "en-GB"), ("w:eastAsia", "zh-CN"), ("w:bidi", "ar-SA")):
        lang.set(qn(key), value)


# In w:pPr, w:bidi goes after the keeping and border elements, before w:spacing and w:ind
# and what follows; in w:sectPr, before w:docGrid.
BIDI_BEFORE = ("w:adjustRightInd", "w:snapToGrid", "w:spacing", "w:ind", "w:contextualSpacing")
BIDI_BEFORE += ("w:mirrorIndents", "w:jc", "w:textDirection", "w:outlineLvl", "w:rPr")


def _bidi_placeholder(ppr: Any) -> None:
    ppr.insert_element_before(parse_xml(f'<w:bidi {nsdecls("w")} w:val="0"/>'), *BIDI_BEFORE)


def _document(doc: Any) -> None:
    section = doc.element.body.sectPr
    for key in list(section.attrib):  # the template's revision ids
        del section.attrib[key]
    section.find(qn("w:docGrid")).addprevious(parse_xml(f'<w:bidi {nsdecls("w")} w:val="0"/>'))
    settings = doc.settings.element
    for child in list(settings):
        settings.remove(child)
    settings.extend(list(parse_xml(SETTINGS)))
    core = doc.core_properties
    core.author, core.comments, core.revision = "GCM Collect", "", 1


def make() -> bytes:
    """The template, from python-docx's own."""
    doc = docx.Document()
    _drop_unused(doc)
    _styles(doc)
    _document(doc)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def parts(package: bytes) -> dict[str, bytes]:
    """Each part of a package by name: the zip's own bytes hold the time it was written."""
    with zipfile.ZipFile(io.BytesIO(package)) as opened:
        return {name: opened.read(name) for name in opened.namelist()}


def main() -> None:
    made = make()
    if TEMPLATE.exists() and parts(TEMPLATE.read_bytes()) == parts(made):
        print(f"{TEMPLATE}: up to date")
        return
    Path(TEMPLATE).write_bytes(made)
    print(f"{TEMPLATE}: {len(made):,} bytes")


if __name__ == "__main__":
    main()
