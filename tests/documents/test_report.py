"""The State's review report, written from a real database and read back with each format's
own library (python-docx) or poppler (PDF), in English, Arabic and Chinese."""

from __future__ import annotations

import re
from datetime import UTC, datetime

import docx
import pytest
from docx.oxml.ns import qn

from gcm_collect import reference
from gcm_collect.documents.language import speaking
from gcm_collect.documents.text import objective_title
from gcm_collect.errors import UserError
from gcm_collect.i18n import _
from gcm_collect.ops.answers import add_instance, set_answer
from gcm_collect.ops.documents import write_report
from gcm_collect.ops.forms import ensure_builtin
from gcm_collect.store import Store
from tests.documents.doc_helpers import (
    PRACTICE_TITLES,
    answered,
    cell_footnotes,
    pdf_fonts,
    pdf_text,
)

LANGS = ("en", "ar", "zh")


def squeeze(text: str) -> str:
    """Letters only: line breaks, and where poppler puts digits and brackets in a right-to-left
    line, are the layout's business, not the content's."""
    return "".join(c for c in text if c.isalpha())


def in_lang(lang: str, message: str) -> str:
    with speaking(lang):
        return _(message)


def tables_text(document) -> list[list[list[str]]]:
    return [[[c.text for c in row.cells] for row in t.rows] for t in document.tables]


@pytest.mark.parametrize("lang", LANGS)
def test_word_report_carries_the_state_practices_objectives_and_footnote(store, tmp_path, lang):
    uuid = answered(store)
    out = write_report(store, tmp_path / "report.docx", lang, uuid=uuid).path
    document = docx.Document(str(out))
    paragraphs = [p.text for p in document.paragraphs]
    headings = {p.text: p.style.name for p in document.paragraphs}
    name = reference.state_name("XKX", lang)
    assert name in paragraphs[0] and headings[paragraphs[0]] == "Title"
    cover = tables_text(document)[0]
    assert any(row[1].startswith(name) and row[1].endswith("*") for row in cover)
    # The Kosovo footnote, in the document's language, a Word footnote on the State's name.
    [(row, column, note)] = cell_footnotes(document)
    assert row[column].startswith(name) and row[column].endswith("*")
    assert note.startswith("*") and reference.footnotes()["kosovo"].text(lang) in note
    assert not any(reference.footnotes()["kosovo"].text(lang) in p for p in paragraphs)
    # Every practice a Heading 2 of the annex, titles untouched.
    for title in PRACTICE_TITLES:
        matches = [p for p in headings if title in p]
        assert matches and headings[matches[0]] == "Heading 2"
    # The objectives table of cluster 1 (objective 5) and 4 (objective 23).
    priority = in_lang(lang, "Priority")
    objective_tables = [t for t in tables_text(document) if priority in t[0]]
    assert len(objective_tables) == 4  # one per IMRF cluster
    rows = {row[0]: row for t in objective_tables for row in t[1:]}
    with speaking(lang):
        five, two = objective_title(5, lang), objective_title(2, lang)
    assert five in rows and "Seasonal work visas" in rows[five][3]
    # Objective 2 does not apply: its status was never asked, so it is not flagged either.
    assert rows[two][2] == "\u2014"
    # A draft flags the required questions still unanswered (challenges, among others).
    flag = in_lang(lang, "Required, not answered yet")
    assert any(flag in p for p in paragraphs)


def test_word_report_in_arabic_is_right_to_left(store, tmp_path):
    uuid = answered(store)
    out = write_report(store, tmp_path / "r.docx", "ar", uuid=uuid).path
    document = docx.Document(str(out))
    body = [p for p in document.paragraphs if p.text]
    assert all(p._p.pPr is not None and p._p.pPr.find(qn("w:bidi")) is not None for p in body)
    arabic = [r for p in body for r in p.runs if re.search("[\u0600-\u06ff]", r.text)]
    assert arabic and all(r._r.rPr.find(qn("w:rtl")) is not None for r in arabic)
    latin = [r for p in body for r in p.runs if "Summary of Mobile" in r.text]
    assert latin and all(r._r.rPr is None or r._r.rPr.find(qn("w:rtl")) is None for r in latin)
    assert all(t._tbl.tblPr.find(qn("w:bidiVisual")) is not None for t in document.tables)
    # Word and LibreOffice draw Arabic bold only with w:bCs: each question label is bold.
    bold = [r for p in body for r in p.runs if r.bold]
    assert any(re.search("[\u0600-\u06ff]", r.text) for r in bold)
    assert all(r._r.rPr.find(qn("w:bCs")) is not None for r in bold)


def _on(element) -> bool:
    """Whether a WordprocessingML on/off element is there and on."""
    return element is not None and element.get(qn("w:val"), "1") in ("1", "true", "on")


@pytest.mark.parametrize("lang", ("ar", "fr"))
def test_word_styles_and_section_follow_the_language(store, tmp_path, lang):
    """Typed in Word, a new paragraph, heading or page of the Arabic report runs right to left
    too, in Arabic; the French one's in French, left to right; both open in Word 2013's own
    mode (compatibility 15), not in compatibility mode."""
    uuid = answered(store)
    out = write_report(store, tmp_path / "r.docx", lang, uuid=uuid).path
    document = docx.Document(str(out))
    rtl = lang == "ar"
    for name in ("Normal", "Title", "Heading 1", "Heading 2", "Heading 3"):
        style = document.styles[name].element
        assert _on(style.pPr.find(qn("w:bidi"))) is rtl
        assert _on(style.rPr.find(qn("w:rtl"))) is rtl
        assert style.rPr.find(qn("w:lang")).get(qn("w:val")) == {"ar": "ar-SA"}.get(lang, "fr-FR")
    assert _on(document.sections[0]._sectPr.find(qn("w:bidi"))) is rtl
    modes = document.settings.element.findall(f"{qn('w:compat')}/{qn('w:compatSetting')}")
    assert [m.get(qn("w:val")) for m in modes if m.get(qn("w:name")) == "compatibilityMode"] == [
        "15"
    ]


def test_word_report_opens_in_libreoffice_with_all_its_content(store, tmp_path, libreoffice):
    """LibreOffice reads the package as written (parts, styles, footnotes): its PDF of the
    Chinese report carries the State, every practice title and the Kosovo footnote."""
    uuid = answered(store)
    out = write_report(store, tmp_path / "r.docx", "zh", uuid=uuid).path
    text = squeeze(pdf_text(libreoffice(out, "pdf", tmp_path / "lo")))
    assert squeeze(reference.state_name("XKX", "zh")) in text
    for title in PRACTICE_TITLES:
        # poppler reads LibreOffice's lam-alef ligature back as two letters swapped: the
        # Arabic title is found by its words without one
        words = [w for w in title.split() if "\u0644\u0627" not in w]
        assert words and all(squeeze(w) in text for w in words)
    assert squeeze(reference.footnotes()["kosovo"].text("zh")) in text


def test_word_report_in_chinese_sets_east_asian_fonts(store, tmp_path):
    uuid = answered(store)
    out = write_report(store, tmp_path / "r.docx", "zh", uuid=uuid).path
    document = docx.Document(str(out))
    for style in ("Normal", "Heading 1", "Title"):
        fonts = document.styles[style].element.rPr.find(qn("w:rFonts"))
        assert fonts.get(qn("w:eastAsia"))
    for level in (1, 2, 3):  # Word's bold applies to East Asian text (w:b), Arabic (w:bCs)
        heading = document.styles[f"Heading {level}"].element.rPr
        assert heading.find(qn("w:b")) is not None and heading.find(qn("w:bCs")) is not None
    assert document.core_properties.language == "zh-CN"


@pytest.mark.parametrize("lang", LANGS)
def test_pdf_report_embeds_its_fonts_and_reads_back(store, tmp_path, lang):
    uuid = answered(store)
    out = write_report(store, tmp_path / "report.pdf", lang, uuid=uuid).path
    fonts = pdf_fonts(out)
    assert fonts and all(embedded for _name, embedded in fonts)
    text = squeeze(pdf_text(out))
    assert squeeze(reference.state_name("XKX", lang)) in text
    for title in PRACTICE_TITLES:
        assert squeeze(title) in text
    assert squeeze(reference.footnotes()["kosovo"].text(lang)) in text
    assert squeeze(in_lang(lang, "Guiding principles")) in text
    if lang == "ar":
        assert any("Naskh" in name for name, _e in fonts)
    if lang == "zh":
        assert any("CJK" in name for name, _e in fonts)


def test_report_by_state_and_period_picks_the_latest_revision(store, tmp_path):
    uuid = answered(store, "MDA", "ECE", "2025")
    store.set_status(uuid, "finalized", who="Officer")
    newer = store.new_revision(uuid, who="Officer")
    written = write_report(store, tmp_path / "r.docx", "en", state="mda", period="2025")
    assert written.uuid == newer
    cover = tables_text(docx.Document(str(written.path)))[0]
    assert ["Status", "Draft, revision 2"] in cover


def test_a_complete_report_flags_nothing(store, tmp_path):
    uuid = answered(store, "MDA", "ECE", "2025")
    store.set_status(uuid, "complete", who="Officer")
    out = write_report(store, tmp_path / "r.docx", "en", uuid=uuid).path
    text = "\n".join(p.text for p in docx.Document(str(out)).paragraphs)
    assert "Required, not answered yet" not in text
    assert "Kosovo" not in text  # the footnote goes only with Kosovo


def test_a_character_no_font_has_is_named_and_nothing_is_written(store, tmp_path):
    uuid = answered(store, "MDA", "ECE", "2025")
    iid = add_instance(store, uuid, "practices").entry
    set_answer(store, uuid, f"practices[{iid}]/practice_title", "ሰላም")  # Ethiopic
    target = tmp_path / "r.pdf"
    with pytest.raises(UserError, match="ሰ"):
        write_report(store, target, "en", uuid=uuid)
    assert list(tmp_path.glob("*.pdf")) == [] and not list(tmp_path.glob(".gcm-*"))
    # Word draws it with the reader's fonts: written.
    assert write_report(store, tmp_path / "r.docx", "en", uuid=uuid).path.is_file()


@pytest.mark.parametrize(
    ("lang", "written"),
    [("en", "March 14, 2026"), ("ar", "14 مارس 2026"), ("zh", "2026年3月14日")],
)
def test_the_cover_date_is_written_as_the_language_writes_it(tmp_path, lang, written):
    with Store.open(tmp_path / "d.sqlite3", now=lambda: datetime(2026, 3, 14, 9, tzinfo=UTC)) as s:
        ensure_builtin(s)
        uuid = answered(s, "MDA", "ECE", "2025")
        out = write_report(s, tmp_path / "r.docx", lang, uuid=uuid).path
    cover = tables_text(docx.Document(str(out)))[0]
    assert [in_lang(lang, "Date"), written] in cover


def test_answers_with_tabs_control_and_bidi_characters_print(store, tmp_path):
    """Text pasted from elsewhere: a tab (a space no font draws) once stopped the PDF with an
    IndexError traceback; a form feed, NEL and control characters too. Word takes them all."""
    uuid = answered(store, "MDA", "ECE", "2025")
    iid = add_instance(store, uuid, "practices").entry
    pasted = "Border\tdesks\x0bopen\x0cdaily\x85now\x1c\x00\x01 \u202eevil\u202c " + "x" * 5_000
    set_answer(store, uuid, f"practices[{iid}]/practice_title", pasted)
    out = write_report(store, tmp_path / "r.pdf", "en", uuid=uuid).path
    text = squeeze(pdf_text(out))
    assert squeeze("Border desks open daily now") in text  # each a space, none lost
    word = write_report(store, tmp_path / "r.docx", "en", uuid=uuid).path
    assert any("Border" in p.text for p in docx.Document(str(word)).paragraphs)
