"""Demo data: deterministic, varied, valid where it claims to be."""

from __future__ import annotations

from collections import Counter

import pytest

from gcm_collect import reference
from gcm_collect.demo import generate
from gcm_collect.forms import evaluate
from gcm_collect.forms.builtin import builtin_form
from gcm_collect.store import Store

pytestmark = pytest.mark.slow  # the slow lane: `make test` runs it, `make test-fast` not


def records(seed: int, count: int = 40) -> list[dict]:
    with Store.open(":memory:") as store:
        generate(store, count, seed)
        return [
            store.get_record(s.uuid) for s in sorted(store.list_submissions(), key=lambda s: s.uuid)
        ]


def test_same_seed_same_data_other_seed_other_data():
    first = records(7)
    assert first == records(7)
    assert first != records(8)


def test_varied_and_valid_where_it_claims():
    data = records(3, 60)
    form = builtin_form()
    statuses = Counter(r["status"] for r in data)
    assert set(statuses) == {"draft", "complete", "finalized"}
    assert len({r["state"] for r in data}) > 20
    for record in data:
        assert record["region"] in reference.commissions_of(record["state"])
        assert record["instances"]["practices"]
        problems = evaluate(form, record["answers"], record["instances"], "en").problems
        if record["status"] == "draft":
            continue
        assert problems == (), record["uuid"]
    drafts_with_gaps = [
        r
        for r in data
        if r["status"] == "draft" and evaluate(form, r["answers"], r["instances"], "en").problems
    ]
    assert drafts_with_gaps


def test_text_in_all_six_languages():
    texts = " ".join(
        v for r in records(11, 80) for v in r["answers"].values() if isinstance(v, str)
    )
    assert any("\u0600" <= ch <= "\u06ff" for ch in texts)  # Arabic
    assert any("\u4e00" <= ch <= "\u9fff" for ch in texts)  # Chinese
    assert any("\u0400" <= ch <= "\u04ff" for ch in texts)  # Cyrillic
    assert "é" in texts or "ñ" in texts


def test_the_questions_added_in_2026_2_are_filled():
    names = Counter(path.rsplit("/", 1)[-1] for data in records(5, 40) for path in data["answers"])
    old = {q.name for q in builtin_form("2026.1").questions()}
    added = [
        q.name
        for q in builtin_form().questions()
        if q.name not in old and q.type not in ("note", "calculate")
    ]
    assert len(added) >= 30
    assert [name for name in added if not names[name]] == []
    pledged = [d for d in records(5, 40) if d["instances"].get("pledges")]
    assert pledged and all(d["answers"].get("imrf_pledges_made") in ("yes", None) for d in pledged)
