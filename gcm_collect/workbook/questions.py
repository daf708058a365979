"""A question's cells, by type: the columns it takes in a data sheet, and how an edited cell
is read back. One table, ``CELLS``, keyed by the types of ``forms/types`` (a contract test
names a type missing from it).

Column names: a question's name for its value (a select's codes); ``name:label`` for choice
labels; ``name/choice`` for the 0/1 columns of a select_multiple; ``name_other`` for an "or
other" text; ``name:sha256`` for a file's checksum.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from types import MappingProxyType
from typing import Any

from gcm_collect.forms.files import parse_file_value
from gcm_collect.forms.model import (
    ACKNOWLEDGE,
    AUDIT,
    CALCULATE,
    DATE,
    DATETIME,
    DECIMAL,
    DEVICEID,
    END,
    FILE,
    INTEGER,
    NOTE,
    OTHER_CHOICE,
    RANGE,
    RANK,
    SELECT_MULTIPLE,
    SELECT_ONE,
    START,
    TEXT,
    TIME,
    TODAY,
    USERNAME,
    Choice,
    Form,
    Question,
)
from gcm_collect.i18n import N_, _
from gcm_collect.workbook.cells import (
    Cells,
    Column,
    Translate,
    date_cell,
    datetime_cell,
    text_cell,
    time_cell,
    value_cell,
)

MAX_FLAG_COLUMNS = 50  # longer choice lists (States) get no 0/1 columns: too wide to read


class Unreadable(ValueError):
    """An edited cell that cannot be an answer of its question; ``str()`` says why."""


@dataclass(frozen=True)
class Shape:
    """What a question's columns are made of."""

    form: Form
    q: Question
    lang: str
    marker: str  # the mark of a text cut at Excel's cell limit
    tr: Translate
    key: str  # the stable name of the value column
    label: str  # the question's header
    other_label: str  # the label of the "other" choice


@dataclass(frozen=True)
class CellHandler:
    # The columns one question occupies and a function that renders its cells.
    columns: Callable[[Shape], tuple[list[Column], Cells]]
    # An edited cell as loose input for ``forms.types.coerce`` (None: the answer is cleared);
    # raises Unreadable. None: answers of the type are not edited in a workbook.
    read: Callable[[Any], Any] | None = None


def choice_label(item: Choice, lang: str) -> str:
    return item.label(lang)[0] or item.name


# What the app records by itself, named for people when the form gives no label.
_METADATA_LABELS = {
    START: N_("Started at"),
    END: N_("Finished at"),
    TODAY: N_("Day of the survey"),
    DEVICEID: N_("Device ID"),
    USERNAME: N_("User name"),
    AUDIT: N_("Editing time (start/end)"),
}


def question_label(q: Question, lang: str, tr: Translate) -> str:
    """A question's header: its label in ``lang``; a question the form gives no label (a
    calculation, typically) is said to be one, in the export language, never by its raw name
    (row 2 gives the name)."""
    label = q.label(lang)[0]
    if label:
        return label
    if q.type in _METADATA_LABELS:
        return tr(_METADATA_LABELS[q.type])
    if q.type == CALCULATE:
        return tr(N_("Calculated value (no label in the form)"))
    return tr(N_("Question (no label in the form)"))


# --- columns, by type ---------------------------------------------------------------------------


def _choices(s: Shape) -> tuple[list[str], dict[str, str], list[Column], list[Column]]:
    """A select's choice names and labels (with "other"), its code and label columns, and the
    column of its "other" text (empty without or_other)."""
    choices = list(s.form.choices_for(s.q))
    names = [c.name for c in choices]
    labels = {c.name: choice_label(c, s.lang) for c in choices}
    if s.q.or_other and OTHER_CHOICE not in labels:
        names.append(OTHER_CHOICE)
        labels[OTHER_CHOICE] = s.other_label
    name = s.q.name
    columns = [
        Column(s.key, s.label, 14, name),
        Column(f"{s.key}:label", s.tr(N_("{question} (label)")).format(question=s.label), 30, name),
    ]
    other: list[Column] = []
    if s.q.or_other:
        other_header = s.tr(N_("{question} (other answer)")).format(question=s.label)
        other = [Column(f"{s.key}_other", other_header, 30, f"{name}_other")]
    return names, labels, columns, other


def _with_other(s: Shape, cells: Cells) -> Cells:
    if not s.q.or_other:
        return cells
    other_key, marker = f"{s.q.name}_other", s.marker
    return lambda scope: cells(scope) + [value_cell(scope.get(other_key), marker)]


def _select_one(s: Shape) -> tuple[list[Column], Cells]:
    _names, labels, columns, other = _choices(s)
    name, marker = s.q.name, s.marker

    def one(scope: Mapping[str, Any]) -> list[Any]:
        v = scope.get(name)
        if v is None:
            return [None, None]
        return [value_cell(v, marker), text_cell(labels.get(v, str(v)), marker)]

    return columns + other, _with_other(s, one)


def _select_multiple(s: Shape) -> tuple[list[Column], Cells]:
    names, labels, columns, other = _choices(s)
    name, marker = s.q.name, s.marker
    if len(names) > MAX_FLAG_COLUMNS:
        names = []
    columns += [Column(f"{s.key}/{c}", f"{s.label}: {labels[c]}", 8, name) for c in names]

    def many(scope: Mapping[str, Any]) -> list[Any]:
        v = scope.get(name)
        if v is None:
            return [None] * (2 + len(names))
        picked = v.split() if isinstance(v, str) else [str(x) for x in v]
        chosen = set(picked)
        return [
            text_cell(" ".join(picked), marker),
            text_cell("; ".join(labels.get(p, p) for p in picked), marker),
            *[1 if c in chosen else 0 for c in names],
        ]

    return columns + other, _with_other(s, many)


def _rank(s: Shape) -> tuple[list[Column], Cells]:
    choice_labels = {c.name: choice_label(c, s.lang) for c in s.form.choices_for(s.q)}
    name, marker = s.q.name, s.marker
    header = s.tr(N_("{question} (labels, in order)")).format(question=s.label)
    columns = [Column(s.key, s.label, 20, name), Column(f"{s.key}:label", header, 40, name)]

    def ranked(scope: Mapping[str, Any]) -> list[Any]:
        v = scope.get(name)
        if v is None:
            return [None, None]
        order = v.split() if isinstance(v, str) else [str(x) for x in v]
        return [
            text_cell(" ".join(order), marker),
            text_cell(" > ".join(choice_labels.get(c, c) for c in order), marker),
        ]

    return columns, ranked


def _file(s: Shape) -> tuple[list[Column], Cells]:
    name, marker = s.q.name, s.marker
    header = s.tr(N_("{question} (SHA-256)")).format(question=s.label)
    columns = [Column(s.key, s.label, 30, name), Column(f"{s.key}:sha256", header, 20, name)]

    def attached(scope: Mapping[str, Any]) -> list[Any]:
        ref = parse_file_value(scope.get(name))
        if ref is None:
            return [value_cell(scope.get(name), marker), None]
        return [text_cell(ref.name, marker), ref.sha256]

    return columns, attached


def _one_column(width: float, cell: Callable[[Any, str], Any]) -> Callable[[Shape], Any]:
    """A type shown in one column of ``width``, each value through ``cell``."""

    def columns(s: Shape) -> tuple[list[Column], Cells]:
        name, marker = s.q.name, s.marker
        return [Column(s.key, s.label, width, name)], lambda scope: [cell(scope.get(name), marker)]

    return columns


_date = _one_column(12, date_cell)
_moment = _one_column(18, datetime_cell)
_time = _one_column(10, time_cell)
_narrow = _one_column(12, value_cell)  # numbers, 0/1
_wide = _one_column(40, value_cell)  # text

# --- edited cells, by type ----------------------------------------------------------------------


def _text(value: Any) -> Any:
    return str(value)


def _code(value: Any) -> Any:
    return str(value).strip()


def _codes(value: Any) -> Any:
    return str(value).split()


def _number(value: Any) -> Any:
    """A number typed as text (a cell formatted as text) as the number; other text as is, for
    the type's check to refuse."""
    if not isinstance(value, str):
        return value
    for convert in (int, float):
        try:
            return convert(value.strip())
        except ValueError:
            pass
    return value


def _day(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return value.strip() if isinstance(value, str) else value


def _one_or_zero(value: Any) -> Any:
    """Acknowledgements are exported as 1 (given); 0 clears one."""
    if value in (1, True, "1"):
        return True
    if value in (0, False, "0"):
        return None
    raise Unreadable(_("not 1 or 0"))


CELLS: Mapping[str, CellHandler] = MappingProxyType(
    {
        TEXT: CellHandler(_wide, _text),
        INTEGER: CellHandler(_narrow, _number),
        DECIMAL: CellHandler(_narrow, _number),
        RANGE: CellHandler(_narrow),
        DATE: CellHandler(_date, _day),
        TIME: CellHandler(_time),
        DATETIME: CellHandler(_moment),
        SELECT_ONE: CellHandler(_select_one, _code),
        SELECT_MULTIPLE: CellHandler(_select_multiple, _codes),
        RANK: CellHandler(_rank),
        ACKNOWLEDGE: CellHandler(_narrow, _one_or_zero),
        FILE: CellHandler(_file),
        NOTE: CellHandler(_wide),
        CALCULATE: CellHandler(_wide),
        START: CellHandler(_moment),
        END: CellHandler(_moment),
        TODAY: CellHandler(_date),
        DEVICEID: CellHandler(_wide),
        USERNAME: CellHandler(_wide),
        AUDIT: CellHandler(_wide),
    }
)
_UNKNOWN = CellHandler(_wide)  # a type of a later version: its value as it is


def question_columns(
    form: Form,
    q: Question,
    lang: str,
    marker: str,
    tr: Translate,
    key: str | None = None,
    other_label: str = OTHER_CHOICE,
) -> tuple[list[Column], Cells]:
    """The columns one question occupies and a function that renders its cells.

    The function takes the answers of one scope (submission or repeat instance) by name.
    ``key`` overrides the stable name (the objectives sheet uses ``priority`` for
    ``obj01_priority``).
    """
    label = question_label(q, lang, tr)
    shape = Shape(form, q, lang, marker, tr, key or q.name, label, other_label)
    return CELLS.get(q.type, _UNKNOWN).columns(shape)


def read_edit(qtype: str, value: Any) -> Any:
    """An edited cell of a question of ``qtype`` as loose input for ``forms.types.coerce``;
    None clears the answer. Raises Unreadable."""
    if value is None or value == "":
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)  # Excel keeps every number as a float
    read = CELLS.get(qtype, _UNKNOWN).read
    if read is None:
        raise Unreadable(_("this kind of answer cannot be edited in a workbook"))
    return read(value)
