"""Two imports of the same export at the same time store each submission once (run on PostgreSQL in CI)."""

import threading

import pytest
from django.db import connection

from huquq.monitoring import fixtures, services
from huquq.monitoring.models import Submission


@pytest.mark.django_db(transaction=True)
def test_concurrent_imports_store_each_submission_once(org_a, make_user):
    if connection.vendor == "sqlite" and connection.settings_dict["NAME"].startswith(("file:memorydb", ":memory:")):
        pytest.skip("an in-memory SQLite database is not shared between threads; this test runs on PostgreSQL")
    services.load_offices()
    questionnaire = {q.form_id: q for q in services.install_shipped_forms()}["migrant_visit"]
    spec = services.spec_of(questionnaire)
    user = make_user(org_a, role="monitor")
    answers = {"office": "kg-embassy-ru", "today": "2026-01-05", "satisfied": "yes", "access_rating": 3,
               "came_with_problem": "no", "problems": ["none"], "knows_where_to_apply": "yes"}
    files = fixtures.odk_csv(spec, [(f"c{i}", "2026-01-05", answers) for i in range(300)])
    barrier = threading.Barrier(2)
    results, errors = [], []

    def run():
        try:
            barrier.wait()
            results.append(services.import_submissions(user, questionnaire, files))
        except Exception as exc:  # noqa: BLE001 - reported below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors, errors
    assert Submission.objects.count() == 300
    assert sum(r["added"] for r in results) == 300
