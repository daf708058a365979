"""The evaluation plan of a form: compiled closures, dependency order and change fan-out.

Built once per Form (cached on it). ``downstream[name]`` lists, in dependency order, every item
whose relevance or value can change when ``name``'s value changes; ``recheck[name]`` lists the
items whose problems, filtered choices or defaults must be recomputed. That lets the evaluator
redo only what one answer change touches.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from gcm_collect.forms.expressions import ExpressionError, compile_expression, references
from gcm_collect.forms.expressions.ast import Call, Dot, walk
from gcm_collect.forms.model import Expression, Form, Group, Question
from gcm_collect.i18n import _

Fn = Callable[[Any], Any]


@dataclass(eq=False)
class Def:
    name: str
    index: int
    item: Question | Group
    chain: tuple[str, ...]
    parent: str | None
    parent_depth: int
    is_question: bool
    is_repeat: bool
    relevant: Fn | None = None
    container_relevant: Fn | None = None  # a repeat's relevance with no instance in context
    calculation: Fn | None = None
    constraint: Fn | None = None
    required: Fn | None = None
    read_only: Fn | None = None
    choice_filter: Fn | None = None
    default: Fn | None = None
    value_reads: set[str] = field(default_factory=set)
    check_reads: set[str] = field(default_factory=set)
    reads_own: bool = False  # its calculation reads its own earlier value (".", once())
    repeat: str | None = None  # the innermost repeat around it (or itself), position()'s


class PlanError(Exception):
    """Problems found while compiling: (item name, column, message) triples."""

    def __init__(self, problems: list[tuple[str, str, str]]):
        super().__init__("; ".join(m for _n, _c, m in problems))
        self.problems = problems


@dataclass(eq=False)
class Plan:
    defs: list[Def]  # dependency order
    by_name: dict[str, Def]
    downstream: dict[str, list[Def]]
    recheck: dict[str, list[Def]]
    uses_instances: bool  # some expression reads across repeat instances or positions
    # Names whose change reaches a calculation that reads its own earlier value: its result
    # depends on every intermediate state, so a Session recomputes after each such change.
    eager: frozenset[str] = frozenset()
    rank: dict[str, int] = field(default_factory=dict)  # name -> place in ``defs``
    recheck_others: dict[str, list[Def]] = field(default_factory=dict)  # recheck but itself


def is_dynamic_default(text: str) -> bool:
    """XLSForm rule of thumb: a default that references or calls something is an expression."""
    return "${" in text or ("(" in text and ")" in text)


def plan_for(form: Form) -> Plan:
    plan = form.__dict__.get("_plan")
    if plan is None:
        plan = build_plan(form)
        object.__setattr__(form, "_plan", plan)
    return plan


class _Compiler:
    """Compiles a form's expressions, collecting problems and noting whether any expression
    reads across repeat instances (position(), or a field of another instance)."""

    def __init__(self, chains: Mapping[str, tuple[str, ...]]) -> None:
        self.chains = chains
        self.problems: list[tuple[str, str, str]] = []
        self.cross_instance = False

    def __call__(
        self, d: Def, column: str, expr: Expression | None, context: tuple[str, ...] | None = None
    ) -> Fn | None:
        if expr is None:
            return None
        ctx = d.chain if context is None else context
        if not self.cross_instance and self._crosses(expr, ctx):
            self.cross_instance = True
        try:
            return compile_expression(expr.node, ctx, self.chains)
        except ExpressionError as exc:
            self.problems.append((d.name, column, exc.message))
            return None

    def _crosses(self, expr: Expression, ctx: tuple[str, ...]) -> bool:
        if any(isinstance(n, Call) and n.name == "position" for n in walk(expr.node)):
            return True
        for ref in references(expr.node):
            rc = self.chains.get(ref)
            if rc is not None and rc != ctx[: len(rc)]:
                return True
        return False


def build_plan(form: Form) -> Plan:
    comp = _Compiler(form.chains)
    defs = [_define(form, comp, index, item) for index, item in enumerate(form.walk())]
    by_name = {d.name: d for d in defs}
    # Edges: a def depends on what its relevance/calculation reads and on its enclosing group.
    deps: dict[str, set[str]] = {}
    for d in defs:
        ds = {r for r in d.value_reads if r in by_name}
        if d.parent is not None:
            ds.add(d.parent)
        deps[d.name] = ds
    order = _topological(defs, deps, comp.problems)
    if comp.problems:
        raise PlanError(comp.problems)
    downstream, recheck = _reach(defs, order, deps)
    eager = frozenset(n for n, ds in downstream.items() if any(dd.reads_own for dd in ds))
    rank = {d.name: i for i, d in enumerate(order)}
    others = {n: [dd for dd in ds if dd.name != n] for n, ds in recheck.items()}
    return Plan(order, by_name, downstream, recheck, comp.cross_instance, eager, rank, others)


def _define(form: Form, comp: _Compiler, index: int, item: Question | Group) -> Def:
    """The compiled definition of one item of the form."""
    chains = form.chains
    parent = form.parent(item.name)
    chain = chains[item.name]
    d = Def(
        name=item.name,
        index=index,
        item=item,
        chain=chain,
        parent=None if parent is None else parent.name,
        parent_depth=0 if parent is None else len(chains[parent.name]),
        is_question=isinstance(item, Question),
        is_repeat=isinstance(item, Group) and item.is_repeat,
        repeat=chain[-1] if chain else None,
    )
    d.relevant = comp(d, "relevant", item.relevant)
    if item.relevant is not None:
        d.value_reads |= references(item.relevant.node)
    if isinstance(item, Group):
        if item.is_repeat:
            d.container_relevant = comp(d, "relevant", item.relevant, chain[:-1])
            comp(d, "repeat_count", item.repeat_count, chain[:-1])
    else:
        _define_field(comp, d, item)
    return d


def _define_field(comp: _Compiler, d: Def, item: Question) -> None:
    """A question's (or note's) own expressions: calculation, checks, dynamic default."""
    d.calculation = comp(d, "calculation", item.calculation)
    d.constraint = comp(d, "constraint", item.constraint)
    d.required = comp(d, "required", item.required)
    d.read_only = comp(d, "read_only", item.read_only)
    d.choice_filter = comp(d, "choice_filter", item.choice_filter)
    for e in (item.constraint, item.required, item.read_only, item.choice_filter):
        if e is not None:
            d.check_reads |= references(e.node)
    if item.calculation is not None:
        d.value_reads |= references(item.calculation.node)
        d.reads_own = any(
            isinstance(n, Dot) or (isinstance(n, Call) and n.name == "once")
            for n in walk(item.calculation.node)
        )
    if item.default is not None and is_dynamic_default(item.default):
        try:
            d.default = comp(d, "default", Expression.of(item.default))
        except ExpressionError as exc:
            comp.problems.append((d.name, "default", exc.message))
        else:
            d.check_reads |= references(Expression.of(item.default).node)


def _reach(
    defs: list[Def], order: list[Def], deps: dict[str, set[str]]
) -> tuple[dict[str, list[Def]], dict[str, list[Def]]]:
    """For each def, in evaluation order: the defs whose values follow from it (downstream),
    and those to check again when it changes (recheck)."""
    by_name = {d.name: d for d in defs}
    rank = {d.name: i for i, d in enumerate(order)}
    dependents: dict[str, set[str]] = {d.name: set() for d in defs}
    for name, ds in deps.items():
        for dep in ds:
            dependents[dep].add(name)
    checkers: dict[str, set[str]] = {d.name: set() for d in defs}
    for d in defs:
        for r in d.check_reads:
            if r in checkers:
                checkers[r].add(d.name)
    downstream: dict[str, list[Def]] = {}
    recheck: dict[str, list[Def]] = {}
    for d in defs:
        seen = _closure(dependents, d.name)
        downstream[d.name] = [by_name[n] for n in sorted(seen, key=rank.__getitem__)]
        touched = seen | {d.name}
        again = set(touched)
        for n in touched:
            again |= checkers[n]
        recheck[d.name] = [by_name[n] for n in sorted(again, key=rank.__getitem__)]
    return downstream, recheck


def _closure(dependents: dict[str, set[str]], name: str) -> set[str]:
    """Every def reached from ``name`` through ``dependents`` (not itself, unless in a cycle)."""
    seen: set[str] = set()
    stack = list(dependents[name])
    while stack:
        n = stack.pop()
        if n not in seen:
            seen.add(n)
            stack.extend(dependents[n])
    return seen


def _topological(
    defs: list[Def], deps: dict[str, set[str]], problems: list[tuple[str, str, str]]
) -> list[Def]:
    by_name = {d.name: d for d in defs}
    state: dict[str, int] = {}  # 1 = on the stack, 2 = done
    order: list[Def] = []
    for start in defs:
        if start.name in state:
            continue
        # Iterative DFS: forms can be deep enough to hit Python's recursion limit.
        stack: list[tuple[str, list[str]]] = [(start.name, sorted(deps[start.name]))]
        state[start.name] = 1
        while stack:
            name, pending = stack[-1]
            if pending:
                nxt = pending.pop()
                st = state.get(nxt)
                if st is None:
                    state[nxt] = 1
                    stack.append((nxt, sorted(deps[nxt])))
                elif st == 1:
                    cycle = [n for n, _p in stack]
                    cycle = cycle[cycle.index(nxt) :] + [nxt]
                    problems.append(
                        (
                            name,
                            _cycle_column(by_name[name], nxt),
                            _("circular reference: {cycle}").format(
                                cycle=" -> ".join("${" + n + "}" for n in cycle)
                            ),
                        )
                    )
                    state[nxt] = 2
            else:
                stack.pop()
                state[name] = 2
                order.append(by_name[name])
    return order


def _cycle_column(d: Def, target: str) -> str:
    item = d.item
    if isinstance(item, Question) and item.calculation is not None:
        if target in references(item.calculation.node):
            return "calculation"
    return "relevant"
