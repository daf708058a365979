"""Bulk benchmark (issue 22): demo, JSON Lines import and workbook import of N submissions,
each against its floor in the same run, with the peak memory of each run.

Every run is a fresh subprocess, so its peak (max RSS, its own and its children's: the
isolation child reading the workbook) is its own.

  demo       ``demo --submissions N`` (generation and writing); ``demo write``: the writing
             alone (Store.put_submissions of the same N records, already generated)
  jsonl      ``import`` of a JSON Lines file of N submissions (3 practices each)
  workbook   ``import`` of an exported workbook of the same N submissions (3 practices
             each): read in the child, verified, edits detected, written
Floors:
  executemany  the answer rows each run stored, written with one ``executemany`` in one
               transaction into a bare table, with the app's pragmas (WAL, synchronous=FULL)
  calamine     every sheet of the same workbook read with python-calamine alone
               (``to_python``), nothing checked, nothing written
  resaved    (``--resaved``) the same export after ``soffice --headless --convert-to xlsx``:
             no byte of it is the export's, its cell values are
  regional   (``--regional``) the regional workbook ``consolidate`` writes from that export
  edited     (``--edited``) the export with EDITS cells of its Submissions sheet changed (in
             the sheet's XML): edit detection must find them all
Each of these is imported against calamine reading the same file, in the same run.
Goals: demo and JSON Lines within 10x of executemany; workbook import within 3x of calamine;
workbook import under 300 MB at 20,000 submissions.

Usage: bench/bulk.py [--quick] [-n N ...] [--skip demo,jsonl,workbook] [--resaved]
                     [--regional] [--edited]
"""

from __future__ import annotations

import argparse
import json
import re
import resource
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

from _records import bench_submission

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

STATES = ["FRA", "EGY", "CHN", "MEX", "RUS", "KEN", "BRA", "IND", "DEU", "NGA"]
EDITS = 5  # cells a reviewer changed, in the --edited case


def _peak_mb() -> float:
    from gcm_collect.isolation import close_shared

    close_shared()  # the reading child's peak is counted once it has ended
    return max(
        resource.getrusage(who).ru_maxrss / 1024
        for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)
    )


def _report(seconds: float, **extra: object) -> None:
    print(json.dumps({"seconds": seconds, "peak_mb": _peak_mb(), **extra}))


# --- children ---------------------------------------------------------------------------------


def child_demo(db: str, n: str) -> None:
    from gcm_collect.demo import generate
    from gcm_collect.store import Store

    store = Store.open(db)
    start = time.perf_counter()
    generate(store, int(n), 1)
    _report(time.perf_counter() - start)
    store.close()


def child_demo_write(db: str, n: str) -> None:
    """The writing part of demo alone: the same records, generated first, then written."""
    import random

    from gcm_collect import reference
    from gcm_collect.demo.generate import BATCH, _submission
    from gcm_collect.ops.forms import ensure_builtin
    from gcm_collect.store import Store

    store = Store.open(db)
    form = ensure_builtin(store)
    rng = random.Random(1)
    states = [s for s in reference.states() if reference.commissions_of(s.iso3)]
    records = [_submission(form, rng, states, draft=i == 0) for i in range(int(n))]
    start = time.perf_counter()
    with store.atomic():
        for i in range(0, len(records), BATCH):
            store.put_submissions(records[i : i + BATCH], who="demo")
    _report(time.perf_counter() - start)
    store.close()


def child_import(db: str, path: str) -> None:
    from gcm_collect.ops.importing import import_files
    from gcm_collect.store import Store

    store = Store.open(db)
    start = time.perf_counter()
    report = import_files(store, [Path(path)])
    seconds = time.perf_counter() - start
    store.close()
    _report(seconds, inserted=report.total()["inserted"], edits=sum(report.edits.values()))


def child_calamine(path: str) -> None:
    from python_calamine import CalamineWorkbook

    start = time.perf_counter()
    book = CalamineWorkbook.from_path(path)
    cells = 0
    for name in book.sheet_names:
        rows = book.get_sheet_by_name(name).to_python(skip_empty_area=False)
        cells += sum(len(r) for r in rows)
        del rows
    _report(time.perf_counter() - start, cells=cells)


def child_executemany(db: str, source: str) -> None:
    """The answer rows ``source`` holds, written the barest way into a new file."""
    with sqlite3.connect(source) as conn:
        rows = conn.execute("SELECT submission_uuid, path, value FROM answers").fetchall()
    conn = sqlite3.connect(db, isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = FULL")
    conn.execute(
        "CREATE TABLE answers (submission_uuid TEXT, path TEXT, value TEXT, "
        "PRIMARY KEY (submission_uuid, path))"
    )
    start = time.perf_counter()
    conn.execute("BEGIN")
    conn.executemany("INSERT INTO answers VALUES (?, ?, ?)", rows)
    conn.execute("COMMIT")
    seconds = time.perf_counter() - start
    conn.close()
    _report(seconds, rows=len(rows))


def run(kind: str, *args: object) -> dict:
    command = [sys.executable, __file__, "--child", kind, *map(str, args)]
    result = subprocess.run(command, capture_output=True, text=True)
    if result.returncode != 0:
        raise SystemExit(f"{kind} failed:\n{result.stderr}")
    return json.loads(result.stdout.strip().splitlines()[-1])


# --- inputs -----------------------------------------------------------------------------------


def _jsonl_line(form, i: int) -> str:
    """A bench submission as a person writes it: repeats as lists of objects (a draft, so the
    line is taken as it is, as the app takes a draft)."""
    sub = bench_submission(form, i, STATES)
    answers = {}
    entries: dict[str, dict] = {pid: {} for pid in sub["instances"]["practices"]}
    for path, value in sub["answers"].items():
        if path.startswith("practices["):
            pid, name = path[len("practices[") :].split("]/", 1)
            entries[pid][name] = value
        else:
            answers[path] = value
    answers["practices"] = list(entries.values())
    line = {
        "uuid": sub["uuid"],
        "form_id": sub["form_id"],
        "form_version": sub["form_version"],
        "state": sub["state"],
        "region": sub["region"],
        "period": sub["period"],
        "status": "draft",
        "answers": answers,
    }
    return json.dumps(line, ensure_ascii=False)


def child_build(folder: str, n: str, workbook: str = "yes") -> None:
    """A JSON Lines file and an exported workbook of the same N submissions (in a child too,
    so this process stays small: a child's max RSS starts at its parent's); ``no``: the JSON
    Lines file alone."""
    start = time.perf_counter()
    build_inputs(Path(folder), int(n), workbook == "yes")
    _report(time.perf_counter() - start)


def inputs(folder: Path, n: int) -> tuple[Path, Path]:
    return folder / f"subs-{n}.jsonl", folder / f"export-{n}.xlsx"


def build_inputs(folder: Path, n: int, with_workbook: bool = True) -> None:
    from gcm_collect.export import export_workbook
    from gcm_collect.forms.builtin import load_builtin
    from gcm_collect.store import Store

    form = load_builtin()
    jsonl, workbook = inputs(folder, n)
    with jsonl.open("w", encoding="utf-8") as out:
        for i in range(n):
            out.write(_jsonl_line(form, i) + "\n")
    if not with_workbook:
        return
    source = folder / f"source-{n}.sqlite"
    store = Store.open(source)
    store.save_form(form.form_id, form.version, form.content_hash, "GCM", form.to_json())
    batch = [bench_submission(form, i, STATES) for i in range(n)]
    for i in range(0, n, 500):
        store.put_submissions(batch[i : i + 500], who="bench")
    export_workbook(store, workbook, lang="en", statuses=["draft", "complete", "finalized"])
    store.close()


def resave(workbook: Path, folder: Path) -> Path:
    """The workbook as LibreOffice saves it again (a profile of its own, in ``folder``)."""
    soffice = shutil.which("soffice")
    if soffice is None:
        raise SystemExit("--resaved needs LibreOffice (soffice)")
    out = folder / "resaved"
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation=file://{folder}/lo-profile",
            "--headless",
            "--convert-to",
            "xlsx",
            "--outdir",
            str(out),
            str(workbook),
        ],
        check=True,
        capture_output=True,
    )
    return out / workbook.name


def child_regional(workbook: str, out: str) -> None:
    """The regional workbook of the export's submissions (in a child: its memory is its own)."""
    from gcm_collect.consolidate import consolidate

    start = time.perf_counter()
    consolidate([workbook], out)
    _report(time.perf_counter() - start)


def edited(workbook: Path, out: Path, n: int) -> Path:
    """The export with the period (column F) of EDITS submissions changed in the XML of its
    Submissions sheet, nothing else of the file touched."""
    rows = [3 + (i * n) // EDITS for i in range(EDITS)]
    with zipfile.ZipFile(workbook) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        part = _sheet_part(src, "Submissions")
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == part:
                text = data.decode("utf-8")
                for r in rows:
                    cell = re.compile(rf'(<c r="F{r}"[^>]*><is><t>)[^<]*')
                    text, found = cell.subn(r"\g<1>1999", text, count=1)
                    assert found == 1, r
                data = text.encode("utf-8")
            dst.writestr(info, data)
    return out


def child_edit(workbook: str, out: str, n: str) -> None:
    start = time.perf_counter()
    edited(Path(workbook), Path(out), int(n))
    _report(time.perf_counter() - start)


def _sheet_part(archive: zipfile.ZipFile, name: str) -> str:
    from gcm_collect.safezip import sheet_parts

    return str(sheet_parts(archive)[name])


CHILDREN = {
    "demo": child_demo,
    "demo_write": child_demo_write,
    "import": child_import,
    "calamine": child_calamine,
    "executemany": child_executemany,
    "build": child_build,
    "regional": child_regional,
    "edit": child_edit,
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="500 submissions")
    parser.add_argument("-n", type=int, nargs="*", help="sizes (default: 2,000 and 20,000)")
    parser.add_argument("--skip", default="", help="comma-separated: demo, jsonl, workbook")
    parser.add_argument("--resaved", action="store_true", help="the export re-saved by LibreOffice")
    parser.add_argument("--regional", action="store_true", help="a regional workbook of it")
    parser.add_argument("--edited", action="store_true", help=f"the export, {EDITS} cells edited")
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        CHILDREN[args.child[0]](*args.child[1:])
        return
    sizes = args.n or ([500] if args.quick else [2_000, 20_000])
    skip = set(filter(None, args.skip.split(",")))
    print(
        f"{'N':>7}  {'run':<16} {'ours s':>8} {'MB':>6}  "
        f"{'floor':<12} {'s':>7} {'MB':>6} {'ratio':>6}"
    )

    def line(n: int, what: str, ours: dict, name: str, floor: dict) -> None:
        print(
            f"{n:>7}  {what:<16} {ours['seconds']:>8.1f} {ours['peak_mb']:>6.0f}  {name:<12} "
            f"{floor['seconds']:>7.2f} {floor['peak_mb']:>6.0f} "
            f"{ours['seconds'] / floor['seconds']:>6.1f}",
            flush=True,
        )

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for n in sizes:
            if "demo" not in skip:
                db = folder / f"demo-{n}.sqlite"
                ours = run("demo", db, n)
                floor = run("executemany", folder / f"demo-floor-{n}.sqlite", db)
                line(n, "demo", ours, "executemany", floor)
                write = run("demo_write", folder / f"demo-write-{n}.sqlite", n)
                line(n, "demo (writing)", write, "executemany", floor)
            if skip >= {"jsonl", "workbook"}:
                continue
            run("build", folder, n, "no" if "workbook" in skip else "yes")
            jsonl, workbook = inputs(folder, n)
            if "jsonl" not in skip:
                db = folder / f"jsonl-{n}.sqlite"
                ours = run("import", db, jsonl)
                floor = run("executemany", folder / f"jsonl-floor-{n}.sqlite", db)
                line(n, "JSON Lines", ours, "executemany", floor)
            if "workbook" not in skip:
                db = folder / f"workbook-{n}.sqlite"
                ours = run("import", db, workbook)
                floor = run("calamine", workbook)
                line(n, "workbook", ours, "calamine", floor)
                floor = run("executemany", folder / f"workbook-floor-{n}.sqlite", db)
                line(n, "workbook", ours, "executemany", floor)
                size = workbook.stat().st_size / 1e6
                print(f"{'':>7}  (workbook: {size:.1f} MB)", flush=True)
            for what, path in _variants(args, folder, workbook, n):
                ours = run("import", folder / f"{what}-{n}.sqlite", path)
                floor = run("calamine", path)
                line(n, what, ours, "calamine", floor)
                print(f"{'':>7}  ({ours['edits']} edits found)", flush=True)


def _variants(args: argparse.Namespace, folder: Path, workbook: Path, n: int):
    """(name, file) of each other workbook asked for, made from the export of ``n``."""
    if args.resaved:
        start = time.perf_counter()
        path = resave(workbook, folder)
        print(f"{'':>7}  (re-saved by LibreOffice in {time.perf_counter() - start:.0f} s)")
        yield "re-saved", path
    if args.regional:
        path = folder / f"regional-{n}.xlsx"
        made = run("regional", workbook, path)
        print(f"{'':>7}  (regional workbook written in {made['seconds']:.0f} s)", flush=True)
        yield "regional", path
    if args.edited:  # in a child: the sheet's XML held here would be every later child's peak
        path = folder / f"edited-{n}.xlsx"
        run("edit", workbook, path, n)
        yield f"{EDITS} cells edited", path


if __name__ == "__main__":
    main()
