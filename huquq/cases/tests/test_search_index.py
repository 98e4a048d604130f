"""Re-indexing case search keys: keys written under an older fold stop matching until `reindex` rewrites them;
afterwards a search in either script finds the case, and a second run changes nothing."""

import io
from importlib import import_module
from types import SimpleNamespace

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.migrations.loader import MigrationLoader

from huquq.accounts.models import AuditEntry
from huquq.cases import services
from huquq.cases.models import Case
from huquq.cases.search import fold
from huquq.cases.selectors import CaseFilters, case_list

from .factories import make_case

QUERIES_THAT_MUST_FIND = ["Мамаджонов", "Mamadzhonov", "Mamadjonov", "Axmedov", "Ахмедов", "Джалал-Абад",
                          "Jalal-Abad"]


@pytest.fixture
def stale_case(org_a):
    case = make_case(org_a, name="Фарход Мамаджонов", summary="Foreman Axmedov kept the passports",
                     host_city="Джалал-Абад")
    # what the previous fold (a table of its own, x = ks, dzh = j but d+j kept) wrote for this case
    Case.objects.filter(pk=case.pk).update(search_key=" aksmedov jalal abad ", name_index="")
    return case


def _found(user, query):
    return list(case_list(user, CaseFilters(q=query)).values_list("pk", flat=True))


def test_reindex_makes_old_keys_meet_queries_in_both_scripts(stale_case, org_a, make_user):
    user = make_user(org_a, "caseworker")
    assert _found(user, "Ахмедов") == [] and _found(user, "Мамаджонов") == []
    assert services.reindex_search() == 1
    for query in QUERIES_THAT_MUST_FIND:
        assert _found(user, query) == [stale_case.pk], query
    assert AuditEntry.objects.filter(object_type="cases.search_index", action="update").count() == 1


def test_reindex_is_idempotent_and_matches_what_a_save_writes(stale_case):
    services.reindex_search()
    reindexed = Case.objects.values_list("search_key", "name_index").get(pk=stale_case.pk)
    assert services.reindex_search() == 0
    services.refresh_search(Case.objects.get(pk=stale_case.pk))
    assert Case.objects.values_list("search_key", "name_index").get(pk=stale_case.pk) == reindexed


@pytest.mark.skipif(connection.vendor != "sqlite", reason="the FTS5 table exists on SQLite only")
def test_reindex_refreshes_the_sqlite_full_text_rows(stale_case):
    def fts_rows(term):
        with connection.cursor() as cursor:
            cursor.execute("SELECT rowid FROM cases_case_fts WHERE cases_case_fts MATCH %s",
                           [f'search_key : "{term}"'])
            return [row[0] for row in cursor.fetchall()]

    assert fts_rows(fold("Ахмедов")) == []
    services.reindex_search()
    assert fts_rows(fold("Ахмедов")) == [stale_case.pk]
    assert fts_rows("aksmedov") == []


def test_cli_reindex_reports_the_cases_changed(stale_case):
    out = io.StringIO()
    call_command("cases", "reindex", "--batch-size", "1", stdout=out)
    assert "recomputed the search keys of 1 cases" in out.getvalue()
    out = io.StringIO()
    call_command("cases", "reindex", stdout=out)
    assert "of 0 cases" in out.getvalue()


def test_the_data_migration_reindexes_with_historical_models(stale_case, org_a, make_user):
    """The migration runs on the models as they were at 0010 (encrypted names opened by the historical field)."""
    state = MigrationLoader(connection).project_state(("cases", "0010_refold_search_keys"))
    migration = import_module("huquq.cases.migrations.0010_refold_search_keys")
    migration.refold(state.apps, SimpleNamespace(connection=connection))  # it only reads the connection alias
    user = make_user(org_a, "caseworker")
    assert _found(user, "Mamadzhonov") == [stale_case.pk]
    assert _found(user, "Ахмедов") == [stale_case.pk]
