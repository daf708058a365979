"""Export benchmark: GCM Collect's reviewer workbook against xlsxwriter writing the same cells.

Builds a real database of N submissions of the built-in survey (3 practices each), then, each in
a fresh subprocess (so peak memory is that run's own max RSS):
  ours   export_workbook (openpyxl write-only, hidden machine part, atomic rename)
  floor  the same pipeline (store reads, relevance, rendering, canonical JSON) with every cell
         written by xlsxwriter in constant_memory mode instead
Reports time ratio and peak memory. Usage: bench/export.py [--quick] [-n N] [--profile]
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import sys
import tempfile
import time
from pathlib import Path

from _measure import report_child, run_child
from _records import bench_submission

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

STATES = ["FRA", "EGY", "CHN", "MEX", "RUS", "KEN", "BRA", "IND", "DEU", "NGA"]


def build(path: Path, n: int) -> None:
    from gcm_collect.forms.builtin import load_builtin
    from gcm_collect.store import Store

    form = load_builtin()
    store = Store.open(path)
    store.save_form(form.form_id, form.version, form.content_hash, "GCM", form.to_json())
    with store.atomic():
        for i in range(n):
            store.put_submission(bench_submission(form, i, STATES), who="bench")
    store.close()


def run_ours(db: Path, out: Path) -> None:
    from gcm_collect.export import export_workbook
    from gcm_collect.store import Store

    store = Store.open(db)
    export_workbook(store, out, lang="en")
    store.close()


def run_floor(db: Path, out: Path) -> None:
    """The same data pipeline; every cell written by xlsxwriter (constant_memory)."""
    import xlsxwriter

    from gcm_collect.forms.model import Form
    from gcm_collect.store import Store
    from gcm_collect.workbook import machine
    from gcm_collect.workbook.layout import labels_for, sheet_plan, translator_for
    from gcm_collect.workbook.model import ExportMeta, ExportRecord, FormEntry
    from gcm_collect.workbook.render import Renderer

    store = Store.open(db)
    tr = translator_for("en")
    subs = store.list_submissions()
    subs.sort(key=lambda s: (s.state, s.period, s.uuid))
    rec = store.get_form(subs[0].form_id, subs[0].form_version)
    form = Form.from_json(rec.definition)
    entry = FormEntry(rec.form_id, rec.version, form.content_hash, rec.definition)
    meta = ExportMeta(
        store.now(),
        "",
        store.device_id,
        "en",
        "bench",
        sheet_plan([form], "en", tr),
        labels_for([s.state for s in subs], "en", tr),
        " [cut {count}]",
    )
    renderer = Renderer([form], meta, tr)
    wb = xlsxwriter.Workbook(str(out), {"constant_memory": True})
    sheets = {}
    next_row = {}
    for role, sheet in renderer.sheets.items():
        ws = wb.add_worksheet(sheet.name[:31])
        ws.write_row(0, 0, [c.label for c in sheet.columns])
        ws.write_row(1, 0, [c.key for c in sheet.columns])
        sheets[role], next_row[role] = ws, 2
    records_ws = wb.add_worksheet("_gcm_records")
    records_ws.write_row(0, 0, machine.RECORDS_HEADER)
    provenance = {
        "officer": "",
        "device_id": store.device_id,
        "exported_at": meta.exported_at,
        "export_fingerprint": None,
    }
    keys = []
    for r, sub in enumerate(subs, 1):
        record = ExportRecord(store.get_record(sub.uuid), provenance)
        for role, rows in renderer.render(record).items():
            ws = sheets[role]
            for row in rows:
                for c, v in enumerate(row.values):
                    if v is not None:
                        ws.write(next_row[role], c, v)
                next_row[role] += 1
        records_ws.write_row(r, 0, machine.record_row(record))
        keys.append(record.key)
    machine.fingerprint_from_keys(meta, [entry], keys)
    wb.close()
    store.close()


def child(kind: str, db: str, out: str, profile: bool) -> None:
    fn = run_ours if kind == "ours" else run_floor
    start = time.perf_counter()
    if profile:
        prof = cProfile.Profile()
        prof.runcall(fn, Path(db), Path(out))
        pstats.Stats(prof, stream=sys.stderr).sort_stats("cumulative").print_stats(25)
    else:
        fn(Path(db), Path(out))
    report_child(time.perf_counter() - start, Path(out))


def measure(kind: str, db: Path, folder: Path, profile: bool = False) -> dict:
    return run_child(__file__, [kind, str(db), str(folder / f"{kind}.xlsx")], profile)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="2,000 submissions")
    parser.add_argument("-n", type=int, default=None)
    parser.add_argument("--profile", action="store_true", help="cProfile our export")
    parser.add_argument("--child", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(*args.child, profile=args.profile)
        return
    sizes = [args.n] if args.n else ([2_000] if args.quick else [2_000, 20_000])
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        print(
            f"{'N':>7} {'ours s':>8} {'xlsxwriter s':>13} {'ratio':>6} "
            f"{'ours MB':>8} {'xlsxw MB':>9} {'file MB':>8}"
        )
        for n in sizes:
            db = folder / f"bench-{n}.sqlite"
            build(db, n)
            ours = measure("ours", db, folder, args.profile)
            floor = measure("floor", db, folder)
            print(
                f"{n:>7} {ours['seconds']:>8.1f} {floor['seconds']:>13.1f} "
                f"{ours['seconds'] / floor['seconds']:>6.2f} {ours['peak_mb']:>8.0f} "
                f"{floor['peak_mb']:>9.0f} {ours['bytes'] / 1e6:>8.1f}"
            )


if __name__ == "__main__":
    main()
