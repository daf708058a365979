"""Forms written the way KoboToolbox's and ODK's documentation shows them: accepted, warned or
refused with the row. Each workbook is built here with openpyxl, in the authors' own spellings."""

from __future__ import annotations

import subprocess
import sys

import pytest
from openpyxl import Workbook

from gcm_collect.errors import UserError
from gcm_collect.forms import check_xlsform, read_xlsform, write_xlsform
from gcm_collect.forms.aliases import parse_header, parse_type


def book(path, survey, choices=None, settings=None, extra=None):
    """Sheets as lists of rows, the first row the header, exactly as typed."""
    wb = Workbook()
    wb.remove(wb.active)
    for name, rows in {"survey": survey, "choices": choices, "settings": settings}.items():
        if rows is not None:
            ws = wb.create_sheet(name if name != "survey" else "survey")
            for row in rows:
                ws.append(row)
    for name, rows in (extra or {}).items():
        ws = wb.create_sheet(name)
        for row in rows:
            ws.append(row)
    wb.save(path)
    return path


def errors(path):
    return [str(p) for p in check_xlsform(path) if p.severity == "error"]


def warnings(path):
    return [str(p) for p in check_xlsform(path) if p.severity == "warning"]


# A KoboToolbox form as Kobo's own export writes it: metadata rows first, language columns
# with codes, "list_name" and "$given_name"-style extra columns, TRUE/FALSE for required.
KOBO_SURVEY = [
    ["type", "name", "label::English (en)", "label::Français (fr)", "required", "$kuid"],
    ["start", "start", None, None, None, "a1"],
    ["end", "end", None, None, None, "a2"],
    ["today", "today", None, None, None, "a3"],
    ["deviceid", "deviceid", None, None, None, "a4"],
    ["username", "username", None, None, None, "a5"],
    ["audit", "audit", None, None, None, "a6"],
    ["select_one yes_no", "consent", "Do you agree?", "Êtes-vous d'accord ?", "TRUE", "a7"],
    ["begin_group", "practice", "Practice", "Pratique", None, "a8"],
    ["text", "title", "Title", "Titre", "true", "a9"],
    ["select_multiple objectives", "objs", "Objectives", "Objectifs", "FALSE", "b1"],
    ["integer", "people", "People reached", "Personnes atteintes", None, "b2"],
    ["date", "started", "Start date", "Date de début", None, "b3"],
    ["end_group", None, None, None, None, "b4"],
]
KOBO_CHOICES = [
    ["list_name", "name", "label::English (en)", "label::Français (fr)"],
    ["yes_no", "yes", "Yes", "Oui"],
    ["yes_no", "no", "No", "Non"],
    ["objectives", "o1", "Objective 1", "Objectif 1"],
    ["objectives", "o2", "Objective 2", "Objectif 2"],
]
KOBO_SETTINGS = [
    ["form_title", "version", "default_language"],
    ["Kobo form", "2026", "English (en)"],
]


def test_a_kobo_export_opens_with_metadata_never_asked(tmp_path):
    path = book(tmp_path / "kobo.xlsx", KOBO_SURVEY, KOBO_CHOICES, KOBO_SETTINGS)
    form = read_xlsform(path)
    types = {q.name: q.type for q in form.questions()}
    assert types["start"] == "start" and types["audit"] == "audit"
    assert [q.name for q in form.questions() if q.is_metadata] == [
        "start",
        "end",
        "today",
        "deviceid",
        "username",
        "audit",
    ]
    assert form.question("consent").required is not None
    assert form.question("objs").required is None
    assert form.languages == ("en", "fr")
    # $kuid is Kobo's bookkeeping column: warned as ignored, never an error
    assert any("column $kuid is not supported" in w for w in warnings(path))


# An ODK form as the XLSForm spec's examples write it by hand: language names without codes,
# "list name" with a space, "select one" with a space, read_only, relevance aliases, yes/no.
LANGS = ["Label::English", "label::Français", "label::Español", "label::Русский"]
LANGS += ["label::中文", "label::العربية", "label::Kiswahili"]
ODK_SURVEY = [
    ["Type", "Name", *LANGS, "Required", "Relevance", "readonly", "Calculation"],
    ["Select One yn", "ok", "OK?", "D'accord ?", "¿De acuerdo?", "Да?", "好吗？", "حسنا؟", "Sawa?"]
    + ["yes", None, None, None],
    ["text", "why", "Why?", "Pourquoi ?", "¿Por qué?", "Почему?", "为什么？", "لماذا؟", "Kwa nini?"]
    + ["true()", "${ok} = 'n'", None, None],
    ["Calculate", "n_ok", *[None] * 7, None, None, "yes", "1 + 1"],
]
ODK_CHOICES = [
    ["list name", "name", "label::English", "label::Français"],
    ["yn", "y", "Yes", "Oui"],
    ["yn", "n", "No", "Non"],
]


def test_language_names_without_codes_map_to_the_un_six_and_others_stay_named(tmp_path):
    path = book(tmp_path / "odk.xlsx", ODK_SURVEY, ODK_CHOICES)
    form = read_xlsform(path)
    assert set(form.languages) == {"en", "fr", "es", "ru", "zh", "ar", "Kiswahili"}
    ok = form.question("ok")
    assert ok.type == "select_one" and ok.required is not None
    assert ok.label("ru")[0] == "Да?" and ok.label("Kiswahili")[0] == "Sawa?"
    why = form.question("why")
    assert why.relevant is not None and why.relevant.source == "${ok} = 'n'"
    # the named language survives a write and a read
    again = tmp_path / "again.xlsx"
    write_xlsform(form, again)
    assert read_xlsform(again).content_hash == form.content_hash


@pytest.mark.parametrize(
    ("header", "sheet", "expected"),
    [
        ("label:English", "survey", ("label", "en")),
        ("Label::English (en)", "survey", ("label", "en")),
        ("hint:Français", "survey", ("hint", "fr")),
        ("jr:count", "survey", ("repeat_count", None)),
        ("bind::relevant", "survey", ("relevant", None)),
        ("bind::jr:constraintMsg", "survey", ("constraint_message", None)),
        ("constraint message::Español (es)", "survey", ("constraint_message", "es")),
        ("Required Message", "survey", ("required_message", None)),
        ("List Name", "choices", ("list_name", None)),
        ("value", "choices", ("name", None)),
        ("caption::English", "choices", ("label", "en")),
        ("title", "settings", ("form_title", None)),
        ("id_string", "settings", ("form_id", None)),
        ("media::image::English", "survey", ("media::image", "en")),
    ],
)
def test_pyxform_header_aliases(header, sheet, expected):
    assert parse_header(header, sheet) == expected


@pytest.mark.parametrize(
    ("raw", "kind", "list_name", "or_other", "from_file"),
    [
        ("select one yn", "select_one", "yn", False, False),
        ("SELECT_ONE yn or_other", "select_one", "yn", True, False),
        ("select all that apply Objectives", "select_multiple", "Objectives", False, False),
        ("select_multiple  yn", "select_multiple", "yn", False, False),
        ("select_one_from_file states.csv", "select_one", "states.csv", False, True),
        ("select one from file states.csv", "select_one", "states.csv", False, True),
        ("select_multiple_from_file states.csv", "select_multiple", "states.csv", False, True),
        ("rank priorities", "rank", "priorities", False, False),
        ("Begin Group", "begin_group", None, False, False),
        ("end repeat", "end_repeat", None, False, False),
        ("dateTime", "dateTime", None, False, False),
        ("DATETIME", "dateTime", None, False, False),
        ("Integer", "integer", None, False, False),
        ("trigger", "acknowledge", None, False, False),
    ],
)
def test_type_spellings(raw, kind, list_name, or_other, from_file):
    spec = parse_type(raw)
    assert (spec.kind, spec.list_name, spec.or_other, spec.from_file) == (
        kind,
        list_name,
        or_other,
        from_file,
    )


HEAD = ["type", "name", "label"]


@pytest.mark.parametrize(
    ("qtype", "name"),
    [
        ("geopoint", "geopoint"),
        ("geoshape", "geoshape"),
        ("geotrace", "geotrace"),
        ("audio", "audio"),
        ("video", "video"),
        ("barcode", "barcode"),
        ("image", "image"),
        ("background-audio", "background-audio"),
        ("select_one_external places", "select_one_external"),
    ],
)
def test_types_a_laptop_cannot_answer_are_refused_by_name_with_the_row(tmp_path, qtype, name):
    path = book(tmp_path / "f.xlsx", [HEAD, ["text", "a", "A"], [qtype, "q", "Q"]])
    found = errors(path)
    assert found == [
        f"{path}: survey row 3, column type: type {name} is not supported by GCM Collect"
        + (": attach a document with type file" if name == "image" else "")
    ]
    with pytest.raises(UserError, match="survey row 3"):
        read_xlsform(path)


def test_phone_metadata_is_ignored_with_a_warning(tmp_path):
    path = book(tmp_path / "f.xlsx", [HEAD, ["phonenumber", "phone"], ["text", "a", "A"]])
    form = read_xlsform(path)
    assert "phone" not in form
    assert any("row 2" in w and "phonenumber" in w for w in warnings(path))


def test_metadata_inside_a_repeat_is_refused(tmp_path):
    survey = [HEAD, ["begin_repeat", "r", "R"], ["start", "s"], ["end_repeat"]]
    path = book(tmp_path / "f.xlsx", survey)
    assert any(
        "row 3" in e and "metadata start cannot be inside a repeat" in e for e in errors(path)
    )


SETTINGS_WITH_EXTRAS = [
    ["form_title", "form_id", "version", "instance_name", "style", "public_key", "submission_url"],
    ["Survey", "s1", "3", "concat(${title}, ' / ', ${people})", "pages", "MIIB", "https://x"],
]


@pytest.mark.slow
def test_extra_sheets_and_settings_warn_and_form_check_exits_zero(tmp_path):
    survey = [HEAD, ["text", "title", "Title"], ["integer", "people", "People"]]
    extra = {
        "external_choices": [["list_name", "name", "label"], ["places", "p1", "P1"]],
        "entities": [["list_name", "label"], ["people", "${title}"]],
    }
    path = book(tmp_path / "f.xlsx", survey, None, SETTINGS_WITH_EXTRAS, extra)
    found = warnings(path)
    assert errors(path) == []
    for what in ("setting style", "setting public_key", "setting submission_url"):
        assert any(what in w for w in found), found
    for sheet in ("external_choices", "entities"):
        assert any(f"sheet {sheet} is not used by GCM Collect" in w for w in found)
    assert not any("instance_name" in w for w in found)
    assert read_xlsform(path).settings["instance_name"].startswith("concat(")
    result = subprocess.run(
        [sys.executable, "-m", "gcm_collect", "--db", str(tmp_path / "db"), "form", "check", path],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert "sheet entities is not used" in result.stdout


def test_an_instance_name_that_cannot_work_is_dropped_with_a_warning(tmp_path):
    settings = [["form_id", "instance_name"], ["s1", "concat(${nope}, 'x')"]]
    path = book(tmp_path / "f.xlsx", [HEAD, ["text", "title", "Title"]], None, settings)
    assert any("instance_name" in w and "${nope}" in w for w in warnings(path))
    assert "instance_name" not in read_xlsform(path).settings


def test_select_from_file_reads_the_csv_beside_the_form(tmp_path):
    (tmp_path / "states.csv").write_text(
        "name,label,label::Français (fr),region\nFRA,France,France,ECE\nEGY,Egypt,Égypte,ESCWA\n",
        "utf-8",
    )
    survey = [
        ["type", "name", "label", "label::Français (fr)", "choice_filter"],
        ["select_one_from_file states.csv", "state", "State", "État", "region = 'ECE'"],
        ["select multiple from file states.csv", "others", "Others", "Autres", None],
    ]
    path = book(tmp_path / "f.xlsx", survey)
    form = read_xlsform(path)
    assert form.question("state").list_name == "states.csv"
    assert form.question("others").type == "select_multiple"
    states = form.choice_lists["states.csv"]
    assert states.names() == ("FRA", "EGY")
    assert states.get("EGY").label("fr")[0] == "Égypte"
    assert states.get("EGY").extras["region"] == "ESCWA"
    # imported with it: the choices travel in the form definition, the CSV is no longer needed
    (tmp_path / "states.csv").unlink()
    moved = tmp_path / "moved.xlsx"
    write_xlsform(form, moved)
    assert read_xlsform(moved).content_hash == form.content_hash


def test_select_from_file_value_and_label_parameters(tmp_path):
    (tmp_path / "c.csv").write_text("code,title\n1,One\n2,Two\n", "utf-8")
    survey = [
        ["type", "name", "label", "parameters"],
        ["select_one_from_file c.csv", "c", "C", "value=code label=title"],
    ]
    form = read_xlsform(book(tmp_path / "f.xlsx", survey))
    assert [(c.name, c.label("en")[0]) for c in form.choices_for(form.question("c"))] == [
        ("1", "One"),
        ("2", "Two"),
    ]


@pytest.mark.parametrize(
    ("qtype", "message"),
    [
        ("select_one_from_file missing.csv", "the file missing.csv is not beside the form"),
        ("select_one_from_file ../secret.csv", "must be the name of a CSV file beside the form"),
        ("select_one_from_file places.xml", "must be the name of a CSV file beside the form"),
    ],
)
def test_select_from_file_problems_name_the_row(tmp_path, qtype, message):
    path = book(tmp_path / "f.xlsx", [HEAD, ["text", "a", "A"], [qtype, "q", "Q"]])
    assert any("survey row 3, column type" in e and message in e for e in errors(path)), errors(
        path
    )


def test_range_parameters(tmp_path):
    survey = [
        ["type", "name", "label", "parameters"],
        ["range", "score", "Score", "start=0 end=10 step=0.5"],
        ["range", "plain", "Plain", None],
        ["range", "bad", "Bad", "start=5 end=5"],
        ["text", "t", "T", "rows=3"],
    ]
    path = book(tmp_path / "f.xlsx", survey)
    assert any("row 4, column parameters" in e for e in errors(path))
    assert any("row 5, column parameters" in w for w in warnings(path))
    del survey[3]
    form = read_xlsform(book(tmp_path / "g.xlsx", survey))
    assert dict(form.question("score").parameters) == {"start": "0", "end": "10", "step": "0.5"}
    assert dict(form.question("plain").parameters) == {"start": "1", "end": "10", "step": "1"}
    again = tmp_path / "again.xlsx"
    write_xlsform(form, again)
    assert read_xlsform(again).content_hash == form.content_hash


def test_rank_needs_a_list_and_no_or_other(tmp_path):
    survey = [HEAD, ["rank yn", "r", "R"], ["rank yn or_other", "r2", "R2"], ["rank", "r3", "R3"]]
    choices = [["list_name", "name", "label"], ["yn", "y", "Y"], ["yn", "n", "N"]]
    found = errors(book(tmp_path / "f.xlsx", survey, choices))
    assert len(found) == 2
    assert "row 3" in found[0] and "rank cannot have or_other" in found[0]
    assert "row 4" in found[1] and "followed by a choice list name" in found[1]
