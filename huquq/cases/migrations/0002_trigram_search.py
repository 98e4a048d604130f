"""On PostgreSQL, trigram indexes make substring search (LIKE '%term%') on the folded search key and
on the blind name index use an index. SQLite has no equivalent; the migration does nothing there."""

from django.db import migrations


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    schema_editor.execute("CREATE INDEX IF NOT EXISTS cases_case_search_trgm ON cases_case "
                          "USING gin (search_key gin_trgm_ops)")
    schema_editor.execute("CREATE INDEX IF NOT EXISTS cases_case_name_trgm ON cases_case "
                          "USING gin (name_index gin_trgm_ops)")
    schema_editor.execute("CREATE INDEX IF NOT EXISTS cases_case_codes_trgm ON cases_case "
                          "USING gin (violation_codes gin_trgm_ops)")


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in ("cases_case_search_trgm", "cases_case_name_trgm", "cases_case_codes_trgm"):
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("cases", "0001_initial")]
    operations = [migrations.RunPython(forwards, backwards)]
