"""Backup -> fresh installation -> restore: cases decrypt with the kept keys, the audit chain holds, counts equal."""

import shutil

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from huquq.cases import crypto, services
from huquq.cases.models import EvidenceFile, Person
from huquq.cases.tests.factories import make_case
from huquq.ops import backup

PASSPHRASE = "correct horse battery staple"
PNG = b"\x89PNG\r\n\x1a\n" + b"evidence-bytes" * 50


def _needs_dump_tool():
    if connection.vendor == "postgresql" and not shutil.which("pg_dump"):
        pytest.skip("pg_dump is not installed")


@pytest.fixture
def installation(transactional_db, monkeypatch, settings, tmp_path, org_a, make_user):
    """Two cases with personal data, an evidence file and audit entries, in media dir tmp/media-1."""
    monkeypatch.setenv("HUQUQ_FIELD_KEYS", "backup-test-key")
    settings.MEDIA_ROOT = tmp_path / "media-1"
    caseworker = make_user(org_a, "caseworker")
    first = make_case(org_a, caseworker, name="Айгуль Токтогулова")
    make_case(org_a, caseworker, name="Farrukh Rahimov")
    services.store_evidence(first, actor=caseworker, name="receipt.png", content_type="image/png", data=PNG)
    return caseworker


def _snapshot():
    return {
        "counts": backup.row_counts(),
        "names": sorted(p.name for p in Person.objects.all()),
        # decrypted with the field keys, without the audit entry a staff read would add
        "evidence": [crypto.decrypt_bytes((services.evidence_dir() / e.storage_name).read_bytes(),
                                          f"evidence:{e.storage_name}") for e in EvidenceFile.objects.all()],
    }


@pytest.mark.parametrize("encrypted", [False, True])
def test_backup_then_restore_into_a_fresh_installation(installation, settings, tmp_path, monkeypatch, capsys,
                                                        encrypted):
    _needs_dump_tool()
    before = _snapshot()
    archive = tmp_path / "backup.tar"
    options = []
    if encrypted:
        monkeypatch.setenv("BACKUP_PASSPHRASE", PASSPHRASE)
        options = ["--passphrase-env", "BACKUP_PASSPHRASE"]
    call_command("backup", "-o", str(archive), *options)
    out = capsys.readouterr().out
    assert "keys are NOT in the archive" in out and "HUQUQ_FIELD_KEYS" in out
    assert backup.is_encrypted(archive) is encrypted
    assert b"backup-test-key" not in archive.read_bytes()

    # A fresh installation: empty tables, an empty media directory, the same keys kept apart. The audit table's
    # append-only triggers refuse the emptying, so they are lifted for it (a fresh database has no rows anyway).
    from django.db import connection

    from huquq.accounts import guards

    guards.drop(connection)
    call_command("flush", interactive=False, verbosity=0)
    guards.install(connection)
    settings.MEDIA_ROOT = tmp_path / "media-2"
    assert Person.objects.count() == 0
    call_command("restore", str(archive), *options)

    after = _snapshot()
    assert after == before
    assert len(after["names"]) == 2 and "Айгуль Токтогулова" in after["names"]
    call_command("audit", "verify")  # raises CommandError when the chain is broken


def test_restore_refuses_to_overwrite_without_force(installation, tmp_path):
    _needs_dump_tool()
    archive = tmp_path / "backup.tar"
    call_command("backup", "-o", str(archive))
    with pytest.raises(CommandError, match="--force"):
        call_command("restore", str(archive))
    make_case(installation.organisation, installation, name="Added after the backup")
    call_command("restore", str(archive), "--force")
    assert not Person.objects.filter(case__title="Added after the backup").exists()
    assert Person.objects.count() == 2


def test_an_encrypted_backup_needs_the_right_passphrase(installation, tmp_path, monkeypatch):
    _needs_dump_tool()
    archive = tmp_path / "backup.tar.enc"
    monkeypatch.setenv("P1", PASSPHRASE)
    monkeypatch.setenv("P2", "another passphrase entirely")
    call_command("backup", "-o", str(archive), "--passphrase-env", "P1")
    with pytest.raises(CommandError, match="encrypted"):
        call_command("restore", str(archive), "--force")
    with pytest.raises(CommandError, match="wrong passphrase"):
        call_command("restore", str(archive), "--force", "--passphrase-env", "P2")


def test_short_passphrases_are_refused(tmp_path, monkeypatch):
    monkeypatch.setenv("P", "short")
    with pytest.raises(CommandError, match="12 characters"):
        call_command("backup", "-o", str(tmp_path / "b.tar"), "--passphrase-env", "P")


@pytest.mark.parametrize("size", [0, 1, backup.CHUNK - 1, backup.CHUNK, backup.CHUNK * 2 + 5])
def test_encryption_round_trips_and_detects_truncation(tmp_path, size):
    plain = tmp_path / "plain"
    plain.write_bytes(bytes(range(256)) * (size // 256) + b"x" * (size % 256))
    sealed, opened = tmp_path / "sealed", tmp_path / "opened"
    backup.encrypt_file(plain, sealed, PASSPHRASE)
    backup.decrypt_file(sealed, opened, PASSPHRASE)
    assert opened.read_bytes() == plain.read_bytes()
    data = sealed.read_bytes()
    sealed.write_bytes(data[: len(data) - 10])
    with pytest.raises(backup.BackupError):
        backup.decrypt_file(sealed, opened, PASSPHRASE)
