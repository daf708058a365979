"""Form model: immutability, JSON round trip, stable hash, write_xlsform -> read_xlsform."""

from __future__ import annotations

import dataclasses
import json

import pytest
from forms_corpus import EN, FR, FULL_SURVEY, REGION
from openpyxl import load_workbook

from gcm_collect.forms import (
    ExpressionError,
    Form,
    form_from_sheets,
    make_path,
    parse_path,
    read_xlsform,
    write_xlsform,
)

SHEETS = {
    "survey": FULL_SURVEY
    + [{"type": "text", "name": "formula", EN: "=SUM(A1)", "constraint": ". != '=x'"}],
    "choices": [
        {"list_name": "yn", "name": "yes", EN: "Yes", FR: "Oui", "label::中文 (zh)": "是"},
        {"list_name": "yn", "name": "no", EN: "No", FR: "Non", "label::العربية (ar)": "لا"},
        *REGION,
    ],
    "settings": [
        {
            "form_id": "full",
            "version": "7",
            "form_title": "Full",
            "style": "pages",
            "default_language": "en",
        }
    ],
}


@pytest.fixture(scope="module")
def form():
    return form_from_sheets(SHEETS, "full.xlsx")


def test_model_is_immutable(form):
    with pytest.raises(dataclasses.FrozenInstanceError):
        form.version = "8"
    with pytest.raises(TypeError):
        form.settings["style"] = "x"
    with pytest.raises(TypeError):
        form.question("name").labels.values["en"] = "x"
    assert isinstance(form.children, tuple)


def test_json_round_trip_is_identical(form):
    text = form.to_json()
    again = Form.from_json(text)
    assert again == form and again.content_hash == form.content_hash
    assert again.to_json() == text  # rows included, so byte-identical
    assert again.question("name") == form.question("name")
    assert len(form.content_hash) == 64


def test_reading_without_parsing_expressions_keeps_the_form_and_parses_on_use(form):
    lazy = Form.from_json(form.to_json(), parse_expressions=False)
    assert lazy == form and lazy.content_hash == form.content_hash
    # parsed when first used, to the same tree as an eager read
    assert lazy.question("formula").constraint.node == form.question("formula").constraint.node
    data = json.loads(form.to_json())
    data["children"][0]["relevant"] = "1 +"
    del data["content_hash"]
    with pytest.raises(ExpressionError):  # an eager read refuses a malformed expression at once
        Form.from_json(json.dumps(data))
    broken = Form.from_json(json.dumps(data), parse_expressions=False)
    with pytest.raises(ExpressionError):  # a lazy one only where it is used
        _ = broken.children[0].relevant.node


def test_hash_changes_with_content_and_is_checked(form):
    data = json.loads(form.to_json())
    data["children"][0]["labels"]["en"] = "Changed"
    with pytest.raises(ValueError, match="content hash"):
        Form.from_json(json.dumps(data))
    del data["content_hash"]
    assert Form.from_json(json.dumps(data)).content_hash != form.content_hash


def test_hash_ignores_row_numbers_and_column_order():
    # (without a default_language setting the first language column would be the default)
    shifted = {**SHEETS, "survey": [(i + 40, r) for i, r in enumerate(SHEETS["survey"])]}
    reordered = {**SHEETS, "survey": [dict(reversed(list(r.items()))) for r in SHEETS["survey"]]}
    base = form_from_sheets(SHEETS, "a")
    assert form_from_sheets(shifted, "a").content_hash == base.content_hash
    assert form_from_sheets(reordered, "a").content_hash == base.content_hash


def test_write_then_read_gives_the_same_form(form, tmp_path):
    path = tmp_path / "out.xlsx"
    write_xlsform(form, path)
    again = read_xlsform(path)
    assert again.content_hash == form.content_hash
    assert again.languages == form.languages == ("en", "ar", "zh", "fr")  # default, then UN order
    assert again.question("formula").label("en") == ("=SUM(A1)", False)
    wb = load_workbook(path)
    assert wb.sheetnames == ["survey", "choices", "settings"]
    headers = [c.value for c in wb["survey"][1]]
    assert "label::English (en)" in headers and "label::Chinese (zh)" in headers
    # written again over the same file: atomic replace, no temporary left behind
    write_xlsform(again, path)
    assert [p.name for p in tmp_path.iterdir()] == ["out.xlsx"]


def test_paths():
    assert make_path("title", (("practices", "u1"),)) == "practices[u1]/title"
    assert parse_path("practices[u1]/partners[u2]/name") == (
        "name",
        (("practices", "u1"), ("partners", "u2")),
    )
    assert parse_path("focal") == ("focal", ())
    for bad in ("a/b", "a[x]/", "a[x]"):
        with pytest.raises(ValueError):
            parse_path(bad)
