"""A throw-away test database for benchmark scripts: SQLite in a temporary folder, or a `test_` copy of the
PostgreSQL database DATABASE_URL names, and the timing helpers the database benchmarks share. Not a benchmark itself (`make bench` skips files starting with _)."""

import os
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path


@contextmanager
def throwaway_database(keep: bool = False):
    import django
    from django.conf import settings

    with tempfile.TemporaryDirectory() as tmp:
        django.setup()
        db = settings.DATABASES["default"]
        if db["ENGINE"].endswith("sqlite3"):
            db.setdefault("TEST", {})["NAME"] = str(Path(tmp) / "bench.sqlite3")
        from django.db import connection

        connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=False)
        try:
            yield connection
        finally:
            if not keep:
                connection.creation.destroy_test_db(connection.settings_dict["NAME"], verbosity=0)


def bulk_insert(cursor, vendor: str, table: str, columns: list[str], batches, total: int) -> None:
    """Write `batches` (iterables of row tuples) into `table`: COPY on PostgreSQL, executemany on SQLite,
    with a progress line on a terminal."""
    import sys

    show = sys.stderr.isatty()
    names = ", ".join(columns)
    done = 0
    for rows in batches:
        rows = list(rows)
        if vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        else:
            marks = ", ".join(["%s"] * len(columns))
            cursor.executemany(f"INSERT INTO {table} ({names}) VALUES ({marks})", rows)
        done += len(rows)
        if show:
            print(f"\r  inserting {done:,}/{total:,}", end="", file=sys.stderr)
    if show:
        print(file=sys.stderr)


def backend_cpu(connection) -> float | None:
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


def cpu_cost(connection, function) -> str:
    """Wall time depends on how busy the machine is; CPU time (server + this process) much less so."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET max_parallel_workers_per_gather = 0")  # all work in the one backend we measure
    server_before, client_before = backend_cpu(connection), time.process_time()
    function()
    client = time.process_time() - client_before
    server = (backend_cpu(connection) - server_before) if server_before is not None else 0.0
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("RESET max_parallel_workers_per_gather")
    if server_before is None:
        return f"CPU {client:.2f} s (SQLite works inside this process)"
    return f"CPU {server + client:.2f} s (database server {server:.2f} s, Python {client:.2f} s)"


def best(function, repeat: int):
    best, result = None, None
    for _ in range(repeat):
        start = time.perf_counter()
        result = function()
        elapsed = time.perf_counter() - start
        best = elapsed if best is None else min(best, elapsed)
    return best, result
