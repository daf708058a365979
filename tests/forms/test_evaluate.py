"""Validation engine: relevance, calculations, problems, messages, incremental sessions."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gcm_collect.forms import Session, evaluate, form_from_sheets

EN, FR = "label::English (en)", "label::Français (fr)"
SURVEY = [
    {
        "type": "text",
        "name": "state",
        EN: "State",
        "required": "yes",
        "required_message::English (en)": "State?",
        "required_message::Français (fr)": "État ?",
    },
    {
        "type": "integer",
        "name": "n",
        EN: "N",
        "constraint": ". >= 0",
        "constraint_message::Français (fr)": "positif",
    },
    {"type": "decimal", "name": "amount", EN: "Amount"},
    {
        "type": "date",
        "name": "when",
        EN: "When",
        "constraint": ". <= today()",
        "default": "today()",
    },
    {"type": "select_one yn", "name": "has", EN: "Has?", "default": "no"},
    {
        "type": "select_multiple obj or_other",
        "name": "objs",
        EN: "Objectives",
        "choice_filter": "cluster = 'a' or ${has} = 'yes'",
    },
    {"type": "acknowledge", "name": "ack", EN: "OK?", "required": "${n} > 5"},
    {"type": "note", "name": "intro", EN: "Intro"},
    {
        "type": "text",
        "name": "why",
        EN: "Why",
        "relevant": "${has} = 'yes'",
        "required": "yes",
        "read_only": "${n} = 1",
    },
    {"type": "begin_group", "name": "details", EN: "Details", "relevant": "${n} > 0"},
    {"type": "integer", "name": "size", EN: "Size", "default": "3"},
    {"type": "end_group"},
    {"type": "begin_repeat", "name": "practices", EN: "Practices", "relevant": "${has} = 'yes'"},
    {"type": "text", "name": "title", EN: "Title", "required": "yes"},
    {"type": "integer", "name": "cost", EN: "Cost", "constraint": ". < ${n}"},
    {"type": "calculate", "name": "pos", "calculation": "position(..)"},
    {"type": "begin_repeat", "name": "partners", EN: "Partners"},
    {
        "type": "text",
        "name": "partner",
        EN: "Partner",
        "relevant": "${cost} > 0",
        "constraint": "string-length(.) > 1",
    },
    {"type": "end_repeat"},
    {"type": "end_repeat"},
    {"type": "calculate", "name": "total", "calculation": "sum(${cost})"},
    {"type": "calculate", "name": "count", "calculation": "count(${practices})"},
    {"type": "calculate", "name": "label_n", "calculation": "concat('n=', ${n})"},
]
CHOICES = [
    {"list_name": "yn", "name": "yes", EN: "Yes"},
    {"list_name": "yn", "name": "no", EN: "No"},
    {"list_name": "obj", "name": "o1", EN: "O1", "cluster": "a"},
    {"list_name": "obj", "name": "o2", EN: "O2", "cluster": "b"},
]


def form_of(survey: list[dict], form_id: str):
    settings = [{"form_id": form_id, "default_language": "en"}]
    return form_from_sheets({"survey": survey, "choices": CHOICES, "settings": settings}, "e.xlsx")


FORM = form_of(SURVEY, "e")
TODAY = date(2026, 5, 1)
INST = {"practices": ["p1", "p2"], "practices[p1]/partners": ["x1"], "practices[p2]/partners": []}


def ev(answers, instances=INST, lang="en"):
    return evaluate(FORM, answers, instances, lang, today=TODAY)


def kinds(e):
    return {(p.path, p.kind) for p in e.problems}


def test_required_and_messages_in_language():
    e = ev({})
    assert ("state", "required") in kinds(e)
    assert e.problems_for("state")[0].message == "State?"
    assert ev({}, lang="fr").problems_for("state")[0].message == "État ?"
    assert ev({}, lang="ru").problems_for("state")[0].message == "State?"  # fallback: default lang


def test_constraint_message_fallbacks():
    assert ev({"n": -1}, lang="fr").problems_for("n")[0].message == "positif"
    # no English message at all: fall back to the other language rather than an empty text
    assert ev({"n": -1}, lang="en").problems_for("n")[0].message == "positif"
    e = ev({"state": "X", "when": "2030-01-01"})
    assert e.problems_for("when")[0].kind == "constraint"
    assert e.problems_for("when")[0].message  # generic translated message


@pytest.mark.parametrize(
    "path, value",
    [
        ("n", "3"),
        ("n", 2.5),
        ("n", True),
        ("amount", "x"),
        ("amount", float("inf")),
        ("when", "2026-02-30"),
        ("state", 5),
        ("has", ["yes"]),
        ("objs", "o1"),
        ("ack", "yes"),
    ],
)
def test_type_problems(path, value):
    assert (path, "type") in kinds(ev({path: value}))


def test_choice_problems_and_or_other_and_filter():
    assert ("has", "choice") in kinds(ev({"has": "maybe"}))
    e = ev({"has": "no", "objs": ["o1", "other"]})
    assert not e.problems_for("objs")
    assert e.choices["objs"] == ("o1",)
    assert ("objs", "choice") in kinds(ev({"has": "no", "objs": ["o2"]}))
    assert ev({"has": "yes", "objs": ["o2"]}).choices["objs"] == ("o1", "o2")


def test_relevance_groups_and_irrelevant_answers_kept_but_not_validated():
    e = ev({"state": "X", "has": "no", "why": 42, "n": 0, "size": 1})
    assert not e.is_relevant("why") and not e.problems_for("why")
    assert not e.is_relevant("details") and not e.is_relevant("size")
    assert "why" not in e.relevant_answers() and e.answers["why"] == 42
    assert "size" not in e.relevant_answers()
    assert not e.is_relevant("practices") and not e.is_relevant("practices[p1]/title")
    e = ev({"state": "X", "has": "yes", "n": 2})
    assert e.is_relevant("why") and ("why", "required") in kinds(e)
    assert e.is_relevant("details") and e.is_relevant("size")
    assert e.is_relevant("practices") and e.is_relevant("practices[p1]")


def test_irrelevant_values_read_as_empty():
    e = ev({"has": "no", "practices[p1]/cost": 4, "n": 9})
    # the repeat is irrelevant, so costs read as empty: sum() is NaN (XPath), i.e. no value
    assert "total" not in e.calculated
    e = ev({"has": "yes", "practices[p1]/cost": 4, "practices[p2]/cost": 1, "n": 9})
    assert e.calculated["total"] == 5


def test_repeat_sibling_scope_position_and_nested():
    answers = {
        "has": "yes",
        "n": 3,
        "practices[p1]/cost": 5,
        "practices[p2]/cost": 1,
        "practices[p1]/partners[x1]/partner": "A",
    }
    e = ev(answers)
    assert ("practices[p1]/cost", "constraint") in kinds(e)  # 5 < 3 fails in p1 only
    assert ("practices[p2]/cost", "constraint") not in kinds(e)
    assert ("practices[p1]/title", "required") in kinds(e)
    assert e.calculated["practices[p1]/pos"] == 1 and e.calculated["practices[p2]/pos"] == 2
    assert e.calculated["count"] == 2
    assert e.is_relevant("practices[p1]/partners[x1]/partner")
    assert ("practices[p1]/partners[x1]/partner", "constraint") in kinds(e)
    assert e.calculated["label_n"] == "n=3"


def test_defaults_read_only_unknown_and_acknowledge():
    e = ev({"n": 1, "has": "yes", "extra_old": "x", "practices[zz]/title": "t"})
    assert e.defaults["when"] == "2026-05-01"
    assert e.defaults["size"] == 3
    assert "has" not in e.defaults  # answered
    assert "why" in e.read_only
    assert set(e.unknown) == {"extra_old", "practices[zz]/title"}
    assert ("ack", "required") in kinds(ev({"n": 6, "ack": False}))
    assert ("ack", "required") not in kinds(ev({"n": 6, "ack": True}))


def test_or_other_text_exported_only_when_other_selected():
    e = ev({"objs": ["other"], "objs_other": "mine", "has": "no"})
    assert e.relevant_answers()["objs_other"] == "mine"
    assert "objs_other" not in ev({"objs": ["o1"], "objs_other": "mine"}).relevant_answers()


def test_session_set_instances():
    s = Session(FORM, {"has": "yes"}, {"practices": ["p1"]}, "en", today=TODAY)
    assert s.evaluation().calculated["count"] == 1
    e = s.set_instances({"practices": ["p2", "p1"]})
    assert e.calculated["count"] == 2 and e.calculated["practices[p2]/pos"] == 1


ANSWER_PATHS = [
    "state",
    "n",
    "amount",
    "when",
    "has",
    "objs",
    "ack",
    "why",
    "size",
    "practices[p1]/title",
    "practices[p1]/cost",
    "practices[p2]/cost",
    "practices[p1]/partners[x1]/partner",
]
ANSWER_VALUES = st.one_of(
    st.none(),
    st.integers(-3, 9),
    st.sampled_from(["", "yes", "no", "ab", "2026-01-01"]),
    st.just(["o1"]),
    st.booleans(),
)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(ANSWER_PATHS), ANSWER_VALUES), max_size=15))
def test_incremental_session_matches_a_full_evaluation(changes):
    session = Session(FORM, {}, INST, "en", today=TODAY)
    answers: dict = {}
    for path, value in changes:
        got = session.set_answer(path, value)
        if value is None:
            answers.pop(path, None)
        else:
            answers[path] = value
        same(got, ev(answers))


def same(got, want) -> None:
    """The same evaluation, all but the order of its mappings."""
    assert got.relevant == want.relevant
    assert got.problems == want.problems
    assert dict(got.calculated) == dict(want.calculated)
    assert dict(got.defaults) == dict(want.defaults)
    assert dict(got.choices) == dict(want.choices)
    assert got.read_only == want.read_only
    assert dict(got.answers) == dict(want.answers)


def test_relevance_only_evaluation_skips_checks_but_agrees_on_relevance():
    from gcm_collect.demo import generate
    from gcm_collect.forms import evaluate
    from gcm_collect.forms.builtin import builtin_form
    from gcm_collect.store import Store

    form = builtin_form()
    with Store.open(":memory:") as store:
        generate(store, 12, seed=4)
        records = [store.get_record(s.uuid) for s in store.list_submissions()]
    for record in records:
        full = evaluate(form, record["answers"], record["instances"], "en")
        light = evaluate(form, record["answers"], record["instances"], "en", check=False)
        assert light.problems == ()
        assert light.relevant == full.relevant
        assert light.calculated == full.calculated
        assert light.relevant_answers() == full.relevant_answers()


# --- answers recorded in a row (Session.record), recomputed once when next read: the same
# relevance, calculations, problems, defaults and choices as answering one at a time

BATCH_SURVEY = [
    {"type": "integer", "name": "a", EN: "A", "constraint": ". < 50"},
    {"type": "integer", "name": "b", EN: "B"},
    {"type": "select_one yn", "name": "has", EN: "Has?"},
    {
        "type": "select_multiple obj",
        "name": "objs",
        EN: "Objectives",
        "choice_filter": "cluster = 'a' or ${has} = 'yes'",
    },
    {"type": "calculate", "name": "total", "calculation": "${a} + ${b}"},
    # Calculations that keep their own earlier value: their result depends on every step.
    {"type": "calculate", "name": "first_a", "calculation": "once(${a})"},
    {"type": "calculate", "name": "kept_b", "calculation": "if(. = '', ${b}, .)"},
    {"type": "text", "name": "why", EN: "Why", "relevant": "${total} > 3", "required": "yes"},
    {"type": "begin_repeat", "name": "practices", EN: "Practices", "relevant": "${has} = 'yes'"},
    {"type": "integer", "name": "cost", EN: "Cost", "constraint": ". < ${b}"},
    {"type": "text", "name": "title", EN: "Title", "relevant": "${cost} > 0", "required": "yes"},
    {"type": "end_repeat"},
    {"type": "calculate", "name": "sum_cost", "calculation": "sum(${cost})"},
    {"type": "integer", "name": "big", EN: "Big", "relevant": "${sum_cost} > 10", "default": "7"},
]
BATCH_FORM = form_of(BATCH_SURVEY, "b")
BATCH_INST = {"practices": ["p1", "p2"]}


def batch_session() -> Session:
    return Session(BATCH_FORM, {}, BATCH_INST, "en", today=TODAY)


def test_a_batch_of_answers_is_seen_whole_when_read():
    s = batch_session()
    for path, value in (("a", 2), ("b", 4), ("has", "yes"), ("practices[p1]/cost", 3)):
        s.record(path, value)
    e = s.evaluation()
    assert e.calculated["total"] == 6
    assert [p.path for p in e.problems] == ["why", "practices[p1]/title"]  # required
    assert "practices[p1]/title" in e.relevant
    assert e.choices["objs"] == ("o1", "o2")


def test_filtered_choices_are_brought_up_to_date_between_answers():
    s = batch_session()
    assert s.choices_at("objs") == ("o1",)
    s.record("has", "yes")
    assert s.choices_at("objs") == ("o1", "o2")  # no evaluation() in between
    assert s.choices_at("b") is None  # not filtered


def test_relevance_without_checks_then_problems_when_evaluated():
    s = batch_session()
    s.record("a", 3)
    s.record("b", 1)
    assert "why" in s.relevant()
    assert s.choices_at("objs") == ("o1",)
    s.record("has", "yes")
    s.record("practices[p2]/cost", 5)
    assert "practices[p2]/title" in s.relevant()
    assert s.choices_at("objs") == ("o1", "o2")
    e = s.evaluation()  # every check left for now: constraint, required, the choice filter
    assert {(p.path, p.kind) for p in e.problems} == {
        ("why", "required"),
        ("practices[p2]/cost", "constraint"),
        ("practices[p2]/title", "required"),
    }
    assert e.choices["objs"] == ("o1", "o2")


def test_once_keeps_the_first_value_as_when_answered_one_at_a_time():
    s = batch_session()
    for value in (1, 2, 3):
        s.record("a", value)
    s.record("b", 8)
    s.record("b", 9)
    e = s.evaluation()
    assert e.calculated["first_a"] == 1 and e.calculated["kept_b"] == 8
    assert e.calculated["total"] == 12


def test_answers_cleared_in_a_batch_are_gone_from_what_follows():
    s = batch_session()
    s.record("has", "yes")
    s.record("practices[p1]/cost", 7)
    s.record("practices[p2]/cost", 6)
    assert "big" in s.evaluation().relevant
    s.record("practices[p2]/cost", None)
    s.record("has", "no")
    e = s.evaluation()
    assert "big" not in e.relevant and "sum_cost" not in e.calculated
    assert "practices[p1]/title" not in e.relevant


BATCH_PATHS = ["a", "b", "has", "objs", "why", "practices[p1]/cost", "practices[p2]/cost", "big"]
BATCH_PATHS += ["practices[p1]/title"]
BATCH_VALUES = st.one_of(
    st.none(), st.integers(-2, 60), st.sampled_from(["", "yes", "no", "x"]), st.just(["o2"])
)
LOOK = st.sampled_from(["", "", "", "evaluation", "choices", "relevant"])


@settings(max_examples=80, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(BATCH_PATHS), BATCH_VALUES, LOOK), max_size=20))
def test_recorded_in_batches_matches_answering_one_at_a_time(changes):
    batched, one_by_one = batch_session(), batch_session()
    for path, value, look in changes:
        batched.record(path, value)
        want = one_by_one.set_answer(path, value)
        if look == "evaluation":
            same(batched.evaluation(), want)
        elif look == "choices":
            assert batched.choices_at("objs") == want.choices.get("objs")
        elif look == "relevant":  # relevance brought up to date, answers checked later
            assert batched.relevant() == want.relevant
    same(batched.evaluation(), one_by_one.evaluation())
