"""What reading each consolidation input in a child process costs (gcm_collect/isolation.py).

The same consolidation of W exports of 100 submissions, each run in a fresh subprocess:
  ours   every input read in the child process, under its memory and time limits (the app and
         the command line do this)
  floor  every input read in the consolidating process itself (what it cost before)
Then one large export (2,000 submissions) alone, read in the child under the default limits:
it must be accepted, and its peak memory is reported. On that export, the container checks that
run before any sheet is parsed (check_container + check_cells: zip directory, DTDs, every
cell counted) against the floor of reading every sheet with python-calamine (import and
consolidate read the hidden sheets and the data sheets). Usage: bench/isolation.py [--quick] [-w W]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

from _measure import report_child, run_child
from consolidate import build

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def child(kind: str, listing: str, out: str) -> None:
    from gcm_collect.consolidate import consolidate, inputs
    from gcm_collect.isolation import InProcess

    if kind == "floor":
        inputs.shared_child = InProcess
    paths = [Path(p) for p in Path(listing).read_text(encoding="utf-8").split("\n") if p]
    start = time.perf_counter()
    report = consolidate(paths, Path(out))
    seconds = time.perf_counter() - start
    if report.problems:
        raise SystemExit(f"{kind}: {report.problems[0]}")
    report_child(seconds, Path(out))


def large_export(folder: Path) -> Path:
    """One export of 2,000 submissions: 20 laptops' worth merged into one database."""
    from consolidate import PER_WORKBOOK

    from gcm_collect.consolidate import consolidate

    parts = build(folder, 2_000 // PER_WORKBOOK)
    out = folder / "large.xlsx"
    consolidate(parts, out)
    return out


def checks_against_reading(path: Path, rounds: int = 3) -> tuple[float, float]:
    """Best of ``rounds``: the container checks, and reading every sheet."""
    from python_calamine import CalamineWorkbook

    from gcm_collect.safezip import check_cells, check_container

    checks, reading = [], []
    for _ in range(rounds):
        start = time.perf_counter()
        check_container(path)
        check_cells(path)
        checks.append(time.perf_counter() - start)
        start = time.perf_counter()
        book = CalamineWorkbook.from_path(str(path))
        for name in book.sheet_names:
            book.get_sheet_by_name(name).to_python(skip_empty_area=False)
        reading.append(time.perf_counter() - start)
    return min(checks), min(reading)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="10 workbooks")
    parser.add_argument("-w", type=int, default=None, help="number of input workbooks")
    parser.add_argument("--child", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(*args.child)
        return
    w = args.w or (10 if args.quick else 50)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        inputs = build(folder, w)
        listing = folder / "inputs.txt"
        listing.write_text("\n".join(str(p) for p in inputs), encoding="utf-8")
        runs: dict[str, list[dict]] = {"ours": [], "floor": []}
        for _round in range(2):  # alternated, best of two: the machine is shared
            for kind, found in runs.items():
                found.append(run_child(__file__, [kind, str(listing), str(folder / "o.xlsx")]))
        ours, floor = (min(runs[k], key=lambda r: r["seconds"]) for k in ("ours", "floor"))
        print(
            f"{'inputs':>7} {'ours s':>8} {'floor s':>8} {'ratio':>6} {'ours MB':>8} "
            f"{'floor MB':>9}"
        )
        print(
            f"{w:>7} {ours['seconds']:>8.1f} {floor['seconds']:>8.1f} "
            f"{ours['seconds'] / floor['seconds']:>6.2f} {ours['peak_mb']:>8.0f} "
            f"{floor['peak_mb']:>9.0f}"
        )
        large_folder = folder / "large"
        large_folder.mkdir()
        large = large_export(large_folder)
        listing.write_text(str(large), encoding="utf-8")
        one = run_child(__file__, ["ours", str(listing), str(folder / "one.xlsx")])
        print(
            f"one export of 2,000 submissions ({large.stat().st_size / 1e6:.0f} MB): accepted "
            f"in the child, {one['seconds']:.1f} s, peak {one['peak_mb']:.0f} MB"
        )
        checks, reading = checks_against_reading(large)
        print(
            f"container checks on it {checks:.2f} s, reading its sheets {reading:.2f} s: "
            f"ratio {checks / reading:.2f}"
        )


if __name__ == "__main__":
    main()
