"""The most one submission may hold, whichever way it comes in (docs/security.md).

A JSON line of 800 KB once carried 200,000 repeat entries, and exporting it took 3.9 GB.
The built-in survey has a few dozen entries in a full submission; the benchmarks use 150.
"""

from __future__ import annotations

from collections.abc import Mapping

from gcm_collect.i18n import _

MAX_ENTRIES = 5_000  # repeat entries (practices, partners ...) in one submission, all repeats
# Revision numbers stay whole numbers every program holds exactly (JSON readers, Excel, SQLite
# INTEGER): past 2^63 - 1 SQLite's ``revision + 1`` became a float, and every later export of
# that submission was refused.
MAX_REVISION = 2**53 - 1


def entries_problem(instances: Mapping[str, list[str]]) -> str | None:
    """The message when a submission has more repeat entries than MAX_ENTRIES, else None."""
    count = sum(len(order) for order in instances.values() if isinstance(order, list))
    if count <= MAX_ENTRIES:
        return None
    return _("too many repeat entries ({count}; at most {limit})").format(
        count=f"{count:,}", limit=f"{MAX_ENTRIES:,}"
    )
