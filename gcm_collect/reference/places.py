"""Where and when a submission says it comes from: a known State, in a regional review it takes
part in, for a reporting period not written backwards.

The one rule for every way submissions come in: JSON Lines, exported and regional workbooks
(import, consolidation). A workbook once brought in State ZZZ, and 2025-2022, which JSON Lines
refused.
"""

from __future__ import annotations

import re
from typing import Any

from gcm_collect import reference
from gcm_collect.i18n import _, language


def place_problem(state: Any, region: Any) -> tuple[str, str] | None:
    """(field, message) when ``state`` is not a known State or ``region`` not a regional review
    it takes part in; None when both are right. The one rule for every way submissions come
    in (JSON Lines, exported and regional workbooks)."""
    if not isinstance(state, str) or reference.state(state) is None:
        return "state", _("unknown State {state}").format(state=state)
    code = state.upper()
    members = reference.reviews_of(code)
    if region not in members:
        return "region", _("{state} is reviewed by {regions}, not {region}").format(
            state=f"{reference.state_label(code, language())} ({code})",
            regions=", ".join(members),
            region=region,
        )
    return None


_YEAR_RANGE = re.compile(r"([0-9]{4})-([0-9]{4})")


def period_problem(period: Any) -> str | None:
    """A message when ``period`` is a range of years written backwards (2025-2022).

    Any other period collected elsewhere is kept as it is: only a new submission holds to the
    stricter rule of ``ops.submissions.period_problem``.
    """
    years = _YEAR_RANGE.fullmatch(period.strip()) if isinstance(period, str) else None
    if years and int(years[1]) > int(years[2]):
        return _("Put the earlier year first, such as 2022-2025.")
    return None
