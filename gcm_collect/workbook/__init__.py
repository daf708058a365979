"""The reviewer workbook format: visible sheets rendered from a hidden, checksummed machine part.

Writing (``write_workbook``), reading back and verifying (``read_export``) and finding visible
cells changed after export (``find_edits``). The exact format: docs/workbook-format.md.
"""

from gcm_collect.workbook.edits import find_edits
from gcm_collect.workbook.model import (
    FORMAT_NAME,
    FORMAT_VERSION,
    Edit,
    ExportedWorkbook,
    ExportMeta,
    ExportRecord,
    FormEntry,
    SheetPlan,
)
from gcm_collect.workbook.reader import read_export
from gcm_collect.workbook.writer import ExportCancelled, write_workbook

__all__ = [
    "FORMAT_NAME",
    "FORMAT_VERSION",
    "Edit",
    "ExportCancelled",
    "ExportMeta",
    "ExportRecord",
    "ExportedWorkbook",
    "FormEntry",
    "SheetPlan",
    "find_edits",
    "read_export",
    "write_workbook",
]
