r"""Regenerate docs/examples/pivot-practices-by-objective.png (the picture in docs/reviewers.md).

Not a test and not part of the app: it drives LibreOffice to build the pivot table that
docs/reviewers.md describes ("Practices per objective per State, finalized only") from a real
exported workbook, and renders it to a PNG.

Needs LibreOffice (``soffice``), its Python bridge (``apt-get install python3-uno``, then run
this file with the system ``/usr/bin/python3``, which has ``uno``) and ``pdftoppm`` (poppler).
From the repository root::

    mkdir -p /tmp/pp
    PYTHONPATH=$PWD .venv/bin/python -m gcm_collect --db /tmp/pp/db.sqlite3 demo \
        --submissions 30 --seed 4
    PYTHONPATH=$PWD .venv/bin/python -m gcm_collect --db /tmp/pp/db.sqlite3 export \
        --out /tmp/pp/review.xlsx --lang en --status draft --status complete --status finalized
    /usr/bin/python3 docs/examples/make_pivot_picture.py /tmp/pp/review.xlsx \
        docs/examples/pivot-practices-by-objective.png

It starts its own headless LibreOffice (own profile in the work folder, UNO socket on
127.0.0.1 only), opens the workbook, adds a sheet "Pivot" with a real DataPilot (pivot table)
on "Practice × objective" (rows ``_state:label``, columns ``code``, data Count of ``_instance``,
page field ``_status`` = ``finalized``), saves that as ``review-pivot.xlsx`` in the work folder,
reopens the saved .xlsx, exports the pivot sheet to PDF (one page sized to its content) and
converts it with ``pdftoppm``. LibreOffice is stopped at the end. The only touch not in
LibreOffice's defaults is for the picture: optimal column widths and centred objective columns.
"""

from __future__ import annotations

import argparse
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import uno  # type: ignore[import-not-found]  # system python3-uno, not in the project venv
from com.sun.star.beans import PropertyValue  # type: ignore[import-not-found]
from com.sun.star.connection import NoConnectException  # type: ignore[import-not-found]
from com.sun.star.sheet.DataPilotFieldOrientation import (  # type: ignore[import-not-found]
    COLUMN,
    DATA,
    PAGE,
    ROW,
)
from com.sun.star.sheet.DataPilotOutputRangeType import TABLE  # type: ignore[import-not-found]
from com.sun.star.sheet.GeneralFunction import COUNT  # type: ignore[import-not-found]
from com.sun.star.table import CellAddress, CellRangeAddress  # type: ignore[import-not-found]
from com.sun.star.table.CellHoriJustify import CENTER  # type: ignore[import-not-found]

SOURCE_SHEET = "Practice × objective"
PIVOT_SHEET = "Pivot"
HEADER_ROW = 1  # 0-based: row 2 holds the stable names used as pivot field names


def props(**kwargs: object) -> tuple:
    out = []
    for name, value in kwargs.items():
        p = PropertyValue()
        p.Name = name
        p.Value = value
        out.append(p)
    return tuple(out)


def start_office(workdir: Path, port: int) -> tuple[subprocess.Popen, object]:
    with socket.socket() as s:
        if s.connect_ex(("127.0.0.1", port)) == 0:
            sys.exit(f"port {port} is in use; pass --port")
    profile = (workdir / "lo-profile").resolve().as_uri()
    proc = subprocess.Popen(
        [
            "soffice",
            f"-env:UserInstallation={profile}",
            "--headless",
            "--invisible",
            "--norestore",
            "--nologo",
            f"--accept=socket,host=127.0.0.1,port={port};urp;",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext(
        "com.sun.star.bridge.UnoUrlResolver", local
    )
    for _ in range(120):
        try:
            ctx = resolver.resolve(
                f"uno:socket,host=127.0.0.1,port={port};urp;StarOffice.ComponentContext"
            )
            break
        except NoConnectException:
            time.sleep(0.5)
    else:
        proc.kill()
        sys.exit("LibreOffice did not start")
    desktop = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
    return proc, desktop


def add_pivot(doc: object) -> None:
    sheets = doc.Sheets
    src = sheets.getByName(SOURCE_SHEET)
    src_index = list(sheets.ElementNames).index(SOURCE_SHEET)
    cursor = src.createCursor()
    cursor.gotoEndOfUsedArea(False)
    end = cursor.RangeAddress
    sheets.insertNewByName(PIVOT_SHEET, len(sheets.ElementNames))
    pivot_index = list(sheets.ElementNames).index(PIVOT_SHEET)
    tables = sheets.getByName(PIVOT_SHEET).DataPilotTables
    desc = tables.createDataPilotDescriptor()
    desc.SourceRange = CellRangeAddress(src_index, 0, HEADER_ROW, end.EndColumn, end.EndRow)
    fields = desc.DataPilotFields
    fields.getByName("_state:label").Orientation = ROW
    fields.getByName("code").Orientation = COLUMN
    data = fields.getByName("_instance")
    data.Orientation = DATA
    data.Function = COUNT
    fields.getByName("_status").Orientation = PAGE
    tables.insertNewByName("PracticesByObjective", CellAddress(pivot_index, 0, 0), desc)
    # Keep only "finalized" in the page (filter) field. Setting SelectedPage does not take
    # (LibreOffice 7.4 has no members listed yet at that point), hiding the other items does.
    items = tables.getByName("PracticesByObjective").DataPilotFields.getByName("_status").Items
    for name in items.ElementNames:
        if name != "finalized":
            items.getByName(name).IsHidden = True


def export_pdf(doc: object, pdf: Path, margin: int = 300) -> None:
    """Export only the pivot sheet, on one page the size of its content (1/100 mm)."""
    sheets = doc.Sheets
    sheet = sheets.getByName(PIVOT_SHEET)
    sheet.IsVisible = True
    for name in sheets.ElementNames:
        if name != PIVOT_SHEET:
            sheets.getByName(name).IsVisible = False  # hidden sheets are not exported
    cursor = sheet.createCursor()
    cursor.gotoEndOfUsedArea(False)
    end = cursor.RangeAddress
    used = sheet.getCellRangeByPosition(0, 0, end.EndColumn, end.EndRow)
    used.Columns.OptimalWidth = True  # the .xlsx round trip keeps narrow default widths
    # Readability only: centre the objective columns, whose numbered headings LibreOffice
    # puts left and counts right, so that each count stands under its objective.
    table = sheet.DataPilotTables.getByIndex(0).getOutputRangeByType(TABLE)
    sheet.getCellRangeByPosition(
        table.StartColumn + 1, table.StartRow, table.EndColumn - 1, table.EndRow
    ).HoriJustify = CENTER
    size = used.Size
    styles = doc.StyleFamilies.getByName("PageStyles")
    style = doc.createInstance("com.sun.star.style.PageStyle")
    styles.insertByName("PivotPicture", style)
    style.HeaderIsOn = False
    style.FooterIsOn = False
    style.LeftMargin = style.RightMargin = style.TopMargin = style.BottomMargin = margin
    style.Width = size.Width + 2 * margin + 500
    style.Height = size.Height + 2 * margin + 100
    style.PageScale = 100
    sheet.PageStyle = "PivotPicture"
    doc.storeToURL(pdf.resolve().as_uri(), props(FilterName="calc_pdf_Export"))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("workbook", type=Path, help="an exported reviewer workbook (.xlsx)")
    ap.add_argument("png", type=Path, help="where to write the picture")
    ap.add_argument("--workdir", type=Path, help="work folder (default: a temporary one)")
    ap.add_argument("--port", type=int, default=2002, help="UNO port on 127.0.0.1")
    ap.add_argument("--dpi", type=int, default=80)
    args = ap.parse_args()

    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="pivotpic-"))
    workdir.mkdir(parents=True, exist_ok=True)
    copy = workdir / "review-pivot.xlsx"
    pdf = workdir / "pivot.pdf"
    proc, desktop = start_office(workdir, args.port)
    try:
        doc = desktop.loadComponentFromURL(
            args.workbook.resolve().as_uri(), "_blank", 0, props(Hidden=True)
        )
        add_pivot(doc)
        doc.storeToURL(copy.resolve().as_uri(), props(FilterName="Calc MS Excel 2007 XML"))
        doc.close(True)
        # Render from the saved .xlsx, i.e. the pivot as a reviewer's file keeps it.
        doc = desktop.loadComponentFromURL(copy.resolve().as_uri(), "_blank", 0, props(Hidden=True))
        if not doc.Sheets.getByName(PIVOT_SHEET).DataPilotTables.ElementNames:
            sys.exit("the saved .xlsx has no pivot table")
        export_pdf(doc, pdf)
        doc.close(True)
    finally:
        try:
            desktop.terminate()
        except Exception:  # noqa: BLE001 - the bridge drops when soffice exits
            pass
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
    stem = workdir / "pivot"
    subprocess.run(
        ["pdftoppm", "-png", "-r", str(args.dpi), "-singlefile", str(pdf), str(stem)], check=True
    )
    shutil.copyfile(f"{stem}.png", args.png)
    print(f"{args.png} ({os.path.getsize(args.png)} bytes); pivot workbook: {copy}")


if __name__ == "__main__":
    main()
