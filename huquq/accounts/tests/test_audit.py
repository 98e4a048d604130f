import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.urls import reverse

from huquq.accounts import audit, guards
from huquq.accounts.models import AuditEntry


@pytest.fixture
def chain(org_a, make_user):
    user = make_user(org_a, "caseworker")
    for action in ["view", "update", "export"]:
        audit.record(user, action, user, detail={"fields": ["role"]})
    return user


def test_chain_links_each_entry_to_the_previous(chain):
    entries = list(AuditEntry.objects.order_by("id"))
    assert entries[0].prev_hash == audit.GENESIS_HASH
    for before, after in zip(entries, entries[1:], strict=False):
        assert after.prev_hash == before.entry_hash
    assert audit.verify_chain().ok


def _tamper(sql, params):
    """Play someone with write access to the database: lift the triggers, run raw SQL, put them back."""
    with guards.disabled(connection), connection.cursor() as cursor:
        cursor.execute(sql, params)


def test_edited_row_is_detected(chain):
    victim = AuditEntry.objects.order_by("id")[2]
    _tamper("UPDATE accounts_auditentry SET action = 'delete' WHERE id = %s", [victim.pk])
    report = audit.verify_chain()
    assert not report.ok and report.first_bad_id == victim.pk and "edited" in report.reason
    with pytest.raises(CommandError, match=f"entry {victim.pk}"):
        call_command("audit", "verify")


def test_removed_row_is_detected(chain):
    victim = AuditEntry.objects.order_by("id")[1]
    _tamper("DELETE FROM accounts_auditentry WHERE id = %s", [victim.pk])
    report = audit.verify_chain()
    assert not report.ok and "removed" in report.reason


def test_intact_chain_passes_command(chain, capsys):
    call_command("audit", "verify")
    assert "intact" in capsys.readouterr().out


def test_entries_cannot_be_changed_through_the_orm(chain):
    entry = AuditEntry.objects.first()
    entry.action = "delete"
    with pytest.raises(PermissionError):
        entry.save()
    with pytest.raises(PermissionError):
        entry.delete()
    with pytest.raises(PermissionError):
        AuditEntry.objects.filter(pk=entry.pk).update(action="delete")
    with pytest.raises(PermissionError):
        AuditEntry.objects.all().delete()


def test_unknown_action_rejected(db):
    with pytest.raises(ValueError):
        audit.record(None, "peek", object_type="x")


def test_login_is_audited_without_ip(client, org_a, make_user):
    user = make_user(org_a, "analyst")
    client.post(reverse("accounts:login"), {"username": user.username, "password": "correct horse battery"})
    entry = AuditEntry.objects.filter(action="login").get()
    assert entry.actor == user
    assert "ip" not in str(entry.detail).lower() and "127.0.0.1" not in str(entry.detail)


@pytest.fixture
def checkpoints(tmp_path, monkeypatch):
    monkeypatch.setenv("HUQUQ_AUDIT_CHECKPOINT_DIR", str(tmp_path / "checkpoints"))
    return tmp_path / "checkpoints" / audit.CHECKPOINT_FILE


@pytest.mark.parametrize("sql", ["UPDATE accounts_auditentry SET action = 'delete'", "DELETE FROM accounts_auditentry"])
def test_database_triggers_refuse_update_and_delete(chain, sql):
    from django.db import DatabaseError, transaction

    guards.install(connection)  # as migrated
    before = AuditEntry.objects.count()
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sql)
    assert AuditEntry.objects.count() == before and audit.verify_chain().ok


def test_rehashing_without_the_key_is_detected(chain):
    """A tamperer who edits a row and recomputes the old unkeyed hashes along the chain is caught."""
    entries = list(AuditEntry.objects.order_by("id"))
    prev = entries[0].prev_hash
    for entry in entries:
        entry.prev_hash = prev
        if entry == entries[1]:
            entry.action = "login"
        entry.entry_hash = audit.legacy_hash(entry)
        prev = entry.entry_hash
        _tamper("UPDATE accounts_auditentry SET action = %s, prev_hash = %s, entry_hash = %s WHERE id = %s",
                [entry.action, entry.prev_hash, entry.entry_hash, entry.pk])
    report = audit.verify_chain()
    assert not report.ok and report.first_bad_id == entries[0].pk


def test_checkpoint_detects_removed_tail(chain, checkpoints, capsys):
    call_command("audit", "checkpoint")
    assert checkpoints.exists() and (checkpoints.stat().st_mode & 0o077) == 0
    call_command("audit", "verify")
    assert "matches" in capsys.readouterr().out
    last = AuditEntry.objects.order_by("-id").first()
    _tamper("DELETE FROM accounts_auditentry WHERE id = %s", [last.pk])
    _tamper("UPDATE accounts_audithead SET count = count - 1, last_hash = %s",
            [AuditEntry.objects.order_by("-id").first().entry_hash])  # a careful tamperer mends the head row
    with pytest.raises(CommandError, match="last entries were removed"):
        call_command("audit", "verify")


def test_head_row_catches_a_careless_truncation(chain):
    first = AuditEntry.objects.order_by("id").first()
    _tamper("DELETE FROM accounts_auditentry WHERE id > %s", [first.pk])
    report = audit.verify_chain()
    assert not report.ok and "removed" in report.reason


def test_checkpoint_detects_rewritten_history(chain, checkpoints):
    """Even a tamperer holding the key cannot rewrite entries already covered by a checkpoint."""
    audit.write_checkpoint()
    entries = list(AuditEntry.objects.order_by("id"))
    prev = audit.GENESIS_HASH
    for entry in entries:
        entry.prev_hash = prev
        if entry == entries[0]:
            entry.actor_label = "someone-else"
        entry.entry_hash = audit.compute_hash(entry)
        prev = entry.entry_hash
        _tamper("UPDATE accounts_auditentry SET actor_label = %s, prev_hash = %s, entry_hash = %s WHERE id = %s",
                [entry.actor_label, entry.prev_hash, entry.entry_hash, entry.pk])
    _tamper("UPDATE accounts_audithead SET last_hash = %s", [prev])
    report = audit.verify_chain(checkpoint=audit.last_checkpoint())
    assert not report.ok and "rewritten" in report.reason


def test_forged_checkpoint_is_refused(chain, checkpoints):
    audit.write_checkpoint()
    import json

    forged = json.loads(checkpoints.read_text())
    forged["count"] -= 2
    checkpoints.write_text(json.dumps(forged) + "\n")
    with pytest.raises(audit.BadCheckpoint, match="signature"):
        audit.last_checkpoint()
    with pytest.raises(CommandError, match="signature"):
        call_command("audit", "verify")


def test_missing_audit_key_is_refused_not_replaced(chain, settings, tmp_path, monkeypatch):
    monkeypatch.delenv(audit.KEY_NAME, raising=False)
    settings.VAR_DIR = tmp_path / "empty-var"
    with pytest.raises(audit.MissingAuditKey, match="restore"):
        audit.audit_key()
    assert not (tmp_path / "empty-var" / "huquq_audit_key").exists()


@pytest.mark.parametrize("break_it", [False, True])
def test_migration_rekeys_a_legacy_chain_and_records_its_state(chain, break_it):
    """Migration 0002 re-chains old unkeyed entries under the key and says in the chain whether they were intact."""
    import importlib
    import types

    from django.apps import apps

    migration = importlib.import_module("huquq.accounts.migrations.0002_audit_head_keyed_chain")
    entries = list(AuditEntry.objects.order_by("id"))
    prev = audit.GENESIS_HASH
    for entry in entries:  # rewrite the log as the old code wrote it
        entry.prev_hash = prev
        entry.entry_hash = audit.legacy_hash(entry)
        prev = entry.entry_hash
        _tamper("UPDATE accounts_auditentry SET prev_hash = %s, entry_hash = %s WHERE id = %s",
                [entry.prev_hash, entry.entry_hash, entry.pk])
    if break_it:
        _tamper("UPDATE accounts_auditentry SET action = 'delete' WHERE id = %s", [entries[2].pk])
    assert not audit.verify_chain().ok
    migration.rekey_existing_chain(apps, types.SimpleNamespace(connection=connection))
    guards.install(connection)
    report = audit.verify_chain()
    assert report.ok and report.checked == len(entries) + 1
    marker = AuditEntry.objects.order_by("-id").first()
    assert marker.object_type == "accounts.auditchain"
    assert marker.detail["rekeyed_entries"] == len(entries)
    assert marker.detail["legacy_chain_intact"] is (not break_it)
    assert marker.detail["legacy_first_bad_id"] == (entries[2].pk if break_it else None)
