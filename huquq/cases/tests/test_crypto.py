import datetime

import pytest
from django.db import connection

from huquq.cases import crypto, services
from huquq.cases.models import Person
from huquq.cases.search import fold

from .factories import make_case


def raw(sql, params):
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchone()


def test_personal_fields_are_unreadable_in_the_raw_database(org_a):
    case = make_case(org_a, name="Севархон Маннонова")
    person = case.client
    person.birth_date = datetime.date(1985, 3, 1)
    person.save()
    row = raw("SELECT name, phone, passport, birth_date FROM cases_person WHERE id = %s", [person.pk])
    for value in row:
        assert value.startswith("enc2:")  # bound to the row (fields.py)
    joined = " ".join(row)
    for secret in ("Севархон", "Маннонова", "+7 900", "AC1234567", "1985"):
        assert secret not in joined
    again = Person.objects.get(pk=person.pk)
    assert again.name == "Севархон Маннонова"
    assert again.birth_date == datetime.date(1985, 3, 1)
    # the searchable columns hold no clear name either
    case_row = raw("SELECT search_key, name_index FROM cases_case WHERE id = %s", [case.pk])
    assert "mannonova" not in " ".join(case_row) and "Маннонова" not in " ".join(case_row)


def test_ciphertext_is_bound_to_its_field():
    token = crypto.encrypt("secret", "cases.person.name")
    with pytest.raises(crypto.DecryptionError):
        crypto.decrypt(token, "cases.person.phone")


def test_rotate_keys_reencrypts_under_the_new_key(org_a, monkeypatch):
    case = make_case(org_a, name="Said Zaripzoda")
    old_kid = crypto.key_id_of(raw("SELECT name FROM cases_person WHERE case_id=%s", [case.pk])[0])
    evidence = services.store_evidence(case, actor=None, name="receipt.pdf", content_type="application/pdf",
                                       data=b"%PDF-1.4 test")
    monkeypatch.setenv("HUQUQ_FIELD_KEYS", "test-key-two,test-key-one")
    counts = services.rotate_keys()
    assert counts["values"] >= 3 and counts["files"] == 1
    new_raw = raw("SELECT name FROM cases_person WHERE case_id=%s", [case.pk])[0]
    assert crypto.key_id_of(new_raw) != old_kid
    monkeypatch.setenv("HUQUQ_FIELD_KEYS", "test-key-two")  # the old key is gone: still readable
    assert Person.objects.get(case=case).name == "Said Zaripzoda"
    assert services.read_evidence(evidence, actor=None) == b"%PDF-1.4 test"


def test_blind_index_finds_names_in_either_script(org_a, make_user):
    from huquq.cases.selectors import CaseFilters, case_list

    user = make_user(org_a, "caseworker")
    make_case(org_a, name="Севархон Маннонова", title="Street cleaners")
    make_case(org_a, name="Other Person", title="Saw-mill")
    assert case_list(user, CaseFilters(q="Mannonova")).count() == 1
    assert case_list(user, CaseFilters(q="маннонова")).count() == 1
    analyst = make_user(org_a, "analyst")
    assert case_list(analyst, CaseFilters(q="Mannonova")).count() == 0  # analysts cannot probe names


@pytest.mark.parametrize("a,b", [("Джафари", "Jafari"), ("Худойназаров", "Khudoynazarov"),
                                 ("Юнусова", "Yunusova"), ("Нижний Новгород", "Nizhny Novgorod")])
def test_fold_meets_cyrillic_and_latin(a, b):
    assert fold(a) == fold(b)


def _kids(sql, params):
    return {crypto.key_id_of(v) for v in raw(sql, params) if v}


def test_rotate_keys_handles_every_encrypted_field_type_and_resumes(org_a, monkeypatch):
    """Birth dates (EncryptedDateField) used to crash rotation; an interrupted run is finished by a rerun."""
    cases = [make_case(org_a, name=f"Person {n}") for n in range(5)]
    for case in cases:
        person = case.client
        person.birth_date = datetime.date(1990, 1, 2)
        person.save()
    monkeypatch.setenv("HUQUQ_FIELD_KEYS", "test-key-two,test-key-one")
    new_kid = crypto.current_key().kid
    calls = {"n": 0}

    def stop_after_two_batches(n):
        calls["n"] += 1
        if calls["n"] == 2:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        services.rotate_keys(progress=stop_after_two_batches, batch_size=2)
    done = [_kids("SELECT name, birth_date FROM cases_person WHERE case_id=%s", [c.pk]) for c in cases]
    assert done[:2] == [{new_kid}, {new_kid}] and new_kid not in done[-1]  # committed batches stay done
    with connection.cursor() as cursor:
        cursor.execute("SELECT name, birth_date, phone, passport FROM cases_person")
        stale = sum(1 for row in cursor.fetchall() for v in row if v and crypto.key_id_of(v) != new_kid)
    counts = services.rotate_keys(batch_size=2)
    assert stale >= 2 and counts["values"] == stale  # only the rows the first run did not reach
    monkeypatch.setenv("HUQUQ_FIELD_KEYS", "test-key-two")
    for case in cases:
        person = Person.objects.get(pk=case.client.pk)
        assert person.birth_date == datetime.date(1990, 1, 2) and person.name.startswith("Person")


def test_name_search_works_while_rotation_is_pending(org_a, make_user, monkeypatch):
    from huquq.cases.selectors import CaseFilters, case_list

    user = make_user(org_a, "caseworker")
    make_case(org_a, name="Said Zaripzoda")
    monkeypatch.setenv("HUQUQ_FIELD_KEYS", "test-key-two,test-key-one")  # new key first, index not rebuilt
    assert case_list(user, CaseFilters(q="Zaripzoda")).count() == 1
    services.rotate_keys()
    monkeypatch.setenv("HUQUQ_FIELD_KEYS", "test-key-two")
    assert case_list(user, CaseFilters(q="Zaripzoda")).count() == 1


def test_blind_index_keys_differ_per_organisation(org_a, org_b):
    assert crypto.blind_index("Said Zaripzoda", org_a.pk) != crypto.blind_index("Said Zaripzoda", org_b.pk)
    assert crypto.blind_tokens("Zaripzoda", org_a.pk)[0] in crypto.blind_index("Said Zaripzoda", org_a.pk)


def test_missing_key_file_with_encrypted_data_refuses_instead_of_making_a_new_key(org_a, monkeypatch, settings,
                                                                                 tmp_path):
    make_case(org_a, name="Said Zaripzoda")
    monkeypatch.delenv("HUQUQ_FIELD_KEYS")
    settings.VAR_DIR = tmp_path / "restored-without-keys"
    crypto.forget_loaded_keys()
    try:
        with pytest.raises(crypto.MissingFieldKey, match="restore .*huquq_field_keys"):
            crypto.check_keys()
        assert not (tmp_path / "restored-without-keys" / "huquq_field_keys").exists()
    finally:
        crypto.forget_loaded_keys()


def test_key_file_is_read_once_per_process(db, monkeypatch, settings, tmp_path):
    monkeypatch.delenv("HUQUQ_FIELD_KEYS")
    settings.VAR_DIR = tmp_path
    (tmp_path / "huquq_field_keys").write_text("file-key\n")
    crypto.forget_loaded_keys()
    reads = []
    real = crypto.Path.read_text
    monkeypatch.setattr(crypto.Path, "read_text", lambda self, *a, **k: reads.append(self) or real(self, *a, **k))
    try:
        for _ in range(3):
            assert crypto.decrypt(crypto.encrypt("x", "t"), "t") == "x"
        assert len(reads) == 1
    finally:
        crypto.forget_loaded_keys()


def test_wsgi_application_refuses_to_start_without_the_key(org_a, monkeypatch, settings, tmp_path):
    import runpy

    make_case(org_a, name="Said Zaripzoda")
    monkeypatch.delenv("HUQUQ_FIELD_KEYS")
    settings.VAR_DIR = tmp_path / "no-keys"
    crypto.forget_loaded_keys()
    try:
        with pytest.raises(crypto.MissingFieldKey, match="will not create a new key"):
            runpy.run_module("huquq.wsgi")
    finally:
        crypto.forget_loaded_keys()
