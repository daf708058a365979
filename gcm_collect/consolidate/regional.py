"""Write the regional workbook: everything an export has, plus the consolidation's sheets.

The data sheets, codebook and hidden machine part are written by the export's own writers
(gcm_collect.workbook.writer), so a regional workbook is a valid export and a valid input.
Added: Summary (with native bar charts), Coverage, Sources, Conflicts, Edits and Provenance
sheets, and a hidden ``_gcm_conflicts`` sheet with the other versions of conflicting
submissions (their keys are in the meta, so the fingerprint covers them).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from openpyxl.chart import BarChart, Reference
from openpyxl.chart.label import DataLabelList

from gcm_collect.consolidate.conversation_sheets import (
    CHANGES_HEADER,
    COMMENTS_HEADER,
    DECISIONS_HEADER,
    ConversationTables,
)
from gcm_collect.consolidate.indicators import count, indicator_rows
from gcm_collect.consolidate.stats import RegionStats
from gcm_collect.conversation import Conversation
from gcm_collect.forms.model import Form
from gcm_collect.i18n import N_
from gcm_collect.workbook.model import ExportMeta, ExportRecord, FormEntry
from gcm_collect.workbook.render import RelevanceCache, RenderedRow, utc_moment
from gcm_collect.workbook.signing import SigningKey
from gcm_collect.workbook.writer import Attachments, Extras, Sheet, SheetBook, write_workbook

Translate = Callable[[str], str]

# Roles of the sheets only a regional workbook has (find_edits never compares them).
CONFLICTS_SHEET = "_gcm_conflicts"  # the other versions of conflicting submissions
EXTRA_ROLES = (
    "summary",
    "indicators",
    "coverage",
    "sources",
    "conflicts",
    "edits",
    "provenance",
    "comments",
    "decisions",
    "changes",
)


@dataclass
class Tables:
    """The rows of the consolidation sheets that do not depend on the records' rendering."""

    sources: list[list[Any]]
    sources_header: list[tuple[str, str]]
    conflicts: list[list[Any]]
    conflicts_header: list[tuple[str, str]]
    edits: list[list[Any]]
    edits_header: list[tuple[str, str]]
    cover: Callable[[str], list[list[Any]]]


PROVENANCE_HEADER = [
    ("_index", N_("No.")),
    ("_uuid", N_("Submission UUID")),
    ("_state", N_("State (ISO3)")),
    ("officer", N_("Exported by")),
    ("device_id", N_("Device")),
    ("exported_at", N_("Exported at (UTC)")),
    ("export_fingerprint", N_("Original export fingerprint")),
    ("sources", N_("Input files")),
    ("conflict", N_("Conflict")),
    ("signed_by", N_("First signed with the key")),
    ("trust", N_("Not trusted")),
]


# Codes stand apart from the titles beside them, in either direction; totals line up.
CENTER = {0: "center", 2: "center"}
BAR_CM = 0.6  # chart height per bar: every bar keeps its label


def _bar_chart(ws: Any, heading: str, first: int, last: int, axis: str, rtl: bool) -> BarChart:
    """A horizontal bar chart of column C (totals) by column A (codes), rows first..last: every
    bar labelled with its code and its value; mirrored (bars grow leftwards) right to left."""
    chart = BarChart()
    chart.type = "bar"
    chart.style = 10
    chart.title = heading
    chart.legend = None
    chart.y_axis.title = axis
    chart.x_axis.scaling.orientation = "maxMin"  # first code on top, as in the table
    chart.x_axis.tickLblSkip = 1  # never every other label
    chart.x_axis.delete = False
    chart.y_axis.delete = False
    chart.y_axis.majorGridlines = None
    if rtl:
        chart.y_axis.scaling.orientation = "maxMin"  # values grow leftwards, codes on the right
    chart.gapWidth = 40
    chart.height = max(6.0, BAR_CM * (last - first + 1) + 2.5)
    chart.width = 15
    chart.add_data(Reference(ws, min_col=3, min_row=first, max_row=last), titles_from_data=False)
    chart.set_categories(Reference(ws, min_col=1, min_row=first, max_row=last))
    chart.dataLabels = DataLabelList()
    chart.dataLabels.showVal = True
    for flag in ("showSerName", "showCatName", "showLegendKey", "showPercent"):
        setattr(chart.dataLabels, flag, False)
    return chart


def _summary(
    sheet: Sheet,
    stats: RegionStats,
    tr: Translate,
    objective_titles: dict[str, str],
    names: Callable[[str], str],
    rtl: bool,
) -> None:
    """Two tables (by objective, by principle: total and per State) and a bar chart each.

    Column A holds codes (or the State's ISO3), B titles (or the State's name), C totals; the
    per-State tables put one narrow column per code after them. Each chart stands beside its
    table, as tall as the table, so no two overlap.
    """
    states = stats.states()

    def title(text: str) -> None:
        sheet.append([text], bold=True, size=13, span=3)

    def block(heading: str, codes: list[str], labels: dict[str, str], counts) -> tuple[int, int]:
        title(heading)
        sheet.append([tr(N_("Code")), tr(N_("Title")), tr(N_("Total"))], bold=True, align=CENTER)
        first = sheet.rows + 1
        for code in codes:
            total = sum(counts[s][code] for s in states)
            sheet.append([code, labels.get(code, code), total], align=CENTER)
        last = sheet.rows
        # Room for the chart beside the table: it is taller than the rows by its title and axis.
        for _ in range(max(2, int((BAR_CM * len(codes) + 2.5) / 0.53) - len(codes) - 1)):
            sheet.append([])
        return first, last

    def per_state(heading: str, tags: str, codes: list[str], counts) -> None:
        # Practices and tags apart: a practice serving three objectives is one practice and
        # three objective tags, so the tags never add up to the practices.
        title(heading)
        sheet.append(
            [tr(N_("State (ISO3)")), tr(N_("State")), tr(N_("Practices")), tags, *codes],
            bold=True,
            align={i: "center" for i in [0, *range(2, len(codes) + 4)]},
        )
        for s in states:
            values = [counts[s][c] for c in codes]
            sheet.append(
                [s, names(s), stats.practices.get(s, 0), sum(values), *values],
                align={i: "center" for i in [0, *range(2, len(codes) + 4)]},
            )
        sheet.append([])

    total = sum(stats.practices.values())
    title(tr(N_("Practices in this regional workbook")))
    sheet.append([None, tr(N_("Practices")), total])
    sheet.append([None, tr(N_("States reporting")), len(states)])
    sheet.append([])
    objective_codes = sorted(
        {c for s in states for c in stats.by_objective[s]} | set(stats.objective_labels),
        key=lambda c: (len(c), c),
    )
    labels = {c: objective_titles.get(c, stats.objective_labels.get(c, c)) for c in objective_codes}
    principle_codes = sorted(
        {c for s in states for c in stats.by_principle[s]} | set(stats.principle_labels)
    )
    by_objective = tr(N_("Practices by GCM objective"))
    by_principle = tr(N_("Practices by guiding principle"))
    charts = [
        (*block(by_objective, objective_codes, labels, stats.by_objective), by_objective),
        (
            *block(by_principle, principle_codes, stats.principle_labels, stats.by_principle),
            by_principle,
        ),
    ]
    per_state(
        tr(N_("Practices per State and GCM objective")),
        tr(N_("Objective tags (a practice may serve several)")),
        objective_codes,
        stats.by_objective,
    )
    per_state(
        tr(N_("Practices per State and guiding principle")),
        tr(N_("Principle tags (a practice may follow several)")),
        principle_codes,
        stats.by_principle,
    )
    ws = sheet.ws
    axis = tr(N_("Practices"))
    for first, last, heading in charts:
        if last >= first:
            ws.add_chart(_bar_chart(ws, heading, first, last, axis, rtl), f"E{first - 1}")


def _coverage(
    sheet: Sheet,
    stats: RegionStats,
    members: Sequence[str],
    names: Callable[[str], str],
    status_labels: Mapping[str, str],
    tr: Translate,
    footnotes: Mapping[str, str],
) -> None:
    sections = list(stats.sections.items())
    objectives = list(range(1, 24))
    header = [
        ("_state", N_("State (ISO3)")),
        ("_state:label", N_("State")),
        ("submissions", N_("Submissions")),
        ("officers", N_("Reported by")),
        ("statuses", N_("Statuses")),
        ("periods", N_("Reporting periods")),
        ("practices", N_("Practices")),
        ("objectives", N_("Objectives reported")),
    ]
    # Section labels wrap whole in their columns (row 1 is as tall as the longest needs).
    sheet.columns([9, 22, 12, 18, 16, 12, 10, 11] + [14] * len(sections) + [3.5] * len(objectives))
    keys = [k for k, _l in header] + [f"section:{n}" for n, _l in sections]
    keys += [f"objective:{n}" for n in objectives]
    labels = [tr(label) for _k, label in header] + [label for _n, label in sections]
    labels += [str(n) for n in objectives]
    sheet.header(labels, keys, freeze="C3")
    share = len(header)
    for state in sorted(set(members) | set(stats.states())):
        n = stats.submissions.get(state, 0)
        # Kosovo*: the footnote in a note on the name
        name = sheet.noted(names(state), footnotes[state]) if footnotes.get(state) else names(state)
        if not n:
            sheet.append([state, name, 0, tr(N_("not reported"))])
            continue
        reported: Mapping[int, int] = stats.objectives.get(state, {})
        row: list[Any] = [  # texts, the noted name, counts and shares (None: blank)
            state,
            name,
            n,
            "; ".join(sorted(stats.officers.get(state, ()))),
            "; ".join(
                f"{status_labels.get(k, k)} {v}" for k, v in sorted(stats.statuses[state].items())
            ),
            "; ".join(sorted(stats.periods.get(state, ()))),
            stats.practices.get(state, 0),
            len(reported),
        ]
        done = stats.completeness.get(state, {})
        row += [round(done[s], 2) if s in done else None for s, _l in sections]
        row += [reported.get(o) or None for o in objectives]
        sheet.append(
            row,
            align={i: "center" for i in range(len(row)) if i not in (1, 3, 4)},
            percent=range(share, share + len(sections)),
        )


class _RegionalSheets(Extras):
    """The consolidation's own sheets, added to the export's workbook through its hook."""

    def __init__(
        self,
        meta: ExportMeta,
        forms: Sequence[tuple[FormEntry, Form]],
        alternates: Sequence[ExportRecord],
        tr: Translate,
        tables: Tables,
        members: Sequence[str],
        talk: ConversationTables | None = None,
    ):
        self.meta, self.alternates, self.tr = meta, alternates, tr
        self.talk = talk or ConversationTables()
        self.tables, self.members = tables, members
        self.plans = {p.role: p.name for p in meta.sheets}
        self.by_key = {(e.form_id, e.version): f for e, f in forms}
        self.stats = RegionStats(meta.lang)
        self.pending: dict[str, dict[str, Any]] = {}  # uuid -> its provenance-sheet values
        self.records: list[Mapping[str, Any]] = []  # counted for the Indicators sheet

    def feed(
        self, records: Iterator[tuple[ExportRecord, dict[str, Any]]]
    ) -> Iterator[ExportRecord]:
        """The records for the writer; their extra values wait here until ``record`` runs."""
        for record, extra in records:
            self.pending[record.uuid] = extra
            yield record

    def before_data(self, book: SheetBook) -> None:
        plans = self.plans
        self.rtl = book.rtl
        self.summary = book.sheet(plans["summary"], [9, 60, 9, 11] + [5] * 23, grid=False)
        if "indicators" in plans:  # the synthesis' tables (docs/reviewers.md)
            self.indicators: Sheet | None = book.sheet(
                plans["indicators"], [30, 50, 10, 40, 40, 30]
            )
        else:
            self.indicators = None
        self.coverage = book.sheet(plans["coverage"])
        self.sources = book.sheet(plans["sources"], [28, 11, 40, 20, 20, 22, 20])
        self.conflicts = book.sheet(
            plans["conflicts"], [36, 9, 9, 18, 12, 18, 18, 20, 18, 20, 20, 32]
        )
        self.edits = book.sheet(plans["edits"], [22, 12, 7, 26, 32, 22, 22, 10, 30, 16, 18, 8])

    def after_data(self, book: SheetBook) -> None:
        widths = [7, 38, 9, 20, 20, 22, 20, 28, 12, 44, 30]
        self.provenance = book.sheet(self.plans["provenance"], widths)
        tr = self.tr
        self.provenance.header(
            [tr(label) for _k, label in PROVENANCE_HEADER], [k for k, _l in PROVENANCE_HEADER]
        )
        plans = self.plans
        self.comments = book.sheet(plans["comments"], [24, 13, 9, 30, 20, 50, 18, 12, 12, 50, 12])
        self.decisions = book.sheet(plans["decisions"], [24, 13, 9, 12, 12, 50, 18, 12, 30])
        self.changes = book.sheet(plans["changes"], [24, 13, 9, 9, 30, 20, 40, 40])

    def hidden(self, book: SheetBook) -> None:
        book.records_sheet(CONFLICTS_SHEET, self.alternates)

    def record(self, record: ExportRecord, rows: Mapping[str, list[RenderedRow]]) -> None:
        extra = self.pending.pop(record.uuid, {})
        p = record.provenance
        self.provenance.append(
            [
                rows["submissions"][0].values[0],
                record.uuid,
                record.data.get("state"),
                p.get("officer"),
                p.get("device_id"),
                utc_moment(p.get("exported_at")),
                p.get("export_fingerprint"),
                extra.get("sources"),
                extra.get("conflict"),
                p.get("signed_by"),
                extra.get("trust"),
            ]
        )
        data = record.data
        self.stats.observe(data, self.by_key[(data["form_id"], data["form_version"])])
        # kept small until the Indicators sheet counts them (``counted``: compressed)
        self.records.append(extra.get("counted", data))

    def finish(self) -> None:
        tr, labels, tables = self.tr, self.meta.labels, self.tables
        state_names = labels.get("state", {})

        def names(state: str) -> str:
            return state_names.get(state, state)

        objective_titles = dict(labels.get("objective", {}))
        _summary(self.summary, self.stats, tr, objective_titles, names, self.rtl)
        footnotes = labels.get("footnote", {})
        for state in self.stats.states():  # the Summary lists the reporting States by code
            if footnotes.get(state):
                self.summary.append([footnotes[state]], span=3)
        statuses = labels.get("status", {})
        if self.indicators is not None:
            _indicators(self.indicators, self, names, objective_titles, statuses)
        _coverage(self.coverage, self.stats, self.members, names, statuses, tr, footnotes)
        self.sources.table(tables.sources_header, tables.sources, tr)
        self.conflicts.table(tables.conflicts_header, tables.conflicts, tr)
        self.edits.table(tables.edits_header, tables.edits, tr)
        talk = self.talk
        self.comments.table(COMMENTS_HEADER, talk.comments, tr)
        self.decisions.table(DECISIONS_HEADER, talk.decisions, tr)
        self.changes.table(CHANGES_HEADER, talk.changes, tr)


def _indicators(
    sheet: Sheet,
    sheets: _RegionalSheets,
    names: Callable[[str], str],
    objective_titles: Mapping[str, str],
    statuses: Mapping[str, str],
) -> None:
    """The regional synthesis' tables (gcm-collect synthesis), each figure with the numbers of
    the submissions it counts, listed in the last table."""
    meta = sheets.meta
    found = count(sheets.records, sheets.by_key, meta.filters.get("region"), meta.lang)
    state_names = {s.state: names(s.state) for s in found.sources}
    for heading, rows in indicator_rows(found, sheets.tr, state_names, objective_titles):
        sheet.append([heading], bold=True, size=13, span=3)
        sheet.append(rows[0], bold=True)
        for row in rows[1:]:
            sheet.append([statuses.get(c, c) if isinstance(c, str) else c for c in row])
        sheet.append([])


def write_regional(
    out_path: Path,
    *,
    meta: ExportMeta,
    forms: Sequence[tuple[FormEntry, Form]],
    records: Iterator[tuple[ExportRecord, dict[str, Any]]],
    alternates: Sequence[ExportRecord],
    total: int,
    tr: Translate,
    tables: Tables,
    codebook: list[list[Any]],
    codebook_header: Sequence[tuple[str, str]],
    members: Sequence[str],
    attachments: Attachments | None = None,
    cache: RelevanceCache | None = None,
    progress: Callable[[int, int], None] | None = None,
    cancel: Callable[[], bool] | None = None,
    key: SigningKey | None = None,
    conversation: Conversation | None = None,
    talk: ConversationTables | None = None,
) -> str:
    """Write atomically (temporary file, then rename); returns the fingerprint.

    ``records`` yields (record, extra) in workbook order; ``extra`` holds the provenance-sheet
    values (sources, conflict mark) and ``counted``, the record as the Indicators sheet counts
    it (kept compressed until then; without it, the record's data). ``attachments(sha256)``
    gives the inputs' attached documents.
    """
    sheets = _RegionalSheets(meta, forms, alternates, tr, tables, members, talk)
    return write_workbook(
        out_path,
        meta=meta,
        forms=forms,
        records=sheets.feed(records),
        total=total,
        tr=tr,
        cover=tables.cover,
        codebook=codebook,
        codebook_header=codebook_header,
        progress=progress,
        cancel=cancel,
        attachments=attachments,
        extras=sheets,
        cache=cache,
        key=key,
        conversation=conversation,
    )
