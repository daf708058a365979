"""The data sheets of a reviewer workbook, rendered deterministically from the machine part.

The export writes what this module renders; ``find_edits`` renders again from the hidden sheets
and compares cell by cell. So everything here depends only on the forms, the records and the
export meta (its ``labels`` carry State names, objective titles and status names), never on the
app's current catalogs or reference data. Header labels (row 1) are translated by the caller's
``tr`` and are not compared.

Data sheet layout: row 1 labels for people, row 2 stable column names for formulas, data from
row 3. Column names: ``_index``, ``_uuid`` ... for metadata; a question's name for its value
(a select's codes); ``name:label`` for choice labels; ``name/choice`` for the 0/1 columns of a
select_multiple; ``name_other`` for an "or other" text.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, NamedTuple

from gcm_collect.forms.builtin import FORM_ID as BUILTIN_FORM_ID
from gcm_collect.forms.evaluate import evaluate
from gcm_collect.forms.model import NOTE, OTHER_CHOICE, SELECT_MULTIPLE, SELECT_ONE, Form, Question
from gcm_collect.i18n import N_
from gcm_collect.workbook.cells import CELL_LIMIT as CELL_LIMIT
from gcm_collect.workbook.cells import Cells, Translate
from gcm_collect.workbook.cells import Column as Column
from gcm_collect.workbook.cells import datetime_cell as datetime_cell
from gcm_collect.workbook.cells import text_cell as text_cell
from gcm_collect.workbook.cells import time_cell as time_cell
from gcm_collect.workbook.cells import utc_moment as utc_moment
from gcm_collect.workbook.cells import value_cell as value_cell
from gcm_collect.workbook.model import ExportMeta, ExportRecord
from gcm_collect.workbook.questions import choice_label, question_columns, question_label

# Choice lists of the GCM vocabulary that get a long table per repeat (one row per entry and
# chosen item): what a pivot table counts practices by.
PAIR_LISTS = ("objectives", "principles")
PAIR_TITLES = {
    "objectives": N_("{entry} × objective"),
    "principles": N_("{entry} × guiding principle"),
}
DERIVED = "_derived"  # the answer path of cells in the long tables: derived, never edited
HEADER_ROWS = 2
OBJECTIVE_RE = re.compile(r"obj(\d{2})_([a-z0-9_]+)\Z")


@dataclass
class DataSheet:
    """One data sheet: its columns and, while rendering, the rows of the current record."""

    name: str
    role: str
    columns: list[Column]


@dataclass(frozen=True)
class RenderedRow:
    """One data row and what it belongs to (for edit reports)."""

    values: list[Any]
    uuid: str
    prefix: str  # the repeat instance path ("" for submission-level rows)


def _data_questions(form: Form, chain: tuple[str, ...]) -> list[Question]:
    """The questions shown in one sheet; metadata go to the technical columns instead."""
    return [
        q
        for q in form.questions()
        if q.type != NOTE and not q.is_metadata and form.repeat_chain(q.name) == chain
    ]


def pair_questions(form: Form, repeat: str, list_name: str) -> list[Question]:
    """The select_multiple questions of one repeat that choose from ``list_name``."""
    chain = form.repeat_chain(repeat)
    return [
        q
        for q in form.questions()
        if q.type == SELECT_MULTIPLE
        and q.list_name == list_name
        and form.repeat_chain(q.name) == chain
    ]


def pair_sheets(forms: Sequence[Form]) -> list[tuple[str, Any, str]]:
    """(role, repeat, list name) of every long table the forms give, in form order."""
    out: list[tuple[str, Any, str]] = []
    seen: set[str] = set()
    for form in forms:
        for rep in form.repeats():
            for list_name in PAIR_LISTS:
                role = f"pairs:{rep.name}:{list_name}"
                if role not in seen and pair_questions(form, rep.name, list_name):
                    seen.add(role)
                    out.append((role, rep, list_name))
    return out


def _technical_label(q: Question, lang: str, tr: Translate) -> str:
    return tr(N_("{name} (technical)")).format(name=question_label(q, lang, tr))


# --- the renderer -------------------------------------------------------------------------------


@dataclass
class _FormPlan:
    form: Form
    submission: tuple[list[int], list[Cells]]  # positions in the union, cell functions
    repeats: dict[str, tuple[list[int], list[Cells]]]
    objectives: dict[str, tuple[list[int], list[Cells]]]  # per objective number "01"
    # repeat -> (role, question, its primary-choice question or None) of each long table
    pairs: dict[str, list[tuple[str, Question, Question | None]]]
    chains: list[tuple[str, tuple[str, ...]]]  # each repeat and its chain, in form order


def _scopes(answers: Mapping[str, Any]) -> dict[str, dict[str, Any]]:
    """The answers by the path of the entry (or top level, "") they belong to, by name."""
    scopes: dict[str, dict[str, Any]] = {}
    for path, value in answers.items():
        cut = path.rfind("/")
        scopes.setdefault(path[:cut] if cut > 0 else "", {})[path[cut + 1 :]] = value
    return scopes


class _Common(NamedTuple):
    """What every row of one record shares."""

    uuid: str
    state: Any  # the State code cell
    context: list[Any]  # label, region, status, period cells where the sheets show them
    state_label: Any
    row: int  # the record's row number on the submissions sheet
    scopes: dict[str, dict[str, Any]]


class Renderer:
    """Renders records into rows of the data sheets, in the order they are given.

    Keeps the ``_index`` counters, so give it every record of one workbook, in workbook order.
    A shared ``cache`` saves evaluating the form again for a record rendered before.
    """

    def __init__(
        self,
        forms: Sequence[Form],
        meta: ExportMeta,
        tr: Translate,
        cache: RelevanceCache | None = None,
    ):
        self.meta = meta
        self.cache = cache
        self.lang = meta.lang
        self.marker = meta.truncation_marker
        self.tr = tr
        self.labels = meta.labels
        self.context = meta.layout >= 2  # State name, region, status, period on every sheet
        self._plans: dict[tuple[str, str], _FormPlan] = {}
        self._union: dict[str, dict[str, int]] = {}  # role -> key -> position
        # (role, key) -> each kind of question placed under that name -> its own key (None:
        # the plain name, for the first); see _own_key
        self._shapes: dict[tuple[str, str], dict[tuple[Any, ...], str | None]] = {}
        self.sheets: dict[str, DataSheet] = {}
        names = {p.role: p.name for p in meta.sheets}

        def sheet(role: str, base: list[Column]) -> DataSheet:
            if role not in self.sheets:
                self.sheets[role] = DataSheet(names.get(role, role), role, list(base))
                self._union[role] = {c.key: i for i, c in enumerate(base)}
            return self.sheets[role]

        sheet("submissions", self._submission_base())
        for form in forms:
            for rep in form.repeats():
                sheet(f"repeat:{rep.name}", self._repeat_base(len(form.repeat_chain(rep.name))))
        if any(OBJECTIVE_RE.match(q.name) for f in forms for q in f.questions()):
            sheet("objectives", self._objective_base())
        if self.context:
            for role, _rep, list_name in pair_sheets(forms):
                sheet(role, self._pair_base(list_name))
        # The built-in survey's questions claim their names first: an imported form's question
        # of another kind named like one of them (a text "state") gets a column of its own
        for form in sorted(forms, key=lambda f: f.form_id != BUILTIN_FORM_ID):
            self._plans[(form.form_id, form.version)] = self._plan(form)
        # Metadata (start, end, deviceid...) after every form's questions: technical columns
        for form in forms:
            self._place_technical(form)
        self._counters = {role: 0 for role in self.sheets}

    # base (metadata) columns of each sheet
    def _submission_base(self) -> list[Column]:
        tr = self.tr
        return [
            Column("_index", tr("No."), 7, "_index"),
            Column("_uuid", tr("Submission UUID"), 38, "uuid"),
            Column("_state", tr("State (ISO3)"), 9, "state"),
            Column("_state:label", tr("State"), 24, "state"),
            Column("_region", tr("Region"), 9, "region"),
            Column("_period", tr("Period"), 10, "period"),
            Column("_status", tr("Status (code)"), 11, "status"),
            Column("_status:label", tr("Status"), 14, "status"),
            Column("_revision", tr("Revision"), 9, "revision"),
            Column("_form_version", tr("Form version"), 12, "form_version"),
        ]

    def _context(self, region_status: bool = True) -> list[Column]:
        """What a pivot table filters by, on every data sheet of layout 2."""
        tr = self.tr
        cols = [Column("_state:label", tr("State"), 24, "state")]
        if region_status:
            cols += [
                Column("_region", tr("Region"), 9, "region"),
                Column("_status", tr("Status (code)"), 11, "status"),
            ]
        return cols + [Column("_period", tr("Period"), 10, "period")]

    def _repeat_base(self, depth: int) -> list[Column]:
        tr = self.tr
        cols = [
            Column("_index", tr("No."), 7, "_index"),
            Column("_parent_index", tr("Parent No."), 9, "_parent_index"),
            Column("_submission_uuid", tr("Submission UUID"), 38, "uuid"),
            Column("_state", tr("State (ISO3)"), 9, "state"),
            *(self._context() if self.context else []),
            Column("_instance", tr("Entry UUID"), 38, "_instance"),
        ]
        if depth > 1:
            cols.append(Column("_parent_instance", tr("Parent entry UUID"), 38, "_parent"))
        return cols

    def _pair_base(self, list_name: str) -> list[Column]:
        tr = self.tr
        if list_name == "objectives":
            item = [
                Column("code", tr("Objective"), 9, DERIVED),
                Column("code:label", tr("Objective title"), 50, DERIVED),
                Column("primary", tr(N_("Primary objective (1/0)")), 10, DERIVED),
            ]
        else:
            item = [
                Column("code", tr(N_("Guiding principle")), 9, DERIVED),
                Column("code:label", tr(N_("Guiding principle title")), 50, DERIVED),
            ]
        return [
            Column("_index", tr("No."), 7, "_index"),
            Column("_parent_index", tr(N_("Entry No.")), 9, "_parent_index"),
            Column("_submission_uuid", tr("Submission UUID"), 38, "uuid"),
            Column("_instance", tr("Entry UUID"), 38, "_instance"),
            Column("_state", tr("State (ISO3)"), 9, "state"),
            *self._context(),
            Column("question", tr(N_("Question (name)")), 24, DERIVED),
            *item,
        ]

    def _objective_base(self) -> list[Column]:
        tr = self.tr
        context = (
            self._context()
            if self.context
            else [
                Column("_state:label", tr("State"), 24, "state"),
                Column("_period", tr("Period"), 10, "period"),
            ]
        )
        return [
            Column("_index", tr("No."), 7, "_index"),
            Column("_parent_index", tr("Submission No."), 9, "_parent_index"),
            Column("_submission_uuid", tr("Submission UUID"), 38, "uuid"),
            Column("_state", tr("State (ISO3)"), 9, "state"),
            *context,
            Column("objective", tr("Objective"), 9, "objective"),
            Column("objective:label", tr("Objective title"), 50, "objective"),
        ]

    def _place(self, role: str, columns: list[Column]) -> list[int]:
        union = self._union[role]
        sheet = self.sheets[role]
        positions = []
        for column in columns:
            if column.key not in union:
                union[column.key] = len(sheet.columns)
                sheet.columns.append(column)
            positions.append(union[column.key])
        return positions

    def _place_all(
        self, form: Form, role: str, questions: list[Question], keys: list[str] | None = None
    ) -> tuple[list[int], list[Cells]]:
        positions: list[int] = []
        functions: list[Cells] = []
        for i, q in enumerate(questions):
            key = q.name if keys is None else keys[i]
            own = self._own_key(form, role, q, key)
            cols, fn = question_columns(
                form,
                q,
                self.lang,
                self.marker,
                self.tr,
                own or key,
                self.labels.get("choice", {}).get(OTHER_CHOICE, OTHER_CHOICE),
            )
            if own is not None:  # two columns labelled alike: say which form each is of
                tag = f" [{form.form_id}]"
                cols = [Column(c.key, c.label + tag, c.width, c.source) for c in cols]
            positions += self._place(role, cols)
            functions.append(fn)
        return positions, functions

    def _own_key(self, form: Form, role: str, q: Question, key: str) -> str | None:
        """The key of a question that shares its name with another form's but is not the same
        question (another type or other choices): ``name@form_id`` of the first form asking it
        so, so each kind keeps its own columns and label; None when the name's plain columns
        are this question's (the first to use a name keeps it, in a fixed order)."""
        shape = (
            q.type,
            q.or_other,
            tuple((c.name, c.labels.get(self.lang)[0]) for c in form.choices_for(q)),
        )
        shapes = self._shapes.setdefault((role, key), {})
        if not shapes:
            shapes[shape] = None
        return shapes.setdefault(shape, f"{key}@{form.form_id}")

    def _place_technical(self, form: Form) -> None:
        meta = [q for q in form.questions() if q.is_metadata]
        if not meta:
            return
        positions, functions = self._plan_technical(form, meta)
        spec = self._plans[(form.form_id, form.version)].submission
        spec[0].extend(positions)
        spec[1].extend(functions)

    def _plan_technical(self, form: Form, meta: list[Question]) -> tuple[list[int], list[Cells]]:
        positions: list[int] = []
        functions: list[Cells] = []
        for q in meta:
            cols, fn = question_columns(form, q, self.lang, self.marker, self.tr)
            label = _technical_label(q, self.lang, self.tr)
            cols = [Column(c.key, label, c.width, c.source) for c in cols]
            positions += self._place("submissions", cols)
            functions.append(fn)
        return positions, functions

    def _plan(self, form: Form) -> _FormPlan:
        top = _data_questions(form, ())
        objective_qs: dict[str, list[Question]] = {}
        for q in top:
            m = OBJECTIVE_RE.match(q.name)
            if m:
                objective_qs.setdefault(m[1], []).append(q)
        objectives = {}
        for number, qs in sorted(objective_qs.items()):
            keys = [OBJECTIVE_RE.match(q.name)[2] for q in qs]  # type: ignore[index]
            objectives[number] = self._place_all(form, "objectives", qs, keys)
        repeats = {
            rep.name: self._place_all(
                form, f"repeat:{rep.name}", _data_questions(form, form.repeat_chain(rep.name))
            )
            for rep in form.repeats()
        }
        pairs: dict[str, list[tuple[str, Question, Question | None]]] = {}
        for role, rep, list_name in pair_sheets([form]) if self.context else ():
            chain = form.repeat_chain(rep.name)
            primary = [
                q
                for q in form.questions()
                if q.type == SELECT_ONE
                and q.list_name == list_name
                and form.repeat_chain(q.name) == chain
            ]
            for q in pair_questions(form, rep.name, list_name):
                pairs.setdefault(rep.name, []).append((role, q, primary[0] if primary else None))
        chains = [(rep.name, form.repeat_chain(rep.name)) for rep in form.repeats()]
        return _FormPlan(
            form, self._place_all(form, "submissions", top), repeats, objectives, pairs, chains
        )

    # rendering
    def _next(self, role: str) -> int:
        self._counters[role] += 1
        return self._counters[role]

    @staticmethod
    def _fill(
        width: int,
        base: list[Any],
        spec: tuple[list[int], list[Cells]],
        scope: Mapping[str, Any],
    ) -> list[Any]:
        row = base + [None] * (width - len(base))
        positions, functions = spec
        i = 0
        for fn in functions:
            for value in fn(scope):
                row[positions[i]] = value
                i += 1
        return row

    def _pairs(
        self, role: str, q: Question, primary: Question | None, scope: Mapping[str, Any], form: Form
    ) -> Iterator[list[Any]]:
        """One row per item an entry chose: [No., code, label(, primary flag)]."""
        value = scope.get(q.name)
        if value is None:
            return
        picked = value.split() if isinstance(value, str) else [str(v) for v in value]
        m = self.marker
        objectives = q.list_name == "objectives"
        titles = self.labels.get("objective", {}) if objectives else {}
        labels = {c.name: choice_label(c, self.lang) for c in form.choices_for(q)}
        for code in dict.fromkeys(picked):  # each item once
            number = int(code) if objectives and code.isdigit() else None
            label = titles.get(str(number)) if number is not None else None
            row = [
                self._next(role),
                number if number is not None else value_cell(code, m),
                text_cell(label or labels.get(code, code), m),
            ]
            if objectives:
                chosen = None if primary is None else scope.get(primary.name)
                row.append(None if chosen is None else int(chosen == code))
            yield row

    def render(self, record: ExportRecord) -> dict[str, list[RenderedRow]]:
        """The rows one record contributes to each data sheet (role -> rows)."""
        data = record.data
        plan = self._plans.get((data["form_id"], data["form_version"]))
        if plan is None:
            raise KeyError((data["form_id"], data["form_version"]))
        uuid = record.uuid
        today = self.meta.exported_at[:10]
        answers = (
            relevant_answers(plan.form, record, today)
            if self.cache is None
            else self.cache.shown(plan.form, record, today)
        )
        scopes = _scopes(answers)
        empty: dict[str, Any] = {}
        out: dict[str, list[RenderedRow]] = {role: [] for role in self.sheets}
        m = self.marker
        state = data["state"]
        state_label = text_cell(self.labels.get("state", {}).get(state, state), m)
        index = self._next("submissions")
        status = data["status"]
        context = (
            [
                state_label,
                value_cell(data["region"], m),
                value_cell(status, m),
                value_cell(data["period"], m),
            ]
            if self.context
            else []
        )
        base = [
            index,
            uuid,
            value_cell(state, m),
            state_label,
            value_cell(data["region"], m),
            value_cell(data["period"], m),
            value_cell(status, m),
            text_cell(self.labels.get("status", {}).get(status, status), m),
            record.revision,
            value_cell(data["form_version"], m),
        ]
        sheet = self.sheets["submissions"]
        row = self._fill(len(sheet.columns), base, plan.submission, scopes.get("", empty))
        out["submissions"].append(RenderedRow(row, uuid, ""))

        common = _Common(uuid, value_cell(state, m), context, state_label, index, scopes)
        self._render_repeats(plan, record.instances, common, out)
        if plan.objectives:
            self._render_objectives(plan, data, common, out)
        return out

    def skip(self, record: ExportRecord, counts: Mapping[str, int]) -> None:
        """Count a record's rows without rendering it (they are known unchanged), so the
        records after it get the same ``_index`` numbers: one submission row and a row per
        entry, known from the record itself; ``counts`` gives the rest (role -> rows), which
        depend on its relevant answers. A role it does not give only matters on its sheet."""
        data = record.data
        plan = self._plans.get((data["form_id"], data["form_version"]))
        if plan is None:
            raise KeyError((data["form_id"], data["form_version"]))
        for role, count in counts.items():
            self._counters[role] += count
        self._counters["submissions"] += 1 - counts.get("submissions", 0)
        emitted: dict[str, list[str]] = {}
        for name, chain in plan.chains:  # as _render_repeats walks them
            parents = [""] if len(chain) == 1 else emitted.get(chain[-2], [])
            mine = []
            for parent in parents:
                key = f"{parent}/{name}" if parent else name
                mine += [f"{key}[{iid}]" for iid in record.instances.get(key, ())]
            emitted[name] = mine
            role = f"repeat:{name}"
            self._counters[role] += len(mine) - counts.get(role, 0)

    def _render_repeats(
        self,
        plan: _FormPlan,
        instances: Mapping[str, Any],
        common: _Common,
        out: dict[str, list[RenderedRow]],
    ) -> None:
        """The rows of each repeat's entries, parents first (form order), and their pairs."""
        m = self.marker
        uuid, state_cell, context, scopes = common.uuid, common.state, common.context, common.scopes
        empty: dict[str, Any] = {}
        # prefix -> (row index) of emitted instances
        emitted: dict[str, list[tuple[str, int]]] = {}
        for rep in plan.form.repeats():
            role = f"repeat:{rep.name}"
            sheet = self.sheets[role]
            chain = plan.form.repeat_chain(rep.name)
            parents = [("", common.row)] if len(chain) == 1 else emitted.get(chain[-2], [])
            mine: list[tuple[str, int]] = []
            for parent_prefix, parent_index in parents:
                key = f"{parent_prefix}/{rep.name}" if parent_prefix else rep.name
                for iid in instances.get(key, ()):
                    prefix = f"{key}[{iid}]"
                    n = self._next(role)
                    base = [n, parent_index, uuid, state_cell, *context, value_cell(iid, m)]
                    if len(chain) > 1:
                        base.append(value_cell(parent_prefix.rsplit("[", 1)[-1][:-1], m))
                    scope = scopes.get(prefix, empty)
                    row = self._fill(len(sheet.columns), base, plan.repeats[rep.name], scope)
                    out[role].append(RenderedRow(row, uuid, prefix))
                    mine.append((prefix, n))
                    for pair_role, q, primary in plan.pairs.get(rep.name, ()):
                        for values in self._pairs(pair_role, q, primary, scope, plan.form):
                            pair_base = [uuid, value_cell(iid, m), state_cell, *context]
                            cells = [values[0], n, *pair_base, q.name, *values[1:]]
                            out[pair_role].append(RenderedRow(cells, uuid, prefix))
            emitted[rep.name] = mine

    def _render_objectives(
        self, plan: _FormPlan, data: Any, common: _Common, out: dict[str, list[RenderedRow]]
    ) -> None:
        """A row for each objective the record answers something of."""
        m = self.marker
        sheet = self.sheets["objectives"]
        top = common.scopes.get("", {})
        titles = self.labels.get("objective", {})
        context = common.context or [common.state_label, value_cell(data["period"], m)]
        for number, spec in plan.objectives.items():
            if not any(f"obj{number}_" in name for name in top):
                continue
            scope = {}
            prefix = f"obj{number}_"
            for name, value in top.items():
                if name.startswith(prefix):
                    scope[name] = value
            n = self._next("objectives")
            num = int(number)
            base = [
                n,
                common.row,
                common.uuid,
                common.state,
                *context,
                num,
                text_cell(titles.get(str(num), str(num)), m),
            ]
            out["objectives"].append(
                RenderedRow(self._fill(len(sheet.columns), base, spec, scope), common.uuid, "")
            )


_DAY_FUNCTION = re.compile(r"\b(?:today|now)\s*\(")


def _depends_on_day(form: Form) -> bool:
    """Whether what a record shows can change with "today": a relevance, calculation, default
    or repeat count calling today() (a constraint that does, as in the built-in survey, cannot)."""
    for item in form.walk():
        sources = [getattr(item, "relevant", None), getattr(item, "calculation", None)]
        sources += [getattr(item, "repeat_count", None), getattr(item, "default", None)]
        for source in sources:
            text = source if isinstance(source, str) else getattr(source, "source", None)
            if text and _DAY_FUNCTION.search(text):
                return True
    return False


class RelevanceCache:
    """``relevant_answers`` remembered per record content, for callers that render one record
    twice (consolidation: find_edits on the input, then the regional workbook).

    The key is the form (id, version, content hash), the record's checksum (its data, answers
    included) and the day, which only counts when the form's relevance or calculations call
    today(). Kept small: the answers left out and the values that differ from the stored ones
    (calculations), never the answers themselves.
    """

    def __init__(self) -> None:
        # (form key, record checksum, day or None) -> (hidden paths, changed values)
        self._entries: dict[
            tuple[tuple[str, str, str], str, str | None], tuple[frozenset[str], dict[str, Any]]
        ] = {}
        self._dated: dict[tuple[str, str, str], bool] = {}
        self.hits = 0

    def shown(self, form: Form, record: ExportRecord, today: str) -> dict[str, Any]:
        fkey = (form.form_id, form.version, form.content_hash)
        dated = self._dated.get(fkey)
        if dated is None:
            dated = self._dated[fkey] = _depends_on_day(form)
        key = (fkey, record.checksum, today if dated else None)
        answers = record.answers
        known = self._entries.get(key)
        if known is not None:
            self.hits += 1
            hidden, changed = known
            shown = {p: v for p, v in answers.items() if p not in hidden}
            shown.update(changed)
            return shown
        shown = relevant_answers(form, record, today)
        hidden = frozenset(p for p in answers if p not in shown)
        missing = object()
        changed = {
            p: v
            for p, v in shown.items()
            if (old := answers.get(p, missing)) is missing
            or (old is not v and (type(old) is not type(v) or old != v))
        }
        self._entries[key] = (hidden, changed)
        return shown

    def entries(self) -> tuple[dict[Any, Any], dict[Any, Any]]:
        """What is remembered, to hand to another process's cache (``absorb``)."""
        return self._entries, self._dated

    def absorb(self, entries: tuple[dict[Any, Any], dict[Any, Any]]) -> None:
        """Remember what another cache (one in the child reading an input) worked out."""
        self._entries.update(entries[0])
        self._dated.update(entries[1])


def relevant_answers(form: Form, record: ExportRecord, today: str) -> dict[str, Any]:
    """The answers the visible sheets show: only those of relevant questions, as ODK does.

    ``today`` is the export day, so re-rendering later gives the same cells.
    """
    try:
        day = date.fromisoformat(today)
    except ValueError:
        day = None
    evaluation = evaluate(
        form, dict(record.answers), dict(record.instances), "en", today=day, check=False
    )
    shown = evaluation.relevant_answers()
    for path, value in evaluation.calculated.items():  # calculations are shown, not stored
        if value not in (None, "") and path not in shown:
            shown[path] = value
    return shown


def iter_data_rows(
    renderer: Renderer, records: Sequence[ExportRecord]
) -> Iterator[tuple[str, RenderedRow]]:
    """Every (role, row) of every record, record by record."""
    for record in records:
        for role, rows in renderer.render(record).items():
            for row in rows:
                yield role, row
