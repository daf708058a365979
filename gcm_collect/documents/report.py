"""The State's review report: one submission as the document its government presents.

The chapters follow the built-in survey's own sections (methodology, policy, the objectives by
IMRF cluster, COVID-19, means of implementation, challenges, next steps and pledges, practices);
a form without one of them simply has no such chapter, and sections a form adds come out under
their own titles. Irrelevant questions are skipped; in a draft, required questions still
unanswered are flagged.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from gcm_collect.documents.language import speaking
from gcm_collect.documents.model import Answer, Block, Document, Heading, Para, Table
from gcm_collect.documents.text import (
    MISSING,
    cluster_title,
    commission_name,
    objective_title,
    state_name,
    state_note,
)
from gcm_collect.forms import Evaluation, Form, Group, Question, evaluate, make_path
from gcm_collect.forms.answer_text import answer_text
from gcm_collect.forms.evaluate import REQUIRED
from gcm_collect.forms.types import question_type
from gcm_collect.i18n import N_, _, is_rtl, moments, ngettext
from gcm_collect.reference import WORKING_TRANSLATION
from gcm_collect.vocabulary import STATUS_LABELS

FLAG = "\u26a0 "
OBJECTIVE = re.compile(r"obj(\d{2})\Z")
CLUSTER = re.compile(r"cluster(\d+)\Z")

# The survey's sections as the report's chapters, in the report's order; several sections may
# make one chapter. Identification is on the cover; practices are the annex.
CHAPTERS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (N_("Methodology"), ("methodology",)),
    (N_("Policy environment"), ("policy",)),
    (N_("Objectives by IMRF cluster"), ("objectives",)),
    (N_("COVID-19 measures"), ("covid",)),
    (N_("Means of implementation"), ("means",)),
    (N_("Challenges and emerging issues"), ("challenges_section",)),
    (N_("Next steps and pledges"), ("next_steps_section", "imrf_followup")),
)
COVER = "identification"
COVER_SHOWN = frozenset({"state", "review_region", "reporting_period"})  # in the cover table
ANNEX = "practices"
PRACTICE_TITLE = "practice_title"


@dataclass(frozen=True)
class ReportSubject:
    """The submission as the cover names it."""

    uuid: str
    state: str
    region: str
    period: str
    status: str
    revision: int
    officer: str
    fingerprint: str
    written: str  # the date the report was written, ISO


class _Walk:
    """Answers of one submission, read as the report prints them."""

    def __init__(
        self,
        form: Form,
        answers: Mapping[str, Any],
        instances: Mapping[str, list[str]],
        evaluation: Evaluation,
        lang: str,
        flag_missing: bool,
    ) -> None:
        self.form, self.answers, self.instances = form, answers, instances
        self.evaluation, self.lang, self.flag_missing = evaluation, lang, flag_missing
        self.missing = {p.path for p in evaluation.problems if p.kind == REQUIRED}
        self.flagged = 0

    def label(self, item: Question | Group) -> str:
        return item.label(self.lang)[0] or item.name

    def text(self, question: Question, path: str) -> str:
        if path not in self.evaluation.relevant:
            return ""
        value = self.answers.get(path, self.evaluation.calculated.get(path))
        return answer_text(self.form, question, value, self.lang, self.answers, path)

    def answer(self, question: Question, pairs: tuple[tuple[str, str], ...]) -> list[Block]:
        path = make_path(question.name, pairs)
        if question_type(question.type).computed or question.is_metadata:
            return []
        if path not in self.evaluation.relevant:
            return []  # irrelevant: the officer was never asked
        text = self.text(question, path)
        if text:
            return [Answer(self.label(question), text)]
        if self.flag_missing and path in self.missing:
            self.flagged += 1
            return [Answer(self.label(question), "", FLAG + _("Required, not answered yet"))]
        return []

    def items(
        self,
        items: tuple[Question | Group, ...],
        pairs: tuple[tuple[str, str], ...],
        level: int,
        skip: frozenset[str] = frozenset(),
    ) -> list[Block]:
        out: list[Block] = []
        for item in items:
            if item.name in skip:
                continue
            if isinstance(item, Question):
                out += self.answer(item, pairs)
            elif item.is_repeat:
                out += self.repeat(item, pairs, level)
            elif make_path(item.name, pairs) in self.evaluation.relevant:
                inner = self.items(item.children, pairs, level + 1)
                if inner:
                    out += [Heading(min(level, 3), self.label(item)), *inner]
        return out

    def repeat(self, group: Group, pairs: tuple[tuple[str, str], ...], level: int) -> list[Block]:
        out: list[Block] = []
        order = self.instances.get(make_path(group.name, pairs), [])
        for number, iid in enumerate(order, 1):
            inner_pairs = (*pairs, (group.name, iid))
            if make_path(f"{group.name}[{iid}]", pairs) not in self.evaluation.relevant:
                continue
            inner = self.items(group.children, inner_pairs, level + 1)
            out += [Heading(min(level, 3), f"{self.label(group)} {number}"), *inner]
        return out


def _cover(subject: ReportSubject, walk: _Walk, lang: str) -> list[Block]:
    status = _(STATUS_LABELS.get(subject.status, subject.status))
    rows = [
        (_("State"), state_name(subject.state, lang)),
        (_("Reporting period"), subject.period or MISSING),
        (_("Review region"), commission_name(subject.region, lang) if subject.region else MISSING),
        (
            _("Status"),
            _("{status}, revision {revision}").format(status=status, revision=subject.revision),
        ),
        (_("Officer"), subject.officer or MISSING),
        (_("Date"), moments.long_date_text(date.fromisoformat(subject.written), lang)),
        (_("Fingerprint"), subject.fingerprint),
    ]
    note = state_note(subject.state, lang)
    notes = ((0, 1, note),) if note else ()  # on the State's name, "Kosovo*"
    blocks: list[Block] = [
        Heading(
            0, _("Voluntary GCM review: {state}").format(state=state_name(subject.state, lang))
        ),
        Table((_("Submission"), ""), tuple(rows), (1, 2), notes),
    ]
    if COVER in walk.form and isinstance(walk.form.item(COVER), Group):
        blocks += walk.items(walk.form.group(COVER).children, (), 2, COVER_SHOWN)
    return blocks


def _objectives(group: Group, walk: _Walk, lang: str) -> list[Block] | None:
    """The objectives as one table per IMRF cluster; None when the section is not shaped as the
    built-in survey's (clusters of objNN groups), so it is printed as any other section."""
    clusters = [g for g in group.children if isinstance(g, Group) and CLUSTER.match(g.name)]
    if not clusters:
        return None
    header = (
        _("Objective"),
        _("Priority"),
        _("Implementation status"),
        _("Main measures"),
        _("Guiding principles"),
    )
    out: list[Block] = []
    challenges: list[Block] = []
    for cluster in clusters:
        number = int(CLUSTER.match(cluster.name)[1])  # type: ignore[index]
        rows = []
        for obj in cluster.children:
            found = OBJECTIVE.match(obj.name)
            if not isinstance(obj, Group) or not found:
                continue
            cells = [objective_title(int(found[1]), lang)]
            for field in ("priority", "status", "measures", "principles"):
                name = f"{obj.name}_{field}"
                cells.append(_cell(walk, name) if name in walk.form else MISSING)
            rows.append(tuple(cells))
            name = f"{obj.name}_challenges"
            if name in walk.form and walk.text(walk.form.question(name), name):
                challenges.append(
                    Answer(
                        objective_title(int(found[1]), lang),
                        walk.text(walk.form.question(name), name),
                    )
                )
        title = cluster_title(number, lang) or walk.label(cluster)
        out += [
            Heading(2, _("Cluster {number}: {title}").format(number=number, title=title)),
            Table(header, tuple(rows), (3, 1.2, 1.4, 3, 2)),
        ]
    if challenges:
        out += [Heading(2, _("Challenges by objective")), *challenges]
    return out


def _cell(walk: _Walk, name: str) -> str:
    question = walk.form.question(name)
    text = walk.text(question, name)
    if text:
        return text
    if walk.flag_missing and name in walk.missing:
        walk.flagged += 1
        return FLAG + _("Required, not answered yet")
    return MISSING


def _annex(group: Group, walk: _Walk) -> list[Block]:
    out: list[Block] = []
    order = walk.instances.get(group.name, [])
    for number, iid in enumerate(order, 1):
        pairs = ((group.name, iid),)
        title = ""
        if PRACTICE_TITLE in walk.form:
            title = walk.text(walk.form.question(PRACTICE_TITLE), make_path(PRACTICE_TITLE, pairs))
        heading = _("Practice {number}: {title}").format(number=number, title=title or MISSING)
        out += [
            Heading(2, heading),
            *walk.items(group.children, pairs, 3, frozenset({PRACTICE_TITLE})),
        ]
    return out


def build_report(
    form: Form,
    subject: ReportSubject,
    answers: Mapping[str, Any],
    instances: Mapping[str, list[str]],
    lang: str,
) -> Document:
    """The report of one submission in ``lang``."""
    with speaking(lang):
        evaluation = evaluate(form, answers, instances, lang)
        walk = _Walk(form, answers, instances, evaluation, lang, subject.status == "draft")
        blocks = _cover(subject, walk, lang)
        used = {COVER}
        chapters: list[Block] = []
        for title, names in CHAPTERS:
            inner: list[Block] = []
            for name in names:
                if name not in form or not isinstance(form.item(name), Group):
                    continue
                used.add(name)
                group = form.group(name)
                shaped = _objectives(group, walk, lang) if name == "objectives" else None
                inner += shaped if shaped is not None else walk.items(group.children, (), 2)
            if inner:
                chapters += [Heading(1, _(title)), *inner]
        annex: list[Block] = []
        for item in form.children:
            if item.name in used:
                continue
            if isinstance(item, Group) and ANNEX in {item.name, *(c.name for c in item.children)}:
                annex = _annex(form.group(ANNEX), walk)
                continue
            # A section this report has no chapter for: under its own title.
            inner = walk.items((item,), (), 1)
            if inner and not isinstance(inner[0], Heading):
                inner = [Heading(1, walk.label(item)), *inner]
            chapters += inner
        if annex:
            chapters += [Heading(1, _("Annex: practices")), *annex]
        if walk.flagged:
            blocks.append(
                Para(
                    FLAG
                    + ngettext(
                        "Draft: {n} required question is not answered yet (marked ⚠).",
                        "Draft: {n} required questions are not answered yet (marked ⚠).",
                        walk.flagged,
                    ).format(n=walk.flagged),
                    "flag",
                )
            )
        mark = _(WORKING_TRANSLATION).format(title="").strip()
        if any(mark in t for t in _texts(blocks + chapters)):
            blocks.append(
                Para(
                    _(
                        "Texts marked “working translation, not official” are not the United "
                        "Nations' wording in this language."
                    ),
                    "note",
                )
            )
        title = _("Voluntary GCM review: {state}").format(state=state_name(subject.state, lang))
        return Document(title, lang, is_rtl(lang), tuple(blocks + chapters))


def _texts(blocks: list[Block]) -> list[str]:
    return Document("", "en", False, tuple(blocks)).texts()
