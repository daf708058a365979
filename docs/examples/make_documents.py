r"""Regenerate the example documents of docs/examples/ and their pictures (docs/reviewers.md,
README): the review report (English, Arabic, Chinese; Word and PDF), the regional synthesis
draft (English; Word and PDF) and the Migration Network Hub submission (English), all from
the demo data. Not a test and not part of the app. From the repository root::

    PYTHONPATH=$PWD .venv/bin/python docs/examples/make_documents.py

Needs ``pdftoppm`` (poppler) for the pictures; the Hub workbook's picture shows the first
rows of its Checklist sheet, laid out as a table by the app's own PDF writer.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
import gcm_collect  # noqa: E402, F401  (before openpyxl: it keeps openpyxl off lxml)

OUT = ROOT / "docs" / "examples"
SEED, COUNT = 4, 40


def picture(pdf: Path, page: int, name: str) -> None:
    """Page ``page`` of ``pdf`` as docs/examples/``name``.png (70 dpi)."""
    stem = OUT / name
    subprocess.run(
        [
            "pdftoppm",
            "-png",
            "-r",
            "70",
            "-f",
            str(page),
            "-l",
            str(page),
            "-singlefile",
            str(pdf),
            str(stem),
        ],
        check=True,
    )


def main() -> None:
    import openpyxl

    from gcm_collect.demo import generate
    from gcm_collect.documents.model import Document, Table
    from gcm_collect.documents.pdf import write_pdf
    from gcm_collect.ops.documents import write_hub, write_report, write_synthesis
    from gcm_collect.ops.forms import ensure_builtin
    from gcm_collect.ops.workbooks import consolidate_workbooks, export
    from gcm_collect.store import Store

    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        with Store.open(work / "demo.sqlite3") as store:
            ensure_builtin(store)
            generate(store, COUNT, SEED, who="Demo officer")
            subs = store.list_submissions()
            practices = {
                s.uuid: len(store.get_instances(s.uuid).get("practices", [])) for s in subs
            }
            for lang, region in (("en", "ECE"), ("ar", "ESCWA"), ("zh", "ESCAP")):
                chosen = max(
                    subs,
                    key=lambda s: (s.region == region, s.status != "draft", practices[s.uuid]),
                )
                for suffix in (".docx", ".pdf"):
                    write_report(store, OUT / f"report-{lang}{suffix}", lang, uuid=chosen.uuid)
            export(store, work / "all.xlsx", lang="en", statuses=("draft", "complete", "finalized"))
        regional = work / "ece.xlsx"
        consolidate_workbooks(None, [work / "all.xlsx"], regional, lang="en", region="ECE")
        for suffix in (".docx", ".pdf"):
            write_synthesis(regional, OUT / f"synthesis-en{suffix}", "en")
        write_hub(OUT / "hub-en.xlsx", "en", workbook=regional)
        picture(OUT / "report-en.pdf", 1, "report-en-page1")
        picture(OUT / "report-ar.pdf", 3, "report-ar-page3")
        picture(OUT / "report-zh.pdf", 2, "report-zh-page2")
        picture(OUT / "synthesis-en.pdf", 2, "synthesis-en-page2")
        # The Hub workbook's Checklist sheet, its first rows as a table on a page.
        rows = list(openpyxl.load_workbook(OUT / "hub-en.xlsx")["Checklist"].values)
        table = Table(
            tuple(str(c) for c in rows[0][2:]),
            tuple(tuple("" if c is None else str(c) for c in r[2:]) for r in rows[1:25]),
            (0.8, 3, 3, 0.6, 3),
        )
        write_pdf(Document("hub-en.xlsx: Checklist", "en", False, (table,)), work / "hub.pdf")
        picture(work / "hub.pdf", 1, "hub-en-checklist")


if __name__ == "__main__":
    main()
