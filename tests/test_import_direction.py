"""The allowed import directions between the apps (docs/architecture.md), checked on the source.

Every `import` and `from ... import` in the application code is read with `ast` (module level and inside
functions alike; tests and migrations are left out), so an import that breaks the layering fails here even
when it only runs on one code path.
"""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent / "huquq"


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _imports(path: Path) -> set[str]:
    """Absolute names of everything the file imports (relative imports resolved)."""
    module = _module_name(path)
    package = module if path.name == "__init__.py" else module.rsplit(".", 1)[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")
                anchor = anchor[: len(anchor) - (node.level - 1)]
                base = ".".join(anchor + ([base] if base else []))
            found.add(base)
            found.update(f"{base}.{alias.name}" for alias in node.names)
    return found


def _sources():
    for path in sorted(ROOT.rglob("*.py")):
        if {"tests", "migrations"} & set(path.parts):
            continue
        yield _module_name(path), _imports(path)


SOURCES = dict(_sources())


def _importers(prefix: str, target: str) -> list[str]:
    """Modules under `prefix` that import `target` (or anything inside it)."""
    return sorted(module for module, imported in SOURCES.items()
                  if (module == prefix or module.startswith(prefix + "."))
                  and any(name == target or name.startswith(target + ".") for name in imported))


# (importing package, forbidden package, why)
FORBIDDEN = [
    ("huquq.accounts", "huquq.rules", "accounts is the base: tenants, users, audit"),
    ("huquq.accounts", "huquq.registry", "accounts is the base: tenants, users, audit"),
    ("huquq.accounts", "huquq.cases", "accounts is the base: tenants, users, audit"),
    ("huquq.accounts", "huquq.reports", "accounts is the base: tenants, users, audit"),
    ("huquq.rules", "huquq.registry", "the rules app stands alone (links to the directory are URLs)"),
    ("huquq.rules", "huquq.cases", "the rules app stands alone"),
    ("huquq.rules", "huquq.reports", "the rules app stands alone"),
    ("huquq.registry.directory", "huquq.cases", "the help directory knows nothing of casework"),
    ("huquq.registry.directory", "huquq.registry.employers", "the two registry domains are independent"),
    ("huquq.registry.employers", "huquq.registry.directory", "the two registry domains are independent"),
    ("huquq.registry.employers.models", "huquq.cases", "casework points at employers, not the reverse"),
    ("huquq.registry.employers.services", "huquq.cases", "casework points at employers, not the reverse"),
    ("huquq.registry.employers.selectors", "huquq.cases", "casework points at employers, not the reverse"),
    ("huquq.registry.employers.matching", "huquq.cases", "casework points at employers, not the reverse"),
    ("huquq.registry.employers.forms", "huquq.cases", "casework points at employers, not the reverse"),
    ("huquq.registry.employers.mentions_csv", "huquq.cases", "casework points at employers, not the reverse"),
    ("huquq.registry", "huquq.reports", "reports read the registry and casework, not the reverse"),
    ("huquq.cases", "huquq.reports", "reports may import cases, never the reverse"),
    ("huquq.cases", "huquq.registry.employers.warnings", "the warnings list reads casework, not the reverse"),
    ("huquq.cases", "huquq.registry.directory", "casework does not depend on the help directory"),
]


@pytest.mark.parametrize("importer, forbidden, why", FORBIDDEN, ids=[f"{a}->{b}" for a, b, _ in FORBIDDEN])
def test_forbidden_direction(importer, forbidden, why):
    assert _importers(importer, forbidden) == [], why


SHARED_TEXT_TOOLS = "huquq.text"  # pure-Python text tools (transliteration) every app may use


@pytest.mark.parametrize("package", ["huquq.rules.engine", "huquq.registry.employers.matching"])
def test_pure_python_engines_import_no_django_and_no_other_app(package):
    offenders = {module: sorted(name for name in imported
                                if name.split(".")[0] == "django"
                                or (name.startswith("huquq.") and not name.startswith(package)
                                    and not name.startswith(SHARED_TEXT_TOOLS)))
                 for module, imported in SOURCES.items() if module.startswith(package)}
    assert {module: names for module, names in offenders.items() if names} == {}


def test_the_checker_sees_imports_inside_functions_and_relative_ones():
    # A self-test, so that an empty SOURCES or a parser that misses imports cannot pass silently.
    assert len(SOURCES) > 50
    assert "huquq.cases.selectors" in SOURCES["huquq.registry.employers.warnings"]
    assert "huquq.registry.employers.models" in SOURCES["huquq.cases.transfer"]
    assert _importers("huquq.reports", "huquq.cases") != []
    nested = ROOT / "registry" / "employers" / "models.py"
    assert "huquq.registry.employers.matching.normalise" in _imports(nested)  # imported inside Employer.save
