"""Checks on an input before and beside its reading: the container (workbook.safezip, shared
with every other file the app opens) and the formulas typed into its data cells
(workbook.formulas, shared with the reading of comments)."""

from __future__ import annotations

from gcm_collect.workbook.formulas import formula_cells
from gcm_collect.workbook.safezip import check_container, sheet_parts

__all__ = ["check_container", "formula_cells", "sheet_parts"]
