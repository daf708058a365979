"""Which optional parts of the core this installation has, looked up without importing them.

Kept apart from the dialogs so the main window can ask at start-up without loading them.
"""

from __future__ import annotations

import importlib.util
from functools import cache


@cache  # installed or not, it does not change while the app runs
def _installed(module: str) -> bool:
    spec = importlib.util.find_spec(module)  # finds it without running it
    return spec is not None and spec.origin is not None


def export_available() -> bool:
    """True when the export core is installed (looked up without importing openpyxl)."""
    return _installed("gcm_collect.export")


def consolidate_available() -> bool:
    """True when the consolidation core is installed (looked up without importing it)."""
    return _installed("gcm_collect.consolidate")
