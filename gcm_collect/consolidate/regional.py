"""Write the regional workbook: everything an export has, plus the consolidation's sheets.

The data sheets, codebook and hidden machine part are written by the export's own writers
(gcm_collect.workbook.writer), so a regional workbook is a valid export and a valid input.
Added: Summary (with native bar charts), Coverage, Sources, Conflicts, Edits and Provenance
sheets, and a hidden ``_gcm_conflicts`` sheet with the other versions of conflicting
submissions (their keys are in the meta, so the fingerprint covers them).
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.chart import BarChart, Reference
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from gcm_collect.consolidate.stats import RegionStats
from gcm_collect.errors import UserError
from gcm_collect.forms.model import Form
from gcm_collect.i18n import N_, _, is_rtl
from gcm_collect.workbook import machine
from gcm_collect.workbook.model import (
    FORMS_SHEET,
    META_SHEET,
    RECORDS_SHEET,
    ExportMeta,
    ExportRecord,
    FormEntry,
)
from gcm_collect.workbook.render import Renderer
from gcm_collect.workbook.writer import (
    PROGRESS_EVERY,
    ExportCancelled,
    _Cells,
    _DataSheetWriter,
    _discard_sheet_files,
    _FastRows,
    _header_cells,
    _hidden_sheet,
    _new_sheet,
)

Translate = Callable[[str], str]

# Roles of the sheets only a regional workbook has (find_edits never compares them).
CONFLICTS_SHEET = "_gcm_conflicts"  # the other versions of conflicting submissions
EXTRA_ROLES = ("summary", "coverage", "sources", "conflicts", "edits", "provenance")


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


def _table(ws: Any, header: Sequence[tuple[str, str]], rows: Sequence[list[Any]], tr) -> None:
    first, second = _header_cells(ws, [tr(label) for _k, label in header], [k for k, _l in header])
    ws.freeze_panes = "A3"
    ws.append(first)
    ws.append(second)
    cells = _Cells(ws)
    for row in rows:
        ws.append(cells.row(list(row)))
    ws.auto_filter.ref = f"A2:{get_column_letter(max(len(header), 1))}{len(rows) + 2}"


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
]


def _summary(ws: Any, stats: RegionStats, tr: Translate, objective_titles: dict[str, str]) -> None:
    """Two tables (by objective, by principle: total and per State) and a bar chart each."""
    states = stats.states()
    bold = Font(bold=True)
    cells = _Cells(ws)
    row = 1

    def title(text: str) -> None:
        nonlocal row
        cell = cells.text(text)
        cell.font = Font(bold=True, size=13)
        ws.append([cell])
        row += 1

    def block(heading: str, codes: list[str], labels: dict[str, str], counts) -> tuple[int, int]:
        nonlocal row
        title(heading)
        head = [
            cells.text(tr(N_("Code"))),
            cells.text(tr(N_("Title"))),
            cells.text(tr(N_("Total"))),
        ]
        for c in head:
            c.font = bold
        ws.append(head)
        row += 1
        first = row
        for code in codes:
            total = sum(counts[s][code] for s in states)
            ws.append(cells.row([code, labels.get(code, code), total]))
            row += 1
        ws.append([])
        row += 1
        return first, row - 2

    def per_state(heading: str, codes: list[str], counts) -> None:
        nonlocal row
        title(heading)
        head = [cells.text(tr(N_("State (ISO3)"))), cells.text(tr(N_("Total")))]
        head += [cells.text(c) for c in codes]
        for c in head:
            c.font = bold
        ws.append(head)
        row += 1
        for s in states:
            values = [counts[s][c] for c in codes]
            ws.append(cells.row([s, sum(values), *values]))
            row += 1
        ws.append([])
        row += 1

    total = sum(stats.practices.values())
    title(tr(N_("Practices in this regional workbook")))
    ws.append(cells.row([tr(N_("Practices")), None, total]))
    ws.append(cells.row([tr(N_("States reporting")), None, len(states)]))
    ws.append([])
    row += 3
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
    per_state(tr(N_("Practices per State and GCM objective")), objective_codes, stats.by_objective)
    per_state(
        tr(N_("Practices per State and guiding principle")), principle_codes, stats.by_principle
    )
    for first, last, heading in charts:
        if last < first:
            continue
        chart = BarChart()
        chart.type = "bar"
        chart.style = 10
        chart.title = heading
        chart.legend = None
        chart.y_axis.title = tr(N_("Practices"))
        chart.x_axis.scaling.orientation = "maxMin"  # first code on top, as in the table
        chart.height = max(6.0, 0.5 * (last - first + 2))
        chart.width = 16
        chart.add_data(
            Reference(ws, min_col=3, min_row=first, max_row=last), titles_from_data=False
        )
        chart.set_categories(Reference(ws, min_col=1, min_row=first, max_row=last))
        ws.add_chart(chart, f"E{first - 1}")


def _coverage(ws: Any, stats: RegionStats, members: Sequence[str], names, tr: Translate) -> None:
    sections = list(stats.sections.items())
    objectives = list(range(1, 24))
    header = [
        ("_state", N_("State (ISO3)")),
        ("_state:label", N_("State")),
        ("submissions", N_("Submissions")),
        ("officers", N_("Reported by")),
        ("statuses", N_("Statuses")),
        ("practices", N_("Practices")),
        ("objectives", N_("Objectives reported")),
    ]
    keys = [k for k, _l in header] + [f"section:{n}" for n, _l in sections]
    keys += [f"objective:{n}" for n in objectives]
    labels = [tr(label) for _k, label in header] + [label for _n, label in sections]
    labels += [str(n) for n in objectives]
    first, second = _header_cells(ws, labels, keys)
    ws.freeze_panes = "C3"
    ws.append(first)
    ws.append(second)
    cells = _Cells(ws)
    everyone = sorted(set(members) | set(stats.states()))
    for state in everyone:
        n = stats.submissions.get(state, 0)
        if not n:
            row = [state, names(state), 0, tr(N_("not reported"))]
            ws.append(cells.row(row))
            continue
        reported = stats.objectives.get(state, {})
        row = [
            state,
            names(state),
            n,
            "; ".join(sorted(stats.officers.get(state, ()))),
            "; ".join(f"{k} {v}" for k, v in sorted(stats.statuses[state].items())),
            stats.practices.get(state, 0),
            len(reported),
        ]
        done = stats.completeness.get(state, {})
        row += [round(done[s], 2) if s in done else None for s, _l in sections]
        row += [reported.get(o) or None for o in objectives]
        ws.append(cells.row(row))
    ws.auto_filter.ref = f"A2:{get_column_letter(len(keys))}{len(everyone) + 2}"


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
    progress: Callable[[int, int], None] | None = None,
    cancel: Callable[[], bool] | None = None,
) -> str:
    """Write atomically (temporary file, then rename); returns the fingerprint.

    ``records`` yields (record, extra) in workbook order; ``extra`` holds the provenance-sheet
    values (sources, conflict mark).
    """
    folder = out_path.parent if str(out_path.parent) else Path(".")
    if not folder.is_dir():
        raise UserError(_("the folder does not exist"), folder)
    rtl = is_rtl(meta.lang)
    wb = Workbook(write_only=True)
    temp: str | None = None
    plans = {p.role: p.name for p in meta.sheets}
    try:
        cover_ws = _new_sheet(wb, plans["cover"], rtl, [34, 90])
        summary_ws = _new_sheet(wb, plans["summary"], rtl, [9, 70, 8])
        coverage_ws = _new_sheet(wb, plans["coverage"], rtl, [9, 24, 11, 30, 24, 10, 11])
        sources_ws = _new_sheet(wb, plans["sources"], rtl, [28, 11, 40, 20, 20, 22, 20])
        conflicts_ws = _new_sheet(
            wb, plans["conflicts"], rtl, [38, 9, 9, 20, 12, 20, 20, 22, 20, 24, 22, 40]
        )
        edits_ws = _new_sheet(wb, plans["edits"], rtl, [24, 14, 8, 38, 40, 24, 24, 10, 40])
        renderer = Renderer([form for _e, form in forms], meta, tr)
        writers = {
            role: _DataSheetWriter(wb, sheet, rtl) for role, sheet in renderer.sheets.items()
        }
        prov_ws = _new_sheet(wb, plans["provenance"], rtl, [7, 38, 9, 20, 20, 22, 20, 28, 12])
        code_ws = _new_sheet(wb, plans["codebook"], rtl, [10, 24, 40, 40, 18, 14, 50, 16, 30, 30])
        _table(code_ws, codebook_header, codebook, tr)
        meta_ws = _hidden_sheet(wb, META_SHEET)
        forms_ws = _hidden_sheet(wb, FORMS_SHEET)
        records_ws = _hidden_sheet(wb, RECORDS_SHEET)
        _FastRows(records_ws, 16_384)
        records_ws.append(machine.RECORDS_HEADER)
        for row in machine.form_rows(entry for entry, _form in forms):
            forms_ws.append(row)
        alt_ws = _hidden_sheet(wb, CONFLICTS_SHEET)
        _FastRows(alt_ws, 16_384)
        alt_ws.append(machine.RECORDS_HEADER)
        for record in alternates:
            alt_ws.append(machine.record_row(record))

        first, second = _header_cells(
            prov_ws,
            [tr(label) for _k, label in PROVENANCE_HEADER],
            [k for k, _l in PROVENANCE_HEADER],
        )
        prov_ws.freeze_panes = "A3"
        prov_ws.append(first)
        prov_ws.append(second)
        prov_cells = _Cells(prov_ws)

        stats = RegionStats(meta.lang)
        by_key = {(e.form_id, e.version): f for e, f in forms}
        keys: list[str] = []
        done = 0
        for record, extra in records:
            if cancel is not None and done % PROGRESS_EVERY == 0 and cancel():
                raise ExportCancelled()
            rendered = renderer.render(record)
            for role, rows in rendered.items():
                writer = writers[role]
                for r in rows:
                    writer.append(r.values)
            index = rendered["submissions"][0].values[0]
            p = record.provenance
            prov_ws.append(
                prov_cells.row(
                    [
                        index,
                        record.uuid,
                        record.data.get("state"),
                        p.get("officer"),
                        p.get("device_id"),
                        p.get("exported_at"),
                        p.get("export_fingerprint"),
                        extra.get("sources"),
                        extra.get("conflict"),
                    ]
                )
            )
            records_ws.append(machine.record_row(record))
            keys.append(record.key)
            stats.observe(
                record.data, by_key[(record.data["form_id"], record.data["form_version"])]
            )
            done += 1
            if progress is not None and done % PROGRESS_EVERY == 0:
                progress(done, total)
        if cancel is not None and cancel():
            raise ExportCancelled()
        for writer in writers.values():
            writer.finish()
        prov_ws.auto_filter.ref = f"A2:{get_column_letter(len(PROVENANCE_HEADER))}{done + 2}"

        labels = meta.labels
        _summary(summary_ws, stats, tr, dict(labels.get("objective", {})))
        state_names = labels.get("state", {})
        _coverage(coverage_ws, stats, members, lambda s: state_names.get(s, s), tr)
        _table(sources_ws, tables.sources_header, tables.sources, tr)
        _table(conflicts_ws, tables.conflicts_header, tables.conflicts, tr)
        _table(edits_ws, tables.edits_header, tables.edits, tr)

        fp = machine.fingerprint_from_keys(meta, [e for e, _f in forms], keys)
        meta_cells = _Cells(meta_ws)
        for row in machine.meta_rows(meta, fp):
            meta_ws.append(meta_cells.row(row))
        cover_cells = _Cells(cover_ws)
        for i, row in enumerate(tables.cover(fp)):
            if i == 0 and row:
                cell = cover_cells.text(row[0])
                cell.font = Font(bold=True, size=14)
                cover_ws.append([cell])
            else:
                cover_ws.append(cover_cells.row(list(row)))

        handle, temp = tempfile.mkstemp(prefix=f".{out_path.name}.", suffix=".tmp", dir=folder)
        os.close(handle)
        wb.save(temp)
        with open(temp, "rb+") as saved:
            os.fsync(saved.fileno())
        os.replace(temp, out_path)
        temp = None
        if progress is not None:
            progress(total, total)
        return fp
    except OSError as exc:
        raise UserError(
            _("cannot write the workbook: {problem}").format(problem=exc.strerror or exc), out_path
        ) from exc
    finally:
        if temp is not None and os.path.exists(temp):
            os.remove(temp)
        _discard_sheet_files(wb)
