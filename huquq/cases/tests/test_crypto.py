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
        assert value.startswith("enc1:")
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
