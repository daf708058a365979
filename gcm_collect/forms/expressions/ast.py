"""Expression syntax tree: small frozen nodes, comparable, and printable back to XPath text."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True, slots=True)
class Num:
    value: float


@dataclass(frozen=True, slots=True)
class Str:
    value: str


@dataclass(frozen=True, slots=True)
class Ref:
    """``${name}``: a question, group or repeat of the form."""

    name: str


@dataclass(frozen=True, slots=True)
class Col:
    """A bare name inside a choice_filter: a column of the choices sheet (``filter``, ``name``)."""

    name: str


@dataclass(frozen=True, slots=True)
class Dot:
    """``.``: the value of the question the expression belongs to."""


@dataclass(frozen=True, slots=True)
class DotDot:
    """``..``: only as the argument of ``position(..)``."""


@dataclass(frozen=True, slots=True)
class Neg:
    operand: Node


@dataclass(frozen=True, slots=True)
class BinOp:
    op: str
    left: Node
    right: Node


@dataclass(frozen=True, slots=True)
class Call:
    name: str
    args: tuple[Node, ...]


Node = Num | Str | Ref | Col | Dot | DotDot | Neg | BinOp | Call

# XPath 1.0 binding strength; every binary operator is left-associative.
PRECEDENCE: dict[str, int] = {
    "or": 1,
    "and": 2,
    "=": 3,
    "!=": 3,
    "<": 4,
    "<=": 4,
    ">": 4,
    ">=": 4,
    "+": 5,
    "-": 5,
    "*": 6,
    "div": 6,
    "mod": 6,
}
UNARY_PRECEDENCE = 7


def format_number(value: float) -> str:
    """XPath has no exponent notation: print integers plainly, others in full positional form."""
    if value.is_integer() and abs(value) < 1e16:
        return str(int(value))
    text = repr(value)
    if "e" in text or "E" in text:
        text = format(Decimal(text), "f")
    return text


def unparse(node: Node) -> str:
    """XPath text for ``node`` with only the parentheses the grammar needs."""
    if isinstance(node, Num):
        return format_number(node.value)
    if isinstance(node, Str):
        if "'" not in node.value:
            return f"'{node.value}'"
        if '"' not in node.value:
            return f'"{node.value}"'
        raise ValueError("a string with both quote kinds has no XPath literal")
    if isinstance(node, Ref):
        return "${" + node.name + "}"
    if isinstance(node, Col):
        return node.name
    if isinstance(node, Dot):
        return "."
    if isinstance(node, DotDot):
        return ".."
    if isinstance(node, Neg):
        inner = unparse(node.operand)
        if isinstance(node.operand, BinOp):
            inner = f"({inner})"
        elif inner.startswith("-"):
            inner = " " + inner
        return "-" + inner
    if isinstance(node, BinOp):
        prec = PRECEDENCE[node.op]
        left = unparse(node.left)
        if isinstance(node.left, BinOp) and PRECEDENCE[node.left.op] < prec:
            left = f"({left})"
        right = unparse(node.right)
        if isinstance(node.right, BinOp) and PRECEDENCE[node.right.op] <= prec:
            right = f"({right})"
        return f"{left} {node.op} {right}"
    if isinstance(node, Call):
        return f"{node.name}({', '.join(unparse(a) for a in node.args)})"
    raise TypeError(f"not an expression node: {node!r}")


def walk(node: Node):
    """Yield ``node`` and every node below it."""
    yield node
    if isinstance(node, Neg):
        yield from walk(node.operand)
    elif isinstance(node, BinOp):
        yield from walk(node.left)
        yield from walk(node.right)
    elif isinstance(node, Call):
        for arg in node.args:
            yield from walk(arg)


def references(node: Node) -> frozenset[str]:
    """Names read through ``${...}``."""
    return frozenset(n.name for n in walk(node) if isinstance(n, Ref))
