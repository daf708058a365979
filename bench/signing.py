"""Signing benchmark: export and consolidation with signatures against the same without.

Builds a database of N submissions of the built-in survey (3 practices each) and, each in a
fresh subprocess (peak memory is that run's own max RSS):
  export   signed    export_workbook as shipped: the device key loaded (its PEM decrypted),
                     the machine part signed with Ed25519
           unsigned  the same export with signing taken out (no key loaded, no signature row)
  consolidate the K workbooks of N/K submissions each (signed exports):
           signed    with the reviewer's register judging every input, output signed
           unsigned  no register, no signing key (reading still verifies each signature)
Reports time ratios (signed / unsigned, best of 3 interleaved runs) and peak memory.
Usage: bench/signing.py [--quick] [-n N] [-k K] [--repeat R]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

from _measure import report_child, run_child
from _records import bench_submission

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

STATES = ["FRA", "EGY", "CHN", "MEX", "RUS", "KEN", "BRA", "IND", "DEU", "NGA"]


def build(path: Path, n: int, first: int = 0) -> None:
    from gcm_collect.forms.builtin import load_builtin
    from gcm_collect.store import Store

    form = load_builtin()
    store = Store.open(path)
    store.save_form(form.form_id, form.version, form.content_hash, "GCM", form.to_json())
    with store.atomic():
        for i in range(first, first + n):
            store.put_submission(bench_submission(form, i, STATES), who="bench")
    store.close()


def _unsigned() -> None:
    """Take signing out of the export: no key is loaded, no signature row is written."""
    from gcm_collect.export import workbook as export
    from gcm_collect.workbook import writer
    from gcm_collect.workbook.signing import Signer, SigningKey

    nobody = SigningKey(Signer(b"\0" * 32), lambda data: b"")
    export.signing_key = lambda store: nobody
    writer.signature_block = lambda fingerprint, key: None


def child(kind: str, db: str, out: str, inputs: str) -> None:
    # Everything imported before the clock starts, on both sides alike.
    from gcm_collect.consolidate import consolidate
    from gcm_collect.export import export_workbook
    from gcm_collect.ops.keys import register, signing_key
    from gcm_collect.store import Store

    if kind.endswith("unsigned"):
        _unsigned()
    start = time.perf_counter()
    if kind.startswith("export"):
        with Store.open(db) as store:
            export_workbook(store, out, lang="en")
    else:
        files = sorted(Path(inputs).glob("*.xlsx"))
        if kind.endswith("unsigned"):
            consolidate(files, out)
        else:
            with Store.open(db) as store:
                key, trusted = signing_key(store), register(store)
            consolidate(files, out, signing_key=key, register=trusted)
    report_child(time.perf_counter() - start, Path(out))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="500 submissions, 10 workbooks")
    parser.add_argument("-n", type=int, default=None)
    parser.add_argument("-k", type=int, default=None, help="workbooks to consolidate")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each; the best counts")
    parser.add_argument("--child", nargs=4, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(*args.child)
        return
    n = args.n or (500 if args.quick else 2000)
    k = args.k or (10 if args.quick else 40)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        db = folder / "bench.sqlite3"
        build(db, n)
        inputs = folder / "inputs"
        inputs.mkdir()
        per = max(n // k, 1)
        from gcm_collect.export import export_workbook
        from gcm_collect.store import Store

        for i in range(k):  # K laptops, each its own key
            laptop = folder / f"laptop{i}.sqlite3"
            build(laptop, per, first=n + i * per)
            with Store.open(laptop) as store:
                export_workbook(store, inputs / f"w{i:03d}.xlsx", lang="en")
        reviewer = folder / "reviewer.sqlite3"
        results = {}
        # Interleaved, best of ``repeat``: the machine is shared, and a busy moment must not
        # land on one side only.
        kinds = ["export-signed", "export-unsigned", "cons-signed", "cons-unsigned"]
        for round_ in range(args.repeat):
            # Each side goes first in turn: the first run after another pays for cold caches.
            order = kinds if round_ % 2 == 0 else [kinds[1], kinds[0], kinds[3], kinds[2]]
            for kind in order:
                base = db if kind.startswith("export") else reviewer
                out = folder / f"{kind}.xlsx"
                got = run_child(__file__, [kind, str(base), str(out), str(inputs)])
                if kind not in results or got["seconds"] < results[kind]["seconds"]:
                    results[kind] = got
    print(f"signing, {n} submissions exported; {k} workbooks of {per} consolidated")
    print(f"{'':14}{'signed s':>10}{'unsigned s':>12}{'ratio':>8}{'peak MB':>10}{'unsigned':>10}")
    for what, label in (("export", "export"), ("cons", "consolidate")):
        s, u = results[f"{what}-signed"], results[f"{what}-unsigned"]
        print(
            f"{label:14}{s['seconds']:10.2f}{u['seconds']:12.2f}{s['seconds'] / u['seconds']:8.2f}x"
            f"{s['peak_mb']:10.0f}{u['peak_mb']:10.0f}"
        )


if __name__ == "__main__":
    main()
