"""What ``form check`` says: each line marked error or warning, a count at the end, and
expressions an ODK author writes answered with what to change."""

from __future__ import annotations

import subprocess
import sys

import pytest
from odk_corpus import errors, odk_book

SURVEY = [
    {"type": "text", "name": "village", "label": "Village"},
    {"type": "geopoint", "name": "where", "label": "Where?"},  # an error
    {"type": "note", "name": "n", "label": "Note", "appearance": "likert"},  # a warning
]


def check(path):
    return subprocess.run(
        [sys.executable, "-m", "gcm_collect", "form", "check", str(path)],
        capture_output=True,
        text=True,
    )


@pytest.mark.slow
def test_form_check_marks_each_line_and_counts_them(tmp_path):
    path = odk_book(tmp_path / "odk.xlsx", SURVEY, settings=[{"version": "1"}])
    result = check(path)
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert f"{path}: survey row 3, column type: error: type geopoint is not supported" in lines[0]
    assert f"{path}: survey row 4, column appearance: warning: appearance likert" in lines[1]
    assert lines[-1] == f"{path}: 1 error, 1 warning"
    assert result.stderr == ""


@pytest.mark.slow
def test_a_clean_form_says_so_and_exits_zero(tmp_path):
    path = odk_book(tmp_path / "odk.xlsx", SURVEY[:1], settings=[{"version": "1"}])
    result = check(path)
    assert (result.returncode, result.stdout) == (0, f"{path}: 0 errors, 0 warnings\n")


@pytest.mark.parametrize(
    ("relevant", "said"),
    [
        ("${village} = ‘Kibera’", "curly quote ‘ at position 14: use straight quotes"),
        ("${village} = “Kibera”", "curly quote “ at position 14: use straight quotes"),
        ("jr:itext('x') = 'y'", "jr:itext() is an ODK extension GCM Collect does not evaluate"),
        (
            "instance('villages')/root/item[name = ${village}]/size > 3",
            "instance() looks answers up in lists outside the form",
        ),
        ("pulldata('f', 'c', 'k', ${village}) = 'y'", "pulldata() reads a CSV file on a phone"),
        ("/data/village = 'x'", "XPath paths are not read; refer to a question as ${name}"),
    ],
)
def test_odk_expressions_get_a_message_saying_what_to_change(tmp_path, relevant, said):
    survey = [SURVEY[0], {"type": "text", "name": "b", "label": "B", "relevant": relevant}]
    (error,) = errors(odk_book(tmp_path / "odk.xlsx", survey))
    assert (error.row, error.column) == (3, "relevant")
    assert said in error.message and "unexpected character" not in error.message
