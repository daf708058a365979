"""The same name in different groups or repeats, and duplicate choice names, as pyxform
allows them."""

from __future__ import annotations

from odk_corpus import errors, odk_book, warnings

from gcm_collect.forms import evaluate, read_xlsform

SETTINGS = [{"version": "1"}]


def group(kind: str, name: str, *rows: dict) -> list[dict]:
    return [
        {"type": f"begin_{kind}", "name": name, "label": name.title()},
        *rows,
        {"type": f"end_{kind}"},
    ]


def age(**columns: str) -> dict:
    return {"type": "integer", "name": "age", "label": "Age", **columns}


def test_the_same_name_in_two_groups_is_two_questions(tmp_path):
    survey = [*group("group", "head", age()), *group("group", "spouse", age())]
    path = odk_book(tmp_path / "odk.xlsx", survey, settings=SETTINGS)
    form = read_xlsform(path)
    assert [q.name for q in form.questions()] == ["age", "spouse.age"]
    (note,) = [w for w in warnings(path) if w.column == "name"]
    assert note.row == 6 and note.message.endswith("answers are kept as spouse.age")


def test_the_same_name_in_two_repeats_keeps_each_repeats_answers(tmp_path):
    survey = [
        *group("repeat", "child", age(constraint=". < 18")),
        *group("repeat", "adult", age(constraint=". >= 18")),
    ]
    form = read_xlsform(odk_book(tmp_path / "odk.xlsx", survey, settings=SETTINGS))
    answers = {"child[c1]/age": 9, "adult[a1]/adult.age": 40}
    result = evaluate(form, answers, {"child": ["c1"], "adult": ["a1"]}, "en")
    assert result.problems == ()
    wrong = evaluate(form, {"adult[a1]/adult.age": 9}, {"adult": ["a1"]}, "en")
    assert [p.path for p in wrong.problems] == ["adult[a1]/adult.age"]


def test_a_reference_to_a_name_used_twice_is_an_error_naming_both_rows(tmp_path):
    survey = [
        *group("group", "head", age()),
        *group("group", "spouse", age()),
        {"type": "note", "name": "n", "label": "Age ${age}"},
        {"type": "text", "name": "why", "label": "Why?", "relevant": "${age} > 90"},
    ]
    (error,) = errors(odk_book(tmp_path / "odk.xlsx", survey, settings=SETTINGS))
    assert (error.row, error.column) == (9, "relevant")
    assert "${age} could mean the questions of rows 3, 6" in error.message


def test_the_same_name_twice_in_one_group_stays_an_error(tmp_path):
    survey = group("group", "head", age(), age())
    (error,) = errors(odk_book(tmp_path / "odk.xlsx", survey, settings=SETTINGS))
    assert error.row == 4 and "already used on row 3" in error.message


CHOICES = [
    {"list_name": "yn", "name": "yes", "label": "Yes"},
    {"list_name": "yn", "name": "no", "label": "No"},
    {"list_name": "yn", "name": "yes", "label": "Yes, sure"},
]


def test_allow_choice_duplicates_offers_the_first_of_each_name(tmp_path):
    survey = [{"type": "select_one yn", "name": "ok", "label": "OK?"}]
    settings = [{"version": "1", "allow_choice_duplicates": "yes"}]
    path = odk_book(tmp_path / "odk.xlsx", survey, CHOICES, settings)
    form = read_xlsform(path)
    assert [c.name for c in form.choices_for(form.question("ok"))] == ["yes", "no"]
    (note,) = [w for w in warnings(path) if w.sheet == "choices"]
    assert note.row == 4 and "allow_choice_duplicates" in note.message


def test_duplicate_choices_without_the_setting_stay_an_error(tmp_path):
    survey = [{"type": "select_one yn", "name": "ok", "label": "OK?"}]
    (error,) = errors(odk_book(tmp_path / "odk.xlsx", survey, CHOICES, SETTINGS))
    assert error.row == 4 and "appears twice" in error.message
