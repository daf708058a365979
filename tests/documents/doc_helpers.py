"""Helpers of the documents tests: submissions answered as officers would, PDFs read back."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from gcm_collect.ops.answers import add_instance, set_answer
from gcm_collect.ops.submissions import new_submission
from gcm_collect.store import Store

# A title in each script the documents must carry through untouched.
PRACTICE_TITLES = (
    "Mobile consular days for workers abroad",
    "برنامج الحماية الاجتماعية للعمال المهاجرين",
    "移民工人法律援助热线",
)
BIDI_MARKS = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def answered(store: Store, state: str = "XKX", region: str = "ECE", period: str = "2026") -> str:
    """A draft of ``state`` with methodology, three objectives, COVID-19 measures and one
    practice per title of PRACTICE_TITLES; a required answer (challenges) left out."""
    uuid = new_submission(store, state=state, region=region, period=period).uuid
    for path, value in {
        "preparation": "An inter-ministerial working group drafted the review.",
        "obj05_priority": "high",
        "obj05_status": "under_way",
        "obj05_measures": "Seasonal work visas with portable social security.",
        "obj05_principles": ["a", "f"],
        "obj02_priority": "not_applicable",
        "obj23_priority": "medium",
        "obj23_status": "planned",
        "covid_measures": ["health_essential_services"],
    }.items():
        set_answer(store, uuid, path, value)
    for title in PRACTICE_TITLES:
        iid = add_instance(store, uuid, "practices").entry
        set_answer(store, uuid, f"practices[{iid}]/practice_title", title)
        set_answer(store, uuid, f"practices[{iid}]/practice_summary", f"Summary of {title}.")
    return uuid


def pdf_text(path: Path) -> str:
    """The text of a PDF as poppler reads it (logical order; bidi marks removed)."""
    tool = shutil.which("pdftotext")
    if tool is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    done = subprocess.run([tool, "-enc", "UTF-8", str(path), "-"], capture_output=True, check=True)
    return BIDI_MARKS.sub("", done.stdout.decode("utf-8"))


def pdf_fonts(path: Path) -> list[tuple[str, bool]]:
    """Each font of the PDF and whether it is embedded (pdffonts)."""
    tool = shutil.which("pdffonts")
    if tool is None:
        pytest.skip("pdffonts (poppler-utils) is not installed")
    done = subprocess.run([tool, str(path)], capture_output=True, text=True, check=True)
    fonts = []
    for line in done.stdout.splitlines()[2:]:
        parts = line.split()
        # name type... encoding emb sub uni object ID: "emb" is the fifth field from the end
        fonts.append((parts[0], parts[-5] == "yes"))
    return fonts


def word_footnotes(document) -> dict[str, str]:
    """The footnotes of a python-docx document, by id, as its footnotes part holds them (the
    separators, ids 0 and 1, left out): what Word prints at the foot of the page."""
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.oxml.ns import qn
    from lxml import etree

    parts = [r.target_part for r in document.part.rels.values() if r.reltype == RT.FOOTNOTES]
    if not parts:
        return {}
    root = etree.fromstring(parts[0].blob)
    notes = {}
    for note in root.iter(qn("w:footnote")):
        if note.get(qn("w:type")) in ("separator", "continuationSeparator"):
            continue
        notes[note.get(qn("w:id"))] = "".join(t.text or "" for t in note.iter(qn("w:t"))).strip()
    return notes


def cell_footnotes(document) -> list[tuple[list[str], int, str]]:
    """Each table cell that cites a footnote: its row's texts (marks included), its column
    and the footnote's text; the citation must be a run in the Footnote Reference style."""
    from docx.oxml.ns import qn

    notes = word_footnotes(document)
    out = []
    for table in document.tables:
        for row in table.rows:
            texts = [cell.text for cell in row.cells]
            for column, cell in enumerate(row.cells):
                for ref in cell._tc.iter(qn("w:footnoteReference")):
                    style = ref.getparent().find(f"{qn('w:rPr')}/{qn('w:rStyle')}")
                    assert style is not None and style.get(qn("w:val")) == "FootnoteReference"
                    out.append((texts, column, notes[ref.get(qn("w:id"))]))
    return out
