"""Benchmark: the full case-statistics cube over N rows (default 1,000,000) of the REAL fact table
`cases.ViolationFact`, read through `huquq.cases.selectors.violation_facts` and the reports query layer.

    python benchmarks/statistics_cube_cases.py [--rows N] [--uniform]
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/facts python benchmarks/statistics_cube_cases.py

Works in a throw-away test database (test_<name> on PostgreSQL, a temporary file for SQLite). The fact rows
are bulk-inserted directly (COPY on PostgreSQL): no Case or Violation rows are created, so the foreign keys
of the throw-away table are dropped first. Values are drawn from the casework vocabularies with skewed
weights (most cases are wage theft, in Moscow, by employers, ...); --uniform draws every value with equal
probability instead, which gives far more non-empty cells (a worst case for the GROUP BY).
Times, with the same functions the pages use:
  - the full cube (one GROUP BY over seven dimensions) for the published scope (consent to statistics),
    for an analyst (one organisation) and for a site superuser (every row);
  - all one- and two-dimension tables as separate GROUP BYs, and the shadow-report table.
Prints figures only; it asserts nothing about time.
"""

from __future__ import annotations

import argparse
import itertools
import os
import random
import sys
import time
from pathlib import Path
from types import SimpleNamespace

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "huquq.settings")

from _throwaway_db import best, bulk_insert, cpu_cost, throwaway_database  # noqa: E402

COLUMNS = ["case_id", "violation_id", "violation_type", "sex", "age_group", "citizenship", "host_country",
           "host_region", "year", "perpetrator_kind", "organisation_id", "verified", "allows_statistics",
           "created_by_id"]
ORGANISATIONS = (1, 2, 3, 4, 5)


def _vocabularies():
    from huquq.cases.models import AgeGroup, StateActor
    from huquq.cases.vocab import violation_types
    from huquq.registry.employers.models import Employer

    types = list(violation_types())
    regions = {"RU": ["RU-MOW", "RU-MOS", "RU-SPE", "RU-LEN", "RU-SVE", "RU-NVS", "RU-KDA", "RU-TAT", ""],
               "KZ": ["KZ-ALA", "KZ-AST", "KZ-SHY", "KZ-ALM", ""]}
    perpetrators = [*Employer.Kind.values, *StateActor.values, ""]
    return {
        "violation_type": (types, [30, 12, 10, 8] + [3] * (len(types) - 4)),
        "sex": (["male", "female", "unknown", "other"], [60, 33, 6, 1]),
        "age_group": (AgeGroup.values, [2, 40, 35, 15, 2, 6][:len(AgeGroup.values)]),
        "citizenship": (["UZ", "TJ", "KG", "KZ", "TM", ""], [40, 30, 20, 5, 2, 3]),
        "host_country": (["RU", "KZ"], [80, 20]),
        "host_region": (regions, None),
        "year": (list(range(2012, 2027)), [1, 1, 1, 2, 3, 3, 4, 5, 6, 7, 8, 10, 12, 14, 9]),
        "perpetrator_kind": (perpetrators, [50, 12, 6] + [4] * (len(perpetrators) - 4) + [5]),
    }


def _rows(n: int, offset: int, rng: random.Random, uniform: bool):
    vocab = _vocabularies()

    def draw(name):
        values, weights = vocab[name]
        return rng.choices(values, None if uniform else weights, k=n)

    columns = {name: draw(name) for name in vocab if name != "host_region"}
    regions = vocab["host_region"][0]
    columns["host_region"] = [rng.choice(regions[c]) for c in columns["host_country"]]
    orgs = rng.choices(ORGANISATIONS, [50, 20, 15, 10, 5], k=n)
    for i in range(n):
        number = offset + i + 1
        yield (number // 2 + 1, number, columns["violation_type"][i], columns["sex"][i], columns["age_group"][i],
               columns["citizenship"][i], columns["host_country"][i], columns["host_region"][i], columns["year"][i],
               columns["perpetrator_kind"][i], orgs[i], rng.random() < 0.6, rng.random() < 0.8, None)


def _insert(connection, n: int, uniform: bool) -> float:
    from huquq.cases.models import ViolationFact

    table = ViolationFact._meta.db_table
    rng = random.Random(5)
    start = time.perf_counter()
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT conname FROM pg_constraint WHERE conrelid = %s::regclass AND contype = 'f'",
                           [table])
            for (name,) in cursor.fetchall():
                cursor.execute(f'ALTER TABLE {table} DROP CONSTRAINT "{name}"')
        else:
            cursor.execute("PRAGMA foreign_keys = OFF")
        batch = 100_000
        batches = (_rows(min(batch, n - offset), offset, rng, uniform) for offset in range(0, n, batch))
        bulk_insert(cursor, connection.vendor, table, COLUMNS, batches, n)
        if connection.vendor == "postgresql":
            cursor.execute(f"VACUUM ANALYZE {table}")
        else:
            cursor.execute(f"ANALYZE {table}")
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=3, help="runs per query; the best is printed")
    parser.add_argument("--uniform", action="store_true", help="equal probabilities (many more cells)")
    parser.add_argument("--keep", action="store_true", help="keep the PostgreSQL test database (for EXPLAIN)")
    args = parser.parse_args()

    with throwaway_database(keep=args.keep) as connection:
        run(args, connection)
    return 0


def run(args, connection) -> None:
    from huquq.cases.selectors import violation_facts
    from huquq.reports.statistics import CUBE_DIMENSIONS, count_by, cube, shadow_category_table

    print(f"backend: {connection.vendor} ({connection.settings_dict['NAME']}); table cases_violationfact; "
          f"rows: {args.rows:,} ({'uniform' if args.uniform else 'skewed'} values); load average before: "
          f"{os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
    print("note: fact rows inserted directly (no Case/Violation rows; the throw-away table's foreign keys "
          "are dropped)")
    print(f"insert: {_insert(connection, args.rows, args.uniform):.1f} s")

    analyst = SimpleNamespace(is_authenticated=True, is_active=True, is_superuser=False, organisation_id=1,
                              role="analyst", pk=0)
    root = SimpleNamespace(is_authenticated=True, is_active=True, is_superuser=True, organisation_id=None,
                           role="", pk=0)
    scopes = [("published (consent to statistics)", None), ("analyst, one organisation", analyst),
              ("superuser, every row", root)]
    for label, user in scopes:
        facts = violation_facts(user)
        seconds, full = best(lambda facts=facts: cube(facts), args.repeat)
        print(f"full cube, GROUP BY {len(CUBE_DIMENSIONS)} dimensions, {label}: {seconds * 1000:.0f} ms "
              f"({len(full):,} non-empty cells, {sum(full.values()):,} facts); "
              f"single-process {cpu_cost(connection, lambda facts=facts: cube(facts))}")

    facts = violation_facts(None)
    pairs = [[d] for d in CUBE_DIMENSIONS] + [list(p) for p in itertools.combinations(CUBE_DIMENSIONS, 2)]
    total = 0.0
    slowest = (0.0, None)
    for dims in pairs:
        seconds, _result = best(lambda dims=dims: count_by(facts, dims), args.repeat)
        total += seconds
        slowest = max(slowest, (seconds, dims), key=lambda item: item[0])
    print(f"all {len(pairs)} one- and two-dimension tables, one GROUP BY each: {total * 1000:.0f} ms in total, "
          f"{total / len(pairs) * 1000:.0f} ms on average, slowest {slowest[0] * 1000:.0f} ms "
          f"({' × '.join(slowest[1])})")
    seconds, table = best(lambda: shadow_category_table(facts), args.repeat)
    print(f"shadow-report table (category × sex, with suppression): {seconds * 1000:.0f} ms "
          f"(grand total {table.grand_total()})")
    print(f"load average after: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    sys.exit(main())
