"""What the "Review answers" read-through lists, without Qt: section by section, each question
asked with its answer in words, required ones still unanswered flagged, as HTML to read,
print or save as PDF."""

from __future__ import annotations

import html
from collections.abc import Mapping
from dataclasses import dataclass

from gcm_collect.app.form.search import shown_answer
from gcm_collect.app.form.sections import LOOSE, Node, Stop, stops
from gcm_collect.forms import Evaluation, Form, make_path
from gcm_collect.forms.evaluate import REQUIRED
from gcm_collect.i18n import _

LINK = "question:"  # links jump back to a question: "question:12", the 13th line


@dataclass(frozen=True)
class Line:
    path: str
    label: str
    answer: str  # "" when unanswered
    place: str  # "Practice 2", "Objective 5 ...": where it is inside its section
    problem: str  # why it cannot stay so ("" when fine); required-but-empty says so
    missing: bool  # required and not answered


@dataclass(frozen=True)
class Part:
    title: str
    lines: tuple[Line, ...]


def place(form: Form, lang: str, instances: Mapping[str, list[str]], stop: Stop) -> str:
    """Where ``stop`` sits inside its section, as the officer knows it: "Practice 2", the
    sub-group ("18. Invest in skills…") of an objective."""
    where = []
    for depth, (repeat, iid) in enumerate(stop.pairs):
        order = instances.get(make_path(repeat, stop.pairs[:depth]), [])
        title = form.group(repeat).label(lang)[0] or repeat
        where.append(f"{title} {order.index(iid) + 1}" if iid in order else title)
    parent = form.parent(stop.question.name)
    if (
        parent is not None
        and not parent.is_repeat
        and parent.name != stop.section
        and form.parent(parent.name) is not None
    ):
        where.append(parent.label(lang)[0] or parent.name)
    return " › ".join(where)


def read_through(
    form: Form,
    nodes: list[Node],
    instances: Mapping[str, list[str]],
    evaluation: Evaluation,
    lang: str,
) -> list[Part]:
    """Every question answered, and every required one not answered yet, by section."""
    problems: dict[str, tuple[str, bool]] = {}
    for p in evaluation.problems:
        problems.setdefault(p.path, (p.message, p.kind == REQUIRED))
    lines: dict[str, list[Line]] = {}
    for stop in stops(nodes, instances, evaluation.relevant):
        if stop.question.type == "note":
            continue
        answer = shown_answer(form, stop, evaluation, lang)
        problem, missing = problems.get(stop.path, ("", False))
        if not answer and not missing:
            continue  # an optional question left empty: nothing to read
        label = stop.question.label(lang)[0] or stop.question.name
        lines.setdefault(stop.section, []).append(
            Line(stop.path, label, answer, place(form, lang, instances, stop), problem, missing)
        )
    parts = []
    for node in nodes:
        if node.key in lines:
            group = node.group
            title = (
                _("General")
                if node.key == LOOSE or group is None
                else group.label(lang)[0] or node.key
            )
            parts.append(Part(title, tuple(lines[node.key])))
    return parts


def to_html(title: str, parts: list[Part], right_to_left: bool) -> str:
    """The read-through as one HTML page (Qt's rich text subset): each label links back to
    its question by its number in ``paths(parts)``."""
    e = html.escape
    direction = "rtl" if right_to_left else "ltr"
    align = "right" if right_to_left else "left"
    out = [
        f'<html dir="{direction}"><body dir="{direction}" align="{align}">',
        f"<h1>{e(title)}</h1>",
    ]
    number = 0
    for part in parts:
        out.append(f"<h2>{e(part.title)}</h2>")
        shown_place = ""
        for line in part.lines:
            if line.place != shown_place:
                shown_place = line.place
                if line.place:
                    out.append(f"<h3>{e(line.place)}</h3>")
            out.append(f'<p dir="{direction}"><a href="{LINK}{number}"><b>{e(line.label)}</b></a>')
            number += 1
            if line.answer:
                # Isolated (FSI ... PDI): a Latin or Chinese answer keeps its own order in an
                # Arabic page, a date reads 2025-06-07.
                answer = e(line.answer).replace("\n", "\u2069<br>\u2068")
                out.append(f"<br>\u2068{answer}\u2069")
            if line.problem:
                flag = _("Required, not answered yet") if line.missing else line.problem
                out.append(f'<br><span style="color:#b3261e;">\u26a0 {e(flag)}</span>')
            out.append("</p>")
    if not parts:
        out.append(f"<p>{e(_('No answer yet.'))}</p>")
    out.append("</body></html>")
    return "\n".join(out)


def paths(parts: list[Part]) -> list[str]:
    """The question of each link, by its number."""
    return [line.path for part in parts for line in part.lines]
