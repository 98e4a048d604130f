"""Register services and staff pages: identifiers validated, merge/split audited and reversible."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from huquq.accounts.models import AuditEntry
from huquq.registry.employers import selectors, services
from huquq.registry.employers.models import Employer, EmployerChange, EmployerName


def test_create_validates_identifiers_and_strips_the_legal_form(db):
    employer = services.create_employer(name="ООО «Ромашка»", inn="7707 083 893", bin="940140000385")
    assert (employer.legal_form, employer.name, employer.inn) == ("ООО", "Ромашка", "7707083893")
    with pytest.raises(ValidationError) as excinfo:
        services.create_employer(name="ООО Лютик", inn="7707083894")
    assert "inn" in excinfo.value.message_dict
    with pytest.raises(ValidationError):
        services.create_employer(name="ТОО Лютик", bin="940140000386")
    with pytest.raises(ValidationError):
        services.create_employer(name="ООО Лютик", ogrn="1027700132196")


def test_merge_is_audited_and_undo_restores_both(db, moderator):
    a = services.create_employer(name="ООО Ромашка", city="Москва")
    b = services.create_employer(name="OOO Romashka")
    change = services.merge(a, b, actor=moderator, reason="same address and director")
    assert selectors.canonical(b) == a
    assert set(selectors.group_names(a)) >= {"ООО Ромашка", "OOO Romashka"}
    assert AuditEntry.objects.filter(object_type="registry.employer", object_id=str(a.pk),
                                     detail__action="merge").exists()
    services.undo(change, actor=moderator)
    b.refresh_from_db()
    assert b.merged_into is None and selectors.canonical(b) == b
    change.refresh_from_db()
    assert change.undone_by is not None
    assert EmployerChange.objects.filter(kind="undo").count() == 1
    with pytest.raises(ValidationError):
        services.undo(change, actor=moderator)


def test_merge_refuses_two_different_inns(db, moderator):
    a = services.create_employer(name="ООО Ромашка", inn="7707083893")
    b = services.create_employer(name="ООО Ромашка", inn="7830002293")
    with pytest.raises(ValidationError):
        services.merge(a, b, actor=moderator, reason="looks the same")


def test_only_moderators_merge_and_split(db, caseworker):
    a = services.create_employer(name="ООО Ромашка")
    b = services.create_employer(name="ООО Лютик")
    with pytest.raises(PermissionDenied):
        services.merge(a, b, actor=caseworker, reason="x")
    with pytest.raises(PermissionDenied):
        services.split(a, [a.names.first().pk], actor=caseworker, reason="x")


def test_split_moves_names_and_undo_moves_them_back(db, moderator):
    a = services.create_employer(name="ООО Ромашка")
    services.add_name(a, "Ромашка-Сервис")
    wrong = EmployerName.objects.get(name="Ромашка-Сервис")
    change = services.split(a, [wrong.pk], actor=moderator, reason="a different firm at another address")
    new = change.other
    assert list(new.names.values_list("name", flat=True)) == ["Ромашка-Сервис"]
    assert "Ромашка-Сервис" not in selectors.group_names(a)
    services.undo(change, actor=moderator)
    wrong.refresh_from_db()
    new.refresh_from_db()
    assert wrong.employer_id == a.pk
    assert selectors.canonical(new) == a
    assert AuditEntry.objects.filter(detail__action="split").count() == 2


def test_record_mention_matches_identifier_then_name_then_creates(db):
    a = services.create_employer(name="ООО «СтройИнвест»", inn="7707083893", city="Москва")
    entity, reason = services.record_mention("Совсем другое имя", inn="7707083893")
    assert entity == a and reason == "same INN"
    entity, reason = services.record_mention("OOO Stroyinvest", city="Moscow")
    assert entity == a and reason.startswith("name score") and "same city" in reason
    entity, reason = services.record_mention("ООО СтройСервис", city="Москва")
    assert entity != a and reason == "new entity"
    with pytest.raises(ValidationError):
        services.record_mention("X", inn="123")


def test_moderator_merges_through_the_page_and_caseworker_cannot(client, db, moderator, caseworker):
    a = services.create_employer(name="ООО Ромашка")
    b = services.create_employer(name="OOO Romashka")
    url = reverse("registry:employer_merge", args=[a.pk])
    client.force_login(caseworker)
    assert client.get(reverse("registry:employer", args=[a.pk])).status_code == 200
    assert client.post(url, {"other": b.pk, "reason": "same"}).status_code == 403
    client.force_login(moderator)
    response = client.post(url, {"other": b.pk, "reason": "same firm"})
    assert response.status_code == 302
    b.refresh_from_db()
    assert b.merged_into_id == a.pk
    # the absorbed entity's page redirects to the survivor
    assert client.get(reverse("registry:employer", args=[b.pk])).url == reverse("registry:employer", args=[a.pk])


def test_register_search_finds_other_scripts(client, db, caseworker):
    services.create_employer(name="ТОО «Алтын Тау Құрылыс»")
    client.force_login(caseworker)
    html = client.get(reverse("registry:employers"), {"q": "Altyn Tau Kurylys"}).content.decode()
    assert "Алтын Тау Құрылыс" in html
    assert Employer.objects.count() == 1


def test_record_mention_does_not_attach_a_different_inn_to_a_similar_name(db):
    a = services.create_employer(name="ООО Ромашка", inn="7707083893")
    entity, reason = services.record_mention("ООО Ромашка", inn="7830002293")
    assert entity != a and reason == "new entity" and entity.inn == "7830002293"
    same, _reason = services.record_mention("OOO Romashka")  # no INN: joins one of them, creates nothing
    assert same in (a, entity) and Employer.objects.count() == 2


def test_moderator_records_notice_and_response_through_the_pages(client, db, moderator):
    import datetime as dt

    employer = services.create_employer(name="ООО Ромашка")
    client.force_login(moderator)
    client.post(reverse("registry:warning_notice", args=[employer.pk]), {"sent_on": "2026-01-05", "method": "post"})
    notice = employer.reply_notices.get()
    assert notice.sent_on == dt.date(2026, 1, 5)
    client.post(reverse("registry:warning_response", args=[employer.pk, notice.pk]),
                {f"notice{notice.pk}-response_text": "Не согласны."})
    notice.refresh_from_db()
    assert notice.response_text == "Не согласны."
    html = client.get(reverse("registry:employer", args=[employer.pk])).content.decode()
    assert "no moderator approval" in html or "нет одобрения модератора" in html
