"""Tab goes through each window and dialog as it is read (WCAG 2.4.3): row by row from the top,
left to right in English, right to left in Arabic, where Qt mirrors the layout. (The form
window, with its columns, has its own test: tests/app/form/test_tab_order.py.)"""

from __future__ import annotations

import pytest
from app_helpers import app_windows
from PySide6.QtCore import QPoint, Qt

from gcm_collect.demo.generate import generate
from gcm_collect.i18n import set_language

ROW = 8  # pixels: widgets whose tops are this close are on one row


def tab_stops(window) -> list:
    """The widgets Tab visits, in order: focusable by Tab, shown, enabled."""
    stops, widget = [], window.nextInFocusChain()
    while widget is not window:
        if widget.focusPolicy() & Qt.TabFocus and widget.isVisibleTo(window):
            if widget.isEnabled() and widget.window() is window:
                stops.append(widget)
        widget = widget.nextInFocusChain()
    return stops


def out_of_order(window, rtl: bool) -> list[str]:
    found = []
    stops = tab_stops(window)
    for a, b in zip(stops, stops[1:], strict=False):
        pa, pb = a.mapTo(window, QPoint(0, 0)), b.mapTo(window, QPoint(0, 0))
        if rtl:  # compare right edges, as the eye moves from the right
            xa, xb = -(pa.x() + a.width()), -(pb.x() + b.width())
        else:
            xa, xb = pa.x(), pb.x()
        same_row = abs(pa.y() - pb.y()) <= ROW
        if (same_row and xb < xa) or (not same_row and pb.y() < pa.y()):
            found.append(
                f"{a.objectName() or type(a).__name__} -> {b.objectName() or type(b).__name__}"
            )
    return found


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_every_window_is_tabbed_in_reading_order(qtbot, store, lang):
    generate(store, 2, seed=1)
    set_language(lang)
    try:
        windows = app_windows(store)
        found = {}
        for name, window in windows.items():
            qtbot.addWidget(window)
            window.show()
            qtbot.waitExposed(window)
            assert len(tab_stops(window)) >= 2, name
            mirrored = window.layoutDirection() == Qt.RightToLeft
            assert mirrored == (lang == "ar"), name
            found[name] = out_of_order(window, rtl=lang == "ar")
    finally:
        set_language("en")
    assert {name: f for name, f in found.items() if f} == {}
