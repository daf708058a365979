"""Two forms in one workbook that use the same question name: each keeps its own columns and
label where the questions differ, and they share one where they are the same question."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from openpyxl import load_workbook

sys.path.insert(0, str(Path(__file__).parents[1] / "forms"))
from odk_corpus import odk_book  # noqa: E402

from gcm_collect.forms.builtin import builtin_form  # noqa: E402
from gcm_collect.ops.forms import import_form  # noqa: E402
from gcm_collect.ops.importing import import_files  # noqa: E402
from gcm_collect.ops.workbooks import consolidate_workbooks, export  # noqa: E402
from gcm_collect.store import Store  # noqa: E402

BUILTIN = builtin_form()
SIZES = [
    {"list_name": "size", "name": "small", "label": "Small"},
    {"list_name": "size", "name": "large", "label": "Large"},
]
OTHER_SIZES = [
    {"list_name": "size", "name": "s", "label": "Under 50"},
    {"list_name": "size", "name": "l", "label": "50 or more"},
]


def _form(folder: Path, form_id: str, choices: list[dict]) -> Path:
    survey = [
        {"type": "text", "name": "state", "label": "State or province"},  # text: not ISO3
        {"type": "text", "name": "village", "label": "Village"},
        {"type": "select_one size", "name": "size", "label": "Size"},
    ]
    settings = [{"form_id": form_id, "version": "1"}]
    return odk_book(folder / f"{form_id}.xlsx", survey, choices, settings)


def _line(form_id: str, answers: dict, version: str = "1") -> str:
    data = {"form_id": form_id, "form_version": version, "state": "KEN", "region": "ECA"}
    return json.dumps({**data, "period": "2025", "status": "draft", "answers": answers})


def _headers(path: Path) -> dict[str, str]:
    """Row 2 (stable names) -> row 1 (labels) of the Submissions sheet."""
    book = load_workbook(path, read_only=True)
    rows = book["Submissions"].iter_rows(min_row=1, max_row=2, values_only=True)
    labels, keys = (list(r) for r in rows)
    book.close()
    return dict(zip(keys, labels, strict=True))


def test_two_forms_sharing_names_keep_their_own_columns_in_export_and_consolidation(tmp_path):
    lines = tmp_path / "lines.jsonl"
    lines.write_text(
        "\n".join(
            [
                _line(BUILTIN.form_id, {"state": "KEN"}, BUILTIN.version),
                _line("farms", {"state": "Nakuru", "village": "Njoro", "size": "large"}),
                _line("wells", {"state": "Kisumu", "village": "Ahero", "size": "l"}),
            ]
        ),
        "utf-8",
    )
    with Store.open(tmp_path / "db.sqlite3") as store:
        for form_id, choices in (("farms", SIZES), ("wells", OTHER_SIZES)):
            import_form(store, _form(tmp_path, form_id, choices))
        assert import_files(store, [lines]).total()["inserted"] == 3
        export(store, tmp_path / "review.xlsx", lang="en", statuses=("draft",))
    regional = tmp_path / "regional.xlsx"
    consolidate_workbooks(
        None, [tmp_path / "review.xlsx"], regional, lang="en", statuses=("draft",)
    )
    for path in (tmp_path / "review.xlsx", regional):
        headers = _headers(path)
        # the built-in survey's ISO3 State keeps its column and label
        assert headers["state"] == "Reporting State"
        # the text questions named state share theirs, labelled by their own form
        assert headers["state@farms"] == "State or province [farms]"
        assert "state@wells" not in headers
        # the same question in both forms: one column
        assert headers["village"] == "Village" and "village@wells" not in headers
        # other choices: another column, its labels its own
        assert headers["size:label"] == "Size (label)"
        assert headers["size@wells:label"] == "Size (label) [wells]"
        assert headers["size@wells"] == "Size [wells]"
