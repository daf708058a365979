"""openpyxl stays on the standard library's XML even with lxml installed (python-docx brings
it): the writer streams rows into et_xmlfile's writer, which lxml's cannot take."""

from __future__ import annotations

import subprocess
import sys

from openpyxl import load_workbook


def test_openpyxl_is_kept_off_lxml_whatever_is_installed():
    shown = subprocess.run(
        [sys.executable, "-c", "import gcm_collect, openpyxl.xml; print(openpyxl.xml.LXML)"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert shown.stdout.strip() == "False"


def test_an_export_is_written_with_lxml_installed(tmp_path):
    db, out = tmp_path / "db.sqlite3", tmp_path / "review.xlsx"
    export = ("export", "--out", str(out), "--status", "draft")
    for args in (("demo", "--submissions", "2"), export):
        done = subprocess.run(
            [sys.executable, "-m", "gcm_collect", "--db", str(db), *args],
            capture_output=True,
            text=True,
        )
        assert done.returncode == 0, done.stderr
    assert load_workbook(out, read_only=True).sheetnames
