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
