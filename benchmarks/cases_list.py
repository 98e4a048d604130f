"""Benchmark: case list + filter + search on N synthetic cases, and bulk JSON import.

Usage: python benchmarks/cases_list.py [--cases N] [--import M] [--runs R] [--reindex]
`--reindex` also times `huquq cases reindex` over all N cases after their search keys were blanked.
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
    parser.add_argument("--reindex", action="store_true", help="also time recomputing every case's search key")
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
    call_command("collectstatic", interactive=False, verbosity=0)  # the page timings render with the manifest
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

    # A pool of distinct synthetic cases is built in Python with the distributions above, then copied
    # inside the database (INSERT ... SELECT over a number series) to reach N rows quickly.
    t0 = time.perf_counter()
    pool_size = min(args.cases, 5000)
    batch = []
    for i in range(pool_size):
        region = rng.choice(regions)
        codes = sorted(set(rng.choices(types, weights, k=rng.choice([1, 1, 2, 3]))))
        summary = f"{rng.choice(words)} {rng.choice(employers)} невыплата {rng.randint(1, 12)} месяцев"
        opened = f"{rng.randint(2012, 2026)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        batch.append(Case(organisation=org, reference=f"B-{i:07d}", title=f"Case {i}", summary=summary,
                          status=rng.choice(["intake", "assessment", "action", "resolved", "closed", "referred"]),
                          opened_on=opened, host_country=region[:2], host_region=region,
                          host_city=cities.get(region, ""), client_sex=rng.choice(["female", "male", "male"]),
                          client_citizenship=rng.choice(citizenships), violation_codes=" ".join(codes),
                          search_key=" " + fold(summary) + " ",
                          assigned_to_id=user.pk if rng.random() < 0.1 else None, created_by_id=user.pk))
    Case.objects.bulk_create(batch, batch_size=1000)
    pg = vendor == "postgresql"
    pad = "lpad(s.n::text, 7, '0')" if pg else "printf('%07d', s.n)"
    day = "(DATE '2012-01-01' + ((s.n * 7919) % 5400)::int)" if pg else "date('2012-01-01', '+' || ((s.n * 7919) % 5400) || ' days')"
    cols = ("organisation_id, reference, title, summary, channel, status, opened_on, closed_on, host_country, "
            "host_region, host_city, currency, assigned_to_id, created_by_id, created_at, updated_at, version, "
            "client_sex, client_age_group, client_citizenship, violation_codes, search_key, name_index")
    select = (f"p.organisation_id, 'B-' || {pad}, 'Case ' || s.n, p.summary, p.channel, p.status, {day}, NULL, "
              "p.host_country, p.host_region, p.host_city, p.currency, p.assigned_to_id, p.created_by_id, "
              "p.created_at, p.updated_at, 1, p.client_sex, p.client_age_group, p.client_citizenship, "
              f"p.violation_codes, ' {fold('B')} ' || {pad} || ' {fold('Case')} ' || s.n || p.search_key, ''")
    pool_ref = f"'B-' || {'lpad((s.n % %s)::text, 7, %s)' if pg else 'printf(%s, s.n %% %s)'}"
    step = 100_000
    for lo in range(pool_size, args.cases, step):
        hi = min(lo + step, args.cases) - 1
        if pg:
            series = "generate_series(%s::bigint, %s::bigint) AS s(n)"
            ref = f"'B-' || lpad((s.n %% {pool_size})::text, 7, '0')"
        else:
            series = ("(WITH RECURSIVE r(n) AS (SELECT %s UNION ALL SELECT n + 1 FROM r WHERE n < %s) "
                      "SELECT n FROM r) AS s")
            ref = f"'B-' || printf('%%07d', s.n %% {pool_size})"
        sql = (f"INSERT INTO cases_case ({cols}) SELECT {select.replace('%', '%%')} FROM {series} "
               f"JOIN cases_case p ON p.organisation_id = {org.pk} AND p.reference = {ref}")
        with connection.cursor() as cursor:
            cursor.execute(sql, [lo, hi])
        if sys.stderr.isatty():
            sys.stderr.write(f"\rgenerated {hi + 1:,}/{args.cases:,}")
    del pool_ref
    for case in batch:  # the pool rows' own reference in their search key (copies got theirs above)
        number = int(case.reference[2:])
        case.search_key = f" {fold('B')} {number:07d} {fold('Case')} {number}{case.search_key}"
    Case.objects.bulk_update(batch, ["search_key"], batch_size=1000)
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

    # The whole page: view, access check, audit entry, template (test client, no network).
    from django.conf import settings as dj_settings
    from django.test import Client
    from django.test.utils import setup_test_environment

    setup_test_environment()
    dj_settings.ALLOWED_HOSTS = ["testserver"]
    client = Client()
    client.force_login(user)
    for name, params in {"page: list": {}, "page: search + filters": {"q": "теплица", "status": "action",
                                                                       "host_region": "RU-MOW"}}.items():
        times = []
        for _ in range(max(5, args.runs // 2)):
            start = time.perf_counter()
            response = client.get("/ru/cases/", params)
            times.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, response.status_code
        print(f"[{vendor}] {name:32s} median={statistics.median(times):7.1f} ms  "
              f"p95={statistics.quantiles(times, n=20)[-1]:7.1f} ms")

    if args.reindex:
        from huquq.cases import services

        Case.objects.filter(organisation=org).update(search_key="")
        start = time.perf_counter()
        changed = services.reindex_search()
        elapsed = time.perf_counter() - start
        print(f"[{vendor}] reindex: {changed:,} search keys recomputed in {elapsed:.1f} s "
              f"({changed / elapsed:,.0f} cases/s)")

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
