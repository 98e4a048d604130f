"""Benchmark: memory of the streaming CSV exports over 1,000,000 rows.

Usage: python benchmarks/export_memory.py [--rows 1000000]
Builds --rows synthetic cases in a throw-away SQLite database (a copy of one template row, inside SQLite),
then streams `huquq cases export --csv` (transfer.csv_rows, the same generator the web download uses) into
a sink, and streams the statistics CSV writer (reports.exports.csv_lines) over as many synthetic rows.
Prints the process's resident memory (VmRSS) at checkpoints and its peak (ru_maxrss): flat figures mean the
rows are not held in memory. Asserts nothing.
"""

from __future__ import annotations

import argparse
import csv
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


class Sink:
    """Counts what a download would send, keeps nothing."""

    def __init__(self):
        self.bytes = 0

    def write(self, text):
        self.bytes += len(text)
        return text


def generate_cases(rows: int) -> None:
    from django.db import connection

    from huquq.accounts.models import Organisation
    from huquq.cases.models import Case

    org = Organisation.objects.create(slug="bench", name="Benchmark NGO")
    Case.objects.create(organisation=org, reference="E-0000000", title="Template case", status="action",
                        opened_on="2024-05-01", host_country="RU", host_region="RU-MOW", host_city="Москва",
                        client_sex="female", client_citizenship="TJ", violation_codes="wage_theft")
    cols = ("organisation_id, reference, title, summary, channel, status, opened_on, closed_on, host_country, "
            "host_region, host_city, currency, assigned_to_id, created_by_id, created_at, updated_at, version, "
            "client_sex, client_age_group, client_citizenship, violation_codes, search_key, name_index")
    select = ("p.organisation_id, 'E-' || printf('%07d', s.n), 'Case ' || s.n, p.summary, p.channel, p.status, "
              "p.opened_on, NULL, p.host_country, p.host_region, p.host_city, p.currency, NULL, NULL, p.created_at, "
              "p.updated_at, 1, p.client_sex, p.client_age_group, p.client_citizenship, p.violation_codes, "
              "p.search_key, ''")
    step = 100_000
    for lo in range(1, rows, step):
        hi = min(lo + step, rows) - 1
        sql = (f"INSERT INTO cases_case ({cols}) SELECT {select.replace('%', '%%')} FROM "
               "(WITH RECURSIVE r(n) AS (SELECT %s UNION ALL SELECT n + 1 FROM r WHERE n < %s) SELECT n FROM r) AS s "
               "JOIN cases_case p ON p.reference = 'E-0000000'")
        with connection.cursor() as cursor:
            cursor.execute(sql, [lo, hi])
        if sys.stderr.isatty():
            sys.stderr.write(f"\rgenerated {hi + 1:,}/{rows:,}")
    if sys.stderr.isatty():
        sys.stderr.write("\n")


def stream(label: str, lines, total: int) -> None:
    checkpoints = {total // 10, total // 2, total}
    started = time.perf_counter()
    before = rss_mb()
    sent = count = 0
    figures = []
    for line in lines:
        sent += len(line)
        count += 1
        if count in checkpoints:
            figures.append(f"{count:,}: {rss_mb():.0f} MB")
    seconds = time.perf_counter() - started
    print(f"{label}: {count:,} lines, {sent / 1e6:.0f} MB sent in {seconds:.0f} s; RSS before {before:.0f} MB, "
          f"at {'; '.join(figures)}; peak so far {peak_mb():.0f} MB")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=1_000_000)
    args = parser.parse_args()
    os.environ.pop("DATABASE_URL", None)
    os.environ["HUQUQ_VAR_DIR"] = tempfile.mkdtemp(prefix="huquq-bench-")
    os.environ.setdefault("HUQUQ_FIELD_KEYS", "benchmark-key")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "huquq.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from huquq.cases import transfer
    from huquq.cases.models import Case
    from huquq.reports.exports import csv_lines

    t0 = time.perf_counter()
    generate_cases(args.rows)
    print(f"generated {Case.objects.count():,} cases in {time.perf_counter() - t0:.0f} s; RSS {rss_mb():.0f} MB")

    writer = csv.writer(Sink())
    stream("cases CSV (cases export --csv / download)",
           (writer.writerow(row) for row in transfer.csv_rows(Case.objects.all())), args.rows + 1)

    def statistics_rows():
        yield ["violation_type", "female", "male"]
        for n in range(args.rows):
            yield [f"type {n}", n % 97, "<5"]

    stream("statistics CSV writer", csv_lines(statistics_rows(), ["note"]), args.rows + 4)
    print(f"peak resident memory of the whole run (ru_maxrss): {peak_mb():.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
