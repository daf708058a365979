"""Forms engine benchmark: load time and re-evaluation after one answer change.

Run: ``.venv/bin/python bench/forms.py [--quick] [--instances 50] [--rounds 30]``.
A synthetic form shaped like the built-in survey (23 objectives x 5 questions, ~300 questions,
a practices repeat of ~30 questions) with 50 practice instances. Reports medians and ratios:
incremental update vs a full pass, and vs a floor (one dict lookup per answer node).
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
import uuid
from pathlib import Path

from gcm_collect.forms import Session, evaluate, form_from_sheets, read_xlsform, write_xlsform

LANGS = ("en", "fr", "es", "ar", "zh", "ru")


def _labels(text: str) -> dict[str, str]:
    return {f"label::{lang} ({lang})": f"{text} [{lang}]" for lang in LANGS}


def synthetic_sheets(top_questions: int = 150, practice_questions: int = 30) -> dict:
    survey: list[dict[str, str]] = []
    survey.append({"type": "text", "name": "focal_point", "required": "yes", **_labels("Focal")})
    survey.append(
        {"type": "date", "name": "report_date", "constraint": ". <= today()", **_labels("Date")}
    )
    survey.append(
        {"type": "select_multiple objectives", "name": "objectives", **_labels("Objectives")}
    )
    for o in range(1, 24):
        survey.append(
            {
                "type": "begin_group",
                "name": f"obj{o}",
                "appearance": "field-list",
                "relevant": f"selected(${{objectives}}, 'o{o}')",
                **_labels(f"Obj {o}"),
            }
        )
        survey.append(
            {
                "type": "select_one level",
                "name": f"obj{o}_level",
                "required": "yes",
                **_labels("Level"),
            }
        )
        survey.append(
            {
                "type": "text",
                "name": f"obj{o}_why",
                "appearance": "multiline",
                "relevant": f"${{obj{o}_level}} = 'low'",
                **_labels("Why"),
            }
        )
        survey.append(
            {
                "type": "integer",
                "name": f"obj{o}_n",
                "constraint": ". >= 0 and . < 1000",
                **_labels("N"),
            }
        )
        survey.append({"type": "decimal", "name": f"obj{o}_budget", **_labels("Budget")})
        survey.append(
            {
                "type": "text",
                "name": f"obj{o}_notes",
                "relevant": f"${{obj{o}_n}} > 0",
                **_labels("Notes"),
            }
        )
        survey.append({"type": "end_group"})
    for i in range(top_questions):
        survey.append(
            {
                "type": "text",
                "name": f"extra{i}",
                "relevant": "${focal_point} != ''",
                "constraint": "string-length(.) < 500",
                **_labels(f"Extra {i}"),
            }
        )
    survey.append({"type": "begin_repeat", "name": "practices", **_labels("Practices")})
    survey.append({"type": "text", "name": "title", "required": "yes", **_labels("Title")})
    survey.append({"type": "select_one level", "name": "p_level", **_labels("Level")})
    for i in range(practice_questions - 3):
        kind = ("text", "integer", "decimal")[i % 3]
        survey.append(
            {
                "type": kind,
                "name": f"p{i}",
                "relevant": "${p_level} != 'none'",
                "constraint": ". != ''" if kind == "text" else ". >= 0",
                **_labels(f"P {i}"),
            }
        )
    survey.append({"type": "calculate", "name": "p_pos", "calculation": "position(..)"})
    survey.append({"type": "end_repeat"})
    survey.append({"type": "calculate", "name": "total_p1", "calculation": "sum(${p1})"})
    survey.append(
        {"type": "calculate", "name": "n_practices", "calculation": "count(${practices})"}
    )
    choices = [
        {"list_name": "objectives", "name": f"o{o}", **_labels(f"Objective {o}")}
        for o in range(1, 24)
    ]
    choices += [{"list_name": "level", "name": n, **_labels(n)} for n in ("none", "low", "high")]
    return {
        "survey": survey,
        "choices": choices,
        "settings": [{"form_id": "bench", "version": "1", "default_language": "en"}],
    }


def synthetic_answers(form, instances: int):
    answers = {
        "focal_point": "Ana",
        "report_date": "2026-01-01",
        "objectives": [f"o{o}" for o in range(1, 24)],
    }
    for o in range(1, 24):
        answers.update(
            {
                f"obj{o}_level": "low",
                f"obj{o}_why": "x",
                f"obj{o}_n": 3,
                f"obj{o}_budget": 1.5,
                f"obj{o}_notes": "n",
            }
        )
    for i in range(150):
        answers[f"extra{i}"] = "text"
    iids = [str(uuid.UUID(int=i + 1)) for i in range(instances)]
    for iid in iids:
        answers[f"practices[{iid}]/title"] = "t"
        answers[f"practices[{iid}]/p_level"] = "high"
        for i in range(27):
            answers[f"practices[{iid}]/p{i}"] = ("v", 2, 2.5)[i % 3]
    return answers, {"practices": iids}


def timed(fn, rounds: int) -> float:
    samples = []
    for _ in range(rounds):
        t0 = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - t0)
    return statistics.median(samples)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--instances", type=int, default=50)
    ap.add_argument("--rounds", type=int, default=None)
    ap.add_argument("--quick", action="store_true", help="10 rounds instead of 30")
    args = ap.parse_args()
    args.rounds = args.rounds or (10 if args.quick else 30)

    sheets = synthetic_sheets()
    t_sheets = timed(lambda: form_from_sheets(sheets, "bench"), 5)
    form = form_from_sheets(sheets, "bench")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.xlsx"
        write_xlsform(form, path)
        t_xlsx = timed(lambda: read_xlsform(path), 3)
    nq = sum(1 for _ in form.questions())
    answers, instances = synthetic_answers(form, args.instances)
    nodes = len(answers)

    t_full = timed(lambda: evaluate(form, answers, instances, "en"), args.rounds)
    session = Session(form, answers, instances, "en")
    iid = instances["practices"][args.instances // 2]
    flip = {"a": 0}

    def change_repeat() -> None:
        flip["a"] ^= 1
        session.set_answer(f"practices[{iid}]/p1", 5 + flip["a"])

    def change_top() -> None:
        flip["a"] ^= 1
        session.set_answer("obj7_n", 3 + flip["a"])

    def change_wide() -> None:  # relevance of every extra question hangs on this one
        flip["a"] ^= 1
        session.set_answer("focal_point", "Ana" if flip["a"] else "Bo")

    t_rep = timed(change_repeat, args.rounds)
    t_top = timed(change_top, args.rounds)
    t_wide = timed(change_wide, args.rounds)
    keys = list(answers)
    t_floor = timed(lambda: [answers.get(k) for k in keys], args.rounds)

    print(f"form: {nq} questions, {args.instances} practice instances, {nodes} answers")
    print(f"load from rows (form_from_sheets): {t_sheets * 1e3:8.2f} ms")
    print(f"load from .xlsx (read_xlsform):    {t_xlsx * 1e3:8.2f} ms")
    print(f"full evaluation:                   {t_full * 1e3:8.2f} ms")
    print(
        f"one change in a practice:          {t_rep * 1e3:8.2f} ms"
        f"  ({t_full / t_rep:5.1f}x faster than full)"
    )
    print(
        f"one change at top level:           {t_top * 1e3:8.2f} ms"
        f"  ({t_full / t_top:5.1f}x faster than full)"
    )
    print(
        f"one change feeding 150 relevances: {t_wide * 1e3:8.2f} ms"
        f"  ({t_full / t_wide:5.1f}x faster than full)"
    )
    print(
        f"floor (one dict lookup per answer): {t_floor * 1e3:7.3f} ms;"
        f" practice change = {t_rep / t_floor:.0f}x floor"
    )


def builtin_record(practices: int) -> tuple[dict, dict]:
    """A realistic demo submission of the built-in survey, grown to ``practices`` practices."""
    from gcm_collect.demo import generate
    from gcm_collect.store import Store

    with Store.open(":memory:") as store:
        generate(store, 1, seed=3)
        record = store.get_record(store.list_submissions()[0].uuid)
    answers, first = dict(record["answers"]), record["instances"]["practices"][0]
    template = {p: v for p, v in answers.items() if p.startswith(f"practices[{first}]/")}
    order = [first]
    for n in range(practices - 1):
        iid = str(uuid.UUID(int=n + 1))
        order.append(iid)
        answers.update({p.replace(first, iid): v for p, v in template.items()})
    return answers, {**record["instances"], "practices": order}


def bench_builtin(rounds: int) -> None:
    from gcm_collect.forms.builtin import catalog_translate, load_builtin

    t_load = timed(lambda: load_builtin(catalog_translate), 3)
    form = load_builtin(catalog_translate)
    answers, instances = builtin_record(50)
    t_full = timed(lambda: evaluate(form, answers, instances, "en"), rounds)
    session = Session(form, answers, instances, "en")
    iid = instances["practices"][25]
    flip = {"a": 0}

    def change_practice() -> None:
        flip["a"] ^= 1
        session.set_answer(f"practices[{iid}]/practice_title", "A" if flip["a"] else "B")

    def change_relevance() -> None:
        flip["a"] ^= 1
        session.set_answer("obj05_priority", "not_applicable" if flip["a"] else "high")

    t_practice = timed(change_practice, rounds)
    t_relevance = timed(change_relevance, rounds)
    print()
    print(
        f"built-in survey: {sum(1 for _ in form.questions())} questions, 50 practices,"
        f" {len(answers)} answers"
    )
    print(f"load (CSV + six catalogs + parse):  {t_load * 1e3:8.2f} ms")
    print(f"full evaluation:                   {t_full * 1e3:8.2f} ms")
    print(
        f"one change in a practice:          {t_practice * 1e3:8.2f} ms"
        f"  (goal < 5 ms: {'met' if t_practice < 0.005 else 'NOT met'})"
    )
    print(
        f"one change switching relevance:    {t_relevance * 1e3:8.2f} ms"
        f"  (goal < 5 ms: {'met' if t_relevance < 0.005 else 'NOT met'})"
    )


def claim_dimensions(path: Path, ref: str = "A1:AMJ1048576") -> None:
    """Rewrite every sheet's recorded <dimension> to claim 1,048,576 rows x 1,024 columns, as
    some tools save it; the cells themselves are unchanged."""
    import re
    import zipfile

    with zipfile.ZipFile(path) as z:
        parts = {name: z.read(name) for name in z.namelist()}
    for name, data in parts.items():
        if name.startswith("xl/worksheets/sheet"):
            text = re.sub(
                r'<dimension ref="[^"]*"\s*/>', f'<dimension ref="{ref}"/>', data.decode()
            )
            parts[name] = text.encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, data)


def bench_claimed_dimensions(rounds: int = 3) -> None:
    """``form check`` on the built-in form written as XLSForm, with and without every sheet
    claiming 1,048,576 x 1,024; and a floor-free peer: openpyxl trusting the dimension."""
    from openpyxl import load_workbook

    from gcm_collect.forms import check_xlsform
    from gcm_collect.forms.builtin import catalog_translate, load_builtin

    form = load_builtin(catalog_translate)
    with tempfile.TemporaryDirectory() as tmp:
        plain, claimed = Path(tmp) / "plain.xlsx", Path(tmp) / "claimed.xlsx"
        write_xlsform(form, plain)
        write_xlsform(form, claimed)
        claim_dimensions(claimed)
        t_plain = timed(lambda: check_xlsform(plain), rounds)
        t_claimed = timed(lambda: check_xlsform(claimed), rounds)
        # The peer: read-only openpyxl as usually written, trusting the dimension; timed over
        # the first 20,000 padded rows of the survey sheet and extrapolated.
        sample = 20_000
        t0 = time.perf_counter()
        wb = load_workbook(claimed, read_only=True, data_only=True)
        for i, _row in enumerate(wb["survey"].iter_rows(values_only=True)):
            if i >= sample:
                break
        wb.close()
        t_peer = (time.perf_counter() - t0) * 1_048_576 / sample
    print()
    print(f"form check, built-in form as XLSForm:          {t_plain * 1e3:8.1f} ms")
    print(
        f"same, sheets claiming 1,048,576 x 1,024:       {t_claimed * 1e3:8.1f} ms"
        f"  ({t_claimed / t_plain:4.2f}x the plain file; goal < 2 s:"
        f" {'met' if t_claimed < 2 else 'NOT met'})"
    )
    print(
        f"peer: openpyxl trusting the dimension (est.):  {t_peer:8.1f} s"
        f"  (one sheet only; {t_peer / t_claimed:,.0f}x slower)"
    )


if __name__ == "__main__":
    main()
    bench_builtin(30)
    bench_claimed_dimensions()
