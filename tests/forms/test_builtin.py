"""The built-in GCM State Practice Survey: its sheets, its reference lists and how it behaves."""

from __future__ import annotations

from datetime import date

import pytest

from gcm_collect import reference as ref
from gcm_collect.forms import builtin
from gcm_collect.forms.builtin import (
    OTHER_LANGUAGES,
    builtin_sheets,
    column,
    load_builtin,
    translatable_texts,
    translate_sheets,
)
from gcm_collect.vocabulary import LANGUAGES, REGIONS

OBJECTIVE_FIELDS = ("priority", "status", "measures", "principles", "challenges")
TODAY = date(2026, 3, 1)


@pytest.fixture(scope="module")
def sheets():
    return builtin_sheets()


@pytest.fixture(scope="module")
def form():
    return load_builtin()


def _survey_row(sheets, name):
    return next(
        r for r in sheets["survey"] if r["name"] == name and not r["type"].startswith("end")
    )


def _choices(sheets, list_name):
    return [r for r in sheets["choices"] if r["list_name"] == list_name]


# --- the sheets -------------------------------------------------------------------------------


def test_settings(sheets):
    (settings,) = sheets["settings"]
    assert settings["form_id"] == "gcm_state_practice_survey"
    assert settings["version"] == "2026.2"
    assert settings["default_language"] == "en"


def test_names_are_unique(sheets):
    names = [r["name"] for r in sheets["survey"] if not r["type"].startswith("end_")]
    assert len(names) == len(set(names))


def test_every_required_question_has_a_message(sheets):
    for row in sheets["survey"]:
        if row["required"]:
            assert row["required_message"].strip(), row["name"]


def test_objective_questions_in_long_form_names(sheets):
    names = {r["name"] for r in sheets["survey"]}
    for n in range(1, 24):
        for field in OBJECTIVE_FIELDS:
            assert f"obj{n:02d}_{field}" in names
    for n in range(1, 24):
        for field in OBJECTIVE_FIELDS[1:]:
            row = _survey_row(sheets, f"obj{n:02d}_{field}")
            assert row["relevant"] == f"${{obj{n:02d}_priority}} != 'not_applicable'"


def test_csv_labels_agree_with_the_reference_data():
    # survey.csv carries the English text for review; the reference data is the authority
    raw = {r["name"]: r for r in builtin._read("survey") if r["type"] == "begin_group"}
    for o in ref.objectives():
        assert raw[f"obj{o.id:02d}"]["label"] == f"{o.id}. {o.title('en')}"
    for c in ref.clusters():
        assert raw[f"cluster{c.id}"]["label"] == f"D{c.id}. {c.title('en')}"


def test_reference_group_labels_in_six_languages(sheets):
    row = _survey_row(sheets, "obj13")
    assert row[column("label", "fr")] == "13. " + ref.objective(13).title("fr")
    # A working translation says so in its own label; the official text stands as it is.
    assert not ref.objective(13).is_official("ar")
    assert row[column("label", "ar")].startswith("13. " + ref.objective(13).title("ar") + " (")
    assert "غير رسمية" in row[column("label", "ar")]
    assert _survey_row(sheets, "cluster3")[column("label", "zh")].startswith("D3. ")


def test_reference_choice_lists(sheets):
    objectives = _choices(sheets, "objectives")
    assert [r["name"] for r in objectives] == [str(n) for n in range(1, 24)]
    assert objectives[4]["label"] == "5. " + ref.objective(5).title("en")
    assert objectives[4][column("label", "fr")] == "5. " + ref.objective(5).title("fr")
    assert objectives[4][column("label", "ru")].startswith("5. " + ref.objective(5).title("ru"))
    # Every working text is marked as such; official texts carry no mark.
    for o, row in zip(ref.objectives(), objectives, strict=True):
        for lang in ("ar", "zh", "en", "fr", "ru", "es"):
            label = row["label"] if lang == "en" else row[column("label", lang)]
            assert (label == f"{o.id}. {o.title(lang)}") == o.is_official(lang), (o.id, lang)
    assert all(r[column("label", lang)] for r in objectives for lang in OTHER_LANGUAGES)
    assert [r["name"] for r in _choices(sheets, "principles")] == list("abcdefghij")
    states = {r["name"]: r for r in _choices(sheets, "states")}
    assert len(states) == len(ref.states())
    assert states["FRA"][column("label", "fr")] == "France"
    regions = {r["name"]: r["members"].split() for r in _choices(sheets, "commissions")}
    assert set(regions) == set(REGIONS)
    assert "FRA" in regions["ECLAC"] and "XKX" in regions["ECE"] and "FRA" not in regions["ECA"]
    assert len(_choices(sheets, "covid_practices")) == len(ref.covid_practices())
    assert len(_choices(sheets, "stakeholder_types")) == len(ref.stakeholder_types())


def test_static_choices_do_not_duplicate_reference_lists():
    lists = {r["list_name"] for r in builtin._read("choices")}
    assert not lists & {"states", "commissions", "objectives", "principles", "covid_practices"}


def test_covid_objectives_follow_the_reference_mapping(sheets):
    calc = _survey_row(sheets, "covid_objectives")["calculation"]
    for p in ref.covid_practices():
        numbers = " ".join(map(str, p.objectives))
        expected = f"if(selected(${{covid_measures}}, '{p.key}'), ' {numbers}', '')"
        assert expected in calc


def test_rows_are_rectangular(sheets):
    for rows in sheets.values():
        assert len({tuple(r) for r in rows}) == 1


# --- the translation hook -----------------------------------------------------------------------


def fake_translate(lang: str, msgid: str) -> str | None:
    return None if msgid == "Priority" else f"[{lang}] {msgid}"


def test_translatable_texts_leave_reference_texts_out(sheets):
    texts = {text for _sheet, _i, _col, text in translatable_texts(sheets)}
    assert "Reporting State" in texts
    assert "GCM State Practice Survey" in texts
    assert "Choose the reporting State." in texts
    assert ref.objective(1).title("en") not in {t.partition(". ")[2] for t in texts}
    assert "France" not in texts


def test_translate_sheets_fills_only_missing_languages(sheets):
    out = translate_sheets(sheets, fake_translate)
    state = _survey_row(out, "state")
    assert state[column("label", "fr")] == "[fr] Reporting State"
    assert state[column("hint", "ar")].startswith("[ar] ")
    assert state[column("required_message", "zh")] == "[zh] Choose the reporting State."
    assert _survey_row(out, "obj01_priority")[column("label", "fr")] == ""  # no translation
    assert _survey_row(out, "obj01")[column("label", "fr")] == "1. " + ref.objective(1).title("fr")
    assert out["settings"][0][column("form_title", "es")] == "[es] GCM State Practice Survey"
    assert _survey_row(sheets, "state")[column("label", "fr")] == ""  # input left alone


# --- through the engine --------------------------------------------------------------------------


def test_loads_with_the_engine(form):
    assert form.form_id == "gcm_state_practice_survey"
    assert form.version == "2026.2"
    assert form.default_language == "en"
    assert set(LANGUAGES) <= set(form.languages)


def test_no_errors_only_missing_translation_warnings():
    from gcm_collect.forms.sheets import check_sheets

    form, problems = check_sheets(builtin_sheets(), builtin.SOURCE)
    assert form is not None
    assert [p for p in problems if p.severity != "warning"] == []
    # the five other languages come from the gettext catalogs, filled by translate_sheets
    translated = translate_sheets(builtin_sheets(), lambda lang, msgid: f"{lang}: {msgid}")
    assert check_sheets(translated, builtin.SOURCE)[1] == []


def test_four_cluster_groups_of_objective_groups(form):
    seen = []
    for c in ref.clusters():
        group = form.group(f"cluster{c.id}")
        inner = [g.name for g in group.children]
        assert inner == [f"obj{n:02d}" for n in c.objectives]
        seen += inner
    assert sorted(seen) == [f"obj{n:02d}" for n in range(1, 24)]
    assert form.group("obj08").label("es") == ("8. " + ref.objective(8).title("es"), False)


def test_repeats(form):
    assert form.group("practices").is_repeat
    assert form.group("commitments").is_repeat
    assert form.repeat_chain("practice_end") == ("practices",)


def test_every_required_question_has_a_required_message(form):
    required = [q for q in form.walk() if getattr(q, "required", None) is not None]
    assert len(required) > 40
    for q in required:
        assert q.required_messages, q.name


def _eval(form, answers, instances=None):
    return builtin_evaluate(form, answers, instances or {})


def builtin_evaluate(form, answers, instances):
    from gcm_collect.forms.evaluate import evaluate

    return evaluate(form, answers, instances, "en", today=TODAY)


def _problems(evaluation, path, kind=None):
    return [p for p in evaluation.problems if p.path == path and (kind is None or p.kind == kind)]


def test_email_constraint(form):
    bad = _eval(form, {"focal_point_email": "someone at example.org"})
    assert _problems(bad, "focal_point_email", "constraint")
    assert "e-mail" in _problems(bad, "focal_point_email")[0].message
    good = _eval(form, {"focal_point_email": "focal.point@mfa.example.org"})
    assert not _problems(good, "focal_point_email")


def test_reporting_period_and_date(form):
    ev = _eval(form, {"reporting_period": "2022-25", "report_date": "2027-01-01"})
    assert _problems(ev, "reporting_period", "constraint")
    assert _problems(ev, "report_date", "constraint")
    ev = _eval(form, {"reporting_period": "2022-2025", "report_date": "2026-02-01"})
    assert not _problems(ev, "reporting_period") and not _problems(ev, "report_date")


def test_required_questions_are_reported_with_their_message(form):
    ev = _eval(form, {})
    (problem,) = _problems(ev, "state", "required")
    assert problem.message == "Choose the reporting State."


def test_objective_skipped_when_not_applicable(form):
    ev = _eval(form, {"obj05_priority": "not_applicable"})
    for field in OBJECTIVE_FIELDS[1:]:
        assert not ev.is_relevant(f"obj05_{field}")
    assert not _problems(ev, "obj05_status")
    assert ev.is_relevant("obj06_status")
    ev = _eval(form, {"obj05_priority": "high"})
    assert ev.is_relevant("obj05_status")
    assert _problems(ev, "obj05_status", "required")


def test_review_region_limited_to_the_states_commissions(form):
    ev = _eval(form, {"state": "FRA"})
    assert set(ev.choices["review_region"]) == {"ECE", "ECLAC", "ESCAP"}
    ev = _eval(form, {"state": "EGY", "review_region": "ECE"})
    assert _problems(ev, "review_region")


def test_review_region_offers_the_arab_review_to_comoros_and_djibouti(form):
    for iso3 in ("COM", "DJI"):
        assert set(_eval(form, {"state": iso3}).choices["review_region"]) == {"ECA", "ESCWA"}
        ev = _eval(form, {"state": iso3, "review_region": "ESCWA"})
        assert not _problems(ev, "review_region")


def test_kosovo_footnote_shown_for_kosovo_only(form):
    assert _eval(form, {"state": "XKX"}).is_relevant("kosovo_note")
    assert not _eval(form, {"state": "SRB"}).is_relevant("kosovo_note")
    footnote = ref.state_footnote("XKX")
    note = form.question("kosovo_note")
    assert note.label("en")[0] == footnote.text("en")
    assert "Security Council resolution 1244 (1999)" in note.label("en")[0]
    # The other languages are working translations, and say so.
    assert note.label("fr")[0].startswith(footnote.text("fr"))
    assert note.label("fr")[0].endswith("(traduction de travail, non officielle)")


def test_kosovo_is_listed_with_the_footnote_mark(form):
    labels = {c.name: c.label("ar")[0] for c in form.choices_for(form.question("state"))}
    assert labels["XKX"] == ref.state_name("XKX", "ar") + "*"
    assert labels["SRB"] == ref.state_name("SRB", "ar")


def _practice(uid="p1", **answers):
    return {f"practices[{uid}]/{k}": v for k, v in answers.items()}


def test_practice_end_after_start(form):
    answers = _practice(practice_start="2021-06-01", practice_end="2020-01-31")
    ev = _eval(form, answers, {"practices": ["p1"]})
    (problem,) = _problems(ev, "practices[p1]/practice_end", "constraint")
    assert problem.message == "The end date cannot be before the start date."
    answers = _practice(practice_start="2021-06-01", practice_end="2022-01-31")
    ev = _eval(form, answers, {"practices": ["p1"]})
    assert not _problems(ev, "practices[p1]/practice_end")


def test_completed_practice_needs_an_end_date(form):
    ev = _eval(form, _practice(practice_status="completed"), {"practices": ["p1"]})
    assert _problems(ev, "practices[p1]/practice_end", "required")
    ev = _eval(form, _practice(practice_status="ongoing"), {"practices": ["p1"]})
    assert not _problems(ev, "practices[p1]/practice_end")


def test_practice_objectives_and_primary(form):
    ev = _eval(form, _practice(), {"practices": ["p1"]})
    (problem,) = _problems(ev, "practices[p1]/practice_objectives", "required")
    assert problem.message == "Choose at least one GCM objective."
    answers = _practice(practice_objectives=["13", "15"], practice_primary_objective="7")
    ev = _eval(form, answers, {"practices": ["p1"]})
    assert ev.choices["practices[p1]/practice_primary_objective"] == ("13", "15")
    assert _problems(ev, "practices[p1]/practice_primary_objective")
    answers = _practice(practice_objectives=["13", "15"], practice_primary_objective="13")
    ev = _eval(form, answers, {"practices": ["p1"]})
    assert not _problems(ev, "practices[p1]/practice_primary_objective")


def test_practice_summary_length_and_budget(form):
    answers = _practice(practice_summary="Too short.", practice_budget=-5.0)
    ev = _eval(form, answers, {"practices": ["p1"]})
    assert _problems(ev, "practices[p1]/practice_summary", "constraint")
    assert _problems(ev, "practices[p1]/practice_budget", "constraint")
    answers = _practice(practice_summary="x" * 400, practice_budget=25000.0)
    ev = _eval(form, answers, {"practices": ["p1"]})
    assert not _problems(ev, "practices[p1]/practice_summary")
    assert not _problems(ev, "practices[p1]/practice_budget")


def test_practices_are_counted_and_numbered(form):
    answers = {**_practice("a", practice_title="One"), **_practice("b", practice_title="Two")}
    ev = _eval(form, answers, {"practices": ["a", "b"]})
    assert float(ev.calculated["practices_count"]) == 2
    assert float(ev.calculated["practices[b]/practice_number"]) == 2


def test_commitment_objectives_capped_at_three(form):
    answers = {"commitments[c1]/commitment_objectives": ["1", "5", "6", "23"]}
    ev = _eval(form, answers, {"commitments": ["c1"]})
    assert _problems(ev, "commitments[c1]/commitment_objectives", "constraint")


def test_covid_measures_show_their_objectives(form):
    ev = _eval(form, {"covid_measures": ["detention_release_alternatives", "permit_extension"]})
    assert ev.calculated["covid_objectives"].split() == ["5", "4", "12", "13", "7"]
    assert ev.is_relevant("covid_objectives_note")
    assert not _eval(form, {}).is_relevant("covid_objectives_note")


def test_links_constraint(form):
    ok = _eval(form, {"attachment_links": "https://example.org/a\nhttp://example.org/b\n"})
    assert not _problems(ok, "attachment_links")
    bad = _eval(form, {"attachment_links": "https://example.org/a\nwww.example.org"})
    assert _problems(bad, "attachment_links", "constraint")


def test_load_with_translations():
    form = load_builtin(fake_translate)
    assert form.question("state").label("fr") == ("[fr] Reporting State", False)
    assert form.question("obj01_priority").label("fr") == ("Priority", True)  # falls back
    assert form.content_hash != load_builtin().content_hash


def test_the_practice_summary_hint_says_what_its_check_checks(form):
    hint = form.question("practice_summary").hint("en")[0]
    assert "100 to 1200 characters" in hint and "words" not in hint
    path = "practices[p1]/practice_summary"
    for length, ok in ((99, False), (100, True), (1200, True), (1201, False)):
        ev = _eval(form, _practice(practice_summary="x" * length), {"practices": ["p1"]})
        assert (not _problems(ev, path, "constraint")) == ok, length


def test_the_covid_objective_links_say_they_are_the_projects_analysis(form):
    # The mapping of COVID-19 measures to objectives is the project's (gcm-reference.md §5),
    # not a UN one: the form must not present it as fact, in any language.
    from gcm_collect.forms.builtin import builtin_form  # with its translations

    note = builtin_form().question("covid_objectives_note")
    assert "project's own analysis (not a UN mapping)" in note.label("en")[0]
    assert "analyse propre au projet" in note.label("fr")[0]
    assert "الأمم المتحدة" in note.label("ar")[0]
    # the workbooks' column header says so too (the calculation's label)
    calc = builtin_form().question("covid_objectives")
    assert "the project's own analysis, not a UN mapping" in calc.label("en")[0]
    assert "analyse propre au projet" in calc.label("fr")[0]
    assert "الأمم المتحدة" in calc.label("ar")[0]


def test_the_hub_consent_records_no_and_then_asks_no_hub_questions(form):
    consent = form.question("practice_hub_consent")
    assert [c.name for c in form.choices_for(consent)] == ["yes", "no"]
    path = "practices[p1]/%s"
    ev = _eval(form, _practice(), {"practices": ["p1"]})
    assert _problems(ev, path % "practice_hub_consent", "required")  # "no" must be said
    ev = _eval(form, _practice(practice_hub_consent="no"), {"practices": ["p1"]})
    assert not _problems(ev, path % "practice_hub_consent")
    assert not _problems(ev, path % "practice_hub_regions")
    assert ev.is_relevant(path % "practice_hub_consent_no")
    assert not ev.is_relevant(path % "practice_hub_regions")
    ev = _eval(form, _practice(practice_hub_consent="yes"), {"practices": ["p1"]})
    assert _problems(ev, path % "practice_hub_regions", "required")
    assert not ev.is_relevant(path % "practice_hub_consent_no")
    regions = [c.name for c in form.choices_for(form.question("practice_hub_regions"))]
    assert regions == ["africa", "americas", "asia", "europe", "oceania", "global"]


# --- the sections added in 2026.2 (sources: reference/data/SOURCES.md) -------------------------


def test_the_national_plan_asks_when_by_whom_and_whether_budgeted(form):
    details = ("gcm_plan_title", "gcm_plan_year", "gcm_plan_adopted_by", "gcm_plan_budgeted")
    ev = _eval(form, {"gcm_plan": "yes"})
    assert all(ev.is_relevant(n) for n in details)
    ev = _eval(form, {"gcm_plan": "in_preparation"})
    assert [n for n in details if ev.is_relevant(n)] == ["gcm_plan_title", "gcm_plan_budgeted"]
    ev = _eval(form, {"gcm_plan": "no"})
    assert not any(ev.is_relevant(n) for n in details)
    for year, ok in ((2017, False), (2018, True), (2026, True)):
        ev = _eval(form, {"gcm_plan": "yes", "gcm_plan_year": year})
        assert (not _problems(ev, "gcm_plan_year", "constraint")) == ok, year


def test_sdg_targets_are_numbers_marked_as_the_projects_selection(form):
    from gcm_collect.forms.builtin import builtin_form

    translated = builtin_form()
    for name in ("sdg_targets", "practice_sdg_targets"):
        question = translated.question(name)
        choices = translated.choices_for(question)
        assert [c.name for c in choices] == [t.target for t in ref.sdg_targets()]
        assert "10.7" in [c.name for c in choices]
        # a number, never a title the domain data do not hold
        assert {c.label("en")[0] for c in choices} == {
            f"Target {t.target}" for t in ref.sdg_targets()
        }
        assert next(c for c in choices if c.name == "10.7").label("fr")[0] == "Cible 10.7"
        assert "not a UN list" in question.hint("en")[0]
    assert not any(t.verified for t in ref.sdg_targets())  # none is in the domain data


def test_disaggregation_by_sex_age_and_migration_status(form):
    question = form.question("data_disaggregation")
    assert [c.name for c in form.choices_for(question)] == [
        "sex",
        "age",
        "migration_status",
        "none",
    ]
    ev = _eval(form, {"data_disaggregation": ["sex", "none"]})
    (problem,) = _problems(ev, "data_disaggregation", "constraint")
    assert problem.message == "None of these cannot be chosen with another answer."
    ev = _eval(form, {"data_disaggregation": ["sex", "age", "migration_status"]})
    assert not _problems(ev, "data_disaggregation")
    path = "practices[p1]/practice_beneficiaries_disaggregated"
    assert not _eval(form, _practice(), {"practices": ["p1"]}).is_relevant(path)
    ev = _eval(form, _practice(practice_beneficiaries=40), {"practices": ["p1"]})
    assert ev.is_relevant(path)


def test_gender_responsive_and_child_sensitive_questions_are_required(form):
    ev = _eval(form, {})
    assert _problems(ev, "gender_responsive", "required")
    assert _problems(ev, "child_sensitive", "required")
    assert "(g)" in form.question("gender_responsive").hint("en")[0]
    assert "(h)" in form.question("child_sensitive").hint("en")[0]
    ev = _eval(form, {"child_sensitive": "partly"})
    assert ev.is_relevant("child_sensitive_details")
    assert not _eval(form, {"child_sensitive": "no"}).is_relevant("child_sensitive_details")


def test_financing_by_source(form):
    assert form.group("financing").is_repeat
    sources = [c.name for c in form.choices_for(form.question("financing_source"))]
    assert "mptf" in sources and "national_budget" in sources
    answers = {"financing[f1]/financing_amount_usd": -5}
    ev = _eval(form, answers, {"financing": ["f1"]})
    assert _problems(ev, "financing[f1]/financing_source", "required")
    assert _problems(ev, "financing[f1]/financing_amount_usd", "constraint")


def test_imrf_pledges_are_followed_up_when_the_state_pledged(form):
    pledge = {"pledges[g1]/pledge_objectives": ["1", "5", "6", "23"]}
    ev = _eval(form, {"imrf_pledges_made": "no", **pledge}, {"pledges": ["g1"]})
    assert not ev.is_relevant("pledges[g1]/pledge_title")
    ev = _eval(form, {"imrf_pledges_made": "yes", **pledge}, {"pledges": ["g1"]})
    assert _problems(ev, "pledges[g1]/pledge_title", "required")
    assert _problems(ev, "pledges[g1]/pledge_nature", "required")
    assert _problems(ev, "pledges[g1]/pledge_objectives", "constraint")  # the main three
    natures = [c.name for c in form.choices_for(form.question("pledge_nature"))]
    assert natures == ["financial", "human_resource", "process", "policy"]
    kinds = [c.name for c in form.choices_for(form.question("pledge_kind"))]
    assert kinds == ["individual", "common", "in_partnership", "matching"]
    assert "76/266" in form.question("progress_declaration_followup").label("en")[0]


def test_every_question_added_in_2026_2_speaks_six_languages():
    from gcm_collect.forms.builtin import builtin_form

    new, old = builtin_form(), builtin_form("2026.1")
    added = [q for q in new.questions() if q.name not in {o.name for o in old.questions()}]
    assert len(added) >= 30
    for q in added:
        for lang in ref.LANGUAGES:
            label, fell_back = q.label(lang)
            if q.type != "calculate":
                assert label and not fell_back, (q.name, lang)
        for c in new.choices_for(q) if q.list_name else ():
            for lang in ref.LANGUAGES:
                assert not c.label(lang)[1], (q.name, c.name, lang)
