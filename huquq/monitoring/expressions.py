"""The XLSForm expression subset Huquq evaluates on the server (no Django import).

`required`, `constraint` and `relevant` of a form are parsed when the form is uploaded; a form that uses
anything outside this subset is refused with the expression named. The subset (docs/monitoring.md):

- references `${name}` (another question's answer) and `.` (this question's answer);
- literals: numbers (`3`, `2.5`) and strings in single or double quotes;
- comparisons `=  !=  <  <=  >  >=`; `and`, `or`; arithmetic `+  -  *  div  mod`; parentheses;
- functions `not(x)`, `selected(x, 'choice')`, `count-selected(x)`, `string-length(x)`, `true()`, `false()`;
- `required` may also be the words `yes`/`no` (pyxform writes them for the required column).

Values follow XPath 1.0 as ODK uses it: an unanswered question is the empty string; a comparison with a
number compares numbers (the empty string is NaN, so it compares false, except `!=`); otherwise strings
compare; `and`/`or` take the truth of each side (a non-empty string, a non-zero number).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

FUNCTIONS = {"not": 1, "selected": 2, "count-selected": 1, "string-length": 1, "true": 0, "false": 0}
_TOKEN = re.compile(r"""
    (?P<space>\s+)
  | (?P<ref>\$\{(?P<refname>[A-Za-z_][A-Za-z0-9_.\-]*)\})
  | (?P<number>\d+(?:\.\d+)?|\.\d+)
  | (?P<string>'[^']*'|"[^"]*")
  | (?P<op><=|>=|!=|=|<|>|\+|-|\*|\(|\)|,)
  | (?P<dot>\.(?![\w.]))
  | (?P<word>[A-Za-z_][A-Za-z0-9_\-]*)
""", re.VERBOSE)


class ExpressionError(ValueError):
    """An expression outside the supported subset, or malformed."""


@dataclass(frozen=True)
class Node:
    kind: str  # num, str, ref, dot, op, call
    value: object = None
    args: tuple = ()


def tokenize(text: str) -> list[tuple[str, str]]:
    tokens, pos = [], 0
    while pos < len(text):
        match = _TOKEN.match(text, pos)
        if not match:
            raise ExpressionError(f"cannot read {text[pos:pos + 20]!r}")
        pos = match.end()
        kind = match.lastgroup
        if kind == "space":
            continue
        if kind == "ref":
            tokens.append(("ref", match.group("refname")))
        elif kind == "refname":
            tokens.append(("ref", match.group("refname")))
        else:
            tokens.append((kind, match.group(kind)))
    return tokens


_BINARY = [("or",), ("and",), ("=", "!="), ("<", "<=", ">", ">="), ("+", "-"), ("*", "div", "mod")]


class _Parser:
    def __init__(self, text: str):
        self.text = text
        self.tokens = tokenize(text)
        self.pos = 0

    def peek(self):
        return self.tokens[self.pos] if self.pos < len(self.tokens) else (None, None)

    def take(self):
        token = self.peek()
        self.pos += 1
        return token

    def expect(self, value):
        kind, got = self.take()
        if got != value:
            raise ExpressionError(f"expected {value!r}, found {got!r}")

    def parse(self) -> Node:
        if not self.tokens:
            raise ExpressionError("empty expression")
        node = self.binary(0)
        if self.pos != len(self.tokens):
            raise ExpressionError(f"unexpected {self.peek()[1]!r}")
        return node

    def binary(self, level: int) -> Node:
        if level == len(_BINARY):
            return self.unary()
        node = self.binary(level + 1)
        while True:
            kind, value = self.peek()
            if kind in ("op", "word") and value in _BINARY[level]:
                self.take()
                node = Node("op", value, (node, self.binary(level + 1)))
            else:
                return node

    def unary(self) -> Node:
        kind, value = self.peek()
        if kind == "op" and value == "-":
            self.take()
            return Node("op", "neg", (self.unary(),))
        return self.primary()

    def primary(self) -> Node:
        kind, value = self.take()
        if kind == "number":
            return Node("num", float(value))
        if kind == "string":
            return Node("str", value[1:-1])
        if kind == "ref":
            return Node("ref", value)
        if kind == "dot":
            return Node("dot")
        if kind == "op" and value == "(":
            node = self.binary(0)
            self.expect(")")
            return node
        if kind == "word":
            if self.peek() != ("op", "("):
                raise ExpressionError(f"{value!r} is not supported (only ${{name}} references and .)")
            if value not in FUNCTIONS:
                raise ExpressionError(f"function {value}() is not supported")
            self.take()
            args = []
            if self.peek() != ("op", ")"):
                args.append(self.binary(0))
                while self.peek() == ("op", ","):
                    self.take()
                    args.append(self.binary(0))
            self.expect(")")
            if len(args) != FUNCTIONS[value]:
                raise ExpressionError(f"{value}() takes {FUNCTIONS[value]} argument(s), not {len(args)}")
            return Node("call", value, tuple(args))
        if kind is None:
            raise ExpressionError("the expression ends too early")
        raise ExpressionError(f"unexpected {value!r}")


def parse(text: str) -> Node:
    """Parse an expression of the subset, or raise ExpressionError naming what is not supported."""
    return _Parser(str(text)).parse()


def references(node: Node) -> set[str]:
    if node.kind == "ref":
        return {node.value}
    out: set[str] = set()
    for arg in node.args:
        out |= references(arg)
    return out


# ---- evaluation -------------------------------------------------------------------------------------

def _string(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (list, tuple)):
        return " ".join(str(v) for v in value)
    if isinstance(value, float):
        if math.isnan(value):
            return "NaN"
        return str(int(value)) if value.is_integer() else repr(value)
    return str(value)


def _number(value) -> float:
    if isinstance(value, bool):
        return 1.0 if value else 0.0
    if isinstance(value, (int, float)):
        return float(value)
    try:
        return float(_string(value).strip())
    except ValueError:
        return math.nan


def truth(value) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float)):
        return not (value == 0 or math.isnan(value))
    if isinstance(value, (list, tuple)):
        return bool(value)
    return value not in (None, "")


def _compare(op: str, left, right) -> bool:
    if isinstance(left, bool) or isinstance(right, bool):
        left, right = truth(left), truth(right)
    elif isinstance(left, (int, float)) or isinstance(right, (int, float)) or op in ("<", "<=", ">", ">="):
        left, right = _number(left), _number(right)
    else:
        left, right = _string(left), _string(right)
    return {"=": lambda a, b: a == b, "!=": lambda a, b: a != b, "<": lambda a, b: a < b,
            "<=": lambda a, b: a <= b, ">": lambda a, b: a > b, ">=": lambda a, b: a >= b}[op](left, right)


def _choices(value) -> list[str]:
    if isinstance(value, (list, tuple)):
        return [str(v) for v in value]
    return _string(value).split()


def evaluate(node: Node, lookup, current=None):
    """Evaluate `node`; `lookup(name)` gives another question's answer (None when unanswered)."""
    kind = node.kind
    if kind == "num":
        return node.value
    if kind == "str":
        return node.value
    if kind == "ref":
        value = lookup(node.value)
        return "" if value is None else value
    if kind == "dot":
        return "" if current is None else current
    if kind == "call":
        name, args = node.value, node.args
        if name == "true":
            return True
        if name == "false":
            return False
        if name == "not":
            return not truth(evaluate(args[0], lookup, current))
        if name == "selected":
            return _string(evaluate(args[1], lookup, current)) in _choices(evaluate(args[0], lookup, current))
        if name == "count-selected":
            return float(len(_choices(evaluate(args[0], lookup, current))))
        if name == "string-length":
            return float(len(_string(evaluate(args[0], lookup, current))))
    op = node.value
    if op == "neg":
        return -_number(evaluate(node.args[0], lookup, current))
    if op == "and":
        return truth(evaluate(node.args[0], lookup, current)) and truth(evaluate(node.args[1], lookup, current))
    if op == "or":
        return truth(evaluate(node.args[0], lookup, current)) or truth(evaluate(node.args[1], lookup, current))
    left = evaluate(node.args[0], lookup, current)
    right = evaluate(node.args[1], lookup, current)
    if op in ("=", "!=", "<", "<=", ">", ">="):
        return _compare(op, left, right)
    a, b = _number(left), _number(right)
    if op == "+":
        return a + b
    if op == "-":
        return a - b
    if op == "*":
        return a * b
    if op == "div":
        if b == 0:
            return math.nan if a == 0 or math.isnan(a) else math.copysign(math.inf, a) * math.copysign(1, b)
        return a / b
    if op == "mod":
        return math.nan if b == 0 or math.isnan(a) or math.isnan(b) or math.isinf(a) else math.fmod(a, b)
    raise ExpressionError(f"operator {op!r} is not supported")  # pragma: no cover - parse refuses it first


def is_true(text: str, lookup, current=None) -> bool:
    """Evaluate a bind expression as a condition; `required` may be yes/no as pyxform writes it."""
    text = str(text).strip()
    if text.lower() in ("yes", "true"):
        return True
    if text.lower() in ("no", "false", ""):
        return False
    return truth(evaluate(parse(text), lookup, current))
