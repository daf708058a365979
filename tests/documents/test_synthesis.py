"""The regional synthesis draft of a real regional workbook (exported, consolidated), read back
with python-docx and poppler: who took part and who did not, objectives by IMRF cluster with
their sources, every practice in Annex B, every submission counted in Annex A."""

from __future__ import annotations

import gc

import docx
import pytest

from gcm_collect import reference
from gcm_collect.documents.language import speaking
from gcm_collect.documents.text import objective_title, state_name
from gcm_collect.errors import UserError
from gcm_collect.i18n import _
from gcm_collect.ops.documents import regional_indicators, write_synthesis
from gcm_collect.ops.forms import ensure_builtin
from gcm_collect.ops.workbooks import consolidate_workbooks, export
from gcm_collect.store import Store
from tests.documents.doc_helpers import (
    PRACTICE_TITLES,
    answered,
    cell_footnotes,
    pdf_fonts,
    pdf_text,
    word_footnotes,
)

pytestmark = pytest.mark.slow  # real workbooks written and read

STATES = ("XKX", "MDA", "FRA")  # Kosovo (its footnote), Republic of Moldova, France


@pytest.fixture(scope="module")
def regional(tmp_path_factory):
    folder = tmp_path_factory.mktemp("regional")
    with Store.open(folder / "officer.sqlite3") as store:
        ensure_builtin(store)
        for state in STATES:
            answered(store, state, "ECE", "2026")
        export(store, folder / "all.xlsx", lang="en", statuses=("draft",))
    out = folder / "ece.xlsx"
    consolidate_workbooks(None, [folder / "all.xlsx"], out, lang="en", region="ECE")
    return out


def letters(text: str) -> str:
    return "".join(c for c in text if c.isalpha())


@pytest.mark.parametrize("lang", ("en", "ar", "zh"))
def test_synthesis_in_word(regional, tmp_path, lang):
    out = tmp_path / "synthesis.docx"
    write_synthesis(regional, out, lang)
    assert gc.isenabled()  # paused while the document was made, not left off
    document = docx.Document(str(out))
    text = "\n".join(p.text for p in document.paragraphs)
    tables = [[[c.text for c in r.cells] for r in t.rows] for t in document.tables]
    participation = tables[0]
    named = {row[0] for row in participation[1:]}
    for state in STATES:
        assert any(reference.state_name(state, lang) in n for n in named)
    # Who did not take part: another ECE member, not one that did.
    assert reference.state_name("DEU", lang) in text
    cited = cell_footnotes(document)
    kosovo = [n for row, col, n in cited if row[col].startswith(reference.state_name("XKX", lang))]
    assert len(kosovo) == 1 and kosovo[0].startswith("*")  # once, with its own mark
    assert reference.footnotes()["kosovo"].text(lang) in kosovo[0]
    # Objective 5 is reported by all three, traced to the three submissions.
    with speaking(lang):
        five = objective_title(5, lang)
        reporting = _("States reporting")
    cluster_rows = {row[0]: row for t in tables if reporting in t[0] for row in t[1:]}
    assert cluster_rows[five][1] == "3" and cluster_rows[five][-1] == "[1, 2, 3]"
    # ... and a Word footnote on that figure names them: State, period, revision.
    [note] = [n for row, col, n in cited if row[0] == five and col == 1]
    with speaking(lang):
        for state in STATES:
            entry = _("{state}, {period}, revision {revision}")
            assert entry.format(state=state_name(state, lang), period="2026", revision=1) in note
    # Every practice of every State in Annex B; every submission in Annex A.
    for title in PRACTICE_TITLES:
        assert text.count(title) >= len(STATES)
    for i, _state in enumerate(STATES, 1):
        assert f"[{i}] " in text


def test_libreoffice_reads_the_arabic_synthesis_as_written(regional, tmp_path, libreoffice):
    """LibreOffice opens the Word file with all of it: saved again by LibreOffice and read
    with python-docx, the headings keep their styles, the tables and the footnotes are there."""
    out = tmp_path / "synthesis.docx"
    write_synthesis(regional, out, "ar")
    ours = docx.Document(str(out))
    again = docx.Document(str(libreoffice(out, "docx:MS Word 2007 XML", tmp_path / "lo")))
    headings = [(p.text, p.style.name) for p in ours.paragraphs if p.style.name != "Normal"]
    assert len(headings) > 10
    assert [(p.text, p.style.name) for p in again.paragraphs if p.text in dict(headings)] == (
        headings
    )
    assert len(again.tables) == len(ours.tables)
    assert [[c.text for c in r.cells] for r in again.tables[0].rows] == [
        [c.text for c in r.cells] for r in ours.tables[0].rows
    ]
    notes = [note for _row, _column, note in cell_footnotes(ours)]
    assert notes and sorted(word_footnotes(again).values()) == sorted(notes)
    text = "\n".join(p.text for p in again.paragraphs)
    for title in PRACTICE_TITLES:
        assert text.count(title) >= len(STATES)


def test_indicators_count_states_and_keep_their_sources(regional):
    ind = regional_indicators(regional, "en")
    assert ind.region == "ECE" and len(ind.sources) == 3
    assert {s.state for s in ind.sources} == set(STATES)
    assert "FRA" not in ind.absent and "DEU" in ind.absent
    assert ind.objectives[2].reporting == []  # "not applicable" everywhere: nobody reports it
    assert len(ind.objectives[23].reporting) == 3
    assert sorted(ind.states(ind.tallies["covid"].by_code["health_essential_services"])) == sorted(
        STATES
    )
    assert len(ind.practices) == 3 * len(PRACTICE_TITLES)


def test_synthesis_pdf_in_arabic(regional, tmp_path):
    out = tmp_path / "synthesis.pdf"
    write_synthesis(regional, out, "ar")
    assert all(embedded for _n, embedded in pdf_fonts(out))
    text = letters(pdf_text(out))
    assert letters(reference.state_name("MDA", "ar")) in text
    for title in PRACTICE_TITLES:
        assert letters(title) in text


def test_not_a_workbook_is_one_message_and_nothing_written(tmp_path):
    bad = tmp_path / "notes.xlsx"
    bad.write_text("not a workbook")
    with pytest.raises(UserError, match="notes.xlsx"):
        write_synthesis(bad, tmp_path / "s.docx", "en")
    assert not (tmp_path / "s.docx").exists()


def test_the_regional_workbook_carries_the_same_figures_on_its_indicators_sheet(regional):
    import openpyxl

    book = openpyxl.load_workbook(regional, read_only=True)
    assert "Indicators" in book.sheetnames
    rows = [r + (None,) * 6 for r in book["Indicators"].iter_rows(values_only=True)]
    five = next(r for r in rows if str(r[1]).startswith("5. "))
    assert five[2] == 3 and five[5] == "1, 2, 3"  # as the synthesis counts it
    annex = rows[next(i for i, r in enumerate(rows) if r[0] == "Annex A: submissions counted") :]
    assert {r[1].rstrip("*") for r in annex[2:5]} == {reference.state_name(s, "en") for s in STATES}
