"""JSON Lines import: validation naming line and field, all-or-nothing, idempotent."""

from __future__ import annotations

import json

import pytest
from jsonl_lines import line, write

from gcm_collect.errors import UserError
from gcm_collect.ops.importing import import_files
from gcm_collect.store import Store


@pytest.fixture
def store(tmp_path):
    with Store.open(tmp_path / "db.sqlite3") as opened:
        yield opened


def test_drafts_import_with_repeats_and_a_second_import_adds_nothing(store, tmp_path):
    path = tmp_path / "in.jsonl"
    practices = [{"practice_title": "Clinics for all"}, {"practice_title": "عيادات للجميع"}]
    write(path, line(answers={"practices": practices}), line(state="EGY", region="ESCWA"))
    report = import_files(store, [path])
    assert report.total()["inserted"] == 2
    again = import_files(store, [path])
    assert again.total()["unchanged"] == 2
    assert store.count_submissions() == 2
    (france,) = store.list_submissions(state="FRA")
    answers = store.get_answers(france.uuid)
    order = store.get_instances(france.uuid)["practices"]
    assert [answers[f"practices[{iid}]/practice_title"] for iid in order] == [
        "Clinics for all",
        "عيادات للجميع",
    ]


@pytest.mark.parametrize(
    ("overrides", "expected"),
    [
        ({"state": "XYZ"}, "line 2, field state: unknown State XYZ"),
        ({"region": "ECA"}, "line 2, field region: France (FRA) is reviewed by"),
        ({"answers": {"nope": 1}}, "line 2, field answers.nope: unknown question nope"),
        (
            {"answers": {"obj05_priority": "urgent"}},
            "answers.obj05_priority: urgent is not one of the choices",
        ),
        ({"answers": {"practices": [{"practice_budget": "lots"}]}}, "practices[1].practice_budget"),
        ({"answers": {"report_date": "26/11/2026"}}, "Expected a date (YYYY-MM-DD)."),
        ({"status": "complete"}, "line 2, field answers."),
    ],
)
def test_a_bad_line_names_line_and_field_and_nothing_is_imported(
    store, tmp_path, overrides, expected
):
    path = tmp_path / "in.jsonl"
    write(path, line(), line(**overrides))
    with pytest.raises(UserError) as error:
        import_files(store, [path])
    assert expected in str(error.value)
    assert str(error.value).startswith(str(path))
    assert store.count_submissions() == 0


def test_not_json_and_unknown_form(store, tmp_path):
    path = tmp_path / "in.jsonl"
    path.write_text('{"form_id": \n', "utf-8")
    with pytest.raises(UserError, match=r"line 1: not valid JSON \(at character 14\); nothing"):
        import_files(store, [path])
    write(path, line(form_version="1999"))
    with pytest.raises(UserError, match="form_id: form gcm_state_practice_survey version 1999"):
        import_files(store, [path])


def test_a_complete_line_must_pass_validation_a_draft_need_not(store, tmp_path):
    path = tmp_path / "in.jsonl"
    write(path, line(status="complete", answers={"focal_point_email": "not-an-email"}))
    with pytest.raises(UserError):
        import_files(store, [path])
    write(path, line(status="draft", answers={"focal_point_email": "not-an-email"}))
    assert import_files(store, [path]).total()["inserted"] == 1


def test_local_edits_are_never_overwritten_by_a_file(store, tmp_path):
    path = tmp_path / "in.jsonl"
    write(path, line())
    import_files(store, [path])
    (sub,) = store.list_submissions()
    store.set_answer(sub.uuid, "focal_point_name", "Edited here", who="officer")
    report = import_files(store, [path])
    assert report.total()["skipped"] == 1
    assert store.get_answers(sub.uuid)["focal_point_name"] == "Edited here"


def test_select_multiple_takes_a_list_in_choice_order(store, tmp_path):
    path = tmp_path / "in.jsonl"
    write(path, line(answers={"obj05_principles": ["j", "a"]}))
    import_files(store, [path])
    (sub,) = store.list_submissions()
    assert store.get_answers(sub.uuid)["obj05_principles"] == ["a", "j"]


# --- the types real XLSForms bring (issue 9) -------------------------------------------------


def wide_form():
    from gcm_collect.forms import form_from_sheets

    survey = [
        {"type": "start", "name": "start"},
        {"type": "deviceid", "name": "deviceid"},
        {"type": "time", "name": "t", "label": "Time"},
        {"type": "dateTime", "name": "dt", "label": "When"},
        {"type": "range", "name": "score", "label": "Score", "parameters": "start=1 end=5"},
        {"type": "rank p", "name": "prio", "label": "Priorities"},
        {"type": "file", "name": "doc", "label": "Document"},
    ]
    choices = [{"list_name": "p", "name": n, "label": n} for n in ("health", "work", "school")]
    settings = [{"form_id": "wide", "version": "1"}]
    return form_from_sheets(
        {"survey": survey, "choices": choices, "settings": settings}, "wide.xlsx"
    )


@pytest.fixture
def wide_store(store):
    form = wide_form()
    store.save_form(form.form_id, form.version, form.content_hash, "Wide", form.to_json())
    return store


def wide_line(answers: dict) -> dict:
    return line(form_id="wide", form_version="1", answers=answers, status="complete")


def test_new_types_import_and_rank_keeps_its_order(wide_store, tmp_path):
    path = tmp_path / "in.jsonl"
    answers = {
        "start": "2026-03-01T09:00:00+01:00",
        "deviceid": "kobo-123",
        "t": "14:30",
        "dt": "2026-03-01T14:30:00Z",
        "score": 4.0,
        "prio": ["school", "health"],
    }
    write(path, wide_line(answers))
    assert import_files(wide_store, [path]).total()["inserted"] == 1
    (sub,) = wide_store.list_submissions()
    stored = wide_store.get_answers(sub.uuid)
    assert stored["prio"] == ["school", "health"]
    assert stored["score"] == 4 and stored["t"] == "14:30"


@pytest.mark.parametrize(
    ("answers", "expected"),
    [
        ({"t": "2pm"}, "answers.t: Expected a time (HH:MM)."),
        ({"dt": "2026-03-01"}, "answers.dt: Expected a date and time (YYYY-MM-DDTHH:MM)."),
        ({"start": "today"}, "answers.start: Expected a date and time (YYYY-MM-DDTHH:MM)."),
        ({"score": 9}, "answers.score: Expected a number from 1 to 5."),
        ({"score": "3"}, "answers.score: Expected a number."),
        ({"prio": ["work", "work"]}, "answers.prio: A choice is ranked twice."),
        ({"prio": ["sport"]}, "answers.prio: sport is not one of the choices."),
        ({"prio": "work"}, "answers.prio: Expected the choices in ranked order."),
        ({"deviceid": 12}, "answers.deviceid: Expected text."),
        (
            {"doc": {"name": "plan.pdf", "sha256": "00"}},
            "answers.doc: files cannot come in JSON Lines; attach them in the app",
        ),
    ],
)
def test_new_types_are_checked_naming_the_field(wide_store, tmp_path, answers, expected):
    path = tmp_path / "in.jsonl"
    write(path, wide_line(answers))
    with pytest.raises(UserError) as error:
        import_files(wide_store, [path])
    assert expected in str(error.value)
    assert wide_store.count_submissions() == 0


@pytest.mark.parametrize("number", ["NaN", "Infinity", "-Infinity", "1e400"])
def test_a_non_finite_number_is_a_line_error(store, tmp_path, number):
    # Python's json reads these; the store refuses them, formerly with no file or line named.
    path = tmp_path / "in.jsonl"
    text = json.dumps(line(answers={"resources_amount_usd": 0.5}))
    path.write_text(text.replace("0.5", number) + "\n", "utf-8")
    with pytest.raises(UserError, match=r"line 1, field answers.resources_amount_usd") as info:
        import_files(store, [path])
    assert info.value.path == str(path)
    assert store.count_submissions() == 0


def test_a_lower_case_state_code_is_read_as_the_code(store, tmp_path):
    path = tmp_path / "in.jsonl"
    write(path, line(state="fra"))
    assert import_files(store, [path]).total()["inserted"] == 1
    (only,) = store.list_submissions()
    assert only.state == "FRA"


def test_two_different_lines_with_one_uuid_are_refused_naming_the_second(store, tmp_path):
    path = tmp_path / "in.jsonl"
    uuid = "11111111-1111-1111-1111-111111111111"
    write(path, line(uuid=uuid), line(uuid=uuid, answers={"focal_point_name": "Other"}))
    with pytest.raises(UserError, match=r"line 2, field uuid"):
        import_files(store, [path])
    assert store.count_submissions() == 0
    write(path, line(uuid=uuid), line(uuid=uuid))  # the same line twice is harmless
    assert import_files(store, [path]).total()["inserted"] == 1


# --- regular expressions in linear time (issue 15) -------------------------------------------


def test_a_catastrophic_regex_checks_a_hostile_answer_at_once(store, tmp_path):
    """'^(a+)+$' against 40 a's and a b: a backtracking engine tries 2^40 ways (hours)."""
    from gcm_collect.forms import form_from_sheets

    survey = [
        {"type": "text", "name": "code", "label": "Code", "constraint": "regex(., '^(a+)+$')"}
    ]
    form = form_from_sheets(
        {"survey": survey, "settings": [{"form_id": "evil", "version": "1"}]}, "evil.xlsx"
    )
    store.save_form(form.form_id, form.version, form.content_hash, "Evil", form.to_json())
    path = tmp_path / "in.jsonl"
    evil = {"form_id": "evil", "form_version": "1", "status": "complete"}
    write(path, line(**evil, answers={"code": "a" * 40 + "b"}))
    with pytest.raises(UserError) as refused:
        import_files(store, [path])
    assert "line 1" in str(refused.value) and "code" in str(refused.value)
    write(path, line(**evil, answers={"code": "aaa"}))
    assert import_files(store, [path]).total()["inserted"] == 1


def test_djibouti_imports_into_the_arab_regional_review(store, tmp_path):
    path = tmp_path / "in.jsonl"
    write(path, line(state="DJI", region="ESCWA"))
    assert import_files(store, [path]).total()["inserted"] == 1
    assert [s.region for s in store.list_submissions(state="DJI")] == ["ESCWA"]


@pytest.mark.parametrize(
    "text, words",
    [
        ("[" * 100_000 + "]" * 100_000, "line 2: the JSON is nested too deeply"),
        ('{"form_id": ' + "9" * 5000 + "}", "line 2: a number has too many digits"),
    ],
    ids=["deep", "digits"],
)
def test_hostile_json_is_a_line_error_not_an_internal_one(store, tmp_path, text, words):
    path = tmp_path / "in.jsonl"
    path.write_text(json.dumps(line()) + "\n" + text + "\n", "utf-8")
    with pytest.raises(UserError) as refused:
        import_files(store, [path])
    assert words in str(refused.value) and store.count_submissions() == 0


@pytest.mark.slow
def test_error_lines_show_escape_codes_and_overrides_as_text(tmp_path):
    """A file name with a terminal escape (set the window title) and a right-to-left override."""
    import subprocess
    import sys

    bad = tmp_path / "\x1b]0;pwned\x07invoice\u202efdp.jsonl"
    bad.write_text("{not json\n", "utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "gcm_collect", "--db", str(tmp_path / "db"), "import", str(bad)],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 1
    assert "\\x1b]0;pwned\\x07invoice\\u202efdp.jsonl: line 1: not valid JSON" in done.stderr
    assert "\x1b" not in done.stderr and "\u202e" not in done.stderr


def test_a_year_range_written_backwards_is_refused(store, tmp_path):
    path = tmp_path / "in.jsonl"
    write(path, line(period="2022-2025"), line(period="2025-2022"))
    with pytest.raises(UserError, match="line 2, field period: Put the earlier year first"):
        import_files(store, [path])
    assert store.count_submissions() == 0
    write(path, line(period="2022-2025"), line(period="2nd half of 2024"))  # kept as it is
    assert import_files(store, [path]).total()["inserted"] == 2


@pytest.mark.slow
def test_a_line_with_more_repeat_entries_than_allowed_is_refused(store, tmp_path):
    from gcm_collect.limits import MAX_ENTRIES

    path = tmp_path / "in.jsonl"
    answers = {"practices": [{} for _ in range(MAX_ENTRIES + 1)]}
    write(path, line(answers=answers))
    with pytest.raises(UserError) as refused:
        import_files(store, [path])
    assert "line 1, field answers: too many repeat entries (5,001; at most 5,000)" in str(
        refused.value
    )
    write(path, line(answers={"practices": [{} for _ in range(MAX_ENTRIES)]}))
    assert import_files(store, [path]).total()["inserted"] == 1
