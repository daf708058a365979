"""The built-in form's XLSForm template opens in LibreOffice (when it is installed)."""

from __future__ import annotations

import pytest

from gcm_collect.ops.forms import write_template


@pytest.mark.slow
def test_template_converts_in_libreoffice_without_complaint(tmp_path, libreoffice):
    template = tmp_path / "survey.xlsx"
    write_template(template)
    converted = libreoffice(template, "csv", tmp_path).read_text("utf-8", errors="replace")
    # The first sheet (survey) came through whole: header and the last question are there.
    assert converted.startswith("type,name,")
    assert "practice_hub_consent" in converted
