"""Autosave latency: one committed ``Store.set_answer`` against the bare SQLite floor.

The floor is a plain ``UPDATE ... ; COMMIT`` on the same file, same pragmas (WAL,
synchronous=FULL), timed in the same run and interleaved change by change, so disk and cache
conditions are shared. Goal: p99 < 10 ms and within 2x of the floor.

The same ``set_answer`` on a database encrypted at rest (SQLCipher, issue 20), interleaved in the
same run, against the plain one. Goal: within 2x of the plain database.

    .venv/bin/python bench/autosave.py            # 5,000 changes
    .venv/bin/python bench/autosave.py --quick    # 500 changes
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from _measure import floor_connection, percentile

from gcm_collect.store import Store
from gcm_collect.store.encrypting import encrypt

QUESTIONS = 60


PASSPHRASE = "bench passphrase"


def prepared(path: Path, *, encrypted: bool) -> tuple[Store, str, str]:
    """A realistically filled submission in a new database (encrypted at rest if asked)."""
    store = Store.open(path)
    uuid = store.create_submission(
        form_id="gcm_state_practice", form_version="1", state="FRA", region="ECE", period="2026"
    )
    practice = store.add_instance(uuid, "practices", who="bench")
    for i in range(QUESTIONS):
        store.set_answer(uuid, f"q{i}", f"initial answer {i}", who="bench")
    if encrypted:
        store.close()
        encrypt(path, PASSPHRASE)
        store = Store.open(path, passphrase=PASSPHRASE)
    return store, uuid, practice


def run(changes: int, folder: Path) -> dict[str, list[float]]:
    path = folder / "bench.sqlite"
    store, uuid, practice = prepared(path, encrypted=False)
    secret, secret_uuid, secret_practice = prepared(folder / "encrypted.sqlite", encrypted=True)
    floor = floor_connection(path, [f"q{i}" for i in range(QUESTIONS)])
    timings: dict[str, list[float]] = {"set_answer": [], "bare UPDATE": [], "encrypted": []}
    clock = time.perf_counter
    for n in range(changes):
        if n % 4 == 3:
            question, value = f"practices[{practice}]/title", f"Practice title, edit {n}"
        else:
            question, value = f"q{n % QUESTIONS}", f"answer typed at change {n} " * 3
        start = clock()
        store.set_answer(uuid, question, value, who="bench")
        timings["set_answer"].append((clock() - start) * 1000)

        start = clock()
        secret.set_answer(secret_uuid, question.replace(practice, secret_practice), value, who="b")
        timings["encrypted"].append((clock() - start) * 1000)

        start = clock()
        floor.execute("BEGIN")
        floor.execute("UPDATE bench_floor SET v = ? WHERE k = ?", (value, f"q{n % QUESTIONS}"))
        floor.execute("COMMIT")
        timings["bare UPDATE"].append((clock() - start) * 1000)
    floor.close()
    store.close()
    secret.close()
    return timings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="500 changes instead of 5,000")
    parser.add_argument("--changes", type=int, default=None)
    parser.add_argument("--dir", type=Path, default=None, help="folder for the database file")
    args = parser.parse_args()
    changes = args.changes or (500 if args.quick else 5000)
    with tempfile.TemporaryDirectory(dir=args.dir) as folder:
        timings = run(changes, Path(folder))
    rows = {
        name: (statistics.median(s), percentile(s, 0.99), max(s)) for name, s in timings.items()
    }
    print(f"{changes} committed changes, synchronous=FULL, WAL (milliseconds)")
    print(f"{'':14}{'median':>10}{'p99':>10}{'max':>10}")
    for name, (median, p99, worst) in rows.items():
        print(f"{name:14}{median:10.3f}{p99:10.3f}{worst:10.3f}")
    (m_store, p_store, _), (m_floor, p_floor, _) = rows["set_answer"], rows["bare UPDATE"]
    print(f"{'ratio':14}{m_store / m_floor:10.2f}{p_store / p_floor:10.2f}")
    verdict = "met" if p_store < 10 and p_store / p_floor <= 2 else "NOT met"
    print(f"goal (p99 < 10 ms, p99 within 2x of the floor): {verdict}")
    m_secret, p_secret, _ = rows["encrypted"]
    print(f"{'encrypted/plain':14}{m_secret / m_store:10.2f}{p_secret / p_store:10.2f}")
    verdict = "met" if m_secret / m_store <= 2 and p_secret / p_store <= 2 else "NOT met"
    print(f"goal (encrypted at rest within 2x of the plain database): {verdict}")


if __name__ == "__main__":
    main()
