"""On SQLite, an FTS5 trigram index over the folded search key and the blind name index, kept in step
by triggers, so substring search does not scan the whole table. PostgreSQL uses pg_trgm (0002)."""

from django.db import migrations

CREATE = [
    "CREATE VIRTUAL TABLE IF NOT EXISTS cases_case_fts USING fts5(search_key, name_index, content='cases_case', "
    "content_rowid='id', tokenize='trigram')",
    "CREATE TRIGGER IF NOT EXISTS cases_case_fts_ai AFTER INSERT ON cases_case BEGIN "
    "INSERT INTO cases_case_fts(rowid, search_key, name_index) VALUES (new.id, new.search_key, new.name_index); END",
    "CREATE TRIGGER IF NOT EXISTS cases_case_fts_ad AFTER DELETE ON cases_case BEGIN "
    "INSERT INTO cases_case_fts(cases_case_fts, rowid, search_key, name_index) "
    "VALUES ('delete', old.id, old.search_key, old.name_index); END",
    "CREATE TRIGGER IF NOT EXISTS cases_case_fts_au AFTER UPDATE OF search_key, name_index ON cases_case BEGIN "
    "INSERT INTO cases_case_fts(cases_case_fts, rowid, search_key, name_index) "
    "VALUES ('delete', old.id, old.search_key, old.name_index); "
    "INSERT INTO cases_case_fts(rowid, search_key, name_index) VALUES (new.id, new.search_key, new.name_index); END",
    "INSERT INTO cases_case_fts(cases_case_fts) VALUES ('rebuild')",
]
DROP = ["DROP TRIGGER IF EXISTS cases_case_fts_ai", "DROP TRIGGER IF EXISTS cases_case_fts_ad",
        "DROP TRIGGER IF EXISTS cases_case_fts_au", "DROP TABLE IF EXISTS cases_case_fts"]


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        for sql in CREATE:
            schema_editor.execute(sql)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        for sql in DROP:
            schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("cases", "0002_trigram_search")]
    operations = [migrations.RunPython(forwards, backwards)]
