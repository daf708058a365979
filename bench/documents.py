"""Documents benchmark: the review report and the regional synthesis against their floors.

  report     one submission with P practices (every practice text field answered), written by
             write_report as .docx and as .pdf (English and Arabic), against the floor: the
             same texts written with python-docx alone (one paragraph each), or with fpdf2
             alone (one multi_cell each, the same embedded font, no shaping)
  synthesis  a regional workbook of N submissions (3 practices each): write_synthesis to
             .docx against reading the workbook alone (read_export: the verification every
             document of it starts with)
             .docx, warm (in this process) and cold (a process each, as the CLI runs: the
             `gcm-collect synthesis` command against a process reading the workbook)
Reports the medians of R runs and the ratios. ``--regional FILE``: the synthesis of that
workbook only (e.g. a consolidation of 200 workbooks x 100 submissions, bench/consolidate.py).
Usage: bench/documents.py [--quick] [-p P] [-n N] [--repeat R] [--regional FILE]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from functools import partial
from pathlib import Path

from _measure import timed
from _records import bench_submission

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

STATES = ["FRA", "DEU", "POL", "MDA", "ITA", "ESP", "SWE", "TUR", "KAZ", "GEO"]
TEXT_FIELDS = (
    "practice_background",
    "practice_activities",
    "practice_results",
    "practice_lessons",
    "practice_innovation",
    "practice_replicability",
    "practice_implementer",
    "practice_focal_point",
    "practice_principles_how",
)


def report_database(path: Path, practices: int) -> str:
    from gcm_collect.forms.builtin import load_builtin
    from gcm_collect.store import Store

    form = load_builtin()
    record = bench_submission(form, 0, STATES)
    order = list(record["instances"]["practices"])
    order += [f"00000000-0000-4000-8000-{k:012d}" for k in range(practices - len(order))]
    for k, pid in enumerate(order):
        answers = record["answers"]
        answers[f"practices[{pid}]/practice_title"] = f"Practice {k}: consular days abroad"
        answers[f"practices[{pid}]/practice_summary"] = "Mobile consular services. " * 12
        answers[f"practices[{pid}]/practice_objectives"] = ["4", "7", str(1 + k % 23)]
        answers[f"practices[{pid}]/practice_principles"] = ["a", "f"]
        answers[f"practices[{pid}]/practice_start"] = "2020-04-01"
        for field in TEXT_FIELDS:
            answers[f"practices[{pid}]/{field}"] = f"{field} of practice {k}. " * 6
    record["instances"] = {"practices": order}
    with Store.open(path) as store:
        store.save_form(form.form_id, form.version, form.content_hash, "GCM", form.to_json())
        store.put_submission(record, who="bench")
    return str(record["uuid"])


def floor_docx(texts: list[str], target: Path) -> None:
    from docx import Document

    doc = Document()
    for text in texts:
        doc.add_paragraph(text)
    doc.save(str(target))


def floor_pdf(texts: list[str], target: Path) -> None:
    from fpdf import FPDF

    from gcm_collect.documents.fonts import SHIPPED

    pdf = FPDF()
    pdf.add_font("NotoSans", "", SHIPPED[0].regular)
    pdf.set_font("NotoSans", "", 10)
    pdf.add_page()
    for text in texts:
        pdf.multi_cell(0, 5, text, new_x="LMARGIN", new_y="NEXT")
    pdf.output(str(target))


def bench_report(folder: Path, practices: int, runs: int) -> None:
    from gcm_collect.ops.documents import report_document, write_report
    from gcm_collect.store import Store

    uuid = report_database(folder / "report.sqlite3", practices)
    print(f"report of one submission with {practices} practices (median of {runs})")
    print(f"{'':16}{'app s':>9}{'floor s':>10}{'ratio':>8}")
    with Store.open(folder / "report.sqlite3") as store:
        for lang in ("en", "ar"):
            texts = [t for t in report_document(store, uuid, lang)[0].texts() if t]
            for suffix, floor in ((".docx", floor_docx), (".pdf", floor_pdf)):
                target = folder / f"r-{lang}{suffix}"
                app = timed(partial(write_report, store, target, lang, uuid=uuid), runs)
                base = timed(partial(floor, texts, target), runs)
                print(f"{lang + ' ' + suffix:16}{app:9.2f}{base:10.2f}{app / base:8.1f}x")


def regional_workbook(folder: Path, n: int) -> Path:
    from gcm_collect.export.workbook import export_workbook
    from gcm_collect.forms.builtin import load_builtin
    from gcm_collect.ops.workbooks import consolidate_workbooks
    from gcm_collect.store import Store

    form = load_builtin()
    with Store.open(folder / "many.sqlite3") as store:
        store.save_form(form.form_id, form.version, form.content_hash, "GCM", form.to_json())
        with store.atomic():
            for i in range(n):
                store.put_submission(bench_submission(form, i, STATES), who="bench")
        export_workbook(
            store,
            folder / "all.xlsx",
            lang="en",
            states=(),
            statuses=("draft", "complete", "finalized"),
        )
    out = folder / "regional.xlsx"
    consolidate_workbooks(None, [folder / "all.xlsx"], out, lang="en")
    return out


# Cold: what a user waits for, a process per document (interpreter, imports, work), against a
# process that only reads (verifies) the workbook.
COLD_SYNTHESIS = (
    "import sys; from gcm_collect.launch import main; "
    "sys.argv = ['gcm-collect', 'synthesis', sys.argv[1], '--out', sys.argv[2], '--lang', 'en']; "
    "main()"
)
COLD_READING = (
    "import sys; from gcm_collect.workbook.reader import read_export; read_export(sys.argv[1])"
)


def cold(code: str, *args: Path) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", code, *map(str, args)], check=True, capture_output=True)
    return time.perf_counter() - start


def bench_synthesis(folder: Path, n: int, runs: int, regional: Path | None = None) -> None:
    from gcm_collect.ops.documents import write_synthesis
    from gcm_collect.workbook.reader import read_export

    regional = regional or regional_workbook(folder, n)
    print(f"synthesis of a regional workbook of {n} submissions (median of {runs})")
    apps, bases = [], []
    for _ in range(runs):  # alternated, so both see the same load
        apps.append(cold(COLD_SYNTHESIS, regional, folder / "cold.docx"))
        bases.append(cold(COLD_READING, regional))
    app, base = statistics.median(apps), statistics.median(bases)
    print(f"  cold (a process each): synthesis {app:.2f} s, reading {base:.2f} s: ", end="")
    print(f"{app / base:.2f}x")
    app = timed(lambda: write_synthesis(regional, folder / "s.docx", "en"), runs)
    base = timed(lambda: read_export(regional), runs)
    print(f"  warm: synthesis .docx {app:.2f} s, reading {base:.2f} s: {app / base:.2f}x")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("-p", type=int, default=50)
    parser.add_argument("-n", type=int, default=200)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument(
        "--regional", type=Path, help="the synthesis only, of this regional workbook (-n: its size)"
    )
    args = parser.parse_args()
    if args.quick:
        args.p, args.n, args.repeat = 10, 30, 1
    with tempfile.TemporaryDirectory() as tmp:
        if args.regional is None:
            bench_report(Path(tmp), args.p, args.repeat)
        bench_synthesis(Path(tmp), args.n, args.repeat, args.regional)


if __name__ == "__main__":
    main()
