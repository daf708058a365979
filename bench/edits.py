"""Edit detection benchmark: finding a reviewer's edits in an export of N submissions.

  ours   find_edits() on an already read export: render every record again and match each row
         by its keys and each column by its row-2 name
  floor  the same reading and rendering without any matching: every data sheet's cells read
         (python-calamine) and every record rendered once
Both start from the same verified workbook (read_export, untimed), after a reviewer sorted the
Submissions sheet and edited one cell. Reports the time ratio. Usage: bench/edits.py [--quick]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

# gcm_collect keeps openpyxl off lxml (its fast row writer needs the standard library's XML);
# openpyxl reads the switch once, when first imported, which here is before gcm_collect.
os.environ["OPENPYXL_LXML"] = "False"

import openpyxl  # noqa: E402
from _measure import percentile
from _records import bench_submission

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def build(folder: Path, n: int) -> Path:
    from gcm_collect.export import export_workbook
    from gcm_collect.forms.builtin import load_builtin
    from gcm_collect.store import Store

    form = load_builtin()
    with Store.open(folder / "db.sqlite3") as store:
        store.save_form(form.form_id, form.version, form.content_hash, "GCM", form.to_json())
        with store.atomic():
            for i in range(n):
                store.put_submission(bench_submission(form, i, ["FRA", "DEU", "ITA"]), who="bench")
        path = export_workbook(store, folder / "export.xlsx", lang="en").path
    book = openpyxl.load_workbook(path)  # a reviewer sorts the sheet and corrects one cell
    ws = book["Submissions"]
    rows = [[(c.value, c.data_type) for c in row] for row in ws.iter_rows(min_row=3)]
    for r, row in enumerate(reversed(rows)):
        for c, (value, kind) in enumerate(row):
            cell = ws.cell(row=3 + r, column=c + 1)
            cell.value = value
            if kind == "s" and isinstance(value, str):
                cell.data_type = "s"
    names = [c.value for c in ws[2]]
    ws.cell(row=3, column=names.index("lead_entity") + 1).value = "corrected by the reviewer"
    book.save(path)
    return path


def floor(wb) -> None:
    from gcm_collect.forms.model import Form
    from gcm_collect.workbook.reader import sheet_rows
    from gcm_collect.workbook.render import Renderer

    renderer = Renderer([Form.from_json(e.definition) for e in wb.forms], wb.meta, str)
    for sheet in renderer.sheets.values():
        sheet_rows(wb.book, sheet.name)
    for record in wb.records:
        renderer.render(record)


def ours(wb) -> int:
    from gcm_collect.workbook.edits import find_edits

    return len(find_edits(wb))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="200 submissions, 3 rounds")
    parser.add_argument("-n", type=int, default=None, help="submissions")
    args = parser.parse_args()
    n = args.n or (200 if args.quick else 1000)
    rounds = 3 if args.quick else 7
    from gcm_collect.workbook.reader import read_export

    with tempfile.TemporaryDirectory() as tmp:
        path = build(Path(tmp), n)
        wb = read_export(path)
        assert ours(wb) == 1, "the one corrected cell, and nothing for the sort"
        times: dict[str, list[float]] = {"ours": [], "floor": []}
        for _ in range(rounds):
            for name, fn in (("floor", floor), ("ours", ours)):
                fresh = read_export(path)  # untimed: both start from a verified workbook
                start = time.perf_counter()
                fn(fresh)
                times[name].append(time.perf_counter() - start)
    ours_s, floor_s = percentile(times["ours"], 0.5), percentile(times["floor"], 0.5)
    print(f"edit detection, {n} submissions sorted + 1 edit ({rounds} rounds, medians)")
    print(f"  ours  (find_edits, rows matched by key) {ours_s:8.3f} s")
    print(f"  floor (read + render, no matching)      {floor_s:8.3f} s")
    print(f"  ratio ours/floor                        {ours_s / floor_s:8.2f}x")


if __name__ == "__main__":
    main()
