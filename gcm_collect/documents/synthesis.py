"""The regional synthesis draft: what a regional commission writes from its States' surveys
for the regional review. Every figure names, in its table's Sources column, the submissions it
counts, and a footnote on it names them (State, period, revision); Annex A lists them (State,
period, revision, status, UUID) and Annex B the practices the objectives cite."""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache, partial

from gcm_collect import reference
from gcm_collect.consolidate.indicators import Indicators, Tally
from gcm_collect.documents.language import speaking
from gcm_collect.documents.model import Answer, Block, Document, Heading, Note, Para, Table
from gcm_collect.documents.text import (
    MISSING,
    cluster_title,
    commission_name,
    objective_title,
    state_footnote,
    state_name,
    state_note,
)
from gcm_collect.i18n import _, is_rtl, join_list, ngettext
from gcm_collect.vocabulary import STATUS_LABELS


def _refs(sources: Iterable[int]) -> str:
    """Annex A's numbers of the submissions counted: "[1, 4, 7]"."""
    numbers = sorted(i + 1 for i in sources)
    return "[" + ", ".join(str(n) for n in numbers) + "]" if numbers else MISSING


class _Synthesis:
    """The chapters of one synthesis, in one language; a State is named hundreds of times,
    so each name (and each submission's footnote entry) is made once."""

    def __init__(self, ind: Indicators, lang: str) -> None:
        self.ind, self.lang = ind, lang
        self.name = cache(partial(state_name, lang=lang))
        self.entries: dict[int, str] = {}

    def entry(self, source: int) -> str:
        """ "France, 2024-2025, revision 1": a submission as a footnote names it."""
        if source not in self.entries:
            s = self.ind.sources[source]
            self.entries[source] = _("{state}, {period}, revision {revision}").format(
                state=self.name(s.state), period=s.period, revision=s.revision
            )
        return self.entries[source]

    def counted(self, sources: Iterable[int]) -> Note:
        """The footnote of a figure: the submissions it counts."""
        return Note("; ".join(self.entry(i) for i in sorted(set(sources))) + ".")

    def title(self) -> str:
        ind = self.ind
        region = commission_name(ind.region, self.lang) if ind.region else _("all regions")
        return _("Regional synthesis draft: {region}").format(region=region)

    def opening(self) -> list[Block]:
        ind = self.ind
        states = ind.states(range(len(ind.sources)))
        return [
            Heading(0, self.title()),
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
        ]

    def participation(self) -> list[Block]:
        ind, name = self.ind, self.name
        rows = tuple(
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
        # A State's own footnote (Kosovo's) goes on the first row naming it.
        first = {s.state: i for i, s in reversed(list(enumerate(ind.sources)))}
        notes = tuple(
            (row, 0, note)
            for state, row in sorted(first.items(), key=lambda kv: kv[1])
            if (note := state_note(state, self.lang)) is not None
        )
        header = (_("State"), _("Reporting period"), _("Status"), _("Sources"))
        blocks: list[Block] = [
            Heading(1, _("Participation")),
            Table(header, rows, (3, 1, 2, 1), notes),
        ]
        if ind.region:
            absent = join_list(name(s) for s in ind.absent) or MISSING
            blocks.append(Answer(_("Did not take part"), absent))
            lines = {state_footnote(s, self.lang) or "" for s in ind.absent if s not in first}
            blocks += [Para(line, "note") for line in sorted(lines) if line]
        return blocks

    def objectives(self) -> list[Block]:
        blocks: list[Block] = [Heading(1, _("Objectives by IMRF cluster"))]
        citing: dict[int, list[int]] = {}  # objective -> the practices that cite it
        for k, practice in enumerate(self.ind.practices):
            for number in practice.objectives:
                citing.setdefault(number, []).append(k)
        for cluster in reference.clusters():
            title = cluster_title(cluster.id, self.lang)
            blocks += [
                Heading(2, _("Cluster {number}: {title}").format(number=cluster.id, title=title)),
                self.objective_table(cluster.objectives),
                *self.examples(cluster.objectives, citing),
            ]
        return blocks

    def objective_table(self, numbers: Iterable[int]) -> Table:
        ind, rows, notes = self.ind, [], []
        for number in numbers:
            figures = ind.objectives.get(number)
            title = objective_title(number, self.lang)
            if figures is None:
                rows.append((title, "0", MISSING, MISSING, MISSING))
                continue
            if figures.reporting:
                notes.append((len(rows), 1, self.counted(figures.reporting)))
            rows.append(
                (
                    title,
                    str(len(ind.states(figures.reporting))),
                    self.choices(figures.priority, "priority"),
                    self.choices(figures.status, "impl_status"),
                    _refs(figures.reporting),
                )
            )
        header = (
            _("Objective"),
            _("States reporting"),
            _("Priority"),
            _("Implementation status"),
            _("Sources"),
        )
        return Table(header, tuple(rows), (3, 0.9, 1.8, 2, 1), tuple(notes))

    def choices(self, tally: Tally, list_name: str) -> str:
        """ "High 3, Medium 1": each choice with the number of States that chose it."""
        labels, ind = self.ind.labels, self.ind
        parts = [
            f"{labels.get((list_name, code), code)} {len(ind.states(sources))}"
            for code, sources in tally.by_code.items()
        ]
        return join_list(parts) or MISSING

    def examples(self, numbers: Iterable[int], citing: dict[int, list[int]]) -> list[Block]:
        ind, out = self.ind, []
        for number in numbers:
            for k in citing.get(number, []):
                p = ind.practices[k]
                out.append(
                    Answer(
                        f"{number}. {self.name(ind.sources[p.source].state)}: {p.title or MISSING}",
                        _("{summary} (Annex B.{number})").format(
                            summary=p.summary or MISSING, number=k + 1
                        ),
                    )
                )
        return [Heading(3, _("Practice examples")), *out] if out else []

    def tally(self, tally: Tally, list_name: str, first: str) -> Table:
        rows, notes = [], []
        ordered = sorted(tally.by_code.items(), key=lambda kv: -len(kv[1]))
        for row, (code, sources) in enumerate(ordered):
            states = self.ind.states(sources)
            notes.append((row, 1, self.counted(sources)))
            rows.append(
                (
                    self.ind.labels.get((list_name, code), code),
                    str(len(states)),
                    join_list(self.name(s) for s in states),
                    _refs(sources),
                )
            )
        header = (first, _("States"), _("Which"), _("Sources"))
        return Table(header, tuple(rows), (3, 0.8, 3, 1.2), tuple(notes))

    def themes(self) -> list[Block]:
        """Principles, challenges, COVID-19 measures and the means of implementation."""
        ind, tallies = self.ind, self.ind.tallies
        return [
            Heading(1, _("Guiding principles applied")),
            self.tally(ind.principles, "principles", _("Guiding principle")),
            Heading(1, _("Challenges and emerging issues")),
            self.tally(tallies.get("challenges", Tally()), "emerging_issues", _("Issue")),
            Heading(1, _("COVID-19 measures")),
            self.tally(tallies.get("covid", Tally()), "covid_practices", _("Measure")),
            Heading(1, _("Means of implementation")),
            Heading(2, _("Partnerships")),
            self.tally(tallies.get("partnerships", Tally()), "partnership_types", _("Partnership")),
            Heading(2, _("Sources of financing")),
            self.tally(ind.financing, "financing_sources", _("Source")),
        ]

    def annexes(self) -> list[Block]:
        ind, name = self.ind, self.name
        blocks: list[Block] = [Heading(1, _("Annex A: submissions counted"))]
        for i, s in enumerate(ind.sources):
            line = _("[{number}] {state}, {period}, revision {revision} ({status}), {uuid}")
            blocks.append(
                Para(
                    line.format(
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
            blocks.append(
                Answer(
                    f"B.{k + 1} {name(ind.sources[p.source].state)}: {p.title or MISSING}",
                    _("{summary} (submission [{number}], practice {practice})").format(
                        summary=p.summary or MISSING, number=p.source + 1, practice=p.number
                    ),
                )
            )
        return blocks


def build_synthesis(ind: Indicators, lang: str) -> Document:
    with speaking(lang):
        book = _Synthesis(ind, lang)
        blocks = [
            *book.opening(),
            *book.participation(),
            *book.objectives(),
            *book.themes(),
            *book.annexes(),
        ]
        return Document(book.title(), lang, is_rtl(lang), tuple(blocks))
