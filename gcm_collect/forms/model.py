"""The immutable form model: what an XLSForm says, parsed once.

Every piece is a frozen dataclass holding tuples and read-only mappings, so a Form can be shared
freely (the evaluator caches its compiled plan on it). ``Form.to_json`` / ``Form.from_json`` carry a
form through the database and exported workbooks; ``content_hash`` is a SHA-256 over a canonical
JSON form of the content (source row numbers excluded), so the same form always hashes the same.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from types import MappingProxyType
from typing import Any

from gcm_collect.forms.expressions import Node, parse

FORMAT_VERSION = 1

TEXT, INTEGER, DECIMAL, DATE = "text", "integer", "decimal", "date"
SELECT_ONE, SELECT_MULTIPLE = "select_one", "select_multiple"
NOTE, CALCULATE, ACKNOWLEDGE = "note", "calculate", "acknowledge"
TIME, DATETIME, RANGE, RANK, FILE = "time", "dateTime", "range", "rank", "file"
# Metadata: filled by the app (forms.metadata.metadata_values), never asked.
START, END, TODAY, DEVICEID, USERNAME, AUDIT = (
    "start",
    "end",
    "today",
    "deviceid",
    "username",
    "audit",
)
METADATA_TYPES = (START, END, TODAY, DEVICEID, USERNAME, AUDIT)
# Questions that take a choice list (rank answers with all or some names, in order).
CHOICE_TYPES = (SELECT_ONE, SELECT_MULTIPLE, RANK)
QUESTION_TYPES = (
    TEXT,
    INTEGER,
    DECIMAL,
    DATE,
    SELECT_ONE,
    SELECT_MULTIPLE,
    NOTE,
    CALCULATE,
    ACKNOWLEDGE,
    TIME,
    DATETIME,
    RANGE,
    RANK,
    FILE,
    *METADATA_TYPES,
)
# The extra choice that ``or_other`` adds; its free text lives at ``<path>_other``.
OTHER_CHOICE = "other"


def frozen_map(data: Mapping[str, Any] | None = None) -> Mapping[str, Any]:
    return MappingProxyType(dict(data or {}))


@dataclass(frozen=True)
class Text:
    """A translatable text: language code -> text, plus the form's default language."""

    values: Mapping[str, str]
    default: str

    def get(self, lang: str) -> tuple[str, bool]:
        """``(text, is_fallback)``: a missing language falls back to the default language, then
        to any language that has the text, never to an empty text while one exists."""
        text = self.values.get(lang, "")
        if text:
            return text, False
        text = self.values.get(self.default, "")
        if text:
            return text, True
        for value in self.values.values():
            if value:
                return value, True
        return "", True

    def __bool__(self) -> bool:
        return any(self.values.values())

    def __eq__(self, other: object) -> bool:
        return (
            isinstance(other, Text)
            and dict(self.values) == dict(other.values)
            and self.default == other.default
        )

    def __hash__(self) -> int:
        return hash((tuple(sorted(self.values.items())), self.default))


@dataclass(frozen=True)
class Expression:
    """An expression as written (``source``), parsed once (``node``) when first needed."""

    source: str
    allow_columns: bool = False

    @cached_property
    def node(self) -> Node:
        return parse(self.source, allow_columns=self.allow_columns)

    @classmethod
    def of(cls, source: str, *, allow_columns: bool = False) -> Expression:
        """Parsed now: a malformed expression is refused when its form is read."""
        expression = cls(source, allow_columns)
        expression.node  # noqa: B018 (parsed for its error)
        return expression


@dataclass(frozen=True)
class Question:
    name: str
    type: str
    labels: Text
    hints: Text
    required: Expression | None = None
    required_messages: Text | None = None
    relevant: Expression | None = None
    constraint: Expression | None = None
    constraint_messages: Text | None = None
    default: str | None = None
    calculation: Expression | None = None
    choice_filter: Expression | None = None
    read_only: Expression | None = None
    appearance: str = ""
    list_name: str | None = None
    or_other: bool = False
    row: int = 0
    # ``parameters`` column (range: start/end/step), as sorted (key, value) pairs.
    parameters: tuple[tuple[str, str], ...] = ()

    def label(self, lang: str) -> tuple[str, bool]:
        return self.labels.get(lang)

    def parameter(self, key: str, default: str = "") -> str:
        return dict(self.parameters).get(key, default)

    @property
    def is_metadata(self) -> bool:
        return self.type in METADATA_TYPES

    def hint(self, lang: str) -> tuple[str, bool]:
        return self.hints.get(lang)

    @property
    def appearances(self) -> frozenset[str]:
        return frozenset(self.appearance.split())


@dataclass(frozen=True)
class Group:
    name: str
    labels: Text
    children: tuple[Item, ...]
    relevant: Expression | None = None
    appearance: str = ""
    is_repeat: bool = False
    repeat_count: Expression | None = None
    row: int = 0

    def label(self, lang: str) -> tuple[str, bool]:
        return self.labels.get(lang)

    @property
    def appearances(self) -> frozenset[str]:
        return frozenset(self.appearance.split())


Item = Question | Group


@dataclass(frozen=True)
class Choice:
    name: str
    labels: Text
    extras: Mapping[str, str] = field(default_factory=frozen_map)

    def label(self, lang: str) -> tuple[str, bool]:
        return self.labels.get(lang)

    def __eq__(self, other: object) -> bool:
        return (
            isinstance(other, Choice)
            and (self.name, self.labels) == (other.name, other.labels)
            and dict(self.extras) == dict(other.extras)
        )

    def __hash__(self) -> int:
        return hash(self.name)


@dataclass(frozen=True)
class ChoiceList:
    name: str
    choices: tuple[Choice, ...]

    def names(self) -> tuple[str, ...]:
        return self._names

    @cached_property
    def _names(self) -> tuple[str, ...]:  # once a list: every answer checked looks here
        return tuple(c.name for c in self.choices)

    def get(self, name: str) -> Choice | None:
        for choice in self.choices:
            if choice.name == name:
                return choice
        return None


@dataclass(frozen=True, eq=False)
class Form:
    form_id: str
    version: str
    title: Text
    default_language: str
    languages: tuple[str, ...]
    children: tuple[Item, ...]
    choice_lists: Mapping[str, ChoiceList]
    settings: Mapping[str, str]
    content_hash: str = ""

    def __post_init__(self) -> None:
        index: dict[str, Item] = {}
        parents: dict[str, Group | None] = {}
        chains: dict[str, tuple[str, ...]] = {}

        def visit(items: tuple[Item, ...], parent: Group | None, chain: tuple[str, ...]) -> None:
            for item in items:
                index[item.name] = item
                parents[item.name] = parent
                if isinstance(item, Group):
                    inner = chain + (item.name,) if item.is_repeat else chain
                    chains[item.name] = inner
                    visit(item.children, item, inner)
                else:
                    chains[item.name] = chain

        visit(self.children, None, ())
        object.__setattr__(self, "_index", index)
        object.__setattr__(self, "_parents", parents)
        object.__setattr__(self, "_chains", MappingProxyType(chains))
        if not self.content_hash:
            object.__setattr__(self, "content_hash", compute_hash(self))

    # equality is content equality: the hash covers everything but source rows
    def __eq__(self, other: object) -> bool:
        return isinstance(other, Form) and self.content_hash == other.content_hash

    def __hash__(self) -> int:
        return hash(self.content_hash)

    def label(self, lang: str) -> tuple[str, bool]:
        """The form title in ``lang`` with fallback, like every other text."""
        return self.title.get(lang)

    def item(self, name: str) -> Item:
        return self._index[name]  # type: ignore[attr-defined]

    def question(self, name: str) -> Question:
        item = self._index.get(name)  # type: ignore[attr-defined]
        if not isinstance(item, Question):
            raise KeyError(name)
        return item

    def group(self, name: str) -> Group:
        item = self._index.get(name)  # type: ignore[attr-defined]
        if not isinstance(item, Group):
            raise KeyError(name)
        return item

    def __contains__(self, name: object) -> bool:
        return name in self._index  # type: ignore[attr-defined]

    def parent(self, name: str) -> Group | None:
        return self._parents[name]  # type: ignore[attr-defined]

    def repeat_chain(self, name: str) -> tuple[str, ...]:
        """The repeats around ``name``, outermost first (a repeat includes itself)."""
        return self._chains[name]  # type: ignore[attr-defined]

    @property
    def chains(self) -> Mapping[str, tuple[str, ...]]:
        return self._chains  # type: ignore[attr-defined]

    def walk(self) -> Iterator[Item]:
        """Every group and question, depth first, in form order."""

        def visit(items: tuple[Item, ...]) -> Iterator[Item]:
            for item in items:
                yield item
                if isinstance(item, Group):
                    yield from visit(item.children)

        return visit(self.children)

    def questions(self) -> Iterator[Question]:
        return (i for i in self.walk() if isinstance(i, Question))

    def repeats(self) -> Iterator[Group]:
        return (i for i in self.walk() if isinstance(i, Group) and i.is_repeat)

    def choices_for(self, question: Question) -> tuple[Choice, ...]:
        if question.list_name is None:
            return ()
        return self.choice_lists[question.list_name].choices

    def choice_names(self, question: Question) -> tuple[str, ...]:
        """The names of ``choices_for(question)``, in order."""
        if question.list_name is None:
            return ()
        return self.choice_lists[question.list_name].names()

    def to_json(self) -> str:
        data = to_data(self, with_rows=True)
        data["content_hash"] = self.content_hash
        return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))

    @classmethod
    def from_json(cls, text: str, *, parse_expressions: bool = True) -> Form:
        """Rebuild a form from ``to_json`` text; raises ValueError if it does not match its hash.
        ``parse_expressions=False``: each expression is parsed only if it is evaluated, for
        readers that only need the questions and choices (most of the time of reading a form
        goes to parsing expressions); a malformed one then fails only where it is used."""
        data = json.loads(text)
        if data.get("format") != FORMAT_VERSION:
            raise ValueError(f"unsupported form format {data.get('format')!r}")
        form = from_data(data, parse_expressions=parse_expressions)
        expected = data.get("content_hash")
        if expected and expected != form.content_hash:
            raise ValueError("form definition does not match its content hash")
        return form


# --- canonical serialisation -------------------------------------------------------------------


def _text(t: Text | None) -> dict[str, str] | None:
    return None if t is None else {k: v for k, v in t.values.items() if v}


def _expr(e: Expression | None) -> str | None:
    return None if e is None else e.source


def _item_data(item: Item, with_rows: bool) -> dict[str, Any]:
    if isinstance(item, Group):
        data: dict[str, Any] = {
            "kind": "repeat" if item.is_repeat else "group",
            "name": item.name,
            "labels": _text(item.labels),
            "relevant": _expr(item.relevant),
            "appearance": item.appearance,
            "repeat_count": _expr(item.repeat_count),
            "children": [_item_data(c, with_rows) for c in item.children],
        }
    else:
        data = {
            "kind": "question",
            "name": item.name,
            "type": item.type,
            "labels": _text(item.labels),
            "hints": _text(item.hints),
            "required": _expr(item.required),
            "required_messages": _text(item.required_messages),
            "relevant": _expr(item.relevant),
            "constraint": _expr(item.constraint),
            "constraint_messages": _text(item.constraint_messages),
            "default": item.default,
            "calculation": _expr(item.calculation),
            "choice_filter": _expr(item.choice_filter),
            "read_only": _expr(item.read_only),
            "appearance": item.appearance,
            "list_name": item.list_name,
            "or_other": item.or_other,
        }
        if item.parameters:  # only when present, so older forms keep their content hash
            data["parameters"] = dict(item.parameters)
    if with_rows:
        data["row"] = item.row
    return data


def to_data(form: Form, with_rows: bool) -> dict[str, Any]:
    return {
        "format": FORMAT_VERSION,
        "form_id": form.form_id,
        "version": form.version,
        "title": _text(form.title),
        "default_language": form.default_language,
        "languages": list(form.languages),
        "settings": dict(form.settings),
        "children": [_item_data(i, with_rows) for i in form.children],
        "choice_lists": [
            {
                "name": cl.name,
                "choices": [
                    {"name": c.name, "labels": _text(c.labels), "extras": dict(c.extras)}
                    for c in cl.choices
                ],
            }
            for cl in form.choice_lists.values()
        ],
    }


def compute_hash(form: Form) -> str:
    canonical = json.dumps(
        to_data(form, with_rows=False), ensure_ascii=False, sort_keys=True, separators=(",", ":")
    )
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def from_data(data: Mapping[str, Any], *, parse_expressions: bool = True) -> Form:
    default = data["default_language"]

    def text(d: Mapping[str, str] | None) -> Text:
        return Text(frozen_map(d), default)

    def opt_text(d: Mapping[str, str] | None) -> Text | None:
        return None if d is None else text(d)

    def expr(s: str | None, allow_columns: bool = False) -> Expression | None:
        if s is None:
            return None
        if parse_expressions:
            return Expression.of(s, allow_columns=allow_columns)
        return Expression(s, allow_columns)

    def item(d: Mapping[str, Any]) -> Item:
        if d["kind"] in ("group", "repeat"):
            return Group(
                name=d["name"],
                labels=text(d["labels"]),
                children=tuple(item(c) for c in d["children"]),
                relevant=expr(d["relevant"]),
                appearance=d["appearance"],
                is_repeat=d["kind"] == "repeat",
                repeat_count=expr(d["repeat_count"]),
                row=d.get("row", 0),
            )
        return Question(
            name=d["name"],
            type=d["type"],
            labels=text(d["labels"]),
            hints=text(d["hints"]),
            required=expr(d["required"]),
            required_messages=opt_text(d["required_messages"]),
            relevant=expr(d["relevant"]),
            constraint=expr(d["constraint"]),
            constraint_messages=opt_text(d["constraint_messages"]),
            default=d["default"],
            calculation=expr(d["calculation"]),
            choice_filter=expr(d["choice_filter"], allow_columns=True),
            read_only=expr(d["read_only"]),
            appearance=d["appearance"],
            list_name=d["list_name"],
            or_other=d["or_other"],
            row=d.get("row", 0),
            parameters=tuple(sorted((d.get("parameters") or {}).items())),
        )

    lists = {
        cl["name"]: ChoiceList(
            cl["name"],
            tuple(
                Choice(c["name"], text(c["labels"]), frozen_map(c["extras"])) for c in cl["choices"]
            ),
        )
        for cl in data["choice_lists"]
    }
    return Form(
        form_id=data["form_id"],
        version=data["version"],
        title=text(data["title"]),
        default_language=default,
        languages=tuple(data["languages"]),
        children=tuple(item(i) for i in data["children"]),
        choice_lists=MappingProxyType(lists),
        settings=frozen_map(data["settings"]),
    )


def same_questions(a: Form, b: Form) -> bool:
    """The same questions (names, types, choice lists) in the same order: two definitions of
    one form version that differ only in their texts (translations of another release)."""

    def shape(form: Form) -> list[tuple]:
        return [(q.name, q.type, q.list_name) for q in form.questions()]

    return shape(a) == shape(b)
