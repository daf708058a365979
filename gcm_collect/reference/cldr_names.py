"""Write ``data/cldr_state_names.csv``: each State's everyday name in the six languages, from CLDR.

The app shows the UN's names (``un_state_names.csv``); CLDR's everyday names ("South Korea",
"Corée du Sud") are kept beside them so that the search still finds a State by them. They are
read once, here, from the CLDR data shipped with Babel, and kept as reference data: the app never
loads Babel's locale files for them (about 40 ms at start-up), and a Babel upgrade changes them
only through a reviewed diff. Run this after upgrading Babel on purpose:

    .venv/bin/python -m gcm_collect.reference.cldr_names
"""

from __future__ import annotations

import csv
from pathlib import Path

from gcm_collect.reference import states
from gcm_collect.vocabulary import LANGUAGES

OUT = Path(__file__).resolve().parent / "data" / "cldr_state_names.csv"


def cldr_source() -> str:
    import babel
    from babel.core import get_cldr_version

    return f"CLDR {get_cldr_version()} (Babel {babel.__version__})"


def cldr_rows() -> list[dict[str, str]]:
    from babel import Locale

    territories = {lang: Locale.parse(lang).territories for lang in LANGUAGES}
    source = cldr_source()
    return [
        {
            "iso3": s.iso3,
            **{lang: territories[lang].get(s.iso2, "") for lang in LANGUAGES},
            "source": source,
        }
        for s in states()
    ]


def main() -> None:
    rows = cldr_rows()
    with OUT.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=["iso3", *LANGUAGES, "source"], lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    print(f"{OUT}: {len(rows)} States, {rows[0]['source']}")


if __name__ == "__main__":
    main()
