"""The PDF's own line layout, read back by poppler: words in the order they were written (right
to left in Arabic, numbers and Latin names left to right inside it), tables that go on across
pages with their header, a footer counting the pages."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from gcm_collect.documents.model import Answer, Document, Heading, Para, Table
from gcm_collect.documents.pdf import write_pdf
from tests.documents.doc_helpers import pdf_text


def squeeze(text: str) -> str:
    return "".join(text.split())


def page_texts(path) -> list[str]:
    tool = shutil.which("pdfinfo")
    if tool is None:
        pytest.skip("pdfinfo (poppler-utils) is not installed")
    info = subprocess.run([tool, str(path)], capture_output=True, text=True, check=True)
    pages = int(next(x for x in info.stdout.splitlines() if x.startswith("Pages:")).split()[1])
    out = []
    for n in range(1, pages + 1):
        done = subprocess.run(
            ["pdftotext", "-f", str(n), "-l", str(n), "-enc", "UTF-8", str(path), "-"],
            capture_output=True,
            check=True,
        )
        out.append(done.stdout.decode("utf-8"))
    return out


def line_inks(path, dpi: int = 150) -> list[int]:
    """The ink of each line of text on the PDF's first page, top to bottom (pdftoppm, grey:
    the sum of darkness over the line's rows)."""
    tool = shutil.which("pdftoppm")
    if tool is None:
        pytest.skip("pdftoppm (poppler-utils) is not installed")
    done = subprocess.run(
        [tool, "-gray", "-r", str(dpi), "-f", "1", "-l", "1", str(path)],
        capture_output=True,
        check=True,
    )
    magic, width, height, _depth, pixels = done.stdout.split(maxsplit=4)
    assert magic == b"P5"
    wide, high = int(width), int(height)
    rows = [sum(255 - v for v in pixels[r * wide : (r + 1) * wide]) for r in range(high)]
    inks, current = [], 0
    for ink in rows:
        if ink:
            current += ink
        elif current:
            inks.append(current)
            current = 0
    return inks


@pytest.mark.parametrize(
    ("lang", "text"),
    [("zh", "移民工人法律援助热线"), ("en", "Mobile consular days for workers abroad")],
)
def test_a_bold_label_is_drawn_bolder_than_its_answer(tmp_path, lang, text):
    """A question's label is bold, its answer not: the same words at the same size carry
    more ink. The shipped Chinese font has no bold face of its own."""
    document = Document("t", lang, False, (Answer(text, text),))
    write_pdf(document, tmp_path / "bold.pdf")
    label, answer, _footer = line_inks(tmp_path / "bold.pdf")
    assert label > 1.2 * answer


MIXED = "أطلقت الحكومة عام 2024 برنامج ECE للعمال، في 45 مدينة."


def test_arabic_with_numbers_and_latin_reads_back_in_order(tmp_path):
    document = Document(
        "تقرير",
        "ar",
        True,
        (Heading(1, "البيئة السياساتية"), Para(MIXED), Table(("أ",), ((MIXED,),))),
    )
    write_pdf(document, tmp_path / "mixed.pdf")
    text = pdf_text(tmp_path / "mixed.pdf")
    lines = [squeeze(line) for line in text.splitlines()]
    assert lines.count(squeeze(MIXED)) == 2  # the paragraph and the table cell
    assert "4202" not in text and "ECE" in text


def test_a_row_taller_than_a_page_goes_on_with_the_header_repeated(tmp_path):
    words = [f"word{k}" for k in range(2500)]
    table = Table(("Objective", "Main measures"), (("5. Pathways", " ".join(words)),), (1, 3))
    document = Document("Long row", "en", False, (Heading(0, "Long row"), table))
    write_pdf(document, tmp_path / "long.pdf")
    pages = page_texts(tmp_path / "long.pdf")
    assert len(pages) >= 3
    assert all("Main measures" in page for page in pages)  # the header on every page
    found = " ".join(pages).split()
    seen = [w for w in found if w.startswith("word")]
    assert seen == words  # every word once, in order, none cut off at a page's foot
    assert [p.strip().splitlines()[-1] for p in pages] == [
        f"Long row \u2014 {n}/{len(pages)}" for n in range(1, len(pages) + 1)
    ]


@pytest.mark.parametrize(
    "line",
    [
        MIXED,
        "بنسبة 45%.",
        "عام 2024-2025 (ECE)",
        "عربي 12 ab 34 عربي",
        "عربي ١٢٣٫٤ عربي",
        "(مرحبا) [1, 2, 3] ok.",
        "B.12 فرنسا: Practice 3: consular",
        "عربي ab, cd. عربي",
        "\u064eعربي -5 $5",
        "ab 12 cd",
    ],
)
def test_the_quick_runs_of_an_arabic_line_are_the_full_algorithms(line):
    from fpdf.bidi import BidiParagraph
    from fpdf.enums import TextDirection

    from gcm_collect.documents.bidi import explicit, right_to_left_runs

    assert not explicit(line)
    full = BidiParagraph(line, TextDirection.RTL, preserve_bn_chars=True).get_bidi_fragments()
    assert right_to_left_runs(line) == [(t, d == TextDirection.RTL) for t, d in full]
