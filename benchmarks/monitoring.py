"""Benchmark: importing monitoring submissions and computing office scorecards.

    python benchmarks/monitoring.py [--rows 100000] [--offices 100] [--quarters 8] [--per-cell 30]
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/h17 python benchmarks/monitoring.py

In a throw-away test database: (1) import N submissions of the shipped migrant questionnaire from an ODK
Central-layout CSV and from a KoBoToolbox-layout XLSX made by huquq.monitoring.fixtures, each through the
same service the web page and `huquq monitoring import` call (all-or-nothing parse, then bulk insert), and
re-import the CSV (nothing added); (2) compute the scorecard for O offices x Q quarters (per-cell answers
each), as the scorecard page does. Targets: import 100,000 in < 60 s; scorecards for 100 x 8 in < 2 s on
PostgreSQL. Prints figures only; it asserts nothing about time.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "huquq.settings")

from _throwaway_db import throwaway_database  # noqa: E402


def answers(rng: random.Random, office: str, day: dt.date) -> dict:
    problems = rng.sample(["no_queue_system", "no_woman_lawyer", "no_labour_advice"], rng.randint(0, 2)) or ["none"]
    came = rng.choice(["yes", "no"])
    out = {"office": office, "today": day.isoformat(), "satisfied": rng.choice(["yes", "yes", "no"]),
           "access_rating": rng.randint(1, 5), "came_with_problem": came,
           "problems": sorted(problems), "knows_where_to_apply": rng.choice(["yes", "no"])}
    if came == "yes":
        out["got_help"] = rng.choice(["yes", "no"])
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--offices", type=int, default=100)
    parser.add_argument("--quarters", type=int, default=8)
    parser.add_argument("--per-cell", type=int, default=30)
    parser.add_argument("--skip-xlsx", action="store_true", help="time the CSV import only")
    args = parser.parse_args()
    with throwaway_database() as connection:
        run(args, connection)
    return 0


def run(args, connection) -> None:
    from huquq.accounts.models import User
    from huquq.accounts.services import create_organisation
    from huquq.monitoring import fixtures, selectors, services
    from huquq.monitoring.models import Office, Submission

    print(f"database: {connection.vendor}; load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores "
          "(wall times grow with the load)")
    services.load_offices()
    forms = {q.form_id: q for q in services.install_shipped_forms()}
    questionnaire = forms["migrant_visit"]
    spec = services.spec_of(questionnaire)
    org = create_organisation(name="Benchmark NGO")
    rng = random.Random(17)
    codes = list(Office.objects.values_list("code", flat=True))
    rows = [(f"bench-{i}", "2026-03-01", answers(rng, rng.choice(codes), dt.date(2026, 1, 1)
                                                   + dt.timedelta(days=i % 300)))
            for i in range(args.rows)]

    files = fixtures.odk_csv(spec, rows)
    size = sum(len(data) for _name, data in files)
    start, cpu = time.perf_counter(), time.process_time()
    result = services.import_submissions(None, questionnaire, files, organisation=org)
    took = time.perf_counter() - start
    print(f"import ODK CSV: {result['added']:,} submissions ({size / 1e6:.1f} MB) in {took:.1f} s "
          f"({result['added'] / took:,.0f}/s; this process used {time.process_time() - cpu:.1f} s of CPU)")
    start, cpu = time.perf_counter(), time.process_time()
    again = services.import_submissions(None, questionnaire, files, organisation=org)
    print(f"re-import of the same CSV: {again['added']} added, {again['already_there']:,} already there, "
          f"{time.perf_counter() - start:.1f} s (CPU {time.process_time() - cpu:.1f} s)")
    if not args.skip_xlsx:
        Submission.objects.all().delete()
        start = time.perf_counter()
        data = fixtures.kobo_xlsx(spec, rows)
        made = time.perf_counter() - start
        start, cpu = time.perf_counter(), time.process_time()
        result = services.import_submissions(None, questionnaire, [("kobo.xlsx", data)], organisation=org)
        took = time.perf_counter() - start
        print(f"import KoBo XLSX: {result['added']:,} submissions ({len(data) / 1e6:.1f} MB, written in "
              f"{made:.1f} s) in {took:.1f} s ({result['added'] / took:,.0f}/s; CPU "
              f"{time.process_time() - cpu:.1f} s)")
    Submission.objects.all().delete()

    offices = [Office(code=f"bench-{i:03d}", name=f"Benchmark office {i}", kind="consulate", country="RU")
               for i in range(args.offices)]
    Office.objects.bulk_create(offices)
    offices = list(Office.objects.filter(code__startswith="bench-"))
    batch = []
    for office in offices:
        for q in range(args.quarters):
            day = dt.date(2025 + q // 4, 3 * (q % 4) + 1, 15)
            for _n in range(args.per_cell):
                batch.append(Submission(questionnaire=questionnaire, organisation=org, office=office, date=day,
                                        answers=answers(rng, office.code, day), complete=True, source="odk"))
    Submission.objects.bulk_create(batch, batch_size=5000)
    superuser = User(is_superuser=True, is_active=True)
    best = best_cpu = None
    for _run in range(3):
        start, cpu = time.perf_counter(), time.process_time()
        card = selectors.scorecard(superuser, questionnaire)
        took, used = time.perf_counter() - start, time.process_time() - cpu
        best = took if best is None else min(best, took)
        best_cpu = used if best_cpu is None else min(best_cpu, used)
    cells = len(card.responses)
    print(f"scorecard: {len(card.offices)} offices x {len(card.periods)} quarters = {cells} cells, "
          f"{len(card.indicators)} indicators, {len(batch):,} submissions: best of 3 {best:.2f} s wall, "
          f"{best_cpu:.2f} s CPU in this process (the database server's CPU is not counted)")
    print(f"load average at the end: {', '.join(f'{x:.1f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    sys.exit(main())
