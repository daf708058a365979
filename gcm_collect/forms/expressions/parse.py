"""Tokenizer and Pratt parser for the XLSForm/ODK XPath subset.

Every problem is an ``ExpressionError`` with one translated line; nothing else escapes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from gcm_collect.forms.expressions.ast import (
    PRECEDENCE,
    UNARY_PRECEDENCE,
    BinOp,
    Call,
    Col,
    Dot,
    DotDot,
    Neg,
    Node,
    Num,
    Ref,
    Str,
)
from gcm_collect.i18n import _

# name -> (fewest arguments, most arguments or None for any number)
FUNCTIONS: dict[str, tuple[int, int | None]] = {
    "selected": (2, 2),
    "count-selected": (1, 1),
    "string-length": (0, 1),
    "concat": (1, None),
    "if": (3, 3),
    "coalesce": (2, 2),
    "regex": (2, 2),
    "today": (0, 0),
    "int": (1, 1),
    "number": (0, 1),
    "count": (1, 1),
    "sum": (1, 1),
    "position": (1, 1),
    "true": (0, 0),
    "false": (0, 0),
    "not": (1, 1),
    "string": (0, 1),
    "round": (1, 2),
    "boolean": (1, 1),
    "contains": (2, 2),
    "date": (1, 1),
    # ODK's own (expressions/odk.py, and compile.py for the two that read the form)
    "join": (1, None),
    "substr": (2, 3),
    "min": (1, None),
    "max": (1, None),
    "now": (0, 0),
    "once": (1, 1),
    "format-date": (2, 2),
    "format-date-time": (2, 2),
    "indexed-repeat": (3, 7),
    "jr:choice-name": (2, 2),
}

# Deeper nesting than this is not a form anyone writes; refusing it keeps us off the C stack limit.
MAX_DEPTH = 60
# A chain like a + b + c ... parses in a loop but makes a tree as deep as it is long, and
# compiling, evaluating and printing recurse over the tree (RecursionError near 500 terms).
MAX_TREE_DEPTH = 200


class ExpressionError(Exception):
    """An expression that cannot be parsed or checked: one line, shown to the form author."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


@dataclass(frozen=True, slots=True)
class Token:
    kind: str  # num, str, ref, name, op, (, ), ",", ".", "..", end
    text: str
    pos: int


_NAME = r"[^\W\d][\w.\-]*"
NAME_RE = re.compile(_NAME + r"\Z")
CURLY_QUOTES = "\u2018\u2019\u201a\u201b\u201c\u201d\u201e\u201f\u00ab\u00bb\u2039\u203a"
# ODK's namespaced functions (jr:choice-name): one name token, so the message can name it
_NAMESPACED = r"(?:jr|odk):" + _NAME
_TOKEN_RE = re.compile(
    r"""
    (?P<ws>\s+)
  | (?P<num>\d+(?:\.\d*)?|\.\d+)
  | (?P<ref>\$\{(?P<refname>[^}]*)\})
  | (?P<str>'[^']*'|"[^"]*")
  | (?P<dotdot>\.\.)
  | (?P<dot>\.)
  | (?P<op>!=|<=|>=|[=<>+\-*])
  | (?P<punct>[(),])
  | (?P<name>"""
    + _NAMESPACED
    + "|"
    + _NAME
    + r""")
    """,
    re.VERBOSE,
)


def tokenize(text: str) -> list[Token]:
    tokens: list[Token] = []
    pos = 0
    while pos < len(text):
        m = _TOKEN_RE.match(text, pos)
        if m is None:
            ch = text[pos]
            if ch in "'\"":
                message = _("unterminated string starting at position {pos}")
                raise ExpressionError(message.format(pos=pos + 1))
            if text.startswith("${", pos):
                message = _("unterminated ${{...}} reference at position {pos}")
                raise ExpressionError(message.format(pos=pos + 1))
            if ch in CURLY_QUOTES:  # what word processors and phones put in place of ' and "
                message = _("curly quote {char} at position {pos}: use straight quotes (' or \")")
                raise ExpressionError(message.format(char=ch, pos=pos + 1))
            if ch == "/" and any(t.text == "instance" for t in tokens):
                raise ExpressionError(_unknown_function("instance"))
            if ch == "/":
                message = _(
                    "'/' at position {pos}: XPath paths are not read; refer to a question "
                    "as ${{name}}"
                )
                raise ExpressionError(message.format(pos=pos + 1))
            raise ExpressionError(
                _("unexpected character {char!r} at position {pos}").format(char=ch, pos=pos + 1)
            )
        kind = m.lastgroup or "ws"  # never None: every alternative of the pattern is named
        if kind == "refname":  # lastgroup reports the inner group for ${...}
            kind = "ref"
        if kind != "ws":
            if kind == "ref":
                name = m.group("refname").strip()
                if not NAME_RE.match(name):
                    raise ExpressionError(_("invalid reference ${{{name}}}").format(name=name))
                tokens.append(Token("ref", name, pos))
            elif kind == "str":
                tokens.append(Token("str", m.group()[1:-1], pos))
            elif kind == "dotdot":
                tokens.append(Token("..", "..", pos))
            elif kind == "dot":
                tokens.append(Token(".", ".", pos))
            elif kind == "punct":
                tokens.append(Token(m.group(), m.group(), pos))
            else:
                tokens.append(Token(kind, m.group(), pos))
        pos = m.end()
    tokens.append(Token("end", "", len(text)))
    return tokens


class _Parser:
    def __init__(self, text: str, allow_columns: bool):
        self.tokens = tokenize(text)
        self.i = 0
        self.depth = 0
        self.allow_columns = allow_columns

    def peek(self) -> Token:
        return self.tokens[self.i]

    def next(self) -> Token:
        tok = self.tokens[self.i]
        self.i += 1
        return tok

    def expect(self, kind: str) -> Token:
        tok = self.next()
        if tok.kind != kind:
            raise self.unexpected(tok, expected=kind)
        return tok

    def unexpected(self, tok: Token, expected: str | None = None) -> ExpressionError:
        if tok.kind == "end":
            if expected:
                message = _("expression ends early: expected {what}")
                return ExpressionError(message.format(what=expected))
            return ExpressionError(_("expression ends early"))
        return ExpressionError(
            _("unexpected {token!r} at position {pos}").format(
                token=tok.text or tok.kind, pos=tok.pos + 1
            )
        )

    def infix_op(self) -> str | None:
        tok = self.peek()
        if tok.kind == "op":
            return tok.text
        if tok.kind == "name" and tok.text in ("and", "or", "div", "mod"):
            return tok.text
        return None

    def expression(self, rbp: int = 0) -> Node:
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise ExpressionError(_("expression is nested too deeply"))
        left = self.prefix()
        while True:
            op = self.infix_op()
            if op is None or PRECEDENCE[op] <= rbp:
                break
            self.next()
            left = BinOp(op, left, self.expression(PRECEDENCE[op]))
        self.depth -= 1
        return left

    def prefix(self) -> Node:
        tok = self.next()
        kind = tok.kind
        if kind == "num":
            return Num(float(tok.text))
        if kind == "str":
            return Str(tok.text)
        if kind == "ref":
            return Ref(tok.text)
        if kind == ".":
            return Dot()
        if kind == "op" and tok.text == "-":
            # Unary minus binds tighter than any binary operator: -2*3 is (-2)*3.
            return Neg(self.expression(UNARY_PRECEDENCE - 1))
        if kind == "(":
            inner = self.expression()
            self.expect(")")
            return inner
        if kind == "name":
            if self.peek().kind == "(":
                return self.call(tok)
            if ":" in tok.text:
                raise ExpressionError(
                    _("{name} at position {pos} is an ODK name GCM Collect does not read").format(
                        name=tok.text, pos=tok.pos + 1
                    )
                )
            if self.allow_columns:
                return Col(tok.text)
            raise ExpressionError(
                _(
                    "unexpected name {name!r} at position {pos}: "
                    "use ${{{name}}} to refer to a question"
                ).format(name=tok.text, pos=tok.pos + 1)
            )
        if kind == "..":
            raise ExpressionError(_("'..' is only allowed in position(..)"))
        raise self.unexpected(tok)

    def call(self, name_tok: Token) -> Node:
        name = name_tok.text
        if name not in FUNCTIONS:
            raise ExpressionError(_unknown_function(name))
        self.expect("(")
        args: list[Node] = []
        if self.peek().kind != ")":
            while True:
                if name == "position" and self.peek().kind == "..":
                    self.next()
                    args.append(DotDot())
                else:
                    args.append(self.expression())
                if self.peek().kind == ",":
                    self.next()
                    continue
                break
        self.expect(")")
        low, high = FUNCTIONS[name]
        if len(args) < low or (high is not None and len(args) > high):
            if high is None:
                wanted = _("at least {n}").format(n=low)
            elif low == high:
                wanted = str(low)
            else:
                wanted = _("{low} to {high}").format(low=low, high=high)
            raise ExpressionError(
                _("{name}() takes {wanted} argument(s), not {count}").format(
                    name=name, wanted=wanted, count=len(args)
                )
            )
        if name == "position" and not isinstance(args[0], DotDot):
            raise ExpressionError(_("position() only accepts '..': write position(..)"))
        return Call(name, tuple(args))


def _unknown_function(name: str) -> str:
    if name == "instance":
        return _(
            "instance() looks answers up in lists outside the form, which GCM Collect does "
            "not read; filter a select's choices with choice_filter instead"
        )
    if name == "pulldata":
        return _("pulldata() reads a CSV file on a phone, which GCM Collect does not do")
    if ":" in name:
        return _("{name}() is an ODK extension GCM Collect does not evaluate").format(name=name)
    return _("unknown function {name}()").format(name=name)


def parse(text: str, *, allow_columns: bool = False) -> Node:
    """Parse one expression. ``allow_columns`` lets bare names stand for choice columns."""
    if not text.strip():
        raise ExpressionError(_("empty expression"))
    parser = _Parser(text, allow_columns)
    node = parser.expression()
    tok = parser.peek()
    if tok.kind != "end":
        raise parser.unexpected(tok)
    if _tree_depth(node) > MAX_TREE_DEPTH:
        raise ExpressionError(_("expression is nested too deeply"))
    return node


def _tree_depth(root: Node) -> int:
    """The depth of the tree, counted without recursion (the tree may be too deep for it)."""
    deepest = 0
    stack = [(root, 1)]
    while stack:
        node, depth = stack.pop()
        deepest = max(deepest, depth)
        if isinstance(node, BinOp):
            stack += [(node.left, depth + 1), (node.right, depth + 1)]
        elif isinstance(node, Neg):
            stack.append((node.operand, depth + 1))
        elif isinstance(node, Call):
            stack += [(arg, depth + 1) for arg in node.args]
    return deepest
