"""How fast the audit log appends and verifies: prints entries per second for both.

usage: .venv/bin/python benchmarks/audit_chain.py [N]   (default 20,000; uses a throw-away SQLite file
unless DATABASE_URL is set, in which case it writes to that database's `bench_` copy via Django's test runner)
"""

import os
import sys
import tempfile
import time

N = int(sys.argv[1]) if len(sys.argv) > 1 else 20_000

if not os.environ.get("DATABASE_URL"):
    os.environ["HUQUQ_VAR_DIR"] = tempfile.mkdtemp(prefix="huquq-bench-")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "huquq.settings")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test.utils import setup_databases, teardown_databases  # noqa: E402

from huquq.accounts import audit  # noqa: E402


def main():
    old_config = setup_databases(verbosity=0, interactive=False)
    try:
        started = time.perf_counter()
        for i in range(N):
            audit.record(None, "view", object_type="bench.object", object_id=str(i), detail={"fields": ["x"]})
        append_s = time.perf_counter() - started
        started = time.perf_counter()
        report = audit.verify_chain()
        verify_s = time.perf_counter() - started
        assert report.ok and report.checked == N
        print(f"database: {connection.vendor}")
        print(f"append: {N} entries in {append_s:.2f} s = {N / append_s:,.0f} entries/s")
        print(f"verify: {N} entries in {verify_s:.2f} s = {N / verify_s:,.0f} entries/s")
    finally:
        teardown_databases(old_config, verbosity=0)


if __name__ == "__main__":
    main()
