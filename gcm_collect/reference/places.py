"""Where a submission says it comes from: a known State, in a regional review it takes part in.

The one rule for every way submissions come in: JSON Lines, exported and regional workbooks
(import, consolidation). A workbook once brought in State ZZZ, which JSON Lines refused.
"""

from __future__ import annotations

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
