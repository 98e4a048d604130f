"""Benchmark: the printable case file (build, HTML, PDF) of a large case, and the region picker's resolver.

Usage: python benchmarks/case_file.py [--violations N] [--runs R]
A throw-away SQLite database (or a `test_` copy of DATABASE_URL's PostgreSQL database). Prints wall and
process CPU time; asserts nothing about time. No target is set in the issue: the figures are for reference.
"""

from __future__ import annotations

import argparse
import datetime
import os
import statistics
import sys
import time
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "huquq.settings")
os.environ.setdefault("HUQUQ_FIELD_KEYS", "benchmark-key")


def timed(function, runs):
    walls, cpus = [], []
    for _ in range(runs):
        wall, cpu = time.perf_counter(), time.process_time()
        function()
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    return statistics.median(walls), statistics.median(cpus)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--violations", type=int, default=200)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    from benchmarks._throwaway_db import throwaway_database

    with throwaway_database():
        from django.utils import translation

        from huquq.accounts.services import create_member, create_organisation
        from huquq.cases import casefile, regions, services
        from huquq.cases.tests.factories import make_case
        from huquq.cases.vocab import violation_type_choices

        org = create_organisation(name="Bench NGO", slug="bench")
        user = create_member(organisation=org, username="bench-cw", role="caseworker")
        case = make_case(org, actor=user, currency="RUB")
        types = [code for code, _label in violation_type_choices()]
        for i in range(args.violations):
            services.add_violation(case, actor=user, type=types[i % len(types)], victim=case.client,
                                   started_on=datetime.date(2025, 1, 1) + datetime.timedelta(days=i),
                                   region="RU-MOW", country="RU", description="Описание нарушения " * 5)
        for month in range(3):
            services.add_wage_claim(case, actor=user, agreed_wage=Decimal("45000"), units_worked=1,
                                    due_on=datetime.date(2025, 3 + month, 15), settled_on=datetime.date(2025, 12, 1))
        with translation.override("ru"):
            document = casefile.build(user, case)
            wall, cpu = timed(lambda: casefile.build(user, case), args.runs)
            print(f"build case file ({args.violations} violations, 3 wage claims): wall {wall*1000:.0f} ms, "
                  f"CPU {cpu*1000:.0f} ms (median of {args.runs})")
            pdf = casefile.render_pdf(document)
            wall, cpu = timed(lambda: casefile.render_pdf(document), args.runs)
            print(f"render PDF ({len(pdf)/1024:.0f} KiB): wall {wall*1000:.0f} ms, CPU {cpu*1000:.0f} ms")
    regions._index.cache_clear()
    wall, cpu = timed(regions._index, 1)
    print(f"region name index (every ISO 3166-2 name, all translations): wall {wall*1000:.0f} ms, "
          f"CPU {cpu*1000:.0f} ms (once per process)")
    typed = ["Москва", "Moskva", "Свердловская область", "Чуйская", "Sughd", "RU-MOW", "Нарния", "Osh"] * 625
    wall, cpu = timed(lambda: [regions.resolve(t) for t in typed], 3)
    print(f"resolve {len(typed)} typed regions: wall {wall*1000:.0f} ms, CPU {cpu*1000:.0f} ms")


if __name__ == "__main__":
    main()
