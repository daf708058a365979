"""What a picture of a window must show, checked on the widgets' geometry: every label and button
shows its whole text, and labels stand before their fields in the reading direction (to their
right in Arabic)."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtWidgets import QAbstractButton, QLabel, QWidget


def _shown(widget: QWidget, window: QWidget) -> bool:
    return widget.isVisibleTo(window) and widget.width() > 0 and bool(widget.text())


def clipped(window: QWidget) -> list[str]:
    """The labels and buttons of ``window`` too small for their text (the picture cuts it)."""
    found = []
    for widget in [*window.findChildren(QLabel), *window.findChildren(QAbstractButton)]:
        if not _shown(widget, window):
            continue
        if isinstance(widget, QLabel) and widget.wordWrap():
            needed = (widget.width(), widget.heightForWidth(widget.width()))
        else:
            hint = widget.minimumSizeHint() if isinstance(widget, QLabel) else widget.sizeHint()
            needed = (hint.width(), hint.height())
        if needed[0] > widget.width() or needed[1] > widget.height():
            found.append(
                f"{type(widget).__name__} {widget.objectName()!r} {widget.text()!r}: "
                f"needs {needed[0]}x{needed[1]}, has {widget.width()}x{widget.height()}"
            )
    return found


def _rect(widget: QWidget, window: QWidget) -> QRect:
    return QRect(widget.mapTo(window, QPoint(0, 0)), widget.size())


def before(first: QWidget, second: QWidget, window: QWidget) -> bool:
    """Whether ``first`` comes before ``second`` in the window's reading direction."""
    a, b = _rect(first, window), _rect(second, window)
    if window.layoutDirection() == Qt.RightToLeft:
        return a.left() >= b.right()
    return a.right() <= b.left()


def out_of_reading_order(window: QWidget) -> list[str]:
    """Labels beside their field (same row) that do not stand before it when reading."""
    found = []
    for label in window.findChildren(QLabel):
        field = label.buddy()
        if field is None or not _shown(label, window) or not field.isVisibleTo(window):
            continue
        a, b = _rect(label, window), _rect(field, window)
        if not (a.top() < b.bottom() and b.top() < a.bottom()):
            continue  # the label sits above its field: no reading order to check
        if not before(label, field, window):
            found.append(f"{label.text()!r} ({a.left()}-{a.right()}) vs its field ({b.left()})")
    return found
