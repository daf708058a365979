"""Property: any storable answer value survives export, import and consolidation unchanged."""

from __future__ import annotations

import math
import shutil
import tempfile
from pathlib import Path

import pytest
from datasets import open_store, record
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gcm_collect.consolidate import consolidate
from gcm_collect.export import export_workbook
from gcm_collect.export.importer import import_workbook
from gcm_collect.forms.builtin import load_builtin
from gcm_collect.workbook import read_export

pytestmark = pytest.mark.slow  # the slow lane: `make test` runs it, `make test-fast` not

# Any text: carriage returns and lone surrogates included (their visible cells are normalised;
# the hidden record keeps the text exactly).
text = st.text()
FORM = load_builtin()


def _choices(name: str) -> list[str]:
    return [c.name for c in FORM.choices_for(FORM.question(name))]


STAKEHOLDERS = _choices("stakeholders_consulted")
# One strategy per question type of the built-in survey, edge values included by hypothesis:
# "", whitespace, "0", -0.0, 1e-7, 5e-324, ints beyond 2**53 and 2**63, 29 February.
ANSWERS = {
    "focal_point_name": text,  # text
    "national_policy_year": st.integers(),  # integer
    "resources_amount_usd": st.one_of(  # decimal
        st.integers(), st.floats(allow_nan=False, allow_infinity=False)
    ),
    "report_date": st.dates().map(lambda d: d.isoformat()),  # date
    "stakeholders_consulted": st.lists(  # select_multiple, stored in choice-list order
        st.sampled_from(STAKEHOLDERS), min_size=1, unique=True
    ).map(lambda names: sorted(names, key=STAKEHOLDERS.index)),
    "obj02_priority": st.sampled_from(_choices("obj02_priority")),  # select_one
}


def same(a, b) -> bool:
    """Equal with the same types (1, 1.0 and True differ; so do 0.0 and -0.0)."""
    if isinstance(a, list):
        return isinstance(b, list) and len(a) == len(b) and all(map(same, a, b))
    if isinstance(a, dict):
        return isinstance(b, dict) and a.keys() == b.keys() and all(same(a[k], b[k]) for k in a)
    if type(a) is not type(b):
        return False
    if isinstance(a, float) and math.copysign(1, a) != math.copysign(1, b):
        return False
    return a == b


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.fixed_dictionaries(ANSWERS), text, st.booleans())
def test_any_answer_survives_export_import_and_consolidation(answers, title, reorder):
    folder = Path(tempfile.mkdtemp(prefix="gcm-rt-"))
    try:
        data = record(1)
        data["answers"].update(answers)
        first = data["instances"]["practices"][0]
        data["answers"][f"practices[{first}]/practice_title"] = title
        if reorder:  # repeat entries in another order keep their answers
            data["instances"]["practices"].reverse()
        laptop = open_store(folder, "laptop.sqlite")
        laptop.put_submission(data, who="test")
        stored = laptop.get_record(data["uuid"])
        export_workbook(laptop, folder / "export.xlsx", lang="ar")
        laptop.close()
        assert same(stored["answers"], data["answers"])

        other = open_store(folder, "other.sqlite")
        import_workbook(other, folder / "export.xlsx")
        imported = other.get_record(data["uuid"])
        other.close()
        assert same(imported["answers"], stored["answers"])
        assert imported["instances"] == stored["instances"]

        consolidate([folder / "export.xlsx"], folder / "region.xlsx", lang="en")
        (regional,) = read_export(folder / "region.xlsx").records
        assert same(dict(regional.data)["answers"], stored["answers"])
        assert regional.data["instances"] == stored["instances"]
    finally:
        shutil.rmtree(folder, ignore_errors=True)
