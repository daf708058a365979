"""Synthetic submissions of the built-in survey shared by the benchmarks (not a benchmark)."""

from __future__ import annotations

import uuid as uuidlib


def bench_submission(form, i: int, states: list[str]) -> dict:
    from gcm_collect import reference

    sid = str(uuidlib.uuid5(uuidlib.NAMESPACE_URL, f"bench-{i}"))
    state = states[i % len(states)]
    region = (reference.commissions_of(state) or ("ECE",))[0]  # a review region it may have
    answers = {
        "state": state,
        "review_region": region,
        "reporting_period": "2024-2025",
        "report_date": "2025-03-14",
        "lead_entity": f"Ministry {i % 13}",
        "focal_point_name": f"Officer {i}",
        "national_policy": "yes",
        "national_policy_year": 2000 + i % 25,
        "resources_amount_usd": 1000.5 * (i % 7),
    }
    for obj in (2, 5, 7, 15, 23):
        answers[f"obj{obj:02d}_priority"] = "high"
        answers[f"obj{obj:02d}_status"] = "under_way"
        answers[f"obj{obj:02d}_measures"] = f"Measures {i} for objective {obj}. " * 3
        answers[f"obj{obj:02d}_principles"] = ["a", "d", "h"]
    practices = []
    for k in range(3):
        pid = str(uuidlib.uuid5(uuidlib.NAMESPACE_URL, f"bench-{i}-{k}"))
        practices.append(pid)
        answers[f"practices[{pid}]/practice_title"] = f"Practice {k} of submission {i}"
        answers[f"practices[{pid}]/practice_summary"] = "A practice summary. " * 8
        answers[f"practices[{pid}]/practice_start"] = "2020-04-01"
        answers[f"practices[{pid}]/practice_budget"] = 1000.25 * k
        answers[f"practices[{pid}]/practice_objectives"] = ["15", "7", str(1 + i % 23)]
        answers[f"practices[{pid}]/practice_principles"] = ["a", "c"]
    return {
        "uuid": sid,
        "form_id": form.form_id,
        "form_version": form.version,
        "state": state,
        "region": region,
        "period": "2024-2025",
        "status": ("draft", "complete", "finalized")[i % 3],
        "answers": answers,
        "instances": {"practices": practices},
    }
