"""Validation engine: relevance, calculations, filtered choices, defaults and problems.

``evaluate()`` is a full pass. ``Session`` keeps the state of one submission and, after one answer
change, recomputes only the items the plan says can be affected; both give an ``Evaluation``.
Answers of irrelevant questions stay in the caller's hands but are neither validated nor seen by
expressions (an irrelevant question reads as empty, as in ODK).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from types import MappingProxyType
from typing import Any

from gcm_collect.forms.expressions.values import NodeSet, to_bool, to_str
from gcm_collect.forms.model import OTHER_CHOICE, Form, Question
from gcm_collect.forms.paths import make_path, parse_path
from gcm_collect.forms.plan import Def, Plan, plan_for
from gcm_collect.forms.types import TYPES, question_type, type_problem
from gcm_collect.i18n import _

REQUIRED, CONSTRAINT = "required", "constraint"  # and TYPE, CHOICE: forms/types


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

    def entries(self, repeat: str, prefix: tuple[str, ...]) -> list[str]:
        """The entry ids of ``repeat`` inside the outer entries ``prefix``, in order."""
        return self.session.children.get((repeat, prefix), [])

    def choice_label(self, question: str, name: str) -> str:
        return self.session.choice_label(question, name)


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
        convert = _XPATH.get(qtype)
        return value if convert is None else convert(value)
    return str(value)


_COMPUTED = frozenset(name for name, t in TYPES.items() if t.computed)  # never checked
# Types whose stored strings expressions see otherwise (dates as dates, files by name).
_XPATH = {name: t.xpath for name, t in TYPES.items() if t.xpath is not None}


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
        self._pending: list[Key] = []  # answers recorded, their effects not yet recomputed
        # Questions to check again (whole items, single answers, or all of them).
        self._unchecked: set[Def] = set()
        self._unchecked_one: set[Key] = set()
        self._check_all = False
        self._set_instances(instances)
        self._full()

    # --- public -------------------------------------------------------------------------------

    def evaluation(self) -> Evaluation:
        self._flush()
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
        self.record(path, value)
        return self.evaluation()

    def record(self, path: str, value: Any) -> None:
        """``set_answer`` without building the Evaluation (a third of its time): for a caller
        that sets many answers before it looks (demo), reading ``answers`` and ``choices_at``
        meanwhile. What the answer affects is marked and recomputed once, when next read: a
        calculation that reads a dozen answers recorded in a row is computed once, not a dozen
        times, with the same result (those that read their own earlier value, once() or ".",
        are computed after each change, as that value depends on every step)."""
        if value is None:
            self.answers.pop(path, None)
        else:
            self.answers[path] = value
        key = self.key_of_path.get(path)
        if key is None:
            return
        self.raw[key] = value
        self._pending.append(key)
        if key[0] in self.plan.eager:
            self._flush_values()

    def choices_at(self, path: str) -> tuple[str, ...] | None:
        """The choices a filtered choice question offers now (``Evaluation.choices``)."""
        key = self.key_of_path.get(path)
        if key is None:
            return None
        d = self.plan.by_name[key[0]]
        if d.choice_filter is None:
            return None  # never filtered: nothing to bring up to date
        self._flush_values()
        if key in self._unchecked_one or d in self._unchecked or self._check_all:
            self._check_one(d, key[1])  # and again with the others (the same result)
        return self.choices.get(key)

    def relevant(self) -> frozenset[str]:
        """The relevant paths now (``Evaluation.relevant``), answers not checked yet: for a
        caller that answers many questions before it looks at problems (demo)."""
        self._flush_values()
        return frozenset(self.relevant_paths)

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
        self._orders: dict[Key, tuple[int, tuple[float, ...]]] = {}
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
        if not d.chain:
            return d.name
        if d.is_repeat:
            pairs = tuple(zip(d.chain, inst, strict=True))
            return make_path(f"{pairs[-1][0]}[{pairs[-1][1]}]", pairs[:-1])
        return make_path(d.name, tuple(zip(d.chain, inst, strict=True)))

    def path_of(self, key: Key) -> str:
        return self.path_by_key[key]

    def _order(self, key: Key) -> tuple[int, tuple[float, ...]]:
        # Kept per instance layout: every evaluation() sorts the problems by it (a demo
        # submission made answer by answer sorted 2.4 million times, a third of its time).
        order = self._orders.get(key)
        if order is None:
            name, inst = key
            d = self.plan.by_name[name]
            order = self._orders[key] = (
                d.index,
                tuple(
                    self.positions.get((rep, inst[: i + 1]), 0.0) for i, rep in enumerate(d.chain)
                ),
            )
        return order

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

    def choice_label(self, question: str, name: str) -> str:
        """The label of choice ``name`` of ``question``'s list in the session's language."""
        try:
            choice = self.form.choice_lists[self.form.question(question).list_name or ""]
        except KeyError:
            return ""
        found = choice.get(name)
        return "" if found is None else found.labels.get(self.lang)[0]

    def position(self, repeat: str | None, inst: tuple[str, ...]) -> float:
        if repeat is None:  # position() outside any repeat
            return math.nan
        return self.positions.get((repeat, inst), math.nan)

    # --- passes -------------------------------------------------------------------------------

    def _flush(self) -> None:
        """Bring everything up to date: values, then checks."""
        self._flush_values()
        self._flush_checks()

    def _flush_values(self) -> None:
        """Recompute what the answers recorded since the last look affect: each item once, in
        dependency order; their checks are left for _flush_checks."""
        pending = self._pending
        if not pending:
            return
        self._pending = []
        if len(pending) == 1 and not self._unchecked_any():
            self._redo(*pending[0])  # one answer: as set_answer always did
            return
        plan = self.plan
        stale: set[Def] = set()
        for name, _inst in pending:
            stale.update(plan.downstream[name])
            self._unchecked.update(plan.recheck_others[name])
        self._unchecked_one.update(pending)
        own = [k for k in pending if plan.by_name[k[0]].calculation is None]
        for d, inst in self._in_order(stale, own):
            if inst is None:
                self._compute(d)
            else:
                self._compute_one(d, inst)

    def _unchecked_any(self) -> bool:
        return self._check_all or bool(self._unchecked) or bool(self._unchecked_one)

    def _flush_checks(self) -> None:
        """Check again the questions the answers since the last look touch (a check changes
        nothing another check reads, so when does not matter, only that values are current)."""
        if self._check_all:
            self._check_all = False
            self._unchecked, self._unchecked_one = set(), set()
            for d in self.plan.defs:
                self._check(d)
        elif self._unchecked or self._unchecked_one:
            todo = self._in_order(self._unchecked, self._unchecked_one)
            self._unchecked, self._unchecked_one = set(), set()
            for d, inst in todo:
                if inst is None:
                    self._check(d)
                else:
                    self._check_one(d, inst)

    def _redo(self, name: str, inst: tuple[str, ...]) -> None:
        """What one changed answer affects, in dependency order, then its checks."""
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

    def _in_order(
        self, whole: set[Def], single: Iterable[Key]
    ) -> list[tuple[Def, tuple[str, ...] | None]]:
        """Items to redo in every instance (None) or in one, in the plan's order; an instance
        of an item redone whole is left out, and so is a repeated one."""
        rank, by_name = self.plan.rank, self.plan.by_name
        todo: list[tuple[Def, tuple[str, ...] | None]] = [(d, None) for d in whole]
        todo += [(by_name[n], inst) for n, inst in set(single) if by_name[n] not in whole]
        todo.sort(key=lambda t: rank[t[0].name])
        return todo

    def _full(self) -> None:
        self._pending.clear()  # a full pass redoes everything, checks when next looked at
        self._check_all = True
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
        # The engine's innermost step (every item, every instance, each pass): kept flat.
        key = (d.name, inst)
        env = self.env
        rel = d.parent is None or self.rel.get((d.parent, inst[: d.parent_depth]), False)
        if rel and d.relevant is not None:
            env.inst, env.dot, env.repeat = inst, "", d.repeat
            rel = to_bool(d.relevant(env))
        self.rel[key] = rel
        if rel:
            self.relevant_paths.add(self.path_by_key[key])
        else:
            self.relevant_paths.discard(self.path_by_key[key])
        if not d.is_question:
            return
        if not rel:
            self.values[key] = ""
            self.calc.pop(key, None)
        elif d.calculation is not None:
            # "." is the calculation's own value (what once() keeps): as stored, else as it was
            # calculated before in this session
            own = self.raw.get(key, self.calc.get(key))
            env.inst, env.repeat = inst, d.repeat
            env.dot = xpath_value(d.item.type, own)  # type: ignore[union-attr]
            v = d.calculation(env)
            self.values[key] = v
            self.calc[key] = json_value(v)
        else:
            self.values[key] = xpath_value(d.item.type, self.raw.get(key))  # type: ignore[union-attr]

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
        if not self.rel.get(key, False) or q.type in _COMPUTED:
            return
        env = self.env
        env.inst, env.repeat = inst, d.repeat
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
        return None if v is None else question_type(q.type).from_text(v)

    # --- messages -----------------------------------------------------------------------------

    def _required_message(self, q: Question) -> str:
        if q.required_messages:
            return q.required_messages.get(self.lang)[0]
        return _("This question requires an answer.")

    def _constraint_message(self, q: Question) -> str:
        if q.constraint_messages:
            return q.constraint_messages.get(self.lang)[0]
        return _("This answer is not accepted by the form's constraint.")

    def _type_problem(
        self, q: Question, path: str, value: Any, allowed: tuple[str, ...] | None
    ) -> Problem | None:
        problem = type_problem(self.form, q, value, allowed)
        return None if problem is None else Problem(path, *problem)


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
