"""The XLSForm parsing core: sheets as plain rows -> Form, with every problem located.

Input is ``{"survey": rows, "choices": rows, "settings": rows}`` where each row is either a
``{header: cell text}`` dict (row numbers are then counted from 2, the header being row 1) or a
``(row_number, {header: cell text})`` pair. The built-in survey (CSV files) and ``read_xlsform``
both come through here.
"""

from __future__ import annotations

import dataclasses
import functools
import re
from collections.abc import Callable, Mapping, Sequence
from pathlib import PurePath
from types import MappingProxyType

from gcm_collect.forms.aliases import (
    IGNORED,
    REFUSED,
    TypeSpec,
    changes_logic,
    parse_header,
    parse_type,
)
from gcm_collect.forms.expressions import ExpressionError, references
from gcm_collect.forms.expressions.ast import Col, walk
from gcm_collect.forms.expressions.parse import NAME_RE
from gcm_collect.forms.ids import MAX_LENGTH, valid_form_id, valid_version
from gcm_collect.forms.languages import LanguageError, language_code, language_order
from gcm_collect.forms.model import (
    QUESTION_TYPES,
    Choice,
    ChoiceList,
    Expression,
    Form,
    Group,
    Item,
    Question,
    Text,
    frozen_map,
)
from gcm_collect.forms.plan import PlanError, build_plan, is_dynamic_default
from gcm_collect.forms.problems import ERROR, WARNING, FormError, Problem
from gcm_collect.forms.types import TYPES, QuestionType, question_type
from gcm_collect.i18n import _

Row = Mapping[str, str] | tuple[int, Mapping[str, str]]
Sheets = Mapping[str, Sequence[Row]]
# Reads a file shipped beside the form (select_one_from_file): its rows, like a sheet's.
# Raises FileNotFoundError when there is no such file.
FileLoader = Callable[[str], Sequence[Row]]

SURVEY_COLUMNS = (
    "type",
    "name",
    "label",
    "hint",
    "required",
    "required_message",
    "relevant",
    "constraint",
    "constraint_message",
    "default",
    "calculation",
    "choice_filter",
    "read_only",
    "appearance",
    "repeat_count",
    "parameters",
)
SURVEY_TRANSLATABLE = ("label", "hint", "constraint_message", "required_message")
SETTINGS_COLUMNS = ("form_id", "form_title", "version", "default_language")
# kept in Form.settings and used (allow_choice_duplicates while the form is read)
USED_SETTINGS = ("instance_name", "allow_choice_duplicates")
# Sheets pyxform knows that change nothing offline: ignored with a warning.
MAIN_SHEETS = ("survey", "choices", "settings")
# The hidden data sheet of a reviewer workbook (gcm_collect.workbook.model.META_SHEET): such a
# workbook given as a form gets one message saying what it is.
EXPORT_SHEET = "_gcm_meta"
APPEARANCES = ("multiline", "minimal", "field-list")
_YES = ("yes", "true", "true()", "1")
_NO = ("no", "false", "false()", "0", "")


class _Cols:
    """The columns of one sheet: base name -> {language or None: header}."""

    def __init__(self) -> None:
        self.by_base: dict[str, dict[str | None, str]] = {}


def _clean(rows: Sequence[Row]) -> list[tuple[int, dict[str, str]]]:
    norm = []
    for i, row in enumerate(rows):
        number, cells = row if isinstance(row, tuple) else (i + 2, row)
        clean = {
            str(k).strip(): "" if v is None else str(v).strip()
            for k, v in cells.items()
            if k is not None and str(k).strip()
        }
        if any(clean.values()):
            norm.append((number, clean))
    return norm


@dataclasses.dataclass(frozen=True)
class _ChoiceColumns:
    """Where the rows of a choices sheet (or of a CSV file holding one list) say what."""

    sheet: str
    cols: dict[str, dict[str | None, str]]
    fixed_list: str | None  # the one list a file holds; None: the list_name column says
    name_column: str
    label_column: str

    def header(self, base: str) -> str | None:
        return (self.cols.get(base) or {}).get(None)

    def missing(self) -> str | None:
        """The column the rows cannot be read without, if there is none."""
        if self.header(self.name_column) is None:
            return self.name_column
        if self.fixed_list is None and self.header("list_name") is None:
            return "list_name"
        return None

    def list_and_name(self, cells: Mapping[str, str]) -> tuple[str, str]:
        list_header, name_header = self.header("list_name"), self.header(self.name_column)
        list_name = self.fixed_list or (cells.get(list_header, "") if list_header else "")
        return list_name, cells.get(name_header, "") if name_header else ""

    @functools.cached_property
    def extra_headers(self) -> dict[str, str]:
        """The other columns' plain headers by column name, kept with each choice."""
        skip = ("list_name", self.name_column, self.label_column)
        return {base: by[None] for base, by in self.cols.items() if base not in skip and None in by}


@dataclasses.dataclass
class _OpenGroup:
    """A begin_group or begin_repeat row whose end is not read yet."""

    kind: str  # "group" or "repeat"
    name: str
    begin: int  # its row
    cells: Mapping[str, str]
    children: list[Item]


@dataclasses.dataclass
class _Tree:
    """The survey's items as its rows are read: the top level and the groups still open."""

    root: list[Item] = dataclasses.field(default_factory=list)
    stack: list[_OpenGroup] = dataclasses.field(default_factory=list)

    def add(self, item: Item) -> None:
        (self.stack[-1].children if self.stack else self.root).append(item)

    def place(self) -> tuple[str, ...]:
        """The names of the groups around the next row."""
        return tuple(group.name for group in self.stack)

    def in_repeat(self) -> bool:
        return any(group.kind == "repeat" for group in self.stack)


class _Reader:
    def __init__(
        self,
        sheets: Sheets,
        source: str,
        load_file: FileLoader | None = None,
        notes: Sequence[Problem] = (),
        skip_unsupported: bool = False,
    ):
        self.source = source
        self.load_file = load_file
        self.problems: list[Problem] = list(notes)
        self.sheets: dict[str, list[tuple[int, dict[str, str]]]] = {}
        self.sheet_names: dict[str, str] = {}  # key -> the name as written, for messages
        for sheet_name, rows in sheets.items():
            key = sheet_name.strip().lower()
            self.sheet_names[key] = sheet_name
            self.sheets[key] = _clean(rows)
        self.choice_lists: dict[str, ChoiceList] = {}  # read by read(), then from files
        self.file_lists: dict[str, str] = {}  # choice list name -> file it was read from
        # Choice names with a space, by list: (sheet, row, name); refused in multiple selects.
        self.spaced_choices: dict[str, list[tuple[str, int, str]]] = {}
        self.languages: set[str] = set()
        self.exprs: list[tuple[int, str, Expression]] = []
        self.names: dict[str, int] = {}
        self.places: dict[str, tuple[str, ...]] = {}  # name -> the groups around it
        self.twice: dict[str, list[int]] = {}  # names used in several groups -> their rows
        self.items_by_name: dict[str, Item] = {}
        self.header_langs: list[str] = []  # in order of first appearance, for the default
        self.allow_choice_duplicates = False  # the setting, read before the choices
        self.skip_unsupported = skip_unsupported
        self.skipped: dict[str, tuple[int, str]] = {}  # left out: name -> (row, type)

    # --- problems -------------------------------------------------------------------------------

    def error(self, sheet: str, row: int | None, column: str | None, message: str) -> None:
        self.problems.append(Problem(sheet, row, column, message, ERROR, self.source))

    def warn(self, sheet: str, row: int | None, column: str | None, message: str) -> None:
        self.problems.append(Problem(sheet, row, column, message, WARNING, self.source))

    # --- columns and languages ----------------------------------------------------------------

    def columns(
        self, sheet: str, known: Sequence[str] | None, translatable: Sequence[str]
    ) -> dict[str, dict[str | None, str]]:
        """Parse the headers of ``sheet``; unknown ones are reported (``known`` None: keep all)."""
        headers: list[str] = []
        used: dict[str, bool] = {}
        for _n, cells in self.sheets.get(sheet, []):
            for h, v in cells.items():
                if h not in used:
                    headers.append(h)
                    used[h] = False
                if v:
                    used[h] = True
        out: dict[str, dict[str | None, str]] = {}
        kind = "choices" if sheet.startswith("file:") else sheet
        for h in headers:
            try:
                base, lang = parse_header(h, kind)
            except LanguageError:
                self.error(
                    sheet,
                    None,
                    h,
                    _("the language is missing after '::': write it like 'label::Français (fr)'"),
                )
                continue
            if known is not None and base not in known:
                if used[h] and changes_logic(base):
                    self.error(
                        sheet,
                        None,
                        h,
                        _(
                            "column {column} changes which questions are asked, required or "
                            "accepted, and GCM Collect cannot read it; write that logic in "
                            "relevant, required, constraint or calculation, or remove the column"
                        ).format(column=h),
                    )
                elif used[h]:
                    self.warn(
                        sheet,
                        None,
                        h,
                        _("column {column} is not supported by GCM Collect and is ignored").format(
                            column=h
                        ),
                    )
                continue
            if lang is not None and base not in translatable:
                self.error(
                    sheet, None, h, _("column {column} cannot be translated").format(column=base)
                )
                continue
            if lang is not None:
                self.languages.add(lang)
                if lang not in self.header_langs:
                    self.header_langs.append(lang)
            if lang in out.setdefault(base, {}):
                self.error(sheet, None, h, _("column {column} appears twice").format(column=h))
            out[base][lang] = h
        return out

    def text(
        self,
        sheet: str,
        number: int,
        cells: Mapping[str, str],
        cols: dict[str, dict[str | None, str]],
        base: str,
    ) -> Text:
        values: dict[str, str] = {}
        by_lang = cols.get(base, {})
        for lang, header in by_lang.items():
            if lang is not None and cells.get(header):
                values[lang] = cells[header]
        plain = by_lang.get(None)
        if plain is not None and cells.get(plain):
            explicit = values.get(self.default)
            if explicit and explicit != cells[plain]:
                self.warn(
                    sheet,
                    number,
                    plain,
                    _("differs from {column}; the translated column is used").format(
                        column=by_lang[self.default]
                    ),
                )
            else:
                values[self.default] = cells[plain]
        return Text(frozen_map(values), self.default)

    # --- settings ------------------------------------------------------------------------------

    def read_settings(self) -> dict[str, str]:
        rows = self.sheets.get("settings", [])
        self.settings_cols = self.columns("settings", None, ("form_title",))
        settings: dict[str, str] = {}
        if len(rows) > 1:
            self.warn("settings", rows[1][0], None, _("only the first settings row is used"))
        self.settings_row = rows[0] if rows else (2, {})
        number, cells = self.settings_row
        for base, by_lang in self.settings_cols.items():
            if base == "form_title":
                continue
            header = by_lang.get(None)
            if header is not None and cells.get(header):
                settings[base] = cells[header]
                if base not in SETTINGS_COLUMNS + USED_SETTINGS:
                    self.warn(
                        "settings",
                        number,
                        header,
                        _("setting {name} is not used by GCM Collect").format(name=base),
                    )
        for key, valid in (("form_id", valid_form_id), ("version", valid_version)):
            if key in settings and not valid(settings[key]):
                self.error(
                    "settings",
                    number,
                    self.settings_cols[key].get(None),
                    _(
                        "{name} {value!r} is not allowed: use letters, digits, '_', '.' and '-' "
                        "only (at most {count} characters)"
                    ).format(name=key, value=settings[key], count=MAX_LENGTH),
                )
        return settings

    # --- choices -------------------------------------------------------------------------------

    def read_choices(
        self,
        sheet: str = "choices",
        cols: dict[str, dict[str | None, str]] | None = None,
        fixed_list: str | None = None,
        name_column: str = "name",
        label_column: str = "label",
    ) -> dict[str, ChoiceList]:
        """The choice lists of the choices sheet, or (``fixed_list``) of one CSV file."""
        cols = self.choice_cols if cols is None else cols
        where = _ChoiceColumns(sheet, cols, fixed_list, name_column, label_column)
        rows = self.sheets.get(sheet, [])
        missing = where.missing()
        if rows and missing is not None:
            self.error(
                sheet, None, None, _("the column {column} is missing").format(column=missing)
            )
            return {}
        lists: dict[str, list[Choice]] = {}
        seen: dict[str, set[str]] = {}
        for number, cells in rows:
            list_name, name = where.list_and_name(cells)
            if self.new_choice(where, number, list_name, name, seen.setdefault(list_name, set())):
                choice = self.make_choice(where, number, cells, list_name, name)
                lists.setdefault(list_name, []).append(choice)
        return {n: ChoiceList(n, tuple(cs)) for n, cs in lists.items()}

    def new_choice(
        self, where: _ChoiceColumns, number: int, list_name: str, name: str, seen: set[str]
    ) -> bool:
        """Whether a row names a choice its list does not have yet (the problem said if not)."""
        if not list_name:
            self.error(where.sheet, number, "list_name", _("missing list_name"))
            return False
        if not name:
            self.error(where.sheet, number, where.name_column, _("missing choice name"))
            return False
        if name in seen:
            self.choice_twice(where, number, list_name, name)
            return False
        seen.add(name)
        return True

    def choice_twice(self, where: _ChoiceColumns, number: int, list_name: str, name: str) -> None:
        if self.allow_choice_duplicates:
            # pyxform allows it; an answer names the choice, so both rows give the
            # same answer and only the first is offered
            message = _(
                "choice {name} appears twice in list {list} (allow_choice_duplicates); "
                "the first is offered, its answer is the same"
            )
            self.warn(
                where.sheet, number, where.name_column, message.format(name=name, list=list_name)
            )
            return
        self.error(
            where.sheet,
            number,
            where.name_column,
            _("choice {name} appears twice in list {list}").format(name=name, list=list_name),
        )

    def make_choice(
        self,
        where: _ChoiceColumns,
        number: int,
        cells: Mapping[str, str],
        list_name: str,
        name: str,
    ) -> Choice:
        sheet, label_column = where.sheet, where.label_column
        if any(ch.isspace() for ch in name):
            self.spaced_choices.setdefault(list_name, []).append((sheet, number, name))
        labels = self.text(sheet, number, cells, where.cols, label_column)
        if not labels:
            message = _("choice {name} has no label").format(name=name)
            self.error(sheet, number, label_column, message)
        self.check_translations(sheet, number, label_column, labels)
        extras = {base: cells.get(h, "") for base, h in where.extra_headers.items()}
        return Choice(name, labels, frozen_map(extras))

    def refuse_spaced_choices(self, list_name: str, raw_type: str) -> None:
        """Several chosen names are kept as one text separated by spaces (as in ODK), so a name
        with a space in it would read back as two: an error, once per list."""
        for sheet, number, name in self.spaced_choices.pop(list_name, ()):
            self.error(
                sheet,
                number,
                "name",
                _(
                    "choice name {name} has a space, but {type} keeps its answers separated by "
                    "spaces: write it without (e.g. with _)"
                ).format(name=name, type=raw_type),
            )

    def check_translations(self, sheet: str, number: int, column: str, text: Text) -> None:
        if not text or len(self.languages | {self.default}) < 2:
            return
        missing = [c for c in language_order(self.languages, self.default) if c not in text.values]
        if missing:
            self.warn(
                sheet,
                number,
                column,
                _("no {column} in {languages}").format(column=column, languages=", ".join(missing)),
            )

    # --- survey --------------------------------------------------------------------------------

    def expr(
        self, number: int, column: str, text: str, allow_columns: bool = False
    ) -> Expression | None:
        if not text:
            return None
        try:
            e = Expression.of(text, allow_columns=allow_columns)
        except ExpressionError as exc:
            self.error("survey", number, column, exc.message)
            return None
        self.exprs.append((number, column, e))
        return e

    def flag(self, number: int, column: str, text: str) -> Expression | None:
        """``required``/``read_only``: yes/no, or an expression."""
        low = text.lower()
        if low in _NO:
            return None
        if low in _YES:
            return Expression.of("true()")
        return self.expr(number, column, text)

    def survey_cell(self, cells: Mapping[str, str], base: str) -> str:
        header = self.survey_cols.get(base, {}).get(None)
        return cells.get(header, "") if header else ""

    def read_survey(self) -> tuple[Item, ...]:
        cols = self.survey_cols
        if "type" not in cols or None not in cols["type"]:
            self.error("survey", None, None, _("the column type is missing"))
            return ()
        tree = _Tree()
        for number, cells in self.sheets.get("survey", []):
            self.survey_row(tree, number, cells)
        for group in reversed(tree.stack):
            message = _("begin_{kind} {name} is never closed").format(
                kind=group.kind, name=group.name
            )
            self.error("survey", group.begin, "type", message)
        return tuple(tree.root)

    def survey_row(self, tree: _Tree, number: int, cells: Mapping[str, str]) -> None:
        """One survey row: a group opened or closed, or a question added (or the problem)."""
        raw_type = " ".join(self.survey_cell(cells, "type").split())
        spec = parse_type(raw_type)
        kind = spec.kind
        if not kind:
            self.error("survey", number, "type", _("missing type"))
            return
        if kind in ("end_group", "end_repeat"):
            self.close_group(tree, number, kind)
            return
        name = self.row_name(number, cells, tree.place())
        if name is None:
            return
        if kind in ("begin_group", "begin_repeat"):
            tree.stack.append(_OpenGroup(kind[6:], name, number, cells, []))
        elif self.takes_question(number, kind, tree.in_repeat()):
            question = self.make_question(number, cells, name, raw_type, spec)
            if question is not None:
                self.items_by_name[name] = question
                tree.add(question)

    def close_group(self, tree: _Tree, number: int, kind: str) -> None:
        if not tree.stack:
            message = _("{type} without a matching begin").format(type=kind)
            self.error("survey", number, "type", message)
            return
        group = tree.stack.pop()
        if group.kind != kind[4:]:
            self.error(
                "survey",
                number,
                "type",
                _("{type} closes begin_{open} {name} (row {row})").format(
                    type=kind, open=group.kind, name=group.name, row=group.begin
                ),
            )
        is_repeat = group.kind == "repeat"
        tree.add(self.make_group(group.begin, group.cells, group.name, is_repeat, group.children))

    def row_name(self, number: int, cells: Mapping[str, str], place: tuple[str, ...]) -> str | None:
        """The name a row's answers are kept by, taken; None (the error said) if it has none."""
        name = self.survey_cell(cells, "name")
        if not name:
            self.error("survey", number, "name", _("missing name"))
            return None
        if not NAME_RE.match(name):
            self.error("survey", number, "name", _("invalid name {name!r}").format(name=name))
            return None
        if name in self.names:
            renamed = self.rename_twice_used(number, name, place)
            if renamed is None:
                return None
            name = renamed
        self.names[name] = number
        self.places[name] = place
        return name

    def takes_question(self, number: int, kind: str, in_repeat: bool) -> bool:
        """Whether a row of this type becomes a question where it stands (if not, it says)."""
        if kind in IGNORED:
            message = _("type {type} has no meaning on a laptop; row ignored").format(type=kind)
            self.warn("survey", number, "type", message)
            return False
        if question_type(kind).metadata and in_repeat:
            message = _("metadata {type} cannot be inside a repeat").format(type=kind)
            self.error("survey", number, "type", message)
            return False
        return True

    def rename_twice_used(self, number: int, name: str, place: tuple[str, ...]) -> str | None:
        """A name used again in another group or repeat (pyxform allows it: the paths differ)
        gets a name of its own, its group's name in front (household.age), since answers are
        kept by name; None (an error) when it is the same place, as pyxform says too."""
        first = self.names[name]
        if self.places.get(name) == place:
            message = _("name {name} is already used on row {row}").format(name=name, row=first)
            self.error("survey", number, "name", message)
            return None
        candidates = [".".join((*place[-k:], name)) for k in range(1, len(place) + 1)]
        new = next((c for c in candidates if c not in self.names), f"{name}.{number}")
        self.twice.setdefault(name, [first]).append(number)
        self.warn(
            "survey",
            number,
            "name",
            _(
                "name {name} is also used on row {row}, in another group; this one's answers "
                "are kept as {new}"
            ).format(name=name, row=first, new=new),
        )
        return new

    def common(self, number: int, cells: Mapping[str, str], is_group: bool) -> dict:
        cols = self.survey_cols

        def cell(base: str) -> str:
            return self.survey_cell(cells, base)

        appearance = " ".join(cell("appearance").split())
        for a in appearance.split():
            if a not in APPEARANCES:
                self.warn(
                    "survey",
                    number,
                    "appearance",
                    _("appearance {name} is not supported and is ignored").format(name=a),
                )
        labels = self.text("survey", number, cells, cols, "label")
        self.check_translations("survey", number, "label", labels)
        return {
            "labels": labels,
            "relevant": self.expr(number, "relevant", cell("relevant")),
            "appearance": appearance,
            "row": number,
            "cell": cell,
        }

    def make_group(
        self, number: int, cells: Mapping[str, str], name: str, is_repeat: bool, children: list
    ) -> Group:
        c = self.common(number, cells, True)
        cell = c.pop("cell")
        count = cell("repeat_count")
        if count and not is_repeat:
            self.warn("survey", number, "repeat_count", _("repeat_count only applies to repeats"))
        for base in ("calculation", "constraint", "choice_filter", "default"):
            if cell(base):
                message = _("{column} does not apply to a group").format(column=base)
                self.warn("survey", number, base, message)
        group = Group(
            name=name,
            children=tuple(children),
            is_repeat=is_repeat,
            repeat_count=self.expr(number, "repeat_count", count) if is_repeat else None,
            **c,
        )
        self.items_by_name[name] = group
        return group

    def make_question(
        self, number: int, cells: Mapping[str, str], name: str, raw_type: str, spec: TypeSpec
    ) -> Question | None:
        t = self.known_type(number, cells, name, raw_type, spec)
        if t is None:
            return None
        c = self.common(number, cells, False)
        written = c.pop("cell")
        implied = dict(spec.implied)  # columns the type's spelling fills ("phone number")

        def cell(base: str) -> str:
            return written(base) or implied.get(base, "")

        cols = self.survey_cols
        parameters = self.parameters(number, t, cell("parameters"), spec.from_file)
        if c["labels"] == Text(frozen_map({}), self.default) and t.labelled:
            message = _("question {name} has no label").format(name=name)
            self.error("survey", number, "label", message)
        calculation = self.expr(number, "calculation", cell("calculation"))
        if t.needs_calculation and calculation is None and not cell("calculation"):
            self.error("survey", number, "calculation", _("a calculate needs a calculation"))
        choice_filter = self.choice_filter(number, spec.list_name, cell("choice_filter"))
        if cell("repeat_count"):
            self.warn("survey", number, "repeat_count", _("repeat_count only applies to repeats"))
        default = cell("default") or None
        if default is not None and is_dynamic_default(default):
            self.expr(number, "default", default)
        hints = self.text("survey", number, cells, cols, "hint")
        required_messages = self.text("survey", number, cells, cols, "required_message")
        constraint_messages = self.text("survey", number, cells, cols, "constraint_message")
        return Question(
            name=name,
            type=t.name,
            hints=hints,
            required=self.flag(number, "required", cell("required")),
            required_messages=required_messages or None,
            constraint=self.expr(number, "constraint", cell("constraint")),
            constraint_messages=constraint_messages or None,
            default=default,
            calculation=calculation,
            choice_filter=choice_filter,
            read_only=self.flag(number, "read_only", cell("read_only")),
            list_name=spec.list_name,
            or_other=spec.or_other,
            parameters=parameters,
            **c,
        )

    def known_type(
        self, number: int, cells: Mapping[str, str], name: str, raw_type: str, spec: TypeSpec
    ) -> QuestionType | None:
        """The registry's type of a question row, its choice list checked; None (the error
        said) for a type GCM Collect does not take."""
        qtype = spec.kind
        if spec.external or qtype in REFUSED:
            refused = REFUSED.get(qtype, qtype)
            if self.skip_unsupported:  # left out; a reference to it is an error (see below)
                self.skipped[name] = (number, refused)
                message = _("question {name} (type {type}) is left out (--skip-unsupported)")
                text = message.format(name=name, type=refused)
                self.problems.append(
                    Problem("survey", number, "type", text, WARNING, self.source, left_out=name)
                )
                return None
            self.error(
                "survey",
                number,
                "type",
                _("type {type} is not supported by GCM Collect").format(type=refused)
                + (_(": attach a document with type file") if qtype == "image" else ""),
            )
            return None
        t = TYPES.get(qtype)
        if t is None:
            self.error(
                "survey",
                number,
                "type",
                _("type {type} is not supported (supported: {supported})").format(
                    type=raw_type,
                    supported=", ".join(QUESTION_TYPES + ("begin_group", "begin_repeat")),
                ),
            )
            return None
        if t.takes_list and not self.choice_list(number, cells, raw_type, spec, t):
            return None
        return t

    def choice_list(
        self,
        number: int,
        cells: Mapping[str, str],
        raw_type: str,
        spec: TypeSpec,
        t: QuestionType,
    ) -> bool:
        """Whether the list a choice question names is there (read from its file if need be)."""
        list_name = spec.list_name
        if spec.malformed or list_name is None:
            message = _("write {type} followed by a choice list name").format(type=raw_type)
            self.error("survey", number, "type", message)
            return False
        if spec.or_other and not t.or_other:
            message = _("{type} cannot have or_other").format(type=t.name)
            self.error("survey", number, "type", message)
            return False
        if spec.from_file:
            if not self.choices_from_file(number, list_name, cells):
                return False
        elif list_name in self.file_lists:
            pass  # an earlier select_one_from_file already brought this list
        elif list_name not in self.choice_lists:
            message = _("unknown choice list {name}").format(name=list_name)
            self.error("survey", number, "type", message)
            return False
        if not t.spaced_names:
            self.refuse_spaced_choices(list_name, raw_type)
        return True

    def choice_filter(self, number: int, list_name: str | None, text: str) -> Expression | None:
        if not text:
            return None
        if list_name is None:
            message = _("choice_filter needs a select question")
            self.error("survey", number, "choice_filter", message)
            return None
        return self.expr(number, "choice_filter", text, True)

    def parameters(
        self, number: int, t: QuestionType, text: str, from_file: bool
    ) -> tuple[tuple[str, str], ...]:
        """The ``parameters`` cell (``start=1 end=10 step=1``), checked where it is used."""
        pairs: dict[str, str] = {}
        for part in re.split(r"[\s,;]+", text.strip()):
            if not part:
                continue
            key, sep, value = part.partition("=")
            if not sep or not key or not value:
                message = _("write parameters as key=value, e.g. start=1 end=10 step=1")
                self.error("survey", number, "parameters", message)
                return ()
            pairs[key.strip().lower()] = value.strip()
        if t.parameters is not None:
            kept, problem = t.parameters(pairs)
            if problem is not None:
                self.error("survey", number, "parameters", problem)
            return kept
        if from_file:
            return ()  # value= and label= were used when the file was read
        if pairs:
            self.warn(
                "survey",
                number,
                "parameters",
                _("parameters are not used by type {type} and are ignored").format(type=t.name),
            )
        return ()

    def choices_from_file(self, number: int, file_name: str, cells: Mapping[str, str]) -> bool:
        """Read the CSV a select_*_from_file names into a choice list called after the file."""
        if file_name in self.file_lists:
            return True
        if PurePath(file_name).name != file_name or not file_name.lower().endswith(".csv"):
            message = _("{file} must be the name of a CSV file beside the form").format(
                file=file_name
            )
            self.error("survey", number, "type", message)
            return False
        if file_name in self.choice_lists:
            message = _("list {name} is in the choices sheet and in a file").format(name=file_name)
            self.error("survey", number, "type", message)
            return False
        rows = None
        if self.load_file is not None:
            try:
                rows = self.load_file(file_name)
            except FileNotFoundError:
                rows = None
            except (OSError, UnicodeDecodeError, ValueError) as exc:
                message = _("cannot read {file}: {reason}").format(file=file_name, reason=exc)
                self.error("survey", number, "type", message)
                return False
        if rows is None:
            message = _("the file {file} is not beside the form").format(file=file_name)
            self.error("survey", number, "type", message)
            return False
        header = self.survey_cols.get("parameters", {}).get(None)
        options = dict(
            part.partition("=")[::2]
            for part in (cells.get(header, "") if header else "").split()
            if "=" in part
        )
        sheet = f"file:{file_name}"
        self.sheets[sheet] = _clean(rows)
        cols = self.columns(sheet, None, ("label", options.get("label", "label")))
        found = self.read_choices(
            sheet,
            cols,
            fixed_list=file_name,
            name_column=options.get("value", "name"),
            label_column=options.get("label", "label"),
        )
        lists = dict(self.choice_lists)
        lists[file_name] = found.get(file_name, ChoiceList(file_name, ()))
        self.choice_lists = lists
        self.file_lists[file_name] = file_name
        return True

    def check_references(self, items: dict[str, Item]) -> None:
        for number, column, e in self.exprs:
            for ref in sorted(references(e.node)):
                target = items.get(ref)
                if ref in self.skipped:
                    row, refused = self.skipped[ref]
                    message = _(
                        "${{{name}}} is the {type} question of row {row}, which cannot be left "
                        "out while this refers to it: remove the reference, or the question"
                    ).format(name=ref, type=refused, row=row)
                    self.error("survey", number, column, message)
                elif ref in self.twice:
                    rows = ", ".join(map(str, self.twice[ref]))
                    message = _(
                        "${{{name}}} could mean the questions of rows {rows}: give them "
                        "different names"
                    ).format(name=ref, rows=rows)
                    self.error("survey", number, column, message)
                elif target is None:
                    self.error(
                        "survey", number, column, _("unknown question ${{{name}}}").format(name=ref)
                    )
                elif isinstance(target, Group) and not target.is_repeat:
                    self.error(
                        "survey",
                        number,
                        column,
                        _("${{{name}}} is a group, not a question").format(name=ref),
                    )

    def check_instance_name(self, settings: dict[str, str]) -> None:
        """instance_name titles submissions; one that cannot work is dropped with a warning."""
        text = settings.get("instance_name")
        if not text:
            return
        problem = None
        try:
            node = Expression.of(text).node
        except ExpressionError as exc:
            problem = exc.message
        else:
            for ref in sorted(references(node)):
                item = self.items_by_name.get(ref)
                if not isinstance(item, Question):
                    problem = _("unknown question ${{{name}}}").format(name=ref)
                    break
        if problem is not None:
            del settings["instance_name"]
            self.warn(
                "settings",
                self.settings_row[0],
                "instance_name",
                _("{problem}; submissions keep their default title").format(problem=problem),
            )

    def check_choice_columns(self, form: Form) -> None:
        for q in form.questions():
            if q.choice_filter is None:
                continue
            cl = form.choice_lists[q.list_name]  # type: ignore[index]
            known = {"name"} | {k for c in cl.choices for k in c.extras}
            for n in walk(q.choice_filter.node):
                if isinstance(n, Col) and n.name not in known:
                    self.error(
                        "survey",
                        q.row,
                        "choice_filter",
                        _("list {list} has no column {column}").format(list=cl.name, column=n.name),
                    )

    # --- whole form ----------------------------------------------------------------------------

    def read(self) -> Form | None:
        if "survey" not in self.sheets and EXPORT_SHEET in self.sheets:
            # The other kind of workbook this app makes: one message, not one per sheet or cell.
            self.problems.clear()
            self.error(
                "",  # about the whole file
                None,
                None,
                _(
                    "this workbook holds submissions exported by GCM Collect, not a form: "
                    "import it as submissions (Import)"
                ),
            )
            return None
        for sheet, _rows in self.sheets.items():
            if sheet not in MAIN_SHEETS:
                name = self.sheet_names.get(sheet, sheet)
                message = _("sheet {sheet} is not used by GCM Collect and is ignored").format(
                    sheet=name
                )
                self.warn(name, None, None, message)
        if "survey" not in self.sheets:
            self.error("survey", None, None, _("the form has no survey sheet"))
            return None
        settings = self.read_settings()
        self.survey_cols = self.columns("survey", SURVEY_COLUMNS, SURVEY_TRANSLATABLE)
        self.choice_cols = self.columns("choices", None, ("label",))
        self.default = self.pick_default(settings)
        duplicates = settings.get("allow_choice_duplicates", "").strip().lower()
        self.allow_choice_duplicates = duplicates in _YES
        self.choice_lists = self.read_choices()
        children = self.read_survey()
        number, cells = self.settings_row
        title = self.text("settings", number, cells, self.settings_cols, "form_title")
        self.check_references(self.items_by_name)
        self.check_instance_name(settings)
        if any(p.severity == ERROR for p in self.problems):
            return None
        form_id = settings.get("form_id") or _stem(self.source)
        if not title:
            title = Text(frozen_map({self.default: form_id}), self.default)
        # form_id, version and default_language have their own fields; keep only the rest.
        stored = {k: v for k, v in settings.items() if k not in SETTINGS_COLUMNS}
        form = Form(
            form_id=form_id,
            version=settings.get("version", ""),
            title=title,
            default_language=self.default,
            languages=language_order(self.languages, self.default),
            children=children,
            choice_lists=MappingProxyType(self.choice_lists),
            settings=frozen_map(stored),
        )
        if not form.version:
            form = self.derive_version(form)
        self.check_choice_columns(form)
        try:
            build_plan(form)
        except PlanError as exc:
            for name, column, message in exc.problems:
                self.error("survey", form.item(name).row, column, message)
        if any(p.severity == ERROR for p in self.problems):
            return None
        return form

    def derive_version(self, form: Form) -> Form:
        """A form without a version gets one from its content: submissions must name one, and
        importing the same content again finds the same version (an edited form, another)."""
        version = derived_version(form)
        self.warn(
            "settings",
            self.settings_row[0] if self.sheets.get("settings") else None,
            "version",
            _(
                "the form has no version; it gets version {version}, derived from its content "
                "(a changed form gets another; set a version to choose it yourself)"
            ).format(version=version),
        )
        return dataclasses.replace(form, version=version, content_hash="")

    def pick_default(self, settings: dict[str, str]) -> str:
        text = settings.get("default_language", "")
        if text:
            try:
                return language_code(text)
            except LanguageError:
                self.error(
                    "settings",
                    self.settings_row[0],
                    "default_language",
                    _("language {lang!r} has no code: write it like 'Français (fr)'").format(
                        lang=text
                    ),
                )
        return self.header_langs[0] if self.header_langs and not self._has_plain_labels() else "en"

    def _has_plain_labels(self) -> bool:
        return None in self.survey_cols.get("label", {})


def derived_version(form: Form) -> str:
    """The version of a form that names none: from the hash of its content (version "")."""
    return "auto-" + form.content_hash[:12]


def _stem(source: str) -> str:
    base = re.split(r"[\\/]", source)[-1]
    stem = base.rsplit(".", 1)[0] if "." in base else base
    return re.sub(r"\W+", "_", stem).strip("_") or "form"


def check_sheets(
    sheets: Sheets,
    source: str,
    *,
    load_file: FileLoader | None = None,
    notes: Sequence[Problem] = (),
    skip_unsupported: bool = False,
) -> tuple[Form | None, list[Problem]]:
    """Parse ``sheets``; return the form (None if any error) and every problem found.

    ``load_file`` reads the CSV files a select_*_from_file names; ``notes`` are problems the
    workbook reader already found (formulas, cells without a header), reported with the rest.
    ``skip_unsupported`` leaves out questions of a type the app refuses (a warning each),
    unless another row refers to them.
    """
    reader = _Reader(sheets, source, load_file, notes, skip_unsupported)
    form = reader.read()
    rank = {"settings": 0, "survey": 1, "choices": 2}
    problems = sorted(reader.problems, key=lambda p: (rank.get(p.sheet, 3), p.row or 0))
    return form, problems


def form_from_sheets(sheets: Sheets, source: str, *, load_file: FileLoader | None = None) -> Form:
    """The Form the sheets describe; raises FormError (a UserError) naming the first error."""
    form, problems = check_sheets(sheets, source, load_file=load_file)
    if form is None:
        raise FormError(problems, source)
    return form
