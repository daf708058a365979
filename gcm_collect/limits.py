"""The most one submission may hold, whichever way it comes in (docs/security.md).

A JSON line of 800 KB once carried 200,000 repeat entries, and exporting it took 3.9 GB.
The built-in survey has a few dozen entries in a full submission; the benchmarks use 150.
"""

from __future__ import annotations

from collections.abc import Mapping

from gcm_collect.i18n import _

MAX_ENTRIES = 5_000  # repeat entries (practices, partners ...) in one submission, all repeats


def entries_problem(instances: Mapping[str, list[str]]) -> str | None:
    """The message when a submission has more repeat entries than MAX_ENTRIES, else None."""
    count = sum(len(order) for order in instances.values() if isinstance(order, list))
    if count <= MAX_ENTRIES:
        return None
    return _("too many repeat entries ({count}; at most {limit})").format(
        count=f"{count:,}", limit=f"{MAX_ENTRIES:,}"
    )
