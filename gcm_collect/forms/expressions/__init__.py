"""The XLSForm/ODK XPath subset: parse once, compile to closures, evaluate fast."""

from gcm_collect.forms.expressions.ast import Node, references, unparse
from gcm_collect.forms.expressions.compile import compile_expression
from gcm_collect.forms.expressions.parse import FUNCTIONS, ExpressionError, parse

__all__ = [
    "FUNCTIONS",
    "ExpressionError",
    "Node",
    "compile_expression",
    "parse",
    "references",
    "unparse",
]
