"""A document as one HTML page in the rich-text subset Qt lays out, for the app's print preview
and printing (Qt shapes Arabic and finds the fonts on screen and paper alike)."""

from __future__ import annotations

import html
from collections.abc import Callable

from gcm_collect.documents.model import (
    Answer,
    Document,
    Heading,
    PageBreak,
    Para,
    Table,
    marked,
    right_to_left,
)

FLAG_COLOUR = "#b3261e"
NOTE = ' style="font-size:small; font-style:italic;"'


def to_html(document: Document) -> str:
    e = html.escape
    direction = "rtl" if document.rtl else "ltr"
    align = "right" if document.rtl else "left"
    out = [f'<html dir="{direction}"><body dir="{direction}">']
    numbered = 0  # notes numbered so far, printed under their tables
    mark = "\u200f" if document.rtl else ""  # a right-to-left mark opens each cell and heading

    def text(value: str) -> str:
        lines = [e(line) for line in value.split("\n")]
        if document.rtl and not right_to_left(value):
            # Isolated (FSI ... PDI): a Latin answer keeps its own order in an Arabic page.
            lines = [f"\u2068{line}\u2069" for line in lines]
        return "<br>".join(lines)

    for block in document.blocks:
        if isinstance(block, Heading):
            level = min(block.level + 1, 4)
            out.append(
                f'<h{level} dir="{direction}" align="{align}">{mark}{text(block.text)}</h{level}>'
            )
        elif isinstance(block, Para):
            style = {
                "flag": f' style="color:{FLAG_COLOUR}; font-weight:bold;"',
                "note": NOTE,
            }.get(block.style, "")
            out.append(f'<p dir="{direction}" align="{align}"{style}>{text(block.text)}</p>')
        elif isinstance(block, Answer):
            out.append(f'<p dir="{direction}" align="{align}"><b>{text(block.label)}</b>')
            if block.text:
                out.append(f"<br>{text(block.text)}")
            if block.flag:
                out.append(f'<br><span style="color:{FLAG_COLOUR};">{text(block.flag)}</span>')
            out.append("</p>")
        elif isinstance(block, Table):
            rows, notes, numbered = marked(block, numbered)
            out += _table(block, rows, document.rtl, text)
            out += [f'<p dir="{direction}" align="{align}"{NOTE}>{text(n)}</p>' for n in notes]
        elif isinstance(block, PageBreak):
            out.append('<p style="page-break-after:always;"></p>')
    out.append("</body></html>")
    return "\n".join(out)


def _table(table: Table, rows: list[list[str]], rtl: bool, text: Callable[[str], str]) -> list[str]:
    """The table's HTML; right to left, its columns mirrored: Qt lays every table out left
    to right whatever its dir, so a row starts on the right and reads in order."""
    direction, align = ("rtl", "right") if rtl else ("ltr", "left")
    mark = "\u200f" if rtl else ""  # a right-to-left mark opens each cell
    total = sum(table.widths) if table.widths else len(table.header)
    widths, header = table.widths or (1.0,) * len(table.header), table.header
    if rtl:
        widths, header = widths[::-1], header[::-1]
        rows = [row[::-1] for row in rows]
    out = [
        f'<table dir="{direction}" border="1" cellspacing="0" cellpadding="4" '
        'width="100%" style="border-collapse:collapse;">',
        "<thead><tr>",
    ]
    for cell, width in zip(header, widths, strict=True):
        out.append(
            f'<th width="{round(100 * width / total)}%" align="{align}" '
            f'bgcolor="#e6eaf0">{text(cell)}</th>'
        )
    out.append("</tr></thead>")
    for row in rows:
        cells = "".join(
            f'<td align="{align}"><p dir="{direction}">{mark}{text(c)}</p></td>' for c in row
        )
        out.append(f"<tr>{cells}</tr>")
    out.append("</table>")
    return out
