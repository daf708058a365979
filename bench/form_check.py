"""``form check`` benchmark: a 1,000-row XLSForm of the kinds ODK and Kobo users write, and the
built-in survey written as XLSForm, against a floor: python-calamine reading every cell of the
same workbook (no checks, no form built).

Run: ``.venv/bin/python bench/form_check.py [--quick] [--rows 1000]``.
The big form: groups of ten questions (text, integer with a constraint, select_one, select
multiple, date, decimal, a calculation, notes and relevance on earlier answers), a repeat, three
languages and a choices sheet of 2,000 rows. Reports medians, the ratio to the floor, and the
goal (< 1 s for 1,000 rows).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from _measure import timed
from openpyxl import Workbook
from python_calamine import CalamineWorkbook

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from gcm_collect.forms import check_xlsform, write_xlsform  # noqa: E402
from gcm_collect.forms.builtin import catalog_translate, load_builtin  # noqa: E402

LANGS = ("English (en)", "Français (fr)", "Español (es)")


def _labels(text: str) -> dict[str, str]:
    return {f"label::{lang}": f"{text} [{lang[-3:-1]}]" for lang in LANGS}


def big_form(rows: int) -> dict[str, list[dict[str, str]]]:
    """About ``rows`` survey rows, each kind a real form has."""
    survey: list[dict[str, str]] = []
    group = 0
    while len(survey) < rows - 6:
        g = f"g{group}"
        survey.append({"type": "begin_group", "name": g, **_labels(f"Section {group}")})
        survey += [
            {"type": "text", "name": f"{g}_name", "required": "yes", **_labels("Name")},
            {
                "type": "integer",
                "name": f"{g}_n",
                "constraint": ". >= 0 and . < 1000",
                "jr:constraintMsg": "0 to 999",
                **_labels("How many"),
            },
            {"type": "select_one yn", "name": f"{g}_yn", **_labels("Yes or no")},
            {
                "type": "select_multiple place",
                "name": f"{g}_places",
                "relevant": f"${{{g}_yn}} = 'yes'",
                **_labels("Places"),
            },
            {"type": "date", "name": f"{g}_date", "constraint": ". <= today()", **_labels("Date")},
            {"type": "decimal", "name": f"{g}_amount", **_labels("Amount")},
            {
                "type": "calculate",
                "name": f"{g}_double",
                "calculation": f"${{{g}_n}} * 2",
            },
            {
                "type": "note",
                "name": f"{g}_note",
                "relevant": f"${{{g}_n}} > 10",
                **_labels("Many"),
            },
        ]
        survey.append({"type": "end_group"})
        group += 1
    survey += [
        {"type": "begin_repeat", "name": "member", **_labels("Member")},
        {"type": "text", "name": "member_name", **_labels("Name")},
        {"type": "integer", "name": "member_age", "constraint": ". < 120", **_labels("Age")},
        {"type": "end_repeat"},
        {"type": "calculate", "name": "members", "calculation": "count(${member})"},
    ]
    choices = [{"list_name": "yn", "name": n, **_labels(n)} for n in ("yes", "no")]
    choices += [
        {"list_name": "place", "name": f"p{i}", **_labels(f"Place {i}")} for i in range(2000)
    ]
    return {"survey": survey, "choices": choices, "settings": [{"form_id": "big", "version": "1"}]}


def write(path: Path, sheets: dict[str, list[dict[str, str]]]) -> Path:
    wb = Workbook()
    wb.remove(wb.active)
    for name, rows in sheets.items():
        ws = wb.create_sheet(name)
        headers = list(dict.fromkeys(k for row in rows for k in row))
        ws.append(headers)
        for row in rows:
            ws.append([row.get(h) for h in headers])
    wb.save(path)
    return path


def floor(path: Path) -> None:
    """Every cell of every sheet, read by python-calamine: what reading the file costs at least."""
    book = CalamineWorkbook.from_path(str(path))
    for name in book.sheet_names:
        book.get_sheet_by_name(name).to_python()


def report(title: str, path: Path, runs: int, goal: float | None = None) -> None:
    problems = check_xlsform(path)
    errors = [p for p in problems if p.severity == "error"]
    assert not errors, errors[:3]
    t_check = timed(lambda: check_xlsform(path), runs)
    t_floor = timed(lambda: floor(path), runs)
    met = "" if goal is None else f"; goal < {goal:g} s: {'met' if t_check < goal else 'NOT met'}"
    print(
        f"{title:<40} {t_check * 1e3:8.1f} ms   floor {t_floor * 1e3:7.1f} ms"
        f"   {t_check / t_floor:5.1f}x the floor{met}"
    )


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--quick", action="store_true", help="3 runs instead of 7")
    ap.add_argument("--rows", type=int, default=1000)
    args = ap.parse_args()
    runs = 3 if args.quick else 7
    with tempfile.TemporaryDirectory() as tmp:
        big = write(Path(tmp) / "big.xlsx", big_form(args.rows))
        builtin = Path(tmp) / "builtin.xlsx"
        write_xlsform(load_builtin(catalog_translate), builtin)
        report(f"form check, {args.rows:,}-row ODK-style form", big, runs, goal=1.0)
        report("form check, built-in survey as XLSForm", builtin, runs)


if __name__ == "__main__":
    main()
