"""A corpus of small XLSForm workbooks: every type, column and error class, read for real."""

from __future__ import annotations

import pytest
from forms_corpus import EN, FR, FULL_SURVEY, REGION

from gcm_collect.errors import UserError
from gcm_collect.forms import (
    FormError,
    Group,
    Question,
    check_xlsform,
    form_from_sheets,
    read_xlsform,
)


def test_every_type_and_column(xlsform):
    path = xlsform(
        FULL_SURVEY,
        choices=[
            {"list_name": "yn", "name": "yes", EN: "Yes", FR: "Oui"},
            {"list_name": "yn", "name": "no", EN: "No", FR: "Non"},
            *REGION,
        ],
        settings=[
            {
                "form_id": "full",
                "version": 2024010101,
                "form_title::English (en)": "Full",
                "form_title::Français (fr)": "Complet",
                "default_language": "English (en)",
                "style": "pages",
            }
        ],
    )
    form = read_xlsform(path)
    assert (form.form_id, form.version, form.default_language) == ("full", "2024010101", "en")
    assert form.languages == ("en", "fr")
    assert form.label("fr") == ("Complet", False)
    assert dict(form.settings) == {"style": "pages"}
    name = form.question("name")
    assert name.type == "text" and name.required.source == "true()"
    assert name.label("fr") == ("Nom", False) and name.hint("en") == ("Full name", False)
    assert name.required_messages.get("fr") == ("Say a name", True)
    assert name.appearances == {"multiline"} and name.row == 2
    age = form.question("age")
    assert age.constraint.source == ". >= 0 and . < 150" and age.default == "30"
    assert age.label("ar") == ("Age", True)  # missing language falls back to the default
    assert form.question("budget").read_only.source == "true()"
    regions = form.question("regions")
    assert (regions.type, regions.list_name, regions.or_other) == (
        "select_multiple",
        "region",
        True,
    )
    assert regions.choice_filter.source == "group = ${has} or name = 'x'"
    assert [c.name for c in form.choices_for(regions)] == ["x", "y"]
    assert dict(form.choice_lists["region"].choices[0].extras) == {"group": "yes"}
    assert form.question("ok").type == "acknowledge"
    assert form.question("n_practices").calculation.source == "count(${practices})"
    grp = form.group("grp")
    assert isinstance(grp, Group) and not grp.is_repeat and grp.appearances == {"field-list"}
    rep = form.group("practices")
    assert rep.is_repeat and rep.repeat_count.source == "${age}"
    assert form.repeat_chain("partner") == ("practices", "partners")
    assert form.repeat_chain("practices") == ("practices",)
    assert form.parent("title") is rep
    assert [i.name for i in form.walk()][:3] == ["name", "age", "budget"]
    assert all(isinstance(form.question(q.name), Question) for q in form.questions())
    problems = check_xlsform(path)
    assert [p.severity for p in problems] == ["warning"] * len(problems)
    assert any("setting style is not used" in p.message for p in problems)


def test_plain_label_is_default_language(xlsform):
    path = xlsform(
        [{"type": "text", "name": "q", "label": "Question", FR: "Question fr"}],
        settings=[{"form_id": "p", "default_language": "fr"}],
    )
    form = read_xlsform(path)
    assert form.default_language == "fr"
    assert form.question("q").labels.values == {"fr": "Question fr"}
    assert any("differs from" in p.message for p in check_xlsform(path))


def test_language_without_settings_uses_first_column_language():
    sheets = {
        "survey": [
            {"type": "text", "name": "q", "label::Español (es)": "P", "label::English (en)": "Q"}
        ]
    }
    form = form_from_sheets(sheets, "f.csv")
    assert form.default_language == "es" and form.languages == ("es", "en")
    assert form.form_id == "f"


def test_rows_may_carry_their_own_numbers():
    sheets = {
        "survey": [(10, {"type": "text", "name": "q", "label": "Q", "relevant": "${zz} = 1"})]
    }
    with pytest.raises(FormError) as info:
        form_from_sheets(sheets, "builtin/survey.csv")
    assert str(info.value) == (
        "builtin/survey.csv: survey row 10, column relevant: unknown question ${zz}"
    )


def _errors(xlsform, survey, choices=None, settings=None):
    path = xlsform(survey, choices=choices, settings=settings)
    return [str(p) for p in check_xlsform(path) if p.severity == "error"], path


def test_unknown_reference_message_format(xlsform):
    survey = [{"type": "text", "name": f"q{i}", "label": "Q"} for i in range(1, 13)]
    survey.append({"type": "text", "name": "q13", "label": "Q", "relevant": "${q99} = 1"})
    errors, path = _errors(xlsform, survey)
    assert errors == [f"{path}: survey row 14, column relevant: unknown question ${{q99}}"]
    with pytest.raises(UserError) as info:
        read_xlsform(path)
    assert str(info.value) == errors[0]


Q = {"type": "text", "name": "q", "label": "Q"}


@pytest.mark.parametrize(
    "survey, expected",
    [
        (
            [{"type": "geopoint", "name": "g", "label": "G"}],
            "row 2, column type: type geopoint is not supported",
        ),
        (
            [{"type": "select_one", "name": "s", "label": "S"}],
            "column type: write select_one followed by",
        ),
        ([{"type": "select_one nolist", "name": "s", "label": "S"}], "unknown choice list nolist"),
        ([{"type": "text", "label": "S"}], "row 2, column name: missing name"),
        ([{"type": "text", "name": "9bad", "label": "S"}], "invalid name '9bad'"),
        ([Q, Q], "row 3, column name: name q is already used on row 2"),
        ([{"type": "text", "name": "q"}], "column label: question q has no label"),
        ([{"type": "calculate", "name": "c"}], "a calculate needs a calculation"),
        ([{"type": "end_group"}], "end_group without a matching begin"),
        (
            [{"type": "begin_group", "name": "g"}, Q],
            "row 2, column type: begin_group g is never closed",
        ),
        (
            [{"type": "begin_group", "name": "g"}, {"type": "end_repeat"}],
            "end_repeat closes begin_group g (row 2)",
        ),
        ([{**Q, "relevant": "${q} = "}], "column relevant: expression ends early"),
        ([{**Q, "constraint": "foo(.)"}], "column constraint: unknown function foo()"),
        ([{**Q, "calculation": "if(1, 2)"}], "column calculation: if() takes 3 argument(s), not 2"),
        ([{**Q, "relevant": "position(..) > 1"}], "position(..) is only allowed inside a repeat"),
        ([{**Q, "constraint": "count(.) > 1"}], "count() needs a repeat"),
        ([{**Q, "constraint": "regex(., '[')"}], "invalid regular expression"),
        (
            [{**Q, "constraint": "regex(., '^(?!x)')"}],
            "survey row 2, column constraint: the regular expression '^(?!x)' uses look-ahead",
        ),
        ([{**Q, "choice_filter": "a = 1"}], "choice_filter needs a select question"),
        (
            [{"type": "select_one yn", "name": "s", "label": "S", "choice_filter": "colour = 'x'"}],
            "list yn has no column colour",
        ),
        (
            [
                {"type": "begin_group", "name": "g"},
                {"type": "end_group"},
                {**Q, "relevant": "${g} = 1"},
            ],
            "${g} is a group, not a question",
        ),
        ([{**Q, "relevant::English (en)": "1"}], "column relevant cannot be translated"),
        ([{**Q, "label:: ": "x"}], "the language is missing after '::'"),
        (
            [
                {"type": "calculate", "name": "a", "calculation": "${b} + 1"},
                {"type": "calculate", "name": "b", "calculation": "${a} + 1"},
            ],
            "circular reference",
        ),
        ([{**Q, "relevant": "${q} = 'x'"}], "circular reference: ${q} -> ${q}"),
    ],
)
def test_error_classes(xlsform, survey, expected):
    errors, _path = _errors(xlsform, survey)
    assert any(expected in e for e in errors), errors
    with pytest.raises(FormError):
        read_xlsform(_path)


@pytest.mark.parametrize(
    "choices, expected",
    [
        (
            [
                {"list_name": "yn", "name": "a", "label": "A"},
                {"list_name": "yn", "name": "a", "label": "B"},
            ],
            "choices row 3, column name: choice a appears twice in list yn",
        ),
        ([{"list_name": "yn", "name": "a"}], "choice a has no label"),
        (
            [{"list_name": "yn", "name": "a", "label": "A"}, {"list_name": "yn", "label": "B"}],
            "choices row 3, column name: missing choice name",
        ),
        ([{"list_name": "yn", "label": "A"}], "choices: the column name is missing"),
        ([{"list_name": "", "name": "a", "label": "A"}], "missing list_name"),
    ],
)
def test_choice_errors(xlsform, choices, expected):
    errors, _path = _errors(xlsform, [Q], choices=choices)
    assert any(expected in e for e in errors), errors


def test_warnings_are_reported_not_dropped(xlsform):
    path = xlsform(
        [
            {**Q, "image": "pic.png", "appearance": "likert", FR: ""},
            {"type": "note", "name": "n", "label": "N", "repeat_count": "3"},
        ],
        settings=[{"form_id": "w", "default_language": "English (en)"}],
        extra={"notes": [{"anything": "x"}]},
    )
    problems = [str(p) for p in check_xlsform(path)]
    assert (
        f"{path}: survey, column image: column image is not supported by GCM Collect and is ignored"
        in problems
    )
    assert any("appearance likert is not supported" in p for p in problems)
    assert any("repeat_count only applies to repeats" in p for p in problems)
    assert any("sheet notes is not used" in p for p in problems)
    assert any("no label in fr" in p for p in problems)
    read_xlsform(path)  # warnings alone do not stop the form


def test_missing_survey_sheet_and_unreadable_file(tmp_path):
    with pytest.raises(FormError, match="the form has no survey sheet"):
        form_from_sheets({"choices": []}, "x.xlsx")
    bad = tmp_path / "bad.xlsx"
    bad.write_text("not a workbook")
    with pytest.raises(UserError) as info:
        check_xlsform(bad)
    assert str(info.value) == f"{bad}: not an Excel workbook (.xlsx or .xls)"  # no library jargon
    with pytest.raises(UserError, match="file not found"):
        read_xlsform(tmp_path / "missing.xlsx")


def test_type_column_missing():
    with pytest.raises(FormError, match="the column type is missing"):
        form_from_sheets({"survey": [{"name": "q", "label": "Q"}]}, "x.xlsx")


def test_a_choice_name_with_a_space_is_refused_where_answers_are_space_separated(xlsform):
    choices = [
        {"list_name": "topics", "name": "health care", "label": "Health care"},
        {"list_name": "topics", "name": "work", "label": "Work"},
    ]
    one = xlsform([{"type": "select_one topics", "name": "q", "label": "Q"}], choices=choices)
    assert [p for p in check_xlsform(one) if p.severity == "error"] == []

    many = xlsform(
        [
            {"type": "select_multiple topics", "name": "q", "label": "Q"},
            {"type": "rank topics", "name": "r", "label": "R"},
        ],
        choices=choices,
        name="MANY.xlsx",
    )
    errors = [p for p in check_xlsform(many) if p.severity == "error"]
    assert len(errors) == 1  # one per choice, not one per question using the list
    assert (errors[0].sheet, errors[0].row, errors[0].column) == ("choices", 2, "name")
    assert "health care" in errors[0].message and "select_multiple" in errors[0].message
