"""Babel extractor for Qt Designer files (entry point ``gcm_ui``).

Yields every ``<string>`` text of a ``.ui`` file except those marked ``notr="true"`` (shortcuts,
names that are not language). The app shows them through ``_`` when it loads the file
(``gcm_collect.app.uiloader``), so they are ordinary entries of the ``messages`` catalogs.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from defusedxml import ElementTree


def extract_ui(
    fileobj: Any, keywords: Any, comment_tags: Any, options: dict[str, Any]
) -> Iterator[tuple[int, str | None, str, list[str]]]:
    """Babel's extractor protocol: (line number, function name, message, comments)."""
    data = fileobj.read()
    text = data.decode("utf-8") if isinstance(data, bytes) else data
    lines = _line_finder(text)
    root = ElementTree.fromstring(text)
    for element in root.iter("string"):
        message = element.text or ""
        if element.get("notr", "").lower() == "true" or not message.strip():
            continue
        comment = element.get("comment")
        yield lines(message), None, message, [comment] if comment else []


def _line_finder(text: str):
    """Line numbers by the text's first unused occurrence (ElementTree keeps no lines)."""
    seen: dict[str, int] = {}

    def line_of(message: str) -> int:
        escaped = message.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        start = seen.get(message, 0)
        at = text.find(f">{escaped}<", start)
        if at < 0:
            return 0
        seen[message] = at + 1
        return text.count("\n", 0, at) + 1

    return line_of
