"""Importing a big workbook as a stream of batches (issue 22): all or nothing whatever stops
it half-way (Cancel, or the process killed), progress as it goes, and the bulk writes storing
exactly what one-by-one writes store."""

from __future__ import annotations

import re
import sqlite3
import subprocess
import sys
from contextlib import closing
from datetime import UTC, datetime
from pathlib import Path

import pytest
from datasets import fill, open_store, record
from import_stops import cancel_after_first_batch, kill_half_way

from gcm_collect.export import export_workbook
from gcm_collect.ops.forms import ensure_builtin
from gcm_collect.ops.importing import import_files
from gcm_collect.ops.keys import register
from gcm_collect.store import Store
from gcm_collect.workbook.streamread import BATCH

pytestmark = pytest.mark.slow  # real workbooks of hundreds of submissions, child processes

STATES = ["FRA", "EGY", "CHN", "MEX", "RUS", "KEN"]
COUNT = 2 * BATCH + 50  # three batches: a cut after the first leaves two unwritten


def _records(count: int) -> list[dict]:
    return [
        record(n, state=STATES[n % len(STATES)], status=("draft", "complete", "finalized")[n % 3])
        for n in range(count)
    ]


@pytest.fixture(scope="module")
def big(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("big")
    store = open_store(folder)
    store.put_submissions(_records(COUNT), who="test")
    out = folder / "big.xlsx"
    export_workbook(store, out, lang="en", statuses=["draft", "complete", "finalized"])
    store.close()
    return out


def _dump(path: Path) -> list[str]:
    """Every row of every table, as SQL: two databases with the same dump hold the same."""
    with closing(sqlite3.connect(path)) as conn:
        return list(conn.iterdump())


def _database(folder: Path) -> Path:
    """A laptop's database holding submissions of its own, three of which the workbook holds
    too (so the import both inserts and compares)."""
    store = open_store(folder)
    ensure_builtin(store)  # as every command and the app leave it: the built-in survey
    register(store)  # and the device's own key, made on first use
    fill(store, 3)
    store.put_submission(record(10_000, state="SEN"), who="officer")
    store.close()
    return folder / "db.sqlite"


def test_an_import_killed_half_way_leaves_the_database_as_it_was(big, tmp_path):
    db = _database(tmp_path)
    before = _dump(db)
    command = [sys.executable, "-m", "gcm_collect", "--lang", "en", "--db", str(db)]
    kill_half_way([*command, "import", "--progress", str(big)])
    assert _dump(db) == before
    with Store.open(db) as store:  # the app opens it as if nothing happened
        assert store.count_submissions() == 4
    done = subprocess.run([*command, "import", str(big)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert f"{COUNT - 3} new" in done.stdout


def test_a_cancelled_import_leaves_the_database_as_it_was_and_the_next_one_works(big, tmp_path):
    db = _database(tmp_path)
    before = _dump(db)
    told = cancel_after_first_batch(db, big)
    assert told == [(BATCH, COUNT)]
    assert _dump(db) == before
    with Store.open(db) as store:
        report = import_files(store, [big], progress=lambda d, t: told.append((d, t)))
        assert report.total()["inserted"] == COUNT - 3
        assert told[-1] == (COUNT, COUNT)
        assert store.count_submissions() == COUNT + 1
        # the workbook's records, exactly
        n = COUNT - 1
        assert (
            store.get_record(record(n)["uuid"])["answers"]["lead_entity"]
            == record(n)["answers"]["lead_entity"]
        )


class _Clock:
    def __call__(self) -> datetime:
        return datetime(2026, 3, 1, 12, 0, tzinfo=UTC)


def test_bulk_writes_store_what_one_by_one_writes_store(tmp_path):
    batch = _records(40)
    batch.append(dict(batch[5], updated_at="2026-01-01T00:00:00.000Z"))  # twice: newer
    batch.append(dict(batch[6]))  # twice: the same
    outcomes = {}
    for way in ("one", "bulk"):
        folder = tmp_path / way
        folder.mkdir()
        with Store.open(folder / "db.sqlite", now=_Clock()) as store:
            store.set_setting("device_id", "same")
            for r in _records(3):  # held already
                store.put_submission(dict(r, updated_at="2024-01-01T00:00:00.000Z"), who="o")
            if way == "one":
                with store.atomic():
                    counts: dict[str, int] = {}
                    for r in batch:
                        outcome = store.put_submission(r, who="import")
                        counts[outcome] = counts.get(outcome, 0) + 1
                outcomes[way] = counts
            else:
                outcomes[way] = dict(store.put_submissions(batch, who="import"))
    assert outcomes["one"] == outcomes["bulk"] == {"inserted": 37, "updated": 4, "unchanged": 1}
    one, bulk = (_dump(tmp_path / way / "db.sqlite") for way in ("one", "bulk"))
    data = re.compile(r'INSERT INTO "(submissions|answers|instances|reviews)"')
    assert [x for x in one if data.match(x)] == [x for x in bulk if data.match(x)]
    # the same audit rows; in bulk, the new submissions' come first
    audit = re.compile(r'INSERT INTO "audit" VALUES\(\d+,')
    trail = [sorted(audit.sub("", x) for x in rows if audit.match(x)) for rows in (one, bulk)]
    assert trail[0] == trail[1] and len(trail[0]) == 3 + 41
