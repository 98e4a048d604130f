"""Re-keying the register after a normaliser change: stale keys are rewritten, decisions follow their names,
a second run changes nothing, and the data migration works on historical models."""

import io
from importlib import import_module
from types import SimpleNamespace

from django.core.management import call_command
from django.db import connection
from django.db.migrations.loader import MigrationLoader

from huquq.accounts.models import AuditEntry
from huquq.registry.employers import services
from huquq.registry.employers.matching.normalise import normalise
from huquq.registry.employers.models import DuplicateDecision, Employer, EmployerName


def _stale(employer):
    """Keys as the skeleton wrote them before it folded дж = dzh = j."""
    Employer.objects.filter(pk=employer.pk).update(name_key="damshed")
    EmployerName.objects.filter(employer=employer).update(name_key="damshed")


def test_rekey_rewrites_stale_keys_so_the_spellings_meet_again(db):
    employer = services.create_employer(name="ООО Джамшед", city="Москва")
    _stale(employer)
    counts = services.rekey_names()
    assert counts.names >= 2
    assert set(Employer.objects.values_list("name_key", flat=True)) == {normalise("Jamshed").key}
    assert set(EmployerName.objects.values_list("name_key", flat=True)) == {normalise("Dzhamshed").key}
    assert services.rekey_names().names == 0
    assert AuditEntry.objects.filter(object_type="registry.name_keys").count() == 2


def test_decisions_move_to_fresh_keys_and_keep_their_sides_in_order(db, moderator):
    a = services.create_employer(name="ООО Джамшед Строй")
    b = services.create_employer(name="ООО Жасмин Строй")
    decision = services.decide_duplicate(a, b, name_a="ООО Джамшед Строй", name_b="ООО Жасмин Строй",
                                         verdict="different", actor=moderator)
    fresh = DuplicateDecision.objects.values_list("key_a", "key_b", "name_a", "employer_a").get(pk=decision.pk)
    assert fresh[2] == "ООО Джамшед Строй"  # "jamshed…" sorts before "jasmin…"
    # stored under an old key for Джамшед that sorted after Жасмин's, so Джамшед was side b
    DuplicateDecision.objects.filter(pk=decision.pk).update(
        key_a=fresh[1], key_b="zz stale", name_a="ООО Жасмин Строй", name_b="ООО Джамшед Строй",
        employer_a=b, employer_b=a)
    counts = services.rekey_names()
    assert (counts.decisions, counts.decisions_kept) == (1, 0)
    assert DuplicateDecision.objects.values_list("key_a", "key_b", "name_a", "employer_a").get(pk=decision.pk) == fresh
    assert services.rekey_names().decisions == 0


def test_cli_rekey_and_the_data_migration(db):
    employer = services.create_employer(name="ООО Джамшед")
    _stale(employer)
    state = MigrationLoader(connection).project_state(("registry", "0005_refold_name_keys"))
    migration = import_module("huquq.registry.migrations.0005_refold_name_keys")
    migration.rekey(state.apps, SimpleNamespace(connection=connection))  # it only reads the connection alias
    assert Employer.objects.get(pk=employer.pk).name_key == normalise("Dzhamshed").key
    _stale(employer)
    out = io.StringIO()
    call_command("employers", "rekey", stdout=out)
    assert out.getvalue().startswith("2 name keys and 0 duplicate decisions recomputed")
