r"""Regenerate docs/examples/comment-libreoffice-<lang>.png: a reviewer's comment on an answer
cell of an exported workbook, as LibreOffice Calc shows it (docs/reviewers.md, "Reviewing and
returning a survey").

Not a test and not part of the app. From the repository root::

    .venv/bin/python docs/examples/make_comment_picture.py en docs/examples
    .venv/bin/python docs/examples/make_comment_picture.py ar docs/examples

It exports three demo submissions with the app's own export (``export_workbook``, in the
language given), puts a note on one submission's *Reporting period* cell of the Submissions sheet
(openpyxl writes the same note LibreOffice's *Insert ▸ Comment* does), marks the note shown (as
*Show Comment* does, so that it prints), has LibreOffice (``soffice --headless``) print the
workbook to PDF, and renders the page with the note with ``pdftoppm``, cropped to the note and
the cells around it with ``convert`` (ImageMagick).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
# gcm_collect keeps openpyxl off lxml (its fast row writer needs the standard library's XML).
os.environ["OPENPYXL_LXML"] = "False"

RESOLUTION = 150
NOTE = {
    "en": ("Lars Berg", "Which ministry leads? Please name it."),
    "ar": ("Lars Berg", "ما الوزارة التي تقود؟ يرجى ذكر اسمها."),
}


def workbook_with_note(folder: Path, lang: str) -> Path:
    from openpyxl import load_workbook
    from openpyxl.comments import Comment

    from gcm_collect.demo import generate
    from gcm_collect.export import export_workbook
    from gcm_collect.ops.forms import ensure_builtin
    from gcm_collect.store import Store
    from gcm_collect.workbook import read_export

    path = folder / f"export-{lang}.xlsx"
    with Store.open(folder / "officer.sqlite") as store:
        ensure_builtin(store)
        generate(store, 3, seed=4)
        export_workbook(store, path, lang=lang)
    sheet = read_export(path).meta.sheet("submissions").name
    wb = load_workbook(path)
    ws = wb[sheet]
    names = [c.value for c in ws[2]]
    author, text = NOTE[lang]
    note = Comment(text, author, width=260, height=90)
    ws.cell(3, names.index("reporting_period") + 1).comment = note
    wb.save(path)
    _show_notes(path)
    return path


def _show_notes(path: Path) -> None:
    """Notes are written hidden (shown on hover); a shown note prints, as in LibreOffice."""
    shown = path.with_suffix(".shown.xlsx")
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(shown, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            data = src.read(item)
            if item.filename.endswith(".vml"):
                data = data.replace(b"visibility:hidden", b"visibility:visible")
            dst.writestr(item, data)
    shown.replace(path)


def render(path: Path, out: Path, lang: str) -> Path:
    folder = path.parent
    profile = folder / "lo-profile"
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(folder),
            str(path),
        ],
        check=True,
        capture_output=True,
    )
    pdf = path.with_suffix(".pdf")
    # The first page of the Submissions sheet: its row-2 names are the same in every language.
    page, (x0, y0, x1, y1) = _note_on(pdf, "_index")
    # The note, the cell it is on and the rows around them (PDF points; pdftoppm crops in
    # pixels): LibreOffice shows it at the top left of the sheet, its line pointing at its cell.
    width, height = 700.0, 140.0
    top = max(0.0, y0 - 60)
    left = max(0.0, x1 + 6 - width) if lang == "ar" else max(0.0, x0 - 6)  # right to left
    scale = RESOLUTION / 72
    target = out / f"comment-libreoffice-{lang}"
    subprocess.run(
        [
            "pdftoppm",
            "-png",
            "-singlefile",
            "-r",
            str(RESOLUTION),
            "-f",
            str(page),
            "-l",
            str(page),
            "-x",
            str(int(left * scale)),
            "-y",
            str(int(top * scale)),
            "-W",
            str(int(width * scale)),
            "-H",
            str(int(height * scale)),
            str(pdf),
            str(target),
        ],
        check=True,
    )
    return target.with_suffix(".png")


def _note_on(pdf: Path, word: str) -> tuple[int, tuple[float, float, float, float]]:
    """The first page showing ``word``, and its box (points)."""
    from xml.etree import ElementTree

    html = subprocess.run(
        ["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    root = ElementTree.fromstring(html.replace("<!DOCTYPE", "<!-- ").replace('dtd">', 'dtd" -->'))
    ns = {"x": "http://www.w3.org/1999/xhtml"}
    for number, page in enumerate(root.iter("{http://www.w3.org/1999/xhtml}page"), start=1):
        words = list(page.iterfind("x:word", ns))
        for i, found in enumerate(words):
            if found.text == word:
                line = [
                    w for w in words[i:] if abs(float(w.get("yMin")) - float(found.get("yMin"))) < 2
                ]
                box = [float(found.get(k)) for k in ("xMin", "yMin", "xMax", "yMax")]
                box[2] = max(float(w.get("xMax")) for w in line)
                return number, (box[0], box[1], box[2], box[3])
    raise SystemExit(f"{pdf}: no page shows the note")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("lang", choices=sorted(NOTE))
    parser.add_argument("out", type=Path)
    args = parser.parse_args()
    if shutil.which("soffice") is None:
        raise SystemExit("LibreOffice (soffice) is needed")
    with tempfile.TemporaryDirectory() as tmp:
        print(render(workbook_with_note(Path(tmp), args.lang), args.out, args.lang))


if __name__ == "__main__":
    main()
