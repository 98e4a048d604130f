"""Ciphertext bound to its place (table, row, field): enc2, the enc1 → enc2 migration, and the key checks."""

import datetime

import pytest
from django.core.management import call_command
from django.db import connection

from huquq.cases import crypto, services
from huquq.cases.checks import field_keys
from huquq.cases.fields import Sealed
from huquq.cases.models import Person

from .factories import make_case


def raw(sql, params=()):
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchone()


def write_raw(pk, **columns):
    sets = ", ".join(f"{column} = %s" for column in columns)
    with connection.cursor() as cursor:
        cursor.execute(f"UPDATE cases_person SET {sets} WHERE id = %s", [*columns.values(), pk])


def test_new_and_saved_rows_are_stored_as_enc2_bound_to_their_row(org_a):
    person = make_case(org_a, name="Said Zaripzoda").client
    name, phone = raw("SELECT name, phone FROM cases_person WHERE id = %s", [person.pk])
    assert name.startswith("enc2:") and phone.startswith("enc2:")  # sealed right after the INSERT
    with pytest.raises(crypto.DecryptionError):
        crypto.decrypt(name, "cases.person.name")  # no row: cannot be opened
    assert crypto.decrypt(name, "cases.person.name", f"cases_person:{person.pk}") == "Said Zaripzoda"
    person.birth_date = datetime.date(1990, 5, 6)
    person.save()
    assert raw("SELECT birth_date FROM cases_person WHERE id = %s", [person.pk])[0].startswith("enc2:")
    again = Person.objects.get(pk=person.pk)
    assert (again.name, again.birth_date) == ("Said Zaripzoda", datetime.date(1990, 5, 6))


def test_ciphertext_copied_to_another_row_or_field_does_not_decrypt(org_a):
    victim = make_case(org_a, name="Севархон Маннонова").client
    other = make_case(org_a, name="Other Person").client
    stolen_name, stolen_phone = raw("SELECT name, phone FROM cases_person WHERE id = %s", [victim.pk])
    write_raw(other.pk, name=stolen_name)  # another person's row, same column
    with pytest.raises(crypto.DecryptionError, match="failed authentication"):
        _ = Person.objects.get(pk=other.pk).name
    write_raw(victim.pk, passport=stolen_phone)  # the same row, another column
    with pytest.raises(crypto.DecryptionError):
        _ = Person.objects.get(pk=victim.pk).passport
    assert Person.objects.get(pk=victim.pk).name == "Севархон Маннонова"  # in place it still reads


def test_enc1_rows_still_read_and_rewrap_binds_them_to_their_row(org_a):
    people = [make_case(org_a, name=f"Old Person {n}").client for n in range(3)]
    for person in people:  # rows written before enc2 existed: enc1, bound to the field only
        write_raw(person.pk, name=crypto.encrypt(person.name, "cases.person.name"),
                  birth_date=crypto.encrypt("1980-01-02", "cases.person.birth_date"))
    assert raw("SELECT name FROM cases_person WHERE id = %s", [people[0].pk])[0].startswith("enc1:")
    loaded = Person.objects.get(pk=people[0].pk)
    assert loaded.name == "Old Person 0" and loaded.birth_date == datetime.date(1980, 1, 2)
    call_command("keys", "rewrap", "--batch-size", "2")
    for n, person in enumerate(people):
        name, birth = raw("SELECT name, birth_date FROM cases_person WHERE id = %s", [person.pk])
        assert name.startswith("enc2:") and birth.startswith("enc2:")
        again = Person.objects.get(pk=person.pk)
        assert again.name == f"Old Person {n}" and again.birth_date == datetime.date(1980, 1, 2)
    assert services.rewrap_values() == 0  # nothing left: a rerun changes nothing


def test_an_enc1_row_saved_again_becomes_enc2(org_a):
    person = make_case(org_a, name="Old Person").client
    write_raw(person.pk, name=crypto.encrypt("Old Person", "cases.person.name"))
    loaded = Person.objects.get(pk=person.pk)
    loaded.save()
    assert raw("SELECT name FROM cases_person WHERE id = %s", [person.pk])[0].startswith("enc2:")
    assert Person.objects.get(pk=person.pk).name == "Old Person"


def test_deferred_and_copied_instances_still_open_their_values(org_a):
    person = make_case(org_a, name="Said Zaripzoda").client
    deferred = Person.objects.only("case_id").get(pk=person.pk)
    assert deferred.name == "Said Zaripzoda"  # loaded on access, opened with the row
    loaded = Person.objects.get(pk=person.pk)
    assert isinstance(loaded.__dict__["phone"], Sealed)  # not decrypted until read
    loaded.pk = None  # Django's way of copying a row: the sealed values still open with the row they came from
    loaded._state.adding = True
    loaded.code = "P-COPY0001"
    loaded.save()
    copy = Person.objects.get(pk=loaded.pk)
    assert copy.name == "Said Zaripzoda" and copy.phone == person.phone
    assert raw("SELECT name FROM cases_person WHERE id = %s", [copy.pk])[0].startswith("enc2:")


def test_dumpdata_writes_row_bound_ciphertext_that_loaddata_reads_back(org_a, tmp_path):
    person = make_case(org_a, name="Said Zaripzoda").client
    out = tmp_path / "people.json"
    call_command("dumpdata", "cases.person", "--pks", str(person.pk), "-o", str(out))
    text = out.read_text()
    assert "Zaripzoda" not in text and '"enc2:' in text
    write_raw(person.pk, name=crypto.encrypt("Changed", "cases.person.name"))
    call_command("loaddata", str(out))
    assert Person.objects.get(pk=person.pk).name == "Said Zaripzoda"


def test_rotate_keys_leaves_every_value_enc2_under_the_new_key(org_a, monkeypatch):
    person = make_case(org_a, name="Said Zaripzoda").client
    write_raw(person.pk, passport=crypto.encrypt("AC1234567", "cases.person.passport"))
    monkeypatch.setenv("HUQUQ_FIELD_KEYS", "test-key-two,test-key-one")
    services.rotate_keys()
    new_kid = crypto.current_key().kid
    for value in raw("SELECT name, phone, passport FROM cases_person WHERE id = %s", [person.pk]):
        assert value.startswith(f"enc2:{new_kid}:")
    monkeypatch.setenv("HUQUQ_FIELD_KEYS", "test-key-two")
    assert Person.objects.get(pk=person.pk).passport == "AC1234567"


# --- the system check -------------------------------------------------------------------------------

def test_key_check_is_clean_when_every_stored_key_is_configured(org_a):
    make_case(org_a, name="Said Zaripzoda")
    assert field_keys() == []


def test_key_check_errors_when_a_stored_value_needs_a_key_that_is_not_configured(org_a, monkeypatch):
    make_case(org_a, name="Said Zaripzoda")
    old_kid = crypto.current_key().kid
    monkeypatch.setenv("HUQUQ_FIELD_KEYS", "a-different-key")  # the old key was dropped too early
    errors = field_keys()
    assert errors and {e.id for e in errors} == {"huquq.E102"}
    assert any(f"cases_person.name holds values encrypted under key {old_kid}" in e.msg for e in errors)
    monkeypatch.setenv("HUQUQ_FIELD_KEYS", "a-different-key,test-key-one")
    assert crypto.current_key().kid != old_kid and field_keys() == []


def test_key_check_errors_when_the_key_file_is_lost(org_a, monkeypatch, settings, tmp_path):
    make_case(org_a, name="Said Zaripzoda")
    monkeypatch.delenv("HUQUQ_FIELD_KEYS")
    settings.VAR_DIR = tmp_path / "restored-without-keys"
    crypto.forget_loaded_keys()
    try:
        errors = field_keys()
        assert [e.id for e in errors] == ["huquq.E101"] and "restore" in errors[0].msg
        assert not (tmp_path / "restored-without-keys" / "huquq_field_keys").exists()
    finally:
        crypto.forget_loaded_keys()


def test_the_check_stops_management_commands_and_the_wsgi_application(org_a, monkeypatch):
    import runpy

    from django.core.exceptions import ImproperlyConfigured
    from django.core.management.base import SystemCheckError

    make_case(org_a, name="Said Zaripzoda")
    monkeypatch.setenv("HUQUQ_FIELD_KEYS", "a-different-key")
    with pytest.raises(SystemCheckError, match="huquq.E102"):
        call_command("check")
    with pytest.raises(ImproperlyConfigured, match="huquq.E102"):
        runpy.run_module("huquq.wsgi")
