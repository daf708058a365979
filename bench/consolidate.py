"""Consolidation benchmark: 200 workbooks of 100 submissions (3 practices each) into one.

The inputs are real exports (export_workbook from a store per "laptop"). Each measurement runs
in a fresh subprocess, so peak memory is that run's own max RSS:
  ours   consolidate(): verify every input (container checks, fingerprint, edit detection by
         re-rendering), merge, write the regional workbook (openpyxl write-only) atomically
  floor  reading every cell of every input with python-calamine, plus writing the cells of our
         regional workbook (read back beforehand, untimed) with xlsxwriter in constant_memory
With ``--comments N`` every submission of every input carries N reviewer notes (on its answer
cells, as a reviewer adds them in Excel or LibreOffice), and a Review sheet decision: the review
conversation is then read, placed, merged and written too; the floor is unchanged.
Reports time ratio and peak memory.
Usage: bench/consolidate.py [--quick] [-w W] [--comments N] [--profile]
"""

from __future__ import annotations

import argparse
import cProfile
import json
import pstats
import sys
import tempfile
import time
from pathlib import Path

from _measure import report_child, run_child
from _records import bench_submission

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

STATES = ["FRA", "DEU", "RUS", "KAZ", "ITA", "POL", "ESP", "TUR", "UKR", "EGY"]  # mostly ECE
PER_WORKBOOK = 100


def add_review(path: Path, per_submission: int) -> None:
    """``per_submission`` notes on each submission's row and a decision on the Review sheet."""
    from openpyxl import load_workbook
    from openpyxl.comments import Comment

    wb = load_workbook(path)
    ws = wb["Submissions"]
    for row in range(3, ws.max_row + 1):
        for k in range(per_submission):
            ws.cell(row, 12 + k).comment = Comment(f"Question {k}: which source?", "Reviewer")
    review = wb["Review"]
    for row in range(3, review.max_row + 1):
        review.cell(row, 7).value = "return" if row % 2 else "approve"
        review.cell(row, 8).value = "Name the source" if row % 2 else None
    wb.save(path)


def build(folder: Path, w: int, comments: int = 0) -> list[Path]:
    from gcm_collect.export import export_workbook
    from gcm_collect.forms.builtin import load_builtin
    from gcm_collect.store import Store

    form = load_builtin()
    paths = []
    for b in range(w):
        store = Store.open(folder / f"laptop-{b}.sqlite")
        store.save_form(form.form_id, form.version, form.content_hash, "GCM", form.to_json())
        store.set_setting("officer", f"Officer {b}")
        with store.atomic():
            for j in range(PER_WORKBOOK):
                i = b * PER_WORKBOOK + j
                store.put_submission(bench_submission(form, i, STATES), who="bench")
        path = folder / f"laptop-{b:03d}.xlsx"
        export_workbook(store, path, lang="en")
        store.close()
        if comments:
            add_review(path, comments)
        paths.append(path)
    return paths


def run_ours(inputs: list[Path], out: Path) -> None:
    from gcm_collect.consolidate import consolidate

    consolidate(inputs, out, region="ECE")


def output_cells(path: Path) -> list[tuple[str, list[list]]]:
    from python_calamine import CalamineWorkbook

    book = CalamineWorkbook.from_path(str(path))
    return [
        (name, book.get_sheet_by_name(name).to_python(skip_empty_area=False))
        for name in book.sheet_names
    ]


def run_floor(inputs: list[Path], out: Path, cells_file: Path) -> None:
    import pickle

    import xlsxwriter
    from python_calamine import CalamineWorkbook

    sheets = pickle.loads(cells_file.read_bytes())
    start = time.perf_counter()
    for path in inputs:
        book = CalamineWorkbook.from_path(str(path))
        for name in book.sheet_names:
            book.get_sheet_by_name(name).to_python(skip_empty_area=False)
    wb = xlsxwriter.Workbook(str(out), {"constant_memory": True})
    for name, rows in sheets:
        ws = wb.add_worksheet(name)
        for r, row in enumerate(rows):
            for c, v in enumerate(row):
                if v not in ("", None):
                    ws.write(r, c, v)
    wb.close()
    print(json.dumps({"timed": time.perf_counter() - start}), file=sys.stderr)


def child(kind: str, listing: str, out: str, profile: bool) -> None:
    inputs = [Path(p) for p in Path(listing).read_text(encoding="utf-8").split("\n") if p]
    start = time.perf_counter()
    if kind == "ours":
        if profile:
            prof = cProfile.Profile()
            prof.runcall(run_ours, inputs, Path(out))
            pstats.Stats(prof, stream=sys.stderr).sort_stats("cumulative").print_stats(30)
        else:
            run_ours(inputs, Path(out))
        seconds = time.perf_counter() - start
    else:
        import io
        from contextlib import redirect_stderr

        buffer = io.StringIO()
        with redirect_stderr(buffer):
            run_floor(inputs, Path(out), Path(out + ".cells"))
        seconds = json.loads(buffer.getvalue().strip().splitlines()[-1])["timed"]
    report_child(seconds, Path(out))


def measure(kind: str, listing: Path, out: Path, profile: bool = False) -> dict:
    return run_child(__file__, [kind, str(listing), str(out)], profile)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="20 workbooks")
    parser.add_argument("-w", type=int, default=None, help="number of input workbooks")
    parser.add_argument("--profile", action="store_true", help="cProfile our consolidation")
    parser.add_argument(
        "--comments", type=int, default=0, help="reviewer notes per submission (and decisions)"
    )
    parser.add_argument("--child", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(*args.child, profile=args.profile)
        return
    import pickle

    w = args.w or (20 if args.quick else 200)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        started = time.perf_counter()
        inputs = build(folder, w, args.comments)
        print(
            f"built {w} exports of {PER_WORKBOOK} submissions"
            + (f" with {args.comments} notes each" if args.comments else "")
            + " in "
            f"{time.perf_counter() - started:.0f} s"
        )
        listing = folder / "inputs.txt"
        listing.write_text("\n".join(str(p) for p in inputs), encoding="utf-8")
        ours = measure("ours", listing, folder / "ours.xlsx", args.profile)
        floor_out = folder / "floor.xlsx"
        Path(str(floor_out) + ".cells").write_bytes(
            pickle.dumps(output_cells(folder / "ours.xlsx"))
        )
        floor = measure("floor", listing, floor_out)
        print(
            f"{'inputs':>7} {'subs':>7} {'ours s':>8} {'floor s':>8} {'ratio':>6} "
            f"{'ours MB':>8} {'floor MB':>9} {'out MB':>7}"
        )
        print(
            f"{w:>7} {w * PER_WORKBOOK:>7} {ours['seconds']:>8.1f} {floor['seconds']:>8.1f} "
            f"{ours['seconds'] / floor['seconds']:>6.2f} {ours['peak_mb']:>8.0f} "
            f"{floor['peak_mb']:>9.0f} {ours['bytes'] / 1e6:>7.1f}"
        )


if __name__ == "__main__":
    main()
