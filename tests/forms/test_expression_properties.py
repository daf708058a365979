"""Hypothesis properties of the expression engine."""

from __future__ import annotations

import math
from datetime import date
from types import SimpleNamespace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gcm_collect.forms.expressions import ExpressionError, compile_expression, parse, unparse
from gcm_collect.forms.expressions.ast import PRECEDENCE, BinOp, Call, Dot, Neg, Num, Ref, Str
from gcm_collect.forms.expressions.values import NodeSet

NAMES = ("a", "b", "c")
CHAINS = {n: () for n in NAMES}

numbers = st.floats(min_value=0, max_value=1e12, allow_nan=False, allow_infinity=False).map(
    lambda x: Num(x + 0.0)
)
strings = st.text(st.characters(blacklist_characters="'", blacklist_categories=("Cs",))).map(Str)
leaves = st.one_of(numbers, strings, st.sampled_from(NAMES).map(Ref), st.just(Dot()))


def _extend(children):
    return st.one_of(
        st.builds(BinOp, st.sampled_from(sorted(PRECEDENCE)), children, children),
        st.builds(Neg, children),
        st.builds(lambda a: Call("not", (a,)), children),
        st.builds(lambda a, b, c: Call("if", (a, b, c)), children, children, children),
        st.builds(lambda a, b: Call("concat", (a, b)), children, children),
        st.builds(lambda a: Call("string-length", (a,)), children),
    )


trees = st.recursive(leaves, _extend, max_leaves=12)
values = st.one_of(
    st.just(""),
    st.text(max_size=5),
    st.floats(allow_nan=True, allow_infinity=True),
    st.booleans(),
    st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 1, 1)),
)


def env_for(vals):
    return SimpleNamespace(
        values={(n, ()): v for n, v in zip(NAMES, vals, strict=True)},
        inst=(),
        dot=vals[0],
        row={},
        today=date(2026, 1, 1),
        nodeset=lambda name, prefix: NodeSet(),
        position=lambda: 1.0,
    )


def evaluate(text, env):
    return compile_expression(parse(text), (), CHAINS)(env)


@given(trees)
def test_parse_unparse_round_trip(tree):
    assert parse(unparse(tree)) == tree


@pytest.mark.slow
@settings(max_examples=200)
@given(trees, trees, st.tuples(values, values, values))
def test_and_or_commute_and_de_morgan(p, q, vals):
    env = env_for(vals)
    sp, sq = unparse(p), unparse(q)

    def truth(text):
        return evaluate(f"boolean({text})", env)

    assert truth(f"({sp}) and ({sq})") == truth(f"({sq}) and ({sp})")
    assert truth(f"({sp}) or ({sq})") == truth(f"({sq}) or ({sp})")
    assert truth(f"not(({sp}) and ({sq}))") == truth(f"not({sp}) or not({sq})")
    assert truth(f"not(({sp}) or ({sq}))") == truth(f"not({sp}) and not({sq})")


@pytest.mark.slow
@settings(max_examples=300)
@given(trees, st.tuples(values, values, values))
def test_evaluation_never_raises(tree, vals):
    result = evaluate(unparse(tree), env_for(vals))
    assert isinstance(result, (str, float, bool, date))
    if isinstance(result, float) and not math.isnan(result):
        assert result == result


TOKENS = st.sampled_from(
    [
        "${a}",
        "${b}",
        ".",
        "..",
        "(",
        ")",
        ",",
        "'x'",
        '"y"',
        "1",
        "2.5",
        "+",
        "-",
        "*",
        "div",
        "mod",
        "=",
        "!=",
        "<",
        ">=",
        "and",
        "or",
        "not",
        "if",
        "selected",
        "count",
        "position",
        "concat",
        "sum",
        "today",
        "regex",
        "'['",
        " ",
        "${",
        "}",
        "'",
        "$",
        "foo",
        "#",
    ]
)


@settings(max_examples=400)
@given(st.one_of(st.text(max_size=40), st.lists(TOKENS, max_size=25).map("".join)))
def test_any_input_gives_a_value_or_a_clean_expression_error(text):
    try:
        fn = compile_expression(parse(text), (), CHAINS)
    except ExpressionError as exc:
        assert exc.message and "\n" not in exc.message
        return
    fn(env_for(("", 1.0, "x")))
