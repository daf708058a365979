"""Regional consolidation: verify reviewer workbooks, merge them, write the regional workbook."""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from gcm_collect.consolidate.inputs import InputStatus, check_input, expand_inputs
    from gcm_collect.consolidate.merge import Candidate, RecordSet, join
    from gcm_collect.consolidate.run import (
        ConsolidationFailed,
        ConsolidationReport,
        ExportCancelled,
        consolidate,
    )
    from gcm_collect.workbook.review import EditOutcome

# Each name is imported from its module when first asked for: the regional synthesis reads
# only the indicators module of this package, and importing the whole consolidation with it
# (inputs, merge, run: the reading child, multiprocessing...) cost a fifth of a second at the
# start of every `gcm-collect synthesis`.
_HOME = {
    "InputStatus": "gcm_collect.consolidate.inputs",
    "check_input": "gcm_collect.consolidate.inputs",
    "expand_inputs": "gcm_collect.consolidate.inputs",
    "Candidate": "gcm_collect.consolidate.merge",
    "RecordSet": "gcm_collect.consolidate.merge",
    "join": "gcm_collect.consolidate.merge",
    "ConsolidationFailed": "gcm_collect.consolidate.run",
    "ConsolidationReport": "gcm_collect.consolidate.run",
    "ExportCancelled": "gcm_collect.consolidate.run",
    "consolidate": "gcm_collect.consolidate.run",
    "EditOutcome": "gcm_collect.workbook.review",
}

__all__ = [
    "Candidate",
    "ConsolidationFailed",
    "ConsolidationReport",
    "EditOutcome",
    "ExportCancelled",
    "InputStatus",
    "RecordSet",
    "check_input",
    "consolidate",
    "expand_inputs",
    "join",
]


def __getattr__(name: str) -> Any:
    if name in _HOME:
        return getattr(import_module(_HOME[name]), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
