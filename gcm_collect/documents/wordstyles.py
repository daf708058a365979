"""The style sheet of our Word documents (word/styles.xml), in one language: the styles the
writer uses, as python-docx's default template defines them (Normal, Title, Heading 1-3,
Table Grid), plus Word's Footnote Text and Footnote Reference, with the fonts and language of
the document on each. Written as text, once per language: the template's sheet is 430 KB of
styles no document of ours uses, parsed and written again on every save."""

from __future__ import annotations

from functools import cache

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
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
FOOTNOTE_TEXT, FOOTNOTE_REFERENCE = "FootnoteText", "FootnoteReference"  # style ids

# Each element where the schema puts it (Word refuses a file whose children are out of order):
# in w:pPr, w:bidi goes between the keeping/border elements and w:spacing; in w:rPr, w:rtl
# goes after the sizes and before w:lang.
STYLES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="{ns}">
<w:docDefaults><w:rPrDefault><w:rPr>{fonts}<w:sz w:val="22"/><w:szCs w:val="22"/>{lang}</w:rPr>\
</w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after="200" w:line="276" w:lineRule="auto"/>\
</w:pPr></w:pPrDefault></w:docDefaults>
<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/>\
{normal_ppr}<w:rPr>{fonts}{rtl}{lang}</w:rPr></w:style>
<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont">\
<w:name w:val="Default Paragraph Font"/><w:uiPriority w:val="1"/><w:semiHidden/>\
<w:unhideWhenUsed/></w:style>
<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/>\
<w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/><w:tblPr><w:tblInd w:w="0" \
w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/>\
<w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr>\
</w:style>
<w:style w:type="numbering" w:default="1" w:styleId="NoList"><w:name w:val="No List"/>\
<w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/></w:style>
<w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/><w:basedOn w:val="Normal"/>\
<w:next w:val="Normal"/><w:uiPriority w:val="10"/><w:qFormat/><w:pPr><w:pBdr><w:bottom \
w:val="single" w:sz="8" w:space="4" w:color="4F81BD"/></w:pBdr>{bidi}<w:spacing w:after="300" \
w:line="240" w:lineRule="auto"/><w:contextualSpacing/></w:pPr><w:rPr>{fonts}\
<w:color w:val="17365D"/><w:spacing w:val="5"/><w:kern w:val="28"/><w:sz w:val="52"/>\
<w:szCs w:val="52"/>{rtl}{lang}</w:rPr></w:style>
{headings}
<w:style w:type="table" w:styleId="TableGrid"><w:name w:val="Table Grid"/>\
<w:basedOn w:val="TableNormal"/><w:uiPriority w:val="59"/><w:pPr><w:spacing w:after="0" \
w:line="240" w:lineRule="auto"/></w:pPr><w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblBorders>\
<w:top w:val="single" w:sz="4" w:space="0" w:color="auto"/><w:left w:val="single" w:sz="4" \
w:space="0" w:color="auto"/><w:bottom w:val="single" w:sz="4" w:space="0" w:color="auto"/>\
<w:right w:val="single" w:sz="4" w:space="0" w:color="auto"/><w:insideH w:val="single" w:sz="4" \
w:space="0" w:color="auto"/><w:insideV w:val="single" w:sz="4" w:space="0" w:color="auto"/>\
</w:tblBorders><w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/>\
<w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr>\
</w:style>
<w:style w:type="paragraph" w:styleId="{footnote_text}"><w:name w:val="footnote text"/>\
<w:basedOn w:val="Normal"/><w:uiPriority w:val="99"/><w:unhideWhenUsed/><w:pPr>{bidi}\
<w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr><w:rPr><w:sz w:val="18"/>\
<w:szCs w:val="18"/></w:rPr></w:style>
<w:style w:type="character" w:styleId="{footnote_reference}"><w:name w:val="footnote reference"/>\
<w:basedOn w:val="DefaultParagraphFont"/><w:uiPriority w:val="99"/><w:unhideWhenUsed/><w:rPr>\
<w:vertAlign w:val="superscript"/></w:rPr></w:style>
</w:styles>"""

# Heading 1-3: (level, space before, size in half points; 0: Normal's size, colour)
HEADINGS = ((1, 480, 28, "365F91"), (2, 200, 26, "4F81BD"), (3, 200, 0, "4F81BD"))
HEADING = (
    '<w:style w:type="paragraph" w:styleId="Heading{level}"><w:name w:val="heading {level}"/>'
    '<w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:uiPriority w:val="9"/>{shown}'
    '<w:qFormat/><w:pPr><w:keepNext/><w:keepLines/>{bidi}<w:spacing w:before="{before}" '
    'w:after="0"/><w:outlineLvl w:val="{outline}"/></w:pPr><w:rPr>{fonts}<w:b/><w:bCs/>'
    '<w:color w:val="{colour}"/>{size}{rtl}{lang}</w:rPr></w:style>'
)


@cache
def styles_xml(lang: str) -> bytes:
    """word/styles.xml of a document in ``lang``: Latin, East Asian and complex-script fonts
    named on every style; right to left in Arabic (w:bidi paragraphs, w:rtl runs)."""
    rtl = lang == "ar"
    parts = {
        "fonts": (
            f'<w:rFonts w:ascii="{LATIN_FONT}" w:hAnsi="{LATIN_FONT}" '
            f'w:eastAsia="{EAST_ASIAN_FONT}" w:cs="{COMPLEX_FONT}"/>'
        ),
        "lang": (
            f'<w:lang w:val="{LANG_TAGS.get(lang, "en-GB")}" w:eastAsia="zh-CN" w:bidi="ar-SA"/>'
        ),
        "rtl": "<w:rtl/>" if rtl else "",
        "bidi": "<w:bidi/>" if rtl else "",
    }
    headings = "\n".join(
        HEADING.format(
            level=level,
            outline=level - 1,
            before=before,
            colour=colour,
            size=f'<w:sz w:val="{size}"/><w:szCs w:val="{size}"/>' if size else "",
            shown="" if level == 1 else "<w:unhideWhenUsed/>",
            **parts,
        )
        for level, before, size, colour in HEADINGS
    )
    return STYLES.format(
        ns=W_NS,
        headings=headings,
        normal_ppr=f"<w:pPr>{parts['bidi']}</w:pPr>" if rtl else "",
        footnote_text=FOOTNOTE_TEXT,
        footnote_reference=FOOTNOTE_REFERENCE,
        **parts,
    ).encode()
