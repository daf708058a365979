"""``demo --form``: realistic submissions of any imported form, every type answered, repeats
filled (nested ones too), relevance and constraints respected, text in the six languages."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parents[1] / "forms"))
from odk_corpus import odk_book  # noqa: E402

from gcm_collect.demo import generate  # noqa: E402
from gcm_collect.forms import evaluate  # noqa: E402
from gcm_collect.ops.forms import form_for, import_form  # noqa: E402
from gcm_collect.store import Store  # noqa: E402

CHOICES = [
    {"list_name": "yn", "name": "yes", "label": "Yes"},
    {"list_name": "yn", "name": "no", "label": "No"},
    {"list_name": "crop", "name": "maize", "label": "Maize"},
    {"list_name": "crop", "name": "rice", "label": "Rice"},
    {"list_name": "crop", "name": "beans", "label": "Beans"},
]
SURVEY = [
    {"type": "text", "name": "village", "label": "Village", "required": "yes"},
    {"type": "select_one yn", "name": "irrigated", "label": "Irrigated?", "required": "yes"},
    {
        "type": "integer",
        "name": "wells",
        "label": "Wells",
        "relevant": "${irrigated} = 'yes'",
        "constraint": ". >= 1 and . <= 40",
        "required": "yes",
    },
    {"type": "decimal", "name": "area", "label": "Area (ha)", "constraint": ". > 0"},
    {"type": "date", "name": "visited", "label": "Visited on"},
    {"type": "select_multiple crop", "name": "crops", "label": "Crops", "required": "yes"},
    {"type": "time", "name": "arrived", "label": "Arrived at"},
    {"type": "dateTime", "name": "left", "label": "Left at"},
    {"type": "range", "name": "score", "label": "Score", "parameters": "start=1 end=5"},
    {"type": "rank crop", "name": "preferred", "label": "Preferred crops"},
    {"type": "acknowledge", "name": "consent", "label": "Consent"},
    {"type": "note", "name": "thanks", "label": "Thank you"},
    {"type": "calculate", "name": "crop_count", "calculation": "count-selected(${crops})"},
    {"type": "begin_repeat", "name": "household", "label": "Household"},
    {"type": "text", "name": "head", "label": "Head of household", "required": "yes"},
    {"type": "begin_repeat", "name": "member", "label": "Member"},
    {"type": "integer", "name": "age", "label": "Age", "constraint": ". < 120", "required": "yes"},
    {"type": "end_repeat"},
    {"type": "end_repeat"},
]
SCRIPTS = {"ar": "[\u0600-\u06ff]", "zh": "[\u4e00-\u9fff]", "ru": "[\u0400-\u04ff]"}


@pytest.fixture(scope="module")
def filled(tmp_path_factory):
    folder = tmp_path_factory.mktemp("demo")
    path = odk_book(folder / "farms.xlsx", SURVEY, CHOICES, [{"form_id": "farms"}])
    store = Store.open(folder / "db.sqlite3")
    imported = import_form(store, path)
    generate(store, 24, seed=7, form_id="farms")
    yield store, form_for(store, "farms", imported.version)
    store.close()


def records(store):
    return [store.get_record(s.uuid) for s in store.list_submissions()]


def test_demo_fills_an_imported_form_with_as_many_submissions_as_asked(filled):
    store, form = filled
    found = records(store)
    assert len(found) == 24
    assert {(r["form_id"], r["form_version"]) for r in found} == {("farms", form.version)}
    assert {r["status"] for r in found} >= {"draft", "complete"}


def test_complete_demo_submissions_pass_the_forms_own_checks(filled):
    store, form = filled
    for record in records(store):
        if record["status"] == "draft":
            continue
        answers, instances = store.get_answers(record["uuid"]), store.get_instances(record["uuid"])
        result = evaluate(form, answers, instances, "en")
        assert result.ok, result.problems
        # nothing answered that the form would not have asked
        assert set(answers) <= set(result.relevant)


def test_every_type_is_answered_and_nested_repeats_have_entries(filled):
    store, form = filled
    answered: set[str] = set()
    nested = False
    for record in records(store):
        answers = store.get_answers(record["uuid"])
        answered |= {p.rsplit("/", 1)[-1] for p in answers}
        nested |= any("/member[" in p for p in answers)
    asked = {q.name for q in form.questions() if q.type not in ("note", "calculate")}
    assert asked <= answered
    assert nested


def test_demo_text_comes_in_the_six_languages(filled):
    store, _form = filled
    texts = " ".join(
        value
        for record in records(store)
        for value in store.get_answers(record["uuid"]).values()
        if isinstance(value, str)
    )
    for script, pattern in SCRIPTS.items():
        assert re.search(pattern, texts), script
    assert re.search("[éèàç]", texts)  # French
    assert re.search("[ñáó]", texts)  # Spanish
