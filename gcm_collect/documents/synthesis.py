"""The regional synthesis draft: what a regional commission writes from its States' surveys
for the regional review. Every figure names, in its table's Sources column, the submissions it
counts; Annex A lists them (State, period, revision, status, UUID) and Annex B the practices
the objectives cite."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import cache, partial

from gcm_collect import reference
from gcm_collect.consolidate.indicators import Indicators, Tally
from gcm_collect.documents.language import speaking
from gcm_collect.documents.model import Answer, Block, Document, Heading, Para, Table
from gcm_collect.documents.text import (
    MISSING,
    cluster_title,
    commission_name,
    objective_title,
    state_footnote,
    state_name,
)
from gcm_collect.i18n import _, is_rtl, join_list, ngettext
from gcm_collect.vocabulary import STATUS_LABELS


def _refs(sources: Iterable[int]) -> str:
    """Annex A's numbers of the submissions counted: "[1, 4, 7]"."""
    numbers = sorted(i + 1 for i in sources)
    return "[" + ", ".join(str(n) for n in numbers) + "]" if numbers else MISSING


def _counts(ind: Indicators, tally: Tally, list_name: str) -> str:
    """ "High 3, Medium 1": each choice with the number of States that chose it."""
    parts = []
    for code, sources in tally.by_code.items():
        label = ind.labels.get((list_name, code), code)
        parts.append(f"{label} {len(ind.states(sources))}")
    return join_list(parts) or MISSING


def _tally_table(
    ind: Indicators, tally: Tally, list_name: str, first: str, name: Callable[[str], str]
) -> Table:
    rows = []
    for code, sources in sorted(tally.by_code.items(), key=lambda kv: -len(kv[1])):
        states = ind.states(sources)
        rows.append(
            (
                ind.labels.get((list_name, code), code),
                str(len(states)),
                join_list(name(s) for s in states),
                _refs(sources),
            )
        )
    return Table((first, _("States"), _("Which"), _("Sources")), tuple(rows), (3, 0.8, 3, 1.2))


def build_synthesis(ind: Indicators, lang: str) -> Document:
    with speaking(lang):
        name = cache(partial(state_name, lang=lang))  # a State is named hundreds of times
        region = commission_name(ind.region, lang) if ind.region else _("all regions")
        title = _("Regional synthesis draft: {region}").format(region=region)
        states = ind.states(range(len(ind.sources)))
        blocks: list[Block] = [
            Heading(0, title),
            Para(
                ngettext(
                    "{n} submission from {states} States, counted on the date of the "
                    "regional workbook.",
                    "{n} submissions from {states} States, counted on the date of the "
                    "regional workbook.",
                    len(ind.sources),
                ).format(n=len(ind.sources), states=len(states))
            ),
            Para(
                _(
                    "Each figure names in brackets the submissions it counts; Annex A lists "
                    "them by State, period and revision."
                ),
                "note",
            ),
            Heading(1, _("Participation")),
        ]
        participants = tuple(
            (
                name(s.state),
                s.period,
                _("{status}, revision {revision}").format(
                    status=_(STATUS_LABELS.get(s.status, s.status)), revision=s.revision
                ),
                _refs([i]),
            )
            for i, s in enumerate(ind.sources)
        )
        blocks.append(
            Table(
                (_("State"), _("Reporting period"), _("Status"), _("Sources")),
                participants,
                (3, 1, 2, 1),
            )
        )
        if ind.region:
            absent = join_list(name(s) for s in ind.absent) or MISSING
            blocks.append(Answer(_("Did not take part"), absent))
        notes = {state_footnote(s, lang) or "" for s in (*states, *ind.absent)}
        blocks += [Para(n, "note") for n in sorted(notes) if n]

        blocks.append(Heading(1, _("Objectives by IMRF cluster")))
        by_objective: dict[int, list[int]] = {}
        for k, practice in enumerate(ind.practices):
            for number in practice.objectives:
                by_objective.setdefault(number, []).append(k)
        for cluster in reference.clusters():
            blocks.append(
                Heading(
                    2,
                    _("Cluster {number}: {title}").format(
                        number=cluster.id, title=cluster_title(cluster.id, lang)
                    ),
                )
            )
            rows: list[tuple[str, ...]] = []
            for number in cluster.objectives:
                figures = ind.objectives.get(number)
                if figures is None:
                    rows.append((objective_title(number, lang), "0", MISSING, MISSING, MISSING))
                    continue
                rows.append(
                    (
                        objective_title(number, lang),
                        str(len(ind.states(figures.reporting))),
                        _counts(ind, figures.priority, "priority"),
                        _counts(ind, figures.status, "impl_status"),
                        _refs(figures.reporting),
                    )
                )
            blocks.append(
                Table(
                    (
                        _("Objective"),
                        _("States reporting"),
                        _("Priority"),
                        _("Implementation status"),
                        _("Sources"),
                    ),
                    tuple(rows),
                    (3, 0.9, 1.8, 2, 1),
                )
            )
            examples: list[Block] = []
            for number in cluster.objectives:
                for k in by_objective.get(number, []):
                    p = ind.practices[k]
                    examples.append(
                        Answer(
                            f"{number}. {name(ind.sources[p.source].state)}: {p.title or MISSING}",
                            _("{summary} (Annex B.{number})").format(
                                summary=p.summary or MISSING, number=k + 1
                            ),
                        )
                    )
            if examples:
                blocks += [Heading(3, _("Practice examples")), *examples]

        blocks += [
            Heading(1, _("Guiding principles applied")),
            _tally_table(ind, ind.principles, "principles", _("Guiding principle"), name),
        ]
        for key, heading, list_name, first in (
            ("challenges", _("Challenges and emerging issues"), "emerging_issues", _("Issue")),
            ("covid", _("COVID-19 measures"), "covid_practices", _("Measure")),
        ):
            blocks += [
                Heading(1, heading),
                _tally_table(ind, ind.tallies.get(key, Tally()), list_name, first, name),
            ]
        blocks += [
            Heading(1, _("Means of implementation")),
            Heading(2, _("Partnerships")),
            _tally_table(
                ind,
                ind.tallies.get("partnerships", Tally()),
                "partnership_types",
                _("Partnership"),
                name,
            ),
            Heading(2, _("Sources of financing")),
            _tally_table(ind, ind.financing, "financing_sources", _("Source"), name),
        ]

        blocks.append(Heading(1, _("Annex A: submissions counted")))
        for i, s in enumerate(ind.sources):
            blocks.append(
                Para(
                    _(
                        "[{number}] {state}, {period}, revision {revision} ({status}), {uuid}"
                    ).format(
                        number=i + 1,
                        state=name(s.state),
                        period=s.period,
                        revision=s.revision,
                        status=_(STATUS_LABELS.get(s.status, s.status)),
                        uuid=s.uuid,
                    )
                )
            )
        blocks.append(Heading(1, _("Annex B: practices")))
        for k, p in enumerate(ind.practices):
            source = ind.sources[p.source]
            blocks.append(
                Answer(
                    f"B.{k + 1} {name(source.state)}: {p.title or MISSING}",
                    _("{summary} (submission [{number}], practice {practice})").format(
                        summary=p.summary or MISSING, number=p.source + 1, practice=p.number
                    ),
                )
            )
        return Document(title, lang, is_rtl(lang), tuple(blocks))
