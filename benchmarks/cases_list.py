"""Benchmark: case list + filter + search on N synthetic cases, and bulk JSON import.

Usage: python benchmarks/cases_list.py [--cases N] [--import M] [--runs R]
SQLite by default (a fresh file under a temporary directory); PostgreSQL with DATABASE_URL set
(the database is used as is: use a scratch one). Prints figures; asserts nothing about time.
The issue asks for 1,000,000 cases; pass --cases 1000000 where the machine allows it.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--cases", type=int, default=int(os.environ.get("BENCH_CASES", 100_000)))
    parser.add_argument("--import", dest="import_n", type=int, default=int(os.environ.get("BENCH_IMPORT", 10_000)))
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()
    if not os.environ.get("DATABASE_URL"):
        os.environ["HUQUQ_VAR_DIR"] = tempfile.mkdtemp(prefix="huquq-bench-")
    os.environ.setdefault("HUQUQ_FIELD_KEYS", "benchmark-key")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "huquq.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", verbosity=0)
    from huquq.accounts.models import Organisation, User
    from huquq.cases import transfer
    from huquq.cases.models import Case
    from huquq.cases.search import fold
    from huquq.cases.selectors import CaseFilters, case_list
    from huquq.cases.vocab import violation_types

    vendor = connection.vendor
    rng = random.Random(42)
    org, _ = Organisation.objects.get_or_create(slug="bench", defaults={"name": "Benchmark NGO"})
    user = User.objects.filter(username="bench-cw").first() or User.objects.create(
        username="bench-cw", organisation=org, role="caseworker")
    Case.objects.filter(organisation=org).delete()

    regions = ["RU-MOW"] * 40 + ["RU-SPE"] * 15 + ["RU-MOS"] * 10 + ["KZ-ALA"] * 8 + ["RU-SVE", "RU-TYU", "RU-KDA",
                                                                                    "RU-NVS", "KZ-AST"] * 5
    cities = {"RU-MOW": "Москва", "RU-SPE": "Санкт-Петербург", "RU-MOS": "Подольск", "KZ-ALA": "Алматы"}
    citizenships = ["KG"] * 35 + ["TJ"] * 35 + ["UZ"] * 25 + ["KZ", "AM", "BY", "UA", "MD"]
    types = [t for t in violation_types() if t != "other"]
    weights = [30 if t in ("wage_theft", "no_written_contract", "document_confiscation") else 3 for t in types]
    words = ["стройка", "склад", "рынок", "ЖКХ", "уборка", "теплица", "такси", "швейный цех", "овощебаза"]
    employers = ["ООО Стройинвест", "ООО Чистый город", "ИП Иванов", "ООО Логистик", "ТОО Алатау Курылыс"]

    t0 = time.perf_counter()
    batch = []
    for i in range(args.cases):
        region = rng.choice(regions)
        codes = sorted(set(rng.choices(types, weights, k=rng.choice([1, 1, 2, 3]))))
        summary = f"{rng.choice(words)} {rng.choice(employers)} невыплата {rng.randint(1, 12)} месяцев"
        opened = f"{rng.randint(2012, 2026)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        batch.append(Case(organisation=org, reference=f"B-{i:07d}", title=f"Case {i}", summary=summary,
                          status=rng.choice(["intake", "assessment", "action", "resolved", "closed", "referred"]),
                          opened_on=opened, host_country=region[:2], host_region=region,
                          host_city=cities.get(region, ""), client_sex=rng.choice(["female", "male", "male"]),
                          client_citizenship=rng.choice(citizenships), violation_codes=" ".join(codes),
                          search_key=" " + fold(f"B-{i:07d} Case {i} {summary}") + " ",
                          assigned_to_id=user.pk if rng.random() < 0.1 else None, created_by_id=user.pk))
        if len(batch) == 5000:
            Case.objects.bulk_create(batch)
            batch = []
            if sys.stderr.isatty():
                sys.stderr.write(f"\rgenerated {i + 1}/{args.cases}")
    Case.objects.bulk_create(batch)
    if vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE cases_case")
    else:
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    print(f"[{vendor}] generated {args.cases:,} cases in {time.perf_counter() - t0:.1f} s")

    scenarios = {
        "list (first page)": CaseFilters(),
        "filter status": CaseFilters(status="action"),
        "filter region+citizenship+sex": CaseFilters(host_region="RU-SPE", citizenship="TJ", sex="female"),
        "filter violation type": CaseFilters(violation_type="forced_labour"),
        "filter date range": CaseFilters(opened_from="2020-01-01", opened_to="2020-03-31"),
        "assigned to me": CaseFilters(assigned_to_me=True),
        "search Cyrillic": CaseFilters(q="теплица"),
        "search Latin": CaseFilters(q="teplitsa"),
        "search + filter": CaseFilters(q="Чистый город", status="resolved", host_region="RU-MOW"),
        "search rare word": CaseFilters(q="B-0000042"),
    }
    all_times = []
    for name, filters in scenarios.items():
        times = []
        for _ in range(args.runs):
            start = time.perf_counter()
            rows = list(case_list(user, filters)[:26])
            times.append((time.perf_counter() - start) * 1000)
        all_times += times
        p95 = statistics.quantiles(times, n=20)[-1]
        print(f"[{vendor}] {name:32s} rows={len(rows):3d} median={statistics.median(times):7.1f} ms  p95={p95:7.1f} ms")
    print(f"[{vendor}] ALL list+filter+search p95 = {statistics.quantiles(all_times, n=20)[-1]:.1f} ms "
          f"over {len(all_times)} queries on {args.cases:,} cases")

    if args.import_n:
        document = {"schema": "huquq-cases", "version": 1, "cases": [{
            "reference": f"IMP-{i:07d}", "title": f"Imported {i}", "summary": rng.choice(words),
            "opened_on": "2025-05-01", "status": "intake", "host_country": "RU", "host_region": "RU-MOW",
            "persons": [{"code": f"PI-{i:08d}", "name": f"Иван Петров {i}", "phone": "+7 900 000 00 00",
                         "sex": "male", "citizenship": "KG"}],
            "violations": [{"type": "wage_theft", "started_on": "2025-04-01", "description": "долг за 2 месяца"}],
        } for i in range(args.import_n)]}
        start = time.perf_counter()
        count = transfer.import_document(document, org)
        elapsed = time.perf_counter() - start
        print(f"[{vendor}] bulk import of {count:,} cases (with encrypted person, violation): {elapsed:.1f} s "
              f"({count / elapsed:,.0f} cases/s; 100,000 would take ~{100_000 / (count / elapsed):.0f} s)")


if __name__ == "__main__":
    main()
