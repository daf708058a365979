"""Regional consolidation: verify reviewer workbooks, merge them, write the regional workbook."""

from gcm_collect.consolidate.inputs import InputStatus, check_input, expand_inputs
from gcm_collect.consolidate.merge import Candidate, RecordSet, join
from gcm_collect.consolidate.run import (
    ConsolidationFailed,
    ConsolidationReport,
    ExportCancelled,
    consolidate,
)
from gcm_collect.workbook.review import EditOutcome

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
