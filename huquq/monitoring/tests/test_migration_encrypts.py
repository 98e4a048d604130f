"""Migration 0002 encrypts the answers stored before it, in place, and they read back unchanged."""

import json

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("monitoring", "0001_initial")]
AFTER = [("monitoring", "0002_encrypt_answers")]


@pytest.mark.django_db(transaction=True)
def test_answers_stored_before_the_migration_are_encrypted_by_it(org_a, monkeypatch):
    monkeypatch.setenv("HUQUQ_FIELD_KEYS", "test-key-one")
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = MigrationExecutor(connection).loader.project_state(BEFORE).apps
    questionnaire = old.get_model("monitoring", "Questionnaire").objects.create(
        form_id="f", title="f", filename="f.md", source=b"", schema={})
    answers = {"office": "x", "note": "Севархон said the queue was long", "n": 3}
    submission = old.get_model("monitoring", "Submission").objects.create(
        questionnaire=questionnaire, organisation_id=org_a.pk, date="2026-01-05", answers=answers)
    try:
        MigrationExecutor(connection).migrate(AFTER)
        with connection.cursor() as cursor:
            cursor.execute("SELECT answers FROM monitoring_submission WHERE id = %s", [submission.pk])
            raw = cursor.fetchone()[0]
        assert raw.startswith("enc1:") and "Севархон" not in raw
        from huquq.monitoring.models import Submission

        assert Submission.objects.get(pk=submission.pk).answers == answers
        from django.core.management import call_command

        call_command("keys", "rewrap")  # bound to the row (enc2): the way back must still decrypt it
        with connection.cursor() as cursor:
            cursor.execute("SELECT answers FROM monitoring_submission WHERE id = %s", [submission.pk])
            assert cursor.fetchone()[0].startswith("enc2:")
        assert Submission.objects.get(pk=submission.pk).answers == answers
        MigrationExecutor(connection).migrate(BEFORE)  # and back: plain JSON again
        with connection.cursor() as cursor:
            cursor.execute("SELECT answers FROM monitoring_submission WHERE id = %s", [submission.pk])
            back = cursor.fetchone()[0]
        assert (json.loads(back) if isinstance(back, str) else back) == answers
    finally:
        MigrationExecutor(connection).migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())
