"""The built-in form's XLSForm template opens in LibreOffice (when it is installed)."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from gcm_collect.ops.forms import write_template

soffice = shutil.which("soffice") or shutil.which("libreoffice")


@pytest.mark.slow
@pytest.mark.skipif(soffice is None, reason="LibreOffice is not installed")
def test_template_converts_in_libreoffice_without_complaint(tmp_path):
    template = tmp_path / "survey.xlsx"
    write_template(template)
    result = subprocess.run(
        [
            soffice,
            "--headless",
            f"-env:UserInstallation=file://{tmp_path}/lo",
            "--convert-to",
            "csv",
            "--outdir",
            str(tmp_path),
            str(template),
        ],
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert result.returncode == 0, result.stderr
    converted = (tmp_path / "survey.csv").read_text("utf-8", errors="replace")
    # The first sheet (survey) came through whole: header and the last question are there.
    assert converted.startswith("type,name,")
    assert "practice_consent" in converted
