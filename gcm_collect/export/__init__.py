"""Reviewer workbook export and import (the format itself lives in gcm_collect.workbook)."""

from gcm_collect.export.importer import ImportReport, import_workbook
from gcm_collect.export.workbook import (
    ExportCancelled,
    ExportSummary,
    export_workbook,
)

__all__ = [
    "ExportCancelled",
    "ExportSummary",
    "ImportReport",
    "export_workbook",
    "import_workbook",
]
