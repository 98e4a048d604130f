"""The engine package must stay free of Django."""

import ast
import os
import subprocess
import sys
from pathlib import Path

ENGINE = Path(__file__).resolve().parents[1] / "engine"


def test_engine_sources_do_not_import_django():
    for path in ENGINE.glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom):
                names = [node.module or ""]
            assert not any(n == "django" or n.startswith("django.") for n in names), f"{path.name} imports {names}"


def test_engine_runs_without_django_settings():
    code = (
        "import sys, datetime\n"
        "import huquq.rules.engine as e\n"
        "a = e.status({'citizenship': 'KG', 'host_country': 'RU', 'region': 'RU-MOW', 'entry_date': '2016-01-01'},"
        " datetime.date(2016, 1, 2))\n"
        "assert a.items\n"
        "bad = [m for m in sys.modules if m == 'django' or m.startswith('django.')]\n"
        "assert not bad, bad\n"
        "print('ok')\n"
    )
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env,
                         cwd=Path(__file__).resolve().parents[3])
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "ok"


def test_app_package_init_is_empty():
    init = Path(__file__).resolve().parents[1] / "__init__.py"
    assert init.read_text(encoding="utf-8").strip() == ""
