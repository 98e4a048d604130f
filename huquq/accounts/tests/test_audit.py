import pytest
from django.core.management import CommandError, call_command
from django.db import connection

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
    assert client.login(username=user.username, password="correct horse battery")
    entry = AuditEntry.objects.filter(action="login").get()
    assert entry.actor == user
    assert "ip" not in str(entry.detail).lower() and "127.0.0.1" not in str(entry.detail)
