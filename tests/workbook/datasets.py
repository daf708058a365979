"""Real databases with varied submissions of the built-in survey, for workbook tests."""

from __future__ import annotations

import uuid as uuidlib
from pathlib import Path
from typing import Any

from gcm_collect import reference
from gcm_collect.forms.builtin import load_builtin
from gcm_collect.store import Store

LONG_TEXT = ("Ligne très longue — طويل 长文本 🙂 " * 1500)[:40_000]
TRICKY = ["=1+1", "+44 20 7946 0000", "-5 degrees", "@mention", '=HYPERLINK("http://x")']


def open_store(folder: Path, name: str = "db.sqlite") -> Store:
    store = Store.open(folder / name)
    form = load_builtin()
    store.save_form(form.form_id, form.version, form.content_hash, "GCM", form.to_json())
    store.set_setting("officer", "Amina Test")
    return store


def _uuid(n: int, salt: str = "s") -> str:
    return str(uuidlib.uuid5(uuidlib.NAMESPACE_URL, f"{salt}-{n}"))


def record(n: int, *, state: str = "FRA", status: str = "draft", **extra: Any) -> dict[str, Any]:
    form = load_builtin()
    region = (reference.commissions_of(state) or ("ECE",))[0]  # the State's own review region
    sid = _uuid(n)
    p1, p2 = _uuid(n, "p1"), _uuid(n, "p2")
    c1 = _uuid(n, "c1")
    answers: dict[str, Any] = {
        "state": state,
        "review_region": region,
        "reporting_period": "2024-2025",
        "report_date": "2025-03-14",
        "lead_entity": TRICKY[n % len(TRICKY)],
        "focal_point_name": "نور الهدى",
        "focal_point_position": "处长",
        "national_policy": "yes",
        "national_policy_year": 2019,
        "national_policy_title": "Стратегия 2030",
        "stakeholders_consulted": ["csos", "academia"],
        "resources_amount_usd": 1250000.5,
        "obj02_priority": "high",
        "obj02_status": "under_way",
        "obj02_measures": "Measures for objective 2",
        "obj02_principles": ["a", "c", "j"],
        "obj05_priority": "not_applicable",
        "obj05_measures": "hidden: objective 5 does not apply",  # irrelevant, kept in the record
        "obj15_priority": "medium",
        "obj15_measures": LONG_TEXT if n == 0 else "Santé pour tous",
        f"practices[{p1}]/practice_title": "=SUM(A1:A9)",
        f"practices[{p1}]/practice_start": "2020-04-01",
        f"practices[{p1}]/practice_end": "2021-12-31",
        f"practices[{p1}]/practice_budget": 1000.25,
        f"practices[{p1}]/practice_beneficiaries": 120,
        f"practices[{p1}]/practice_objectives": ["15", "7"],
        f"practices[{p1}]/practice_hub_consent": "yes",
        f"practices[{p1}]/practice_hub_regions": ["europe", "africa"],
        f"practices[{p2}]/practice_title": "Second practice — 第二",
        f"practices[{p2}]/practice_level": "national",
        f"commitments[{c1}]/commitment_description": "-Commit to more",
    }
    valid = {c.name for c in form.choices_for(form.question("stakeholders_consulted"))}
    answers["stakeholders_consulted"] = [c for c in answers["stakeholders_consulted"] if c in valid]
    data = {
        "uuid": sid,
        "form_id": form.form_id,
        "form_version": form.version,
        "state": state,
        "region": region,
        "period": "2024-2025",
        "status": status,
        "revision": 1,
        "created_at": "2025-03-01T10:00:00.000Z",
        "updated_at": f"2025-03-02T10:00:{n % 60:02d}.000Z",
        "officer": "Amina Test",
        "device_id": "device-1",
        "title": f"Submission {n}",
        "answers": answers,
        "instances": {"practices": [p1, p2], "commitments": [c1]},
    }
    data.update(extra)
    return data


def fill(store: Store, count: int = 3) -> list[str]:
    states = ["FRA", "EGY", "CHN", "MEX", "RUS", "KEN"]
    statuses = ["draft", "complete", "finalized"]
    uuids = []
    with store.atomic():
        for n in range(count):
            data = record(n, state=states[n % len(states)], status=statuses[n % 3])
            store.put_submission(data, who="test")
            uuids.append(data["uuid"])
    return uuids


def file_form():
    """A small form with ``file`` questions, at the top level and in a repeat."""
    from gcm_collect.forms import form_from_sheets

    survey = [
        {"type": "text", "name": "title", "label": "Title"},
        {"type": "file", "name": "doc", "label": "Document"},
        {"type": "begin repeat", "name": "annexes", "label": "Annexes"},
        {"type": "file", "name": "annex", "label": "Annex"},
        {"type": "end repeat", "name": "annexes"},
    ]
    settings = [{"form_id": "files", "version": "1"}]
    return form_from_sheets({"survey": survey, "settings": settings}, "files.xlsx")


def file_store(folder: Path, name: str, attachments: dict[str, bytes], n: int = 0) -> Store:
    """A database holding one submission of ``file_form`` whose answers attach ``attachments``
    (file name -> bytes): the first at the top level, the others as annexes."""
    form = file_form()
    store = Store.open(folder / name)
    store.save_form(form.form_id, form.version, form.content_hash, "Files", form.to_json())
    store.set_setting("officer", "Amina Test")
    sid = _uuid(n, "files")
    store.put_submission(
        {
            "uuid": sid,
            "form_id": "files",
            "form_version": "1",
            "state": "FRA",
            "region": "ECE",
            "period": "2024-2025",
            "status": "draft",
            "answers": {"title": f"With files {n}"},
            "instances": {},
        },
        who="test",
    )
    for i, (file_name, data) in enumerate(attachments.items()):
        if i == 0:
            store.put_attachment(sid, "doc", file_name, data, who="test")
        else:
            iid = store.add_instance(
                sid, "annexes", who="test", instance_uuid=_uuid(i, f"annex-{n}")
            )
            store.put_attachment(sid, f"annexes[{iid}]/annex", file_name, data, who="test")
    return store
