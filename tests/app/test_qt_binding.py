"""Guard against a Qt binding that corrupts Python's reference counts.

PySide6 6.12.0 dropped a reference to ``None`` on every conversion to a QVariant; on Python
3.11 the interpreter then aborts while a table paints. pyproject excludes that release; this
test fails at once if another release brings the bug back.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject


def test_none_survives_many_conversions():
    holder = QObject()
    before = sys.getrefcount(None)
    for _ in range(2000):
        holder.property("not_set")
    assert abs(sys.getrefcount(None) - before) < 100
