"""Turn a syntax tree into a Python closure once, so evaluation is plain function calls.

A closure takes an ``Env`` (whatever the evaluator passes) and reads from it:
``values`` (effective value per (name, instance chain)), ``inst`` (the current instance chain),
``dot`` (the value of ``.``), ``row`` (the choice row for choice_filter), ``today``, ``session``
(its ``lang``) and the methods ``nodeset(name, prefix)``, ``position()``, ``entries(repeat,
prefix)`` and ``choice_label(question, name)``.
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Callable, Mapping
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

import re2  # type: ignore[import-untyped]  # google-re2 ships no type stubs

from gcm_collect.forms.expressions.ast import BinOp, Call, Col, Dot, Neg, Node, Num, Ref, Str
from gcm_collect.forms.expressions.odk import FUNCTIONS as ODK_FUNCTIONS
from gcm_collect.forms.expressions.parse import ExpressionError
from gcm_collect.forms.expressions.values import (
    NodeSet,
    compare,
    divide,
    modulo,
    to_bool,
    to_date,
    to_num,
    to_str,
)
from gcm_collect.i18n import _

Fn = Callable[[Any], Any]

# Regular expressions run on RE2 (Google's engine, no backtracking): matching takes time linear
# in the answer's length, whatever the pattern, so '^(a+)+$' cannot hang an import or the form
# window. Compiling is bounded too (RE2 refuses a pattern whose program needs more than max_mem).
# The price: no back-references and no look-around, refused when the form is read.
_RE2_OPTIONS = re2.Options()
_RE2_OPTIONS.log_errors = False  # RE2 would print its own English lines on the terminal
_RE2_OPTIONS.max_mem = 2 * 1024**2


@functools.lru_cache(maxsize=128)
def compile_regex(pattern: str) -> Any:
    """``pattern`` compiled by RE2; ExpressionError (one line, translated) when it cannot be."""
    try:
        return re2.compile(pattern, _RE2_OPTIONS)
    except re2.error as exc:
        reason = exc.args[0].decode("utf-8", "replace") if exc.args else ""
        if reason.startswith(
            (
                "invalid perl operator: (?=",
                "invalid perl operator: (?!",
                "invalid perl operator: (?<",
            )
        ) or (reason.startswith("invalid escape sequence: \\") and reason[-1:].isdigit()):
            raise ExpressionError(
                _(
                    "the regular expression {pattern!r} uses look-ahead, look-behind or a "
                    "back-reference; these are not supported, so that checking an answer never "
                    "takes more than a moment"
                ).format(pattern=pattern)
            ) from None
        raise ExpressionError(
            _("invalid regular expression {pattern!r}: {reason}").format(
                pattern=pattern, reason=reason
            )
        ) from None


def _equality(op: str, left: Fn, right: Fn) -> Fn:
    """= and != : two texts compare as texts (most relevances: ${q} = 'yes'), straight away;
    anything else as XPath says (compare)."""
    want = op == "="

    def run(env: Any) -> bool:
        a, b = left(env), right(env)
        if type(a) is str and type(b) is str:
            return (a == b) is want
        return compare(op, a, b)

    return run


def compile_expression(
    node: Node, context: tuple[str, ...], chains: Mapping[str, tuple[str, ...]]
) -> Fn:
    """Compile ``node`` for a question whose repeat chain is ``context``.

    ``chains`` maps every name of the form to the repeats enclosing it (a repeat includes
    itself). A reference to a name in a repeat the context is not inside reads a node-set.
    """
    return _Compiler(context, chains).compile(node)


class _Compiler:
    def __init__(self, context: tuple[str, ...], chains: Mapping[str, tuple[str, ...]]):
        self.context = context
        self.chains = chains

    def compile(self, node: Node) -> Fn:  # noqa: C901 - one branch per node kind
        if isinstance(node, Num):
            value = node.value
            return lambda env: value
        if isinstance(node, Str):
            text = node.value
            return lambda env: text
        if isinstance(node, Dot):
            return lambda env: env.dot
        if isinstance(node, Col):
            col = node.name
            return lambda env: env.row.get(col, "")
        if isinstance(node, Ref):
            return self.ref(node.name)
        if isinstance(node, Neg):
            inner = self.compile(node.operand)
            return lambda env: -to_num(inner(env))
        if isinstance(node, BinOp):
            return self.binop(node)
        if isinstance(node, Call):
            return self.call(node)
        raise ExpressionError(_("'..' is only allowed in position(..)"))

    def ref(self, name: str) -> Fn:
        chain = self.chains.get(name)
        if chain is None:
            raise ExpressionError(_("unknown question ${{{name}}}").format(name=name))
        k = len(chain)
        if chain == self.context[:k]:
            if k == 0:
                key = (name, ())
                return lambda env: env.values.get(key, "")
            return lambda env: env.values.get((name, env.inst[:k]), "")
        # Not inside that repeat: the common outer instances select a node-set.
        common = 0
        while common < min(k, len(self.context)) and chain[common] == self.context[common]:
            common += 1
        return lambda env: env.nodeset(name, env.inst[:common])

    def binop(self, node: BinOp) -> Fn:
        op = node.op
        left = self.compile(node.left)
        right = self.compile(node.right)
        if op == "and":
            return lambda env: to_bool(left(env)) and to_bool(right(env))
        if op == "or":
            return lambda env: to_bool(left(env)) or to_bool(right(env))
        if op in ("=", "!="):
            return _equality(op, left, right)
        if op in ("<", "<=", ">", ">="):
            return lambda env: compare(op, left(env), right(env))
        if op == "+":
            return lambda env: to_num(left(env)) + to_num(right(env))
        if op == "-":
            return lambda env: to_num(left(env)) - to_num(right(env))
        if op == "*":
            return lambda env: to_num(left(env)) * to_num(right(env))
        if op == "div":
            return lambda env: divide(to_num(left(env)), to_num(right(env)))
        return lambda env: modulo(to_num(left(env)), to_num(right(env)))

    def call(self, node: Call) -> Fn:  # noqa: C901 - one branch per function
        name = node.name
        if name in ("count", "sum") and not isinstance(node.args[0], Ref):
            raise ExpressionError(
                _(
                    "{name}() needs a repeat or a question inside a repeat, like {name}(${{q}})"
                ).format(name=name)
            )
        if name == "position":
            if not self.context:
                raise ExpressionError(_("position(..) is only allowed inside a repeat"))
            return lambda env: env.position()
        if name == "regex" and isinstance(node.args[1], Str):
            pattern = compile_regex(node.args[1].value)  # checked when the form is read
            subject = self.compile(node.args[0])
            return lambda env: pattern.search(to_str(subject(env))) is not None
        if name == "indexed-repeat":
            return self.indexed_repeat(node.args)
        if name == "jr:choice-name":
            return self.choice_name(node.args)
        args = [self.compile(a) for a in node.args]
        impl = _FUNCTIONS[name]
        return impl(*args)

    def indexed_repeat(self, args: tuple[Node, ...]) -> Fn:
        """indexed-repeat(${q}, ${repeat}, index, ...): ${q} in the index-th (from 1) entry of
        each repeat named, outermost first; the repeats around the expression stay its own."""
        target = args[0].name if isinstance(args[0], Ref) else None
        repeats = [a.name if isinstance(a, Ref) else None for a in args[1::2]]
        chain = self.chains.get(target or "")
        usage = _(
            "indexed-repeat() takes a question, then a repeat around it and an index for each "
            "repeat level, like indexed-repeat(${{q}}, ${{repeat}}, 1)"
        ).format()
        if len(args) % 2 == 0 or chain is None or None in repeats:
            raise ExpressionError(usage)
        start = len(chain) - len(repeats)
        common = 0
        while common < min(len(chain), len(self.context)) and chain[common] == self.context[common]:
            common += 1
        if start < 0 or tuple(repeats) != chain[start:] or start > common:
            raise ExpressionError(usage)
        indexes = [self.compile(a) for a in args[2::2]]
        pairs = list(zip(chain[start:], indexes, strict=True))

        def run(env: Any) -> Any:
            inst = env.inst[:start]
            for repeat, index in pairs:
                entries = env.entries(repeat, inst)
                n = to_num(index(env))
                if not (math.isfinite(n) and 1 <= n <= len(entries)):
                    return ""
                inst = (*inst, entries[int(n) - 1])
            return env.values.get((target, inst), "")

        return run

    def choice_name(self, args: tuple[Node, ...]) -> Fn:
        """jr:choice-name(value, '${q}'): the label of the choice named value in ${q}'s list,
        in the language the form is shown in."""
        spelled = args[1].value if isinstance(args[1], Str) else ""
        found = re.fullmatch(r"\s*\$\{\s*([^}\s]+)\s*\}\s*", spelled)
        if found is None:
            raise ExpressionError(
                _(
                    "jr:choice-name() takes the value, then the question in quotes, like "
                    "jr:choice-name(${{q}}, '${{q}}')"
                ).format()
            )
        question = found[1]
        if question not in self.chains:
            raise ExpressionError(_("unknown question ${{{name}}}").format(name=question))
        value = self.compile(args[0])
        return lambda env: env.choice_label(question, to_str(value(env)))


def _selected(a: Fn, b: Fn) -> Fn:
    return lambda env: to_str(b(env)).strip() in to_str(a(env)).split()


def _count_selected(a: Fn) -> Fn:
    return lambda env: float(len(to_str(a(env)).split()))


def _string_length(a: Fn | None = None) -> Fn:
    if a is None:
        return lambda env: float(len(to_str(env.dot)))
    return lambda env: float(len(to_str(a(env))))


def _concat(*args: Fn) -> Fn:
    def run(env: Any) -> str:
        parts: list[str] = []
        for arg in args:
            v = arg(env)
            # ODK joins every node of a node-set, not just the first.
            if isinstance(v, NodeSet):
                parts.extend(to_str(x) for x in v)
            else:
                parts.append(to_str(v))
        return "".join(parts)

    return run


def _if(c: Fn, a: Fn, b: Fn) -> Fn:
    return lambda env: a(env) if to_bool(c(env)) else b(env)


def _coalesce(a: Fn, b: Fn) -> Fn:
    def run(env: Any) -> Any:
        v = a(env)
        return v if to_str(v) != "" else b(env)

    return run


def _regex(a: Fn, p: Fn) -> Fn:
    """regex() with a pattern computed from answers: an unusable pattern matches nothing."""

    def run(env: Any) -> bool:
        try:
            pattern = compile_regex(to_str(p(env)))
        except ExpressionError:
            return False
        return pattern.search(to_str(a(env))) is not None

    return run


def _int(a: Fn) -> Fn:
    def run(env: Any) -> float:
        n = to_num(a(env))
        return float(math.trunc(n)) if math.isfinite(n) else n

    return run


def _number(a: Fn | None = None) -> Fn:
    if a is None:
        return lambda env: to_num(env.dot)
    return lambda env: to_num(a(env))


def _count(a: Fn) -> Fn:
    def run(env: Any) -> float:
        v = a(env)
        return float(len(v)) if isinstance(v, NodeSet) else 1.0

    return run


def _sum(a: Fn) -> Fn:
    def run(env: Any) -> float:
        v = a(env)
        items = v if isinstance(v, NodeSet) else [v]
        return float(sum(to_num(x) for x in items))

    return run


def _round(a: Fn, digits: Fn | None = None) -> Fn:
    def run(env: Any) -> float:
        n = to_num(a(env))
        d = 0.0 if digits is None else to_num(digits(env))
        if not math.isfinite(n) or not math.isfinite(d):
            return n if math.isfinite(d) else math.nan
        # Half away from zero on the decimal text, so round(2.675, 2) is 2.68 as people expect.
        try:
            q = Decimal(repr(n)).quantize(Decimal(1).scaleb(-int(d)), rounding=ROUND_HALF_UP)
        except InvalidOperation:
            return n
        return float(q)

    return run


def _date(a: Fn) -> Fn:
    def run(env: Any) -> Any:
        d = to_date(a(env))
        return "" if d is None else d

    return run


def _string(a: Fn | None = None) -> Fn:
    if a is None:
        return lambda env: to_str(env.dot)
    return lambda env: to_str(a(env))


_FUNCTIONS: dict[str, Callable[..., Fn]] = {
    "selected": _selected,
    "count-selected": _count_selected,
    "string-length": _string_length,
    "concat": _concat,
    "if": _if,
    "coalesce": _coalesce,
    "regex": _regex,
    "today": lambda: lambda env: env.today,
    "int": _int,
    "number": _number,
    "count": _count,
    "sum": _sum,
    "true": lambda: lambda env: True,
    "false": lambda: lambda env: False,
    "not": lambda a: lambda env: not to_bool(a(env)),
    "string": _string,
    "round": _round,
    "boolean": lambda a: lambda env: to_bool(a(env)),
    "contains": lambda a, b: lambda env: to_str(b(env)) in to_str(a(env)),
    "date": _date,
    **ODK_FUNCTIONS,
}
