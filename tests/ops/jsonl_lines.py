"""JSON Lines as a person writes them, for the tests of their import."""

from __future__ import annotations

import json

from gcm_collect.forms.builtin import builtin_form

FORM = builtin_form()


def line(**overrides) -> dict:
    data = {
        "form_id": FORM.form_id,
        "form_version": FORM.version,
        "state": "FRA",
        "region": "ECE",
        "period": "2026",
        "status": "draft",
        "answers": {"focal_point_name": "Jeanne Martin", "obj05_priority": "high"},
    }
    data.update(overrides)
    return data


def write(path, *lines) -> None:
    path.write_text("\n".join(json.dumps(x, ensure_ascii=False) for x in lines) + "\n", "utf-8")
