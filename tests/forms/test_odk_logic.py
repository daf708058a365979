"""No logic is dropped: every spelling pyxform reads for relevance, constraints, required and
their messages is read, and a column that would change the form but cannot be read stops it."""

from __future__ import annotations

import pytest
from odk_corpus import errors, odk_book, warnings

from gcm_collect.forms import read_xlsform

LOGIC = [
    {"type": "select_one yn", "name": "has_water", "label": "Clean water?"},
    {
        "type": "integer",
        "name": "wells",
        "label": "How many wells?",
        "RELEVANT": "${has_water} = 'yes'",
        "CONSTRAINT": ". >= 0 and . < 500",
        "MESSAGE": "Between 0 and 499",
        "REQUIRED": "yes",
    },
]


def _spelled(relevant: str, constraint: str, message: str, required: str) -> list[dict]:
    names = {"RELEVANT": relevant, "CONSTRAINT": constraint, "MESSAGE": message}
    names["REQUIRED"] = required
    return [{names.get(k, k): v for k, v in row.items()} for row in LOGIC]


@pytest.mark.parametrize(
    "headers",
    [
        ("bind:relevant", "bind:constraint", "bind:jr:constraintMsg", "bind:required"),
        ("bind::relevant", "bind::constraint", "bind::jr:constraintMsg", "bind::required"),
        ("relevance", "constraint", "jr:constraintMsg", "required"),
    ],
    ids=["one colon", "two colons", "plain"],
)
def test_relevance_constraint_required_and_message_are_kept_however_spelled(tmp_path, headers):
    path = odk_book(tmp_path / "odk.xlsx", _spelled(*headers))
    wells = read_xlsform(path).question("wells")
    assert wells.relevant.source == "${has_water} = 'yes'"
    assert wells.constraint.source == ". >= 0 and . < 500"
    assert wells.constraint_messages.get("en")[0] == "Between 0 and 499"
    assert wells.required is not None
    assert not [w for w in warnings(path) if w.column in headers]  # nothing "ignored"


def test_a_translated_constraint_message_under_bind_keeps_its_language(tmp_path):
    survey = [
        {
            "type": "integer",
            "name": "age",
            "label::English (en)": "Age",
            "label::Français (fr)": "Âge",
            "constraint": ". < 130",
            "bind::jr:constraintMsg::English (en)": "Too old",
            "bind::jr:constraintMsg::Français (fr)": "Trop âgé",
        }
    ]
    age = read_xlsform(odk_book(tmp_path / "odk.xlsx", survey)).question("age")
    assert age.constraint_messages.get("fr")[0] == "Trop âgé"


@pytest.mark.parametrize("column", ["bind::type", "bind:jr:preload", "trigger", "bind::odk:length"])
def test_a_column_that_changes_the_form_but_cannot_be_read_is_an_error(tmp_path, column):
    survey = [
        {"type": "text", "name": "a", "label": "A"},
        {"type": "text", "name": "b", "label": "B", column: "${a}"},
    ]
    path = odk_book(tmp_path / "odk.xlsx", survey)
    (error,) = errors(path)
    assert error.column == column and "cannot read it" in error.message


def test_descriptive_columns_are_ignored_with_a_warning_only(tmp_path):
    survey = [
        {
            "type": "text",
            "name": "a",
            "label": "A",
            "bind::oc:itemgroup": "g1",
            "body::accuracyThreshold": "5",
            "media::image": "a.png",
        }
    ]
    path = odk_book(tmp_path / "odk.xlsx", survey)
    assert errors(path) == []
    ignored = {w.column for w in warnings(path) if "ignored" in w.message}
    assert ignored == {"bind::oc:itemgroup", "body::accuracyThreshold", "media::image"}
