"""``--skip-unsupported``: a borrowed field form with a GPS or photo question becomes usable on
a laptop, without the questions it cannot ask, unless something refers to them."""

from __future__ import annotations

import subprocess
import sys

import pytest
from odk_corpus import errors, odk_book

from gcm_collect.forms import check_xlsform, load_xlsform
from gcm_collect.ops.forms import import_form
from gcm_collect.store import Store

SETTINGS = [{"form_id": "field", "version": "1"}]
FIELD_FORM = [
    {"type": "text", "name": "village", "label": "Village"},
    {"type": "geopoint", "name": "where", "label": "Location"},
    {"type": "image", "name": "photo", "label": "Photo of the well"},
    {"type": "integer", "name": "depth", "label": "Depth (m)"},
]


def test_questions_a_laptop_cannot_ask_are_left_out_and_listed(tmp_path):
    path = odk_book(tmp_path / "field.xlsx", FIELD_FORM, settings=SETTINGS)
    assert len(errors(path)) == 2  # without the option: refused, as before
    form, warnings = load_xlsform(path, skip_unsupported=True)
    assert [q.name for q in form.questions()] == ["village", "depth"]
    assert [(w.row, w.left_out) for w in warnings if w.left_out] == [(3, "where"), (4, "photo")]
    with Store.open(tmp_path / "db.sqlite3") as store:
        imported = import_form(store, path, skip_unsupported=True)
    assert imported.skipped == ("where", "photo")


def test_a_left_out_question_another_row_refers_to_is_refused_naming_both(tmp_path):
    survey = [
        *FIELD_FORM,
        {"type": "note", "name": "n", "label": "Here", "relevant": "${where} != ''"},
    ]
    path = odk_book(tmp_path / "field.xlsx", survey, settings=SETTINGS)
    problems = check_xlsform(path, skip_unsupported=True)
    (error,) = [p for p in problems if p.severity == "error"]
    assert (error.row, error.column) == (6, "relevant")
    assert "${where} is the geopoint question of row 3" in error.message


@pytest.mark.slow
def test_form_import_skip_unsupported_lists_what_it_left_out(tmp_path):
    path = odk_book(tmp_path / "field.xlsx", FIELD_FORM, settings=SETTINGS)
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "gcm_collect",
            "--db",
            str(tmp_path / "db.sqlite3"),
            "form",
            "import",
            "--skip-unsupported",
            str(path),
        ],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == [
        "imported form field version 1",
        "left out 2 questions: where, photo",
    ]
