"""Sorting the submissions list by State name (display language) vs by ISO code, 50,000 rows.

What a user waits for when clicking the State column header: the first page of the list
(256 rows) and a page far down (row 40,000), as the list model reads them. The floor is the
same query ordered by the State's code, measured in the same run on the same database. Also
timed: ranking the States for a language (ICU collation through Qt, then the store's table).

    .venv/bin/python bench/list_sort.py [--runs 15]
"""

from __future__ import annotations

import argparse
import sys
import time
import uuid as uuidlib
from pathlib import Path

from _measure import timed

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
OUT = ROOT / "bench" / "out"
DB = OUT / "list-sort-50k.sqlite3"
COUNT = 50_000
PAGE = 256


def build_database() -> None:
    """50,000 small submissions spread over every State (so names really have to be ranked)."""
    from gcm_collect import reference
    from gcm_collect.ops.forms import ensure_builtin
    from gcm_collect.store import Store

    OUT.mkdir(parents=True, exist_ok=True)
    temp = DB.with_suffix(".building")
    for leftover in OUT.glob(temp.name + "*"):
        leftover.unlink()
    states = [s.iso3 for s in reference.states() if reference.reviews_of(s.iso3)]
    with Store.open(temp) as store:
        form = ensure_builtin(store)
        with store.atomic():
            for i in range(COUNT):
                state = states[(i * 7) % len(states)]
                store.put_submission(
                    {
                        "uuid": str(uuidlib.UUID(int=i + 1, version=4)),
                        "form_id": form.form_id,
                        "form_version": form.version,
                        "state": state,
                        "region": reference.reviews_of(state)[0],
                        "period": str(2020 + i % 6),
                        "status": ("draft", "complete", "finalized")[i % 3],
                        "answers": {"lead_entity": f"Ministry {i}"},
                    },
                    who="bench",
                )
    temp.rename(DB)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--quick", action="store_true", help="5 runs")
    args = parser.parse_args()
    runs = 5 if args.quick else args.runs
    if not DB.exists():
        print("building the 50,000-submission database (once, kept in bench/out/) ...")
        build_database()
    from gcm_collect.app.collation import states_by_name
    from gcm_collect.store import Store

    with Store.open(DB) as store:
        rank_times = {}
        for lang in ("ar", "zh", "en", "fr", "ru", "es"):
            start = time.perf_counter()
            store.set_state_order(lang, states_by_name(lang))
            rank_times[lang] = time.perf_counter() - start
        print(
            f"ranking the States (ICU + store), per language: "
            f"{max(rank_times.values()) * 1000:.1f} ms at most"
        )
        print(f"{'page':<14}{'by code':>10}{'by name (fr)':>15}{'by name (zh)':>15}{'ratio':>8}")
        for label, offset in (("first", 0), ("row 40,000", 40_000)):

            def page(order_by, lang="en", offset=offset):
                return store.list_submissions(
                    order_by=order_by, descending=False, limit=PAGE, offset=offset, lang=lang
                )

            code = timed(lambda: page("state"), runs)
            french = timed(lambda: page("state_name", "fr"), runs)
            chinese = timed(lambda: page("state_name", "zh"), runs)
            ratio = max(french, chinese) / code
            print(
                f"{label:<14}{code * 1000:>8.1f}ms{french * 1000:>13.1f}ms"
                f"{chinese * 1000:>13.1f}ms{ratio:>7.2f}x"
            )


if __name__ == "__main__":
    main()
