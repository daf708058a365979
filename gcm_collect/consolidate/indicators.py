"""The indicators of a regional synthesis, counted from the submissions of a regional workbook:
who took part, and per GCM objective, guiding principle, challenge, COVID-19 measure and means
of implementation how many States report it. Every count keeps the submissions it counts
(``sources``: indexes into ``Indicators.sources``), so each figure is traceable to a State,
a period and a revision.

Only the built-in survey's questions are read (by name); another form's submissions count as
taking part and add nothing else.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from gcm_collect import reference
from gcm_collect.forms.model import Form
from gcm_collect.forms.paths import make_path
from gcm_collect.i18n import N_
from gcm_collect.workbook.render import OBJECTIVE_RE

NOT_APPLICABLE = "not_applicable"
PRACTICES = "practices"
# Top-level select_multiple questions counted as "States reporting each choice".
TALLIED = {
    "challenges": "challenge_tags",
    "covid": "covid_measures",
    "partnerships": "partnerships",
}


@dataclass(frozen=True)
class Source:
    """One submission counted: what a footnote names."""

    uuid: str
    state: str
    period: str
    revision: int
    status: str


@dataclass(frozen=True)
class Practice:
    source: int  # index into Indicators.sources
    number: int  # its place among the submission's practices, from 1
    title: str
    summary: str  # the first line of its summary
    objectives: tuple[int, ...]
    principles: tuple[str, ...]


@dataclass
class Tally:
    """Submissions reporting each code (a choice name, an objective number)."""

    by_code: dict[str, list[int]] = field(default_factory=lambda: defaultdict(list))

    def add(self, code: str, source: int) -> None:
        # Sources are counted one after the other: a repeat can only be the last one (a
        # search of the whole list made 200 submissions' count quadratic).
        counted = self.by_code[code]
        if not counted or counted[-1] != source:
            counted.append(source)


@dataclass
class ObjectiveFigures:
    reporting: list[int] = field(default_factory=list)  # priority given, not "not applicable"
    priority: Tally = field(default_factory=Tally)
    status: Tally = field(default_factory=Tally)


@dataclass
class Indicators:
    region: str | None
    sources: list[Source] = field(default_factory=list)
    absent: list[str] = field(default_factory=list)  # ISO3 of the review's States not there
    objectives: dict[int, ObjectiveFigures] = field(default_factory=dict)
    principles: Tally = field(default_factory=Tally)
    tallies: dict[str, Tally] = field(default_factory=dict)
    financing: Tally = field(default_factory=Tally)
    practices: list[Practice] = field(default_factory=list)
    labels: dict[tuple[str, str], str] = field(default_factory=dict)  # (list, code) -> label
    labelled: set[tuple[str, str]] = field(default_factory=set)  # (form hash, question) done

    def states(self, sources: Iterable[int]) -> list[str]:
        """The States of ``sources``, each once, in the order first counted."""
        return list(dict.fromkeys(self.sources[i].state for i in sources))


SUMMARY_LINE = 240  # characters of a practice's summary a synthesis quotes


def one_line(text: str) -> str:
    """The first line of ``text``, cut at a word near SUMMARY_LINE characters."""
    line = text.strip().split("\n")[0].strip()
    if len(line) <= SUMMARY_LINE:
        return line
    return line[:SUMMARY_LINE].rsplit(" ", 1)[0] + "\u2026"


def _as_list(value: Any) -> list[str]:
    if value is None or value == "":
        return []
    return [str(v) for v in value] if isinstance(value, list) else [str(value)]


def _label(indicators: Indicators, form: Form, question: str, lang: str) -> None:
    """Remember the labels of the choices of ``question`` (first form that has them wins)."""
    key = (form.content_hash, question)
    if key in indicators.labelled or question not in form:
        return
    indicators.labelled.add(key)
    q = form.question(question)
    if q.list_name is None:
        return
    for choice in form.choices_for(q):
        indicators.labels.setdefault(
            (q.list_name, choice.name), choice.label(lang)[0] or choice.name
        )


def list_of(form: Form, question: str) -> str | None:
    return form.question(question).list_name if question in form else None


def count(
    records: Iterable[Mapping[str, Any]],
    forms: Mapping[tuple[str, str], Form],
    region: str | None,
    lang: str,
) -> Indicators:
    """The indicators of ``records`` (canonical records: metadata, ``answers``, ``instances``),
    each read with its own form from ``forms``."""
    ordered = sorted(records, key=lambda r: (str(r["state"]), str(r["period"])))
    if region is None:  # not filtered by region: the one review all its submissions go to
        regions = {str(r["region"]) for r in ordered}
        region = regions.pop() if len(regions) == 1 else None
    out = Indicators(region)
    for record in ordered:
        form = forms.get((str(record["form_id"]), str(record["form_version"])))
        index = len(out.sources)
        out.sources.append(
            Source(
                str(record["uuid"]),
                str(record["state"]),
                str(record["period"]),
                int(record["revision"]),
                str(record["status"]),
            )
        )
        if form is None:
            continue
        one = OneSubmission(form, record["answers"], record.get("instances") or {}, index, lang)
        _count_one(out, one)
    there = {s.state for s in out.sources}
    if region:
        members = [s.iso3 for s in reference.review_participants(region)]
        out.absent = [iso3 for iso3 in members if iso3 not in there]
    return out


@dataclass(frozen=True)
class OneSubmission:
    """What counting one submission reads: its answers and repeat instances, the form they
    answer (for choice labels), its place among the sources and the language of the labels."""

    form: Form
    answers: Mapping[str, Any]
    instances: Mapping[str, list[str]]
    index: int  # into Indicators.sources
    lang: str

    def label(self, out: Indicators, question: str) -> None:
        _label(out, self.form, question, self.lang)


def _count_one(out: Indicators, one: OneSubmission) -> None:
    _count_objectives(out, one)
    _count_tallies(out, one)
    _count_financing(out, one)
    _count_practices(out, one)


def _count_objectives(out: Indicators, one: OneSubmission) -> None:
    index = one.index
    for name, value in one.answers.items():
        if not name.startswith("obj"):  # most answers; cheaper than the expression
            continue
        found = OBJECTIVE_RE.match(name)
        if not found or found[2] not in ("priority", "status", "principles"):
            continue
        number = int(found[1])
        figures = out.objectives.get(number)
        if figures is None:  # not setdefault: building the figures each answer cost a tenth
            figures = out.objectives[number] = ObjectiveFigures()
        one.label(out, name)
        if found[2] == "priority":
            figures.priority.add(str(value), index)
            if value != NOT_APPLICABLE and figures.reporting[-1:] != [index]:
                figures.reporting.append(index)
        elif found[2] == "status":
            figures.status.add(str(value), index)
        else:
            for code in _as_list(value):
                out.principles.add(code, index)


def _count_tallies(out: Indicators, one: OneSubmission) -> None:
    for key, question in TALLIED.items():
        one.label(out, question)
        tally = out.tallies.setdefault(key, Tally())
        for code in _as_list(one.answers.get(question)):
            tally.add(code, one.index)


def _count_financing(out: Indicators, one: OneSubmission) -> None:
    for iid in one.instances.get("financing", []):
        source = one.answers.get(make_path("financing_source", (("financing", iid),)))
        if source:
            one.label(out, "financing_source")
            out.financing.add(str(source), one.index)


def _count_practices(out: Indicators, one: OneSubmission) -> None:
    answers = one.answers
    for number, iid in enumerate(one.instances.get(PRACTICES, []), 1):
        pairs = ((PRACTICES, iid),)
        title = str(answers.get(make_path("practice_title", pairs)) or "")
        summary = str(answers.get(make_path("practice_summary", pairs)) or "")
        objectives = tuple(
            int(c)
            for c in _as_list(answers.get(make_path("practice_objectives", pairs)))
            if c.isdigit()
        )
        principles = tuple(_as_list(answers.get(make_path("practice_principles", pairs))))
        one.label(out, "practice_principles")
        for code in principles:
            out.principles.add(code, one.index)
        out.practices.append(
            Practice(one.index, number, title, one_line(summary), objectives, principles)
        )


def indicator_rows(
    ind: Indicators,
    tr: Callable[[str], str],
    state_names: Mapping[str, str],
    objective_titles: Mapping[str, str],
) -> list[tuple[str, list[list[Any]]]]:
    """The synthesis' tables for the Indicators sheet of the regional workbook: (heading, rows
    with their header first). Sources are the numbers of the last table's submissions."""

    def refs(sources: Iterable[int]) -> str:
        return ", ".join(str(i + 1) for i in sorted(sources))

    def names(sources: Iterable[int]) -> str:
        return ", ".join(state_names.get(s, s) for s in ind.states(sources))

    def counts(tally: Tally, list_name: str) -> str:
        return ", ".join(
            f"{ind.labels.get((list_name, code), code)} {len(ind.states(sources))}"
            for code, sources in tally.by_code.items()
        )

    tables: list[tuple[str, list[list[Any]]]] = []
    rows: list[list[Any]] = [
        [
            tr(N_("Cluster")),
            tr(N_("Objective")),
            tr(N_("States reporting")),
            tr(N_("Priority")),
            tr(N_("Implementation status")),
            tr(N_("Sources")),
        ]
    ]
    for cluster in reference.clusters():
        for number in cluster.objectives:
            figures = ind.objectives.get(number, ObjectiveFigures())
            rows.append(
                [
                    cluster.id,
                    f"{number}. {objective_titles.get(str(number), number)}",
                    len(ind.states(figures.reporting)),
                    counts(figures.priority, "priority"),
                    counts(figures.status, "impl_status"),
                    refs(figures.reporting),
                ]
            )
    tables.append((tr(N_("Objectives by IMRF cluster")), rows))
    for heading, first, tally, list_name in (
        (N_("Guiding principles applied"), N_("Guiding principle"), ind.principles, "principles"),
        (
            N_("Challenges and emerging issues"),
            N_("Issue"),
            ind.tallies.get("challenges"),
            "emerging_issues",
        ),
        (N_("COVID-19 measures"), N_("Measure"), ind.tallies.get("covid"), "covid_practices"),
        (
            N_("Partnerships"),
            N_("Partnership"),
            ind.tallies.get("partnerships"),
            "partnership_types",
        ),
        (N_("Sources of financing"), N_("Source"), ind.financing, "financing_sources"),
    ):
        rows = [[tr(first), tr(N_("States")), tr(N_("Which")), tr(N_("Sources"))]]
        for code, sources in sorted((tally or Tally()).by_code.items(), key=lambda kv: -len(kv[1])):
            rows.append(
                [
                    ind.labels.get((list_name, code), code),
                    len(ind.states(sources)),
                    names(sources),
                    refs(sources),
                ]
            )
        tables.append((tr(heading), rows))
    rows = [
        [
            tr(N_("No.")),
            tr(N_("State")),
            tr(N_("Reporting period")),
            tr(N_("Revision")),
            tr(N_("Status")),
            tr(N_("Submission UUID")),
        ]
    ]
    for i, s in enumerate(ind.sources):
        rows.append(
            [i + 1, state_names.get(s.state, s.state), s.period, s.revision, s.status, s.uuid]
        )
    tables.append((tr(N_("Annex A: submissions counted")), rows))
    return tables
