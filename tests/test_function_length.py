"""No function of the application code is longer than 60 lines (docs/architecture.md), checked on the source.

A function that needs a scroll to read is several steps: name them. Every function and method in
`huquq/**/*.py` is measured with `ast` from its `def` line (decorators not counted) to its last line,
nested functions included in their parent's length; tests and migrations are left out. There is no
allow-list: split the function instead.
"""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent / "huquq"
MAX_LINES = 60


def _functions(path: Path):
    """(qualified name, first line, length in lines) of every function and method in the file."""
    tree = ast.parse(path.read_text(encoding="utf-8"))

    def walk(node, prefix):
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef):
                name = f"{prefix}{child.name}"
                yield name, child.lineno, child.end_lineno - child.lineno + 1
                yield from walk(child, f"{name}.")
            elif isinstance(child, ast.ClassDef):
                yield from walk(child, f"{prefix}{child.name}.")
            else:
                yield from walk(child, prefix)

    yield from walk(tree, "")


def _sources():
    for path in sorted(ROOT.rglob("*.py")):
        if {"tests", "migrations"} & set(path.relative_to(ROOT).parts):
            continue
        yield path


def test_no_function_is_longer_than_60_lines():
    too_long = [f"{path.relative_to(ROOT.parent)}:{line} {name} ({length} lines)"
                for path in _sources() for name, line, length in _functions(path) if length > MAX_LINES]
    assert too_long == [], (f"{len(too_long)} function(s) longer than {MAX_LINES} lines; split each into named "
                            "steps:\n" + "\n".join(too_long))


def _body(lines: int, indent: str) -> str:
    return "".join(f"{indent}x{i} = {i}\n" for i in range(lines))


def test_the_checker_measures_functions_methods_and_nested_ones(tmp_path):
    # A self-test, so that a walker that finds nothing or miscounts cannot pass silently.
    assert len(list(_sources())) > 50
    source = tmp_path / "sample.py"
    source.write_text("def fits():\n" + _body(MAX_LINES - 1, "    ")
                      + "\n\nclass Holder:\n    async def method(self):\n" + _body(MAX_LINES, "        ")
                      + "\n\ndef outer():\n    def inner():\n" + _body(MAX_LINES, "        ")
                      + "    return inner\n", encoding="utf-8")
    assert {name: (line, length) for name, line, length in _functions(source)} == {
        "fits": (1, MAX_LINES), "Holder.method": (MAX_LINES + 4, MAX_LINES + 1),
        "outer": (2 * MAX_LINES + 7, MAX_LINES + 3), "outer.inner": (2 * MAX_LINES + 8, MAX_LINES + 1)}
