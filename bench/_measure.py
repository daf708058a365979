"""Measuring helpers shared by the benchmarks (not a benchmark)."""

from __future__ import annotations

import json
import resource
import sqlite3
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Iterable
from pathlib import Path


def timed(action: Callable[[], object], runs: int) -> float:
    """The median time of ``runs`` calls of ``action``, in seconds."""
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def percentile(samples: list[float], fraction: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def floor_connection(path: Path, keys: Iterable[str]) -> sqlite3.Connection:
    """The floor's own table beside the app's, with the app's pragmas, written the barest way."""
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = FULL")
    conn.execute("CREATE TABLE IF NOT EXISTS bench_floor (k TEXT PRIMARY KEY, v TEXT)")
    conn.executemany("INSERT OR REPLACE INTO bench_floor VALUES (?, '')", [(k,) for k in keys])
    return conn


def report_child(seconds: float, out: Path) -> None:
    """A measuring child's last line: its time, its own peak memory, the file it wrote."""
    from gcm_collect.isolation import close_shared

    close_shared()  # inputs are read in a child process: count its peak too
    peak_mb = max(
        resource.getrusage(who).ru_maxrss / 1024
        for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)
    )
    print(json.dumps({"seconds": seconds, "peak_mb": peak_mb, "bytes": out.stat().st_size}))


def run_child(script: str, args: list[str], profile: bool = False) -> dict:
    """Run ``script --child ARGS`` in a fresh process (so peak memory is its own); its report."""
    command = [sys.executable, script, "--child", *args] + (["--profile"] if profile else [])
    result = subprocess.run(command, capture_output=True, text=True, check=True)
    if profile:
        print(result.stderr)
    return json.loads(result.stdout.strip().splitlines()[-1])
