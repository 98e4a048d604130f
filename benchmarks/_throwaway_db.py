"""A throw-away test database for benchmark scripts: SQLite in a temporary folder, or a `test_` copy of the
PostgreSQL database DATABASE_URL names. Not a benchmark itself (`make bench` skips files starting with _)."""

import tempfile
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
