"""Validation engine: relevance, calculations, filtered choices, defaults and problems.

``evaluate()`` is a full pass. ``Session`` keeps the state of one submission and, after one answer
change, recomputes only the items the plan says can be affected; both give an ``Evaluation``.
Answers of irrelevant questions stay in the caller's hands but are neither validated nor seen by
expressions (an irrelevant question reads as empty, as in ODK).
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from types import MappingProxyType
from typing import Any

from gcm_collect.forms.expressions.values import NodeSet, parse_date, str_to_num, to_bool, to_str
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
    Form,
    Question,
)
from gcm_collect.forms.paths import make_path, parse_path
from gcm_collect.forms.plan import Def, Plan, plan_for
from gcm_collect.i18n import _

REQUIRED, CONSTRAINT, TYPE, CHOICE = "required", "constraint", "type", "choice"
_TIME_RE = re.compile(r"([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d{1,6})?)?\Z")


def is_time(value: object) -> bool:
    """``HH:MM`` or ``HH:MM:SS`` (24-hour), as time answers are stored."""
    return isinstance(value, str) and bool(_TIME_RE.match(value))


def is_datetime(value: object) -> bool:
    """An ISO 8601 date and time (``2026-03-01T14:30``, seconds and offset optional)."""
    if not isinstance(value, str) or len(value) < 16 or value[10] not in "T ":
        return False
    try:
        datetime.fromisoformat(value)
    except ValueError:
        return False
    return True


def range_problem(q: Question, value: float) -> str | None:
    """Why ``value`` is outside the range question's start, end and step, or None."""
    start, end, step = (
        float(q.parameter(k, d)) for k, d in (("start", "1"), ("end", "10"), ("step", "1"))
    )
    low, high = min(start, end), max(start, end)
    if not low <= value <= high:
        return _("Expected a number from {low} to {high}.").format(
            low=to_str(low), high=to_str(high)
        )
    steps = (value - start) / step
    if abs(steps - round(steps)) > 1e-9:
        return _("Expected a step of {step} from {start}.").format(
            step=to_str(step), start=to_str(start)
        )
    return None


Key = tuple[str, tuple[str, ...]]


@dataclass(frozen=True)
class Problem:
    """One problem with one answer: ``kind`` is required, constraint, type or choice."""

    path: str
    kind: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


@dataclass(frozen=True)
class Evaluation:
    relevant: frozenset[str]  # relevant question, group and repeat-instance paths
    calculated: Mapping[str, Any]  # path -> value of every relevant calculation
    problems: tuple[Problem, ...]
    defaults: Mapping[str, Any]  # unanswered relevant questions with a default -> that value
    choices: Mapping[str, tuple[str, ...]]  # questions with a choice_filter -> allowed names
    read_only: frozenset[str]  # question paths the form makes read-only right now
    answers: Mapping[str, Any]
    unknown: tuple[str, ...]  # answer paths that match no question or instance of the form

    def is_relevant(self, path: str) -> bool:
        return path in self.relevant

    def problems_for(self, path: str) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if p.path == path)

    @property
    def ok(self) -> bool:
        return not self.problems

    def relevant_answers(self) -> dict[str, Any]:
        """The answers to export: those of relevant questions (and their ``_other`` texts)."""
        out = {}
        for path, value in self.answers.items():
            if path in self.relevant:
                out[path] = value
            elif path.endswith("_other") and path[: -len("_other")] in self.relevant:
                base = self.answers.get(path[: -len("_other")])
                if base == OTHER_CHOICE or (isinstance(base, list) and OTHER_CHOICE in base):
                    out[path] = value
        return out


class _Env:
    """What compiled expressions read while one of them runs (see expressions/compile.py)."""

    __slots__ = ("values", "inst", "dot", "row", "today", "session", "repeat")
    values: dict[Key, Any]  # every question's value as expressions see it
    inst: tuple[str, ...]  # the repeat instances the expression is evaluated in
    dot: Any  # the value of "." (the question's own)
    row: dict[str, str]  # the choice being filtered: its name and extra columns
    today: date
    session: Session
    repeat: str | None  # the innermost repeat around the expression

    def nodeset(self, name: str, prefix: tuple[str, ...]) -> NodeSet:
        return self.session.nodeset(name, prefix)

    def position(self) -> float:
        return self.session.position(self.repeat, self.inst)


def xpath_value(qtype: str, value: Any) -> Any:
    """An answer as expressions see it: strings, floats, dates; unanswered is ''."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "OK" if value else ""
    if isinstance(value, (int, float)):
        return float(value)
    if isinstance(value, list):
        return " ".join(str(v) for v in value)
    if isinstance(value, str):
        if qtype == DATE or qtype == TODAY:
            d = parse_date(value)
            return value if d is None else d
        if qtype == FILE:  # expressions see the file's name, as in ODK
            ref = parse_file_value(value)
            return value if ref is None else ref.name
        return value
    return str(value)


def json_value(v: Any) -> Any:
    """A computed XPath value as a JSON-compatible answer value (None for empty/NaN)."""
    if isinstance(v, bool):
        return v
    if isinstance(v, float):
        if not math.isfinite(v):
            return None
        return int(v) if v.is_integer() and abs(v) < 2**53 else v
    if isinstance(v, date):
        return v.isoformat()
    s = to_str(v)
    return s if s != "" else None


def _empty(value: Any) -> bool:
    return value is None or value == "" or value == [] or value is False


class Session:
    """The evaluation state of one submission, updated in place answer by answer."""

    def __init__(
        self,
        form: Form,
        answers: Mapping[str, Any],
        instances: Mapping[str, Iterable[str]],
        lang: str,
        today: date | None = None,
        *,
        check: bool = True,
    ):
        # check=False skips required/constraint/type checks: for callers that need only
        # relevance and calculations (export rendering), about a third less work.
        self.check = check
        self.form = form
        self.plan: Plan = plan_for(form)
        self.lang = lang
        self.answers: dict[str, Any] = dict(answers)
        self.env = _Env()
        self.env.session = self
        self.env.today = today or date.today()
        self.env.row = {}
        self.env.dot = ""
        self.env.repeat = None
        self._set_instances(instances)
        self._full()

    # --- public -------------------------------------------------------------------------------

    def evaluation(self) -> Evaluation:
        problems = sorted(self.problems.items(), key=lambda kv: self._order(kv[0]))
        return Evaluation(
            relevant=frozenset(self.relevant_paths),
            calculated=MappingProxyType(
                {self.path_of(k): v for k, v in self.calc.items() if v is not None}
            ),
            problems=tuple(p for _k, ps in problems for p in ps),
            defaults=MappingProxyType({self.path_of(k): v for k, v in self.defaults.items()}),
            choices=MappingProxyType({self.path_of(k): v for k, v in self.choices.items()}),
            read_only=frozenset(self.path_of(k) for k in self.read_only),
            answers=MappingProxyType(dict(self.answers)),
            unknown=tuple(p for p in self.answers if p not in self.key_of_path),
        )

    def set_answer(self, path: str, value: Any) -> Evaluation:
        """Record one answer (None clears it) and recompute only what it can affect."""
        if value is None:
            self.answers.pop(path, None)
        else:
            self.answers[path] = value
        key = self.key_of_path.get(path)
        if key is None:
            return self.evaluation()
        self.raw[key] = value
        name, inst = key
        d = self.plan.by_name[name]
        if d.calculation is None:
            self._compute_one(d, inst)
        for dd in self.plan.downstream[name]:
            self._compute(dd)
        for dd in self.plan.recheck[name]:
            if dd is d:
                self._check_one(d, inst)
            else:
                self._check(dd)
        return self.evaluation()

    def set_instances(self, instances: Mapping[str, Iterable[str]]) -> Evaluation:
        """New repeat instance lists (added, removed, reordered): a full pass."""
        self._set_instances(instances)
        self._full()
        return self.evaluation()

    # --- bookkeeping --------------------------------------------------------------------------

    def _set_instances(self, instances: Mapping[str, Iterable[str]]) -> None:
        self.children: dict[tuple[str, tuple[str, ...]], list[str]] = {}
        for rpath, iids in instances.items():
            try:
                name, pairs = parse_path(rpath)
            except ValueError:
                continue
            self.children[(name, tuple(i for _r, i in pairs))] = list(iids)
        self.positions = {
            (rep, parent + (iid,)): float(i + 1)
            for (rep, parent), iids in self.children.items()
            for i, iid in enumerate(iids)
        }
        self._inst_cache: dict[tuple[str, ...], list[tuple[str, ...]]] = {}
        # Map every possible answer path to its internal key once per instance layout.
        self.key_of_path: dict[str, Key] = {}
        self.path_by_key: dict[Key, str] = {}
        for d in self.plan.defs:
            for inst in self.instances(d.chain):
                path = self._make_path(d, inst)
                self.path_by_key[(d.name, inst)] = path
                if d.is_question:
                    self.key_of_path[path] = (d.name, inst)

    def _make_path(self, d: Def, inst: tuple[str, ...]) -> str:
        if d.is_repeat:
            pairs = tuple(zip(d.chain, inst, strict=True))
            return make_path(f"{pairs[-1][0]}[{pairs[-1][1]}]", pairs[:-1])
        return make_path(d.name, tuple(zip(d.chain, inst, strict=True)))

    def path_of(self, key: Key) -> str:
        return self.path_by_key[key]

    def _order(self, key: Key) -> tuple[int, tuple[float, ...]]:
        name, inst = key
        d = self.plan.by_name[name]
        return d.index, tuple(
            self.positions.get((rep, inst[: i + 1]), 0.0) for i, rep in enumerate(d.chain)
        )

    def instances(self, chain: tuple[str, ...]) -> list[tuple[str, ...]]:
        cached = self._inst_cache.get(chain)
        if cached is None:
            cached = [()]
            for rep in chain:
                cached = [p + (u,) for p in cached for u in self.children.get((rep, p), ())]
            self._inst_cache[chain] = cached
        return cached

    def nodeset(self, name: str, prefix: tuple[str, ...]) -> NodeSet:
        chain = self.form.chains[name]
        insts = [prefix]
        for rep in chain[len(prefix) :]:
            insts = [p + (u,) for p in insts for u in self.children.get((rep, p), ())]
        get = self.values.get
        return NodeSet(get((name, i), "") for i in insts)

    def position(self, repeat: str | None, inst: tuple[str, ...]) -> float:
        if repeat is None:  # position() outside any repeat
            return math.nan
        return self.positions.get((repeat, inst), math.nan)

    # --- passes -------------------------------------------------------------------------------

    def _full(self) -> None:
        self.raw: dict[Key, Any] = {}
        for path, value in self.answers.items():
            key = self.key_of_path.get(path)
            if key is not None:
                self.raw[key] = value
        self.values: dict[Key, Any] = {}
        self.env.values = self.values
        self.rel: dict[Key, bool] = {}
        self.calc: dict[Key, Any] = {}
        self.problems: dict[Key, tuple[Problem, ...]] = {}
        self.defaults: dict[Key, Any] = {}
        self.choices: dict[Key, tuple[str, ...]] = {}
        self.read_only: set[Key] = set()
        self.relevant_paths: set[str] = set()
        for d in self.plan.defs:
            self._compute(d)
        for d in self.plan.defs:
            self._check(d)

    def _compute(self, d: Def) -> None:
        for inst in self.instances(d.chain):
            self._compute_one(d, inst)
        if d.is_repeat:
            # The repeat as a whole (shown even with no instance) in each parent instance.
            for parent in self.instances(d.chain[:-1]):
                rel = self._parent_relevant(d, parent)
                if rel and d.container_relevant is not None:
                    env = self.env
                    outer = d.chain[-2] if len(d.chain) > 1 else None
                    env.inst, env.dot, env.repeat = parent, "", outer
                    rel = to_bool(d.container_relevant(env))
                path = make_path(d.name, tuple(zip(d.chain[:-1], parent, strict=True)))
                (self.relevant_paths.add if rel else self.relevant_paths.discard)(path)

    def _parent_relevant(self, d: Def, inst: tuple[str, ...]) -> bool:
        if d.parent is None:
            return True
        return self.rel.get((d.parent, inst[: d.parent_depth]), False)

    def _compute_one(self, d: Def, inst: tuple[str, ...]) -> None:
        key = (d.name, inst)
        env = self.env
        rel = self._parent_relevant(d, inst)
        if rel and d.relevant is not None:
            env.inst, env.dot, env.repeat = inst, "", d.chain[-1] if d.chain else None
            rel = to_bool(d.relevant(env))
        self.rel[key] = rel
        path = self.path_by_key[key]
        if rel:
            self.relevant_paths.add(path)
        else:
            self.relevant_paths.discard(path)
        question = d.item
        if not isinstance(question, Question):
            return
        if not rel:
            self.values[key] = ""
            self.calc.pop(key, None)
        elif d.calculation is not None:
            env.inst, env.dot, env.repeat = inst, "", d.chain[-1] if d.chain else None
            v = d.calculation(env)
            self.values[key] = v
            self.calc[key] = json_value(v)
        else:
            self.values[key] = xpath_value(question.type, self.raw.get(key))

    def _check(self, d: Def) -> None:
        if d.is_question and self.check:
            for inst in self.instances(d.chain):
                self._check_one(d, inst)

    def _check_one(self, d: Def, inst: tuple[str, ...]) -> None:  # noqa: C901
        if not self.check:
            return
        key = (d.name, inst)
        q: Question = d.item  # type: ignore[assignment]
        problems = self.problems
        problems.pop(key, None)
        self.defaults.pop(key, None)
        self.choices.pop(key, None)
        self.read_only.discard(key)
        if not self.rel.get(key, False) or q.type == NOTE or q.type == CALCULATE:
            return
        env = self.env
        env.inst, env.repeat = inst, d.chain[-1] if d.chain else None
        env.dot = self.values.get(key, "")
        if d.read_only is not None and to_bool(d.read_only(env)):
            self.read_only.add(key)
        allowed = None
        if d.choice_filter is not None:
            allowed = self._filter_choices(d, q)
            self.choices[key] = allowed
        value = self.raw.get(key)
        if d.calculation is not None:
            value = self.calc.get(key)
        path = self.path_by_key[key]
        if _empty(value):
            if q.default is not None and value is None:
                default = self._default(d, q)
                if default is not None:
                    self.defaults[key] = default
            if d.required is not None and to_bool(d.required(env)):
                problems[key] = (Problem(path, REQUIRED, self._required_message(q)),)
            return
        problem = self._type_problem(q, path, value, allowed)
        if problem is not None:
            problems[key] = (problem,)
            return
        if d.constraint is not None and not to_bool(d.constraint(env)):
            problems[key] = (Problem(path, CONSTRAINT, self._constraint_message(q)),)

    def _filter_choices(self, d: Def, q: Question) -> tuple[str, ...]:
        env = self.env
        saved = env.row
        names = []
        for choice in self.form.choices_for(q):
            env.row = {**choice.extras, "name": choice.name}
            if to_bool(d.choice_filter(env)):  # type: ignore[misc]
                names.append(choice.name)
        env.row = saved
        return tuple(names)

    def _default(self, d: Def, q: Question) -> Any:
        if d.default is not None:
            v = json_value(d.default(self.env))
        else:
            v = q.default
        if v is None:
            return None
        if q.type in (INTEGER, DECIMAL, RANGE) and isinstance(v, str):
            n = str_to_num(v)
            if not math.isfinite(n):
                return None
            return int(n) if q.type == INTEGER or n.is_integer() else n
        if q.type in (SELECT_MULTIPLE, RANK):
            return to_str(v).split()
        if q.type == ACKNOWLEDGE:
            return to_str(v).lower() in ("ok", "true", "yes", "1")
        return v if isinstance(v, str) else to_str(v)

    # --- messages -----------------------------------------------------------------------------

    def _required_message(self, q: Question) -> str:
        if q.required_messages:
            return q.required_messages.get(self.lang)[0]
        return _("This question requires an answer.")

    def _constraint_message(self, q: Question) -> str:
        if q.constraint_messages:
            return q.constraint_messages.get(self.lang)[0]
        return _("This answer is not accepted by the form's constraint.")

    def _type_problem(  # noqa: C901 - one branch per type
        self, q: Question, path: str, value: Any, allowed: tuple[str, ...] | None
    ) -> Problem | None:
        t = q.type
        if t == TEXT:
            if not isinstance(value, str):
                return Problem(path, TYPE, _("Expected text."))
        elif t == INTEGER:
            if isinstance(value, bool) or not isinstance(value, int):
                return Problem(path, TYPE, _("Expected a whole number."))
        elif t == DECIMAL:
            if isinstance(value, bool) or not isinstance(value, (int, float)):
                return Problem(path, TYPE, _("Expected a number."))
            if not math.isfinite(value):
                return Problem(path, TYPE, _("Expected a finite number."))
        elif t == DATE:
            if not isinstance(value, str) or parse_date(value) is None:
                return Problem(path, TYPE, _("Expected a date (YYYY-MM-DD)."))
        elif t == ACKNOWLEDGE:
            if not isinstance(value, bool):
                return Problem(path, TYPE, _("Expected a yes/no acknowledgement."))
        elif t == SELECT_ONE:
            if not isinstance(value, str):
                return Problem(path, TYPE, _("Expected one choice."))
            return self._choice_problem(q, path, [value], allowed)
        elif t == SELECT_MULTIPLE:
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                return Problem(path, TYPE, _("Expected a list of choices."))
            return self._choice_problem(q, path, value, allowed)
        elif t == RANK:
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                return Problem(path, TYPE, _("Expected the choices in ranked order."))
            if len(set(value)) != len(value):
                return Problem(path, TYPE, _("A choice is ranked twice."))
            return self._choice_problem(q, path, value, allowed)
        elif t == TIME:
            if not is_time(value):
                return Problem(path, TYPE, _("Expected a time (HH:MM)."))
        elif t in (DATETIME, START, END):
            if not is_datetime(value):
                return Problem(path, TYPE, _("Expected a date and time (YYYY-MM-DDTHH:MM)."))
        elif t == TODAY:
            if not isinstance(value, str) or parse_date(value) is None:
                return Problem(path, TYPE, _("Expected a date (YYYY-MM-DD)."))
        elif t == RANGE:
            if isinstance(value, bool) or not isinstance(value, (int, float)):
                return Problem(path, TYPE, _("Expected a number."))
            message = range_problem(q, float(value))
            if message is not None:
                return Problem(path, TYPE, message)
        elif t == FILE:
            if parse_file_value(value) is None:
                return Problem(path, TYPE, _("Expected an attached file."))
        elif t in (DEVICEID, USERNAME, AUDIT):
            if not isinstance(value, str):
                return Problem(path, TYPE, _("Expected text."))
        return None

    def _choice_problem(
        self, q: Question, path: str, values: list[str], allowed: tuple[str, ...] | None
    ) -> Problem | None:
        names = tuple(c.name for c in self.form.choices_for(q)) if allowed is None else allowed
        for v in values:
            if v not in names and not (q.or_other and v == OTHER_CHOICE):
                message = _("{value} is not one of the choices.").format(value=v)
                return Problem(path, CHOICE, message)
        return None


def evaluate(
    form: Form,
    answers: Mapping[str, Any],
    instances: Mapping[str, Iterable[str]],
    lang: str,
    today: date | None = None,
    *,
    check: bool = True,
) -> Evaluation:
    """Full evaluation of one submission's answers against ``form`` (``check=False``: only
    relevance and calculations, no problems)."""
    return Session(form, answers, instances, lang, today, check=check).evaluation()
