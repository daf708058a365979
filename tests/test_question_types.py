"""A question type is one module in forms/types, one widget and one cell handler: adding a type
to the registry and forgetting a table fails here, naming each table it is missing from."""

from __future__ import annotations

import os
from collections.abc import Collection

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def _tables() -> dict[str, Collection[str]]:
    from gcm_collect.app.form.questions.factory import WIDGETS
    from gcm_collect.forms.model import QUESTION_TYPES
    from gcm_collect.forms.types import TYPES
    from gcm_collect.workbook.questions import CELLS

    return {
        "the registry (gcm_collect/forms/types)": TYPES,
        "QUESTION_TYPES (gcm_collect/forms/model.py)": QUESTION_TYPES,
        "cell handling (CELLS in gcm_collect/workbook/questions.py)": CELLS,
        "widgets (WIDGETS in gcm_collect/app/form/questions/factory.py)": WIDGETS,
    }


def missing(tables: dict[str, Collection[str]]) -> list[str]:
    """'<type> is missing from <table>' for every type some table has and another lacks."""
    names = set().union(*(set(t) for t in tables.values()))
    return sorted(
        f"{name} is missing from {title}"
        for name in names
        for title, table in tables.items()
        if name not in table
    )


def test_every_question_type_is_in_every_table():
    assert missing(_tables()) == []


def test_a_type_left_out_of_a_table_is_named_with_the_table():
    tables = _tables()
    cells = dict(tables["cell handling (CELLS in gcm_collect/workbook/questions.py)"])
    del cells["rank"]
    tables["cell handling (CELLS in gcm_collect/workbook/questions.py)"] = cells
    tables["the registry (gcm_collect/forms/types)"] = {
        **tables["the registry (gcm_collect/forms/types)"],
        "signature": None,
    }
    assert missing(tables) == [
        "rank is missing from cell handling (CELLS in gcm_collect/workbook/questions.py)",
        "signature is missing from QUESTION_TYPES (gcm_collect/forms/model.py)",
        "signature is missing from cell handling (CELLS in gcm_collect/workbook/questions.py)",
        "signature is missing from widgets (WIDGETS in gcm_collect/app/form/questions/factory.py)",
    ]


def test_the_registry_agrees_with_the_model_on_metadata_and_choice_types():
    from gcm_collect.forms.model import CHOICE_TYPES, METADATA_TYPES
    from gcm_collect.forms.types import TYPES

    assert {t.name for t in TYPES.values() if t.metadata} == set(METADATA_TYPES)
    assert {t.name for t in TYPES.values() if t.takes_list} == set(CHOICE_TYPES)


def test_one_wording_of_each_value_rule_in_the_form_and_in_json_lines():
    """The form window's problem and JSON Lines' refusal of the same answer say the same."""
    from gcm_collect.forms import evaluate, form_from_sheets
    from gcm_collect.forms.types import Invalid, coerce

    survey = [
        {"type": "rank p", "name": "prio", "label": "Priorities"},
        {"type": "integer", "name": "n", "label": "Count"},
        {"type": "date", "name": "d", "label": "Day"},
        {"type": "select_one p", "name": "one", "label": "One"},
    ]
    choices = [{"list_name": "p", "name": n, "label": n} for n in ("work", "health")]
    form = form_from_sheets(
        {"survey": survey, "choices": choices, "settings": [{"form_id": "f", "version": "1"}]},
        "f.xlsx",
    )
    for name, value, words in [
        ("prio", ["work", "work"], "A choice is ranked twice."),
        ("n", 2.5, "Expected a whole number."),
        ("d", "26/11/2026", "Expected a date (YYYY-MM-DD)."),
        ("one", "sport", "sport is not one of the choices."),
    ]:
        (problem,) = evaluate(form, {name: value}, {}, "en").problems_for(name)
        with pytest.raises(Invalid) as refused:
            coerce(form, form.question(name), value)
        assert problem.message == str(refused.value) == words


def test_every_spelling_a_type_lists_is_read_as_that_type():
    from gcm_collect.forms.aliases import parse_type
    from gcm_collect.forms.types import TYPES

    for t in TYPES.values():
        for spelling in (t.name, *t.spellings):
            written = f"{spelling} yn" if t.takes_list else spelling
            assert parse_type(written).kind == t.name, written
        for spelling in t.file_spellings:
            spec = parse_type(f"{spelling} places.csv")
            assert (spec.kind, spec.list_name, spec.from_file) == (t.name, "places.csv", True)
    assert parse_type("date time").kind == "dateTime"  # listed, once read as an unknown type


def test_every_demo_sample_is_a_valid_answer_of_its_type():
    """What the demo generator asks of a type passes that type's own check (a range counting
    down by 2.5 too)."""
    import random

    from gcm_collect.forms import form_from_sheets
    from gcm_collect.forms.types import TYPES, Sample, type_problem

    survey = [
        {"type": f"{name} p" if t.takes_list else name, "name": f"q_{name}", "label": name}
        for name, t in TYPES.items()
        if not t.computed
    ]
    down = {
        "type": "range",
        "name": "down",
        "label": "Down",
        "parameters": "start=10 end=0 step=2.5",
    }
    names = ("none", "work", "health", "home")
    form = form_from_sheets(
        {
            "survey": [*survey, down],
            "choices": [{"list_name": "p", "name": n, "label": n} for n in names],
            "settings": [{"form_id": "f", "version": "1"}],
        },
        "f.xlsx",
    )
    rng = random.Random(7)
    drawn = set()
    for q in form.questions():
        for _ in range(40):
            value = TYPES[q.type].sample(q, Sample(rng, names, ("One.", "Two.", "Three.")))
            if value is not None:
                drawn.add(q.name)
                assert type_problem(form, q, value) is None, (q.name, value)
    asked = {f"q_{name}" for name, t in TYPES.items() if not t.metadata and name != "file"}
    assert drawn == asked - {"q_note", "q_calculate"} | {"down"}
