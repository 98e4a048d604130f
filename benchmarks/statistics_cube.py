"""Benchmark: the full case-statistics cube over N synthetic violation facts (default 1,000,000).

    python benchmarks/statistics_cube.py [--rows N]
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/reports python benchmarks/statistics_cube.py

Works in a throw-away test database (test_<name> on PostgreSQL, a temporary file for SQLite), fills the
synthetic fixture table `reports_syntheticviolationfact` with a bulk insert (COPY on PostgreSQL), then
times, through the same query layer the pages use:
  - the full cube: one GROUP BY over all seven dimensions (type × sex × age × citizenship × region × year
    × perpetrator) with COUNT;
  - every one- and two-dimensional table the pages offer, each as its own GROUP BY;
  - the shadow-report table (category × sex) with suppression;
  - the same two-dimensional tables summed in Python from the cube (no further query).
Prints figures only; it asserts nothing about time.
"""

from __future__ import annotations

import argparse
import itertools
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "huquq.settings")

from _throwaway_db import bulk_insert, throwaway_database  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=3, help="runs per query; the best is printed")
    args = parser.parse_args()

    with throwaway_database(keep=False) as connection:
        run(args, connection)
    return 0


def _insert(connection, n: int) -> float:
    from huquq.reports import synthetic

    columns = ["violation_type", "sex", "age_group", "citizenship", "host_country", "host_region", "year",
               "perpetrator_kind", "organisation_id", "verified"]
    table = "reports_syntheticviolationfact"
    start = time.perf_counter()
    batch = 50_000
    with connection.cursor() as cursor:
        batches = ([tuple(r[c] for c in columns) for r in synthetic.violation_rows(
                        min(batch, n - offset), seed=offset, organisation_ids=(1, 2, 3))]
                   for offset in range(0, n, batch))
        bulk_insert(cursor, connection.vendor, table, columns, batches, n)
        if connection.vendor == "postgresql":
            cursor.execute(f"VACUUM ANALYZE {table}") if connection.connection.autocommit else cursor.execute(f"ANALYZE {table}")
    return time.perf_counter() - start


def _backend_cpu(connection) -> float | None:
    """CPU seconds the PostgreSQL server process of this connection has used so far (same machine only)."""
    if connection.vendor != "postgresql":
        return None
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        pid = cursor.fetchone()[0]
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _cpu_cost(connection, function) -> str:
    """Wall time depends on how busy the machine is; CPU time (server + this process) much less so."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET max_parallel_workers_per_gather = 0")  # all work in the one backend we measure
    server_before, client_before = _backend_cpu(connection), time.process_time()
    function()
    client = time.process_time() - client_before
    server = (_backend_cpu(connection) - server_before) if server_before is not None else 0.0
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("RESET max_parallel_workers_per_gather")
    if server_before is None:
        return f"CPU {client:.2f} s (SQLite works inside this process)"
    return f"CPU {server + client:.2f} s (database server {server:.2f} s, Python {client:.2f} s)"


def _best(function, repeat: int):
    best, result = None, None
    for _ in range(repeat):
        start = time.perf_counter()
        result = function()
        elapsed = time.perf_counter() - start
        best = elapsed if best is None else min(best, elapsed)
    return best, result


def run(args, connection) -> None:
    from huquq.reports.statistics import (
        CUBE_DIMENSIONS,
        case_table,
        count_by,
        cube,
        marginal,
        shadow_category_table,
    )
    from huquq.reports.synthetic import synthetic_violation_facts

    print(f"backend: {connection.vendor} ({connection.settings_dict['NAME']}); rows: {args.rows:,}; "
          f"load average before: {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
    print(f"insert: {_insert(connection, args.rows):.1f} s")
    facts = synthetic_violation_facts()

    seconds, full = _best(lambda: cube(facts), args.repeat)
    print(f"full cube, GROUP BY {len(CUBE_DIMENSIONS)} dimensions: {seconds * 1000:.0f} ms "
          f"({len(full):,} non-empty cells, {sum(full.values()):,} facts); {_cpu_cost(connection, lambda: cube(facts))}")

    pairs = [[d] for d in CUBE_DIMENSIONS] + [list(p) for p in itertools.combinations(CUBE_DIMENSIONS, 2)]
    total = 0.0
    slowest = (0.0, None)
    for dims in pairs:
        seconds, _result = _best(lambda dims=dims: count_by(facts, dims), args.repeat)
        total += seconds
        slowest = max(slowest, (seconds, dims), key=lambda item: item[0])
    print(f"all {len(pairs)} one- and two-dimension tables, one GROUP BY each: {total * 1000:.0f} ms in total, "
          f"{total / len(pairs) * 1000:.0f} ms on average, slowest {slowest[0] * 1000:.0f} ms ({' × '.join(slowest[1])})")

    seconds, table = _best(lambda: shadow_category_table(facts), args.repeat)
    print(f"shadow-report table (category × sex, with suppression): {seconds * 1000:.0f} ms "
          f"(grand total {table.grand_total()}); {_cpu_cost(connection, lambda: shadow_category_table(facts))}")

    seconds, table = _best(lambda: case_table(facts, ["host_region", "year", "perpetrator_kind"]), args.repeat)
    print(f"page table region × year × perpetrator (3 dims, with suppression): {seconds * 1000:.0f} ms "
          f"({len(table.row_keys)} rows)")

    start = time.perf_counter()
    for dims in pairs:
        marginal(full, dims)
    print(f"the same {len(pairs)} tables summed in Python from the cube: {(time.perf_counter() - start) * 1000:.0f} ms")
    print(f"load average after: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    sys.exit(main())
