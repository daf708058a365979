"""A document as one HTML page in the rich-text subset Qt lays out, for the app's print preview
and printing (Qt shapes Arabic and finds the fonts on screen and paper alike)."""

from __future__ import annotations

import html

from gcm_collect.documents.model import (
    Answer,
    Document,
    Heading,
    PageBreak,
    Para,
    Table,
    right_to_left,
)

FLAG_COLOUR = "#b3261e"


def to_html(document: Document) -> str:
    e = html.escape
    direction = "rtl" if document.rtl else "ltr"
    align = "right" if document.rtl else "left"
    out = [f'<html dir="{direction}"><body dir="{direction}">']
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
                "note": ' style="font-size:small; font-style:italic;"',
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
            total = sum(block.widths) if block.widths else len(block.header)
            widths = block.widths or (1.0,) * len(block.header)
            header, rows = block.header, block.rows
            if document.rtl:
                # Qt lays every table out left to right, whatever its dir: the columns are
                # mirrored here, so a row starts on the right and reads in order.
                widths, header = widths[::-1], header[::-1]
                rows = tuple(row[::-1] for row in rows)
            out.append(
                f'<table dir="{direction}" border="1" cellspacing="0" cellpadding="4" '
                'width="100%" style="border-collapse:collapse;">'
            )
            out.append("<thead><tr>")
            for cell, width in zip(header, widths, strict=True):
                out.append(
                    f'<th width="{round(100 * width / total)}%" align="{align}" '
                    f'bgcolor="#e6eaf0">{text(cell)}</th>'
                )
            out.append("</tr></thead>")
            for row in rows:
                cells = "".join(
                    f'<td align="{align}"><p dir="{direction}">{mark}{text(c)}</p></td>'
                    for c in row
                )
                out.append(f"<tr>{cells}</tr>")
            out.append("</table>")
        elif isinstance(block, PageBreak):
            out.append('<p style="page-break-after:always;"></p>')
    out.append("</body></html>")
    return "\n".join(out)
