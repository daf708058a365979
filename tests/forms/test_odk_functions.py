"""ODK's functions, evaluated as the ODK XForms specification says, in forms read from real
workbooks: what a form author who wrote them for ODK Collect sees in the form window."""

from __future__ import annotations

import re
from datetime import date

import pytest
from odk_corpus import errors, odk_book

from gcm_collect.forms import Session, evaluate, read_xlsform

EN, FR = "label::English (en)", "label::Français (fr)"


def row(qtype: str, name: str, en: str = "", fr: str = "", **columns: str) -> dict:
    return {"type": qtype, "name": name, **({EN: en, FR: fr} if en else {}), **columns}


def calculate(name: str, calculation: str) -> dict:
    return row("calculate", name, calculation=calculation)


CROPS = [
    {"list_name": "crop", "name": "maize", EN: "Maize", FR: "Maïs"},
    {"list_name": "crop", "name": "rice", EN: "Rice", FR: "Riz"},
]
MOMENT = "'2026-03-05T07:04:09.250+01:00'"
SURVEY = [
    row("text", "village", "Village", "Village"),
    row("select_one crop", "main_crop", "Main crop", "Culture"),
    calculate("crop_label", "jr:choice-name(${main_crop}, '${main_crop}')"),
    row("begin_repeat", "member", "Member", "Membre"),
    row("text", "first_name", "Name", "Nom"),
    row("integer", "age", "Age", "Âge"),
    {"type": "end_repeat"},
    calculate("second", "indexed-repeat(${first_name}, ${member}, 2)"),
    calculate("names", "join(', ', ${first_name})"),
    calculate("oldest", "max(${age})"),
    calculate("youngest", "min(${age})"),
    calculate("initials", "substr(${village}, 0, 3)"),
    calculate("tail", "substr(${village}, 2)"),
    calculate("started", "once(now())"),
    calculate("visit", f"format-date-time({MOMENT}, '%Y/%m/%d %H:%M:%S.%3 %e %n %h %b')"),
]
INSTANCES = {"member": ["u1", "u2", "u3"]}
ANSWERS = {
    "village": "Kibera",
    "main_crop": "rice",
    "member[u1]/first_name": "Amina",
    "member[u1]/age": 34,
    "member[u2]/first_name": "Baraka",
    "member[u2]/age": 7,
    "member[u3]/first_name": "Chausiku",
    "member[u3]/age": 61,
}


@pytest.fixture(scope="module")
def form(tmp_path_factory):
    path = tmp_path_factory.mktemp("odk") / "odk.xlsx"
    return read_xlsform(odk_book(path, SURVEY, CROPS, [{"version": "1"}]))


def calculated(form, lang="en", answers=ANSWERS, instances=INSTANCES):
    return evaluate(form, answers, instances, lang, today=date(2026, 3, 5)).calculated


def test_jr_choice_name_shows_the_chosen_label_in_the_form_language(form):
    assert calculated(form)["crop_label"] == "Rice"
    assert calculated(form, "fr")["crop_label"] == "Riz"


def test_indexed_repeat_reads_the_second_member(form):
    assert calculated(form)["second"] == "Baraka"
    reordered = {"member": ["u3", "u1", "u2"]}
    assert calculated(form, instances=reordered)["second"] == "Amina"
    assert "second" not in calculated(form, instances={"member": ["u1"]})  # no second: empty


def test_join_min_max_over_a_repeat(form):
    got = calculated(form)
    assert got["names"] == "Amina, Baraka, Chausiku"
    assert (got["oldest"], got["youngest"]) == (61, 7)


def test_max_is_empty_while_an_age_is_missing_as_in_odk(form):
    answers = {k: v for k, v in ANSWERS.items() if k != "member[u2]/age"}
    assert "oldest" not in calculated(form, answers=answers)  # NaN, shown as nothing


def test_substr_counts_from_zero_and_end_is_left_out(form):
    got = calculated(form)
    assert (got["initials"], got["tail"]) == ("Kib", "bera")


def test_format_date_time_identifiers(form):
    assert calculated(form)["visit"] == "2026/03/05 07:04:09.250 5 3 7 Mar"


def test_once_keeps_the_first_time_it_was_calculated(form):
    session = Session(form, ANSWERS, INSTANCES, "en")
    first = session.evaluation().calculated["started"]
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}[+-]\d\d:\d\d", first)
    later = session.set_answer("village", "Mathare").calculated["started"]
    assert later == first
    # a value that came with the submission (a Kobo export) is kept as it is
    kept = {**ANSWERS, "started": "2025-01-01T09:00:00.000+03:00"}
    assert calculated(form, answers=kept)["started"] == "2025-01-01T09:00:00.000+03:00"


@pytest.mark.parametrize(
    ("calculation", "said"),
    [
        ("indexed-repeat(${first_name}, 2)", "takes 3 to 7 argument(s), not 2"),
        ("indexed-repeat(${village}, ${member}, 1)", "indexed-repeat() takes a question"),
        ("jr:choice-name(${main_crop}, ${main_crop})", "the question in quotes"),
        ("jr:choice-name(${main_crop}, '${nowhere}')", "unknown question ${nowhere}"),
    ],
)
def test_odk_functions_written_wrong_name_the_row(tmp_path, calculation, said):
    survey = [*SURVEY[:7], calculate("c", calculation)]
    (error,) = errors(odk_book(tmp_path / "odk.xlsx", survey, CROPS, [{"version": "1"}]))
    assert (error.row, error.column) == (9, "calculation") and said in error.message


def test_every_format_date_time_identifier_and_what_is_kept_as_written():
    from datetime import datetime

    from gcm_collect.forms.expressions.odk import format_moment

    moment = datetime(2026, 3, 5, 17, 4, 9, 250_000)  # a Thursday
    pattern = "%Y %y %m %n %d %e %H %h %M %S %3 %b %a %q 100%"
    assert format_moment(moment, pattern, "en") == (
        "2026 26 03 3 05 5 17 17 04 09 250 Mar Thu %q 100%"
    )
    assert format_moment(moment, "%a %b", "fr") == "jeu. mars"
