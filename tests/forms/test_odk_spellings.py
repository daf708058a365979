"""Type spellings pyxform reads, read with pyxform's meaning."""

from __future__ import annotations

import pytest
from odk_corpus import errors, odk_book

from gcm_collect.forms import evaluate, read_xlsform

SETTINGS = [{"version": "1"}]


@pytest.mark.parametrize(
    ("written", "qtype"),
    [
        ("select one from yn", "select_one"),
        ("select all that apply from yn", "select_multiple"),
        ("add select one prompt using yn", "select_one"),
        ("add select multiple prompt using yn", "select_multiple"),
        ("Select One From yn", "select_one"),
    ],
)
def test_legacy_select_spellings_ask_from_the_list(tmp_path, written, qtype):
    survey = [{"type": written, "name": "water", "label": "Clean water?"}]
    form = read_xlsform(odk_book(tmp_path / "odk.xlsx", survey, settings=SETTINGS))
    water = form.question("water")
    assert (water.type, water.list_name) == (qtype, "yn")


def test_a_select_without_its_list_repeats_what_to_write_not_the_author_text(tmp_path):
    survey = [{"type": "select one from", "name": "water", "label": "Clean water?"}]
    (error,) = errors(odk_book(tmp_path / "odk.xlsx", survey, settings=SETTINGS))
    assert "followed by a choice list name" in error.message


def test_imei_is_the_device_id_filled_in_by_the_app(tmp_path):
    survey = [{"type": "imei", "name": "device"}, {"type": "text", "name": "a", "label": "A"}]
    form = read_xlsform(odk_book(tmp_path / "odk.xlsx", survey, settings=SETTINGS))
    assert form.question("device").type == "deviceid"


def test_phone_number_takes_digits_only_unless_the_row_says_otherwise(tmp_path):
    survey = [
        {"type": "phone number", "name": "phone", "label": "Phone"},
        {
            "type": "phone number",
            "name": "intl",
            "label": "Phone",
            "constraint": "regex(., '^[+0-9 ]*$')",
        },
    ]
    form = read_xlsform(odk_book(tmp_path / "odk.xlsx", survey, settings=SETTINGS))
    assert form.question("phone").type == "text"

    def refused(answers: dict) -> set[str]:
        return {p.path for p in evaluate(form, answers, {}, "en").problems}

    assert refused({"phone": "0712345678", "intl": "+254 712 345678"}) == set()
    assert refused({"phone": "+254 712", "intl": "call me"}) == {"phone", "intl"}
