"""Organisation admins edit their own entry; moderators verify entries; both audited."""

import datetime

import pytest
from django.contrib.auth.models import Permission
from django.core.exceptions import PermissionDenied

from huquq.accounts.models import AuditEntry
from huquq.registry.directory import services
from huquq.registry.directory.models import DirectoryEntry

from .conftest import MOSCOW


@pytest.fixture
def entry_a(make_entry, org_a):
    return make_entry("Organisation A help", slug="org-a", areas=[MOSCOW], services=["legal_advice"],
                      organisation=org_a, verified_at=datetime.date(2026, 1, 1), verified_by_label="mod")


@pytest.fixture
def entry_b(make_entry, org_b):
    return make_entry("Organisation B help", slug="org-b", organisation=org_b)


@pytest.fixture
def moderator(make_org, make_user):
    user = make_user(make_org("Moderators"), "analyst")
    user.user_permissions.add(Permission.objects.get(codename="verify_entry", content_type__app_label="registry"))
    return user


def place_rows(*rows):
    """The place rows of the edit form as posted: (country, region, city[, delete])."""
    data = {"places-TOTAL_FORMS": str(len(rows)), "places-INITIAL_FORMS": "0", "places-MIN_NUM_FORMS": "0",
            "places-MAX_NUM_FORMS": "50"}
    for i, row in enumerate(rows):
        data.update({f"places-{i}-country": row[0], f"places-{i}-region": row[1], f"places-{i}-city": row[2]})
        if len(row) > 3 and row[3]:
            data[f"places-{i}-DELETE"] = "on"
    return data


def edit_data(places=(("RU", "RU-MOW", "Москва"), ("", "", "")), **override):
    data = {"name": "Organisation A help", "other_names": "", "description": "We help with wages.",
            "services": [], "remote": "", "phone": "+7 000", "email": "", "website": "", "telegram": "",
            "address": "", "opening_hours": "Mon-Fri", "languages": ["ru", "tg"], **place_rows(*places)}
    data.update(override)
    return data


def test_org_admin_edits_own_entry_and_the_edit_is_audited(client, entry_a, make_user, org_a, help_services):
    admin = make_user(org_a, "org_admin")
    client.force_login(admin)
    assert client.get("/en/registry/help/org-a/edit/").status_code == 200
    response = client.post("/en/registry/help/org-a/edit/",
                           edit_data(services=[help_services["wage_claims"].pk]))
    assert response.status_code == 302
    entry = DirectoryEntry.objects.get(slug="org-a")
    assert entry.phone == "+7 000" and entry.opening_hours == "Mon-Fri" and entry.languages == ["ru", "tg"]
    assert [s.code for s in entry.services.all()] == ["wage_claims"]
    assert [(a.city_latin, a.city_ru, a.region) for a in entry.areas.all()] == [("Moscow", "Москва", "RU-MOW")]
    assert entry.edited_locally
    assert entry.verified_at is None  # content changed since the last verification
    log = AuditEntry.objects.filter(object_type="registry.directoryentry", object_id=str(entry.pk)).last()
    assert log.action == "update" and log.actor == admin and "phone" in log.detail["fields"]
    assert "+7 000" not in str(log.detail)


def test_org_admin_cannot_edit_another_organisations_entry(client, entry_a, entry_b, make_user, org_a):
    client.force_login(make_user(org_a, "org_admin"))
    assert client.get("/en/registry/help/org-b/edit/").status_code == 403
    assert client.post("/en/registry/help/org-b/edit/", edit_data(name="Hijacked")).status_code == 403
    assert DirectoryEntry.objects.get(slug="org-b").name == "Organisation B help"


def test_org_admin_cannot_edit_an_entry_linked_to_no_organisation(client, make_entry, make_user, org_a):
    make_entry("Unlinked", slug="unlinked")
    client.force_login(make_user(org_a, "org_admin"))
    assert client.get("/en/registry/help/unlinked/edit/").status_code == 403


@pytest.mark.parametrize("role", ["intake", "caseworker", "lawyer", "analyst", "consular"])
def test_other_roles_of_the_same_organisation_cannot_edit(client, entry_a, make_user, org_a, role):
    client.force_login(make_user(org_a, role))
    assert client.get("/en/registry/help/org-a/edit/").status_code == 403
    assert services.can_edit(make_user(org_a, "org_admin"), entry_a)


def test_anonymous_is_sent_to_login(client, entry_a):
    response = client.get("/en/registry/help/org-a/edit/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert client.post("/en/registry/help/org-a/verify/").status_code == 302
    assert DirectoryEntry.objects.get(slug="org-a").verified_by_label == "mod"


def test_bad_edit_input_shows_errors(client, entry_a, make_user, org_a):
    client.force_login(make_user(org_a, "org_admin"))
    response = client.post("/en/registry/help/org-a/edit/",
                           edit_data(languages=["xx1"], places=[("", "", "Almaty"), ("KZ", "RU-MOW", "")]))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Select a valid choice. xx1 is not one of the available choices." in html
    assert "Choose the country of this place." in html and "The region Moscow is not in Kazakhstan." in html
    assert DirectoryEntry.objects.get(slug="org-a").phone == ""


def test_languages_are_checkboxes_and_places_are_rows_of_country_region_city(client, entry_a, make_user, org_a):
    entry_a.languages = ["ru", "ky"]
    entry_a.save()
    client.force_login(make_user(org_a, "org_admin"))
    html = client.get("/ru/registry/help/org-a/edit/").content.decode()
    assert 'name="languages" value="ky" id="id_languages_1" checked' in html and "Киргизский" in html
    assert 'name="places-0-country"' in html and '<option value="RU" selected>Россия</option>' in html
    assert '<option value="RU-MOW" selected>Москва</option>' in html
    assert 'name="places-2-country"' in html and 'name="places-3-country"' not in html  # 1 place + 2 blank rows
    assert "RU, RU-MOW" not in html  # no coded lines to type any more
    response = client.post("/en/registry/help/org-a/edit/", edit_data(
        places=[("RU", "RU-MOW", "Москва", "delete"), ("KZ", "", "Алматы"), ("KG", "", ""), ("", "", "")],
        languages=["ky", "uz"]))
    assert response.status_code == 302
    entry = DirectoryEntry.objects.get(slug="org-a")
    assert entry.languages == ["ky", "uz"]
    assert sorted((a.country, a.region, a.city_latin) for a in entry.areas.all()) == [
        ("KG", "", ""), ("KZ", "KZ-75", "Almaty")]


def test_add_another_place_gives_one_more_row_without_saving(client, entry_a, make_user, org_a):
    client.force_login(make_user(org_a, "org_admin"))
    response = client.post("/en/registry/help/org-a/edit/",
                           {**edit_data(places=[("KZ", "", "Almaty"), ("KG", "", "")]), "add_place": "1"})
    html = response.content.decode()
    assert response.status_code == 200
    assert 'name="places-2-country"' in html and 'name="places-3-country"' not in html
    assert '<option value="KG" selected>' in html  # what was chosen stays chosen
    entry = DirectoryEntry.objects.get(slug="org-a")
    assert [(a.country, a.city_latin) for a in entry.areas.all()] == [("RU", "Moscow")]  # nothing saved yet


def test_moderator_verifies_an_entry(client, entry_b, moderator):
    client.force_login(moderator)
    page = client.get("/en/registry/help/org-b/").content.decode()
    assert "mark as verified" in page
    response = client.post("/en/registry/help/org-b/verify/")
    assert response.status_code == 302
    entry = DirectoryEntry.objects.get(slug="org-b")
    assert entry.verified_at is not None and entry.verified_by == moderator
    assert entry.verified_by_label == "Moderators"  # no full name: the organisation, never the login name
    assert AuditEntry.objects.filter(object_id=str(entry.pk), action="update", actor=moderator).exists()
    page = client.get("/en/registry/help/org-b/").content.decode()
    assert "by Moderators" in page and "Not yet verified." not in page and moderator.username not in page
    moderator.first_name, moderator.last_name = "Aida", "K."
    moderator.save()
    client.post("/en/registry/help/org-b/verify/")
    assert DirectoryEntry.objects.get(slug="org-b").verified_by_label == "Aida K."


def test_moderator_edit_keeps_verification(entry_a, moderator):
    services.update_entry(actor=moderator, entry=entry_a, data={"phone": "+7 111"})
    entry_a.refresh_from_db()
    assert entry_a.phone == "+7 111" and entry_a.verified_at == datetime.date(2026, 1, 1)


def test_superuser_verifies(client, entry_b, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("root", "", "long enough password 1"))
    assert client.post("/en/registry/help/org-b/verify/").status_code == 302
    assert DirectoryEntry.objects.get(slug="org-b").verified_at is not None


def test_org_admin_cannot_verify_even_own_entry(client, entry_b, make_user, org_b):
    client.force_login(make_user(org_b, "org_admin"))
    assert "mark as verified" not in client.get("/en/registry/help/org-b/").content.decode()
    assert client.post("/en/registry/help/org-b/verify/").status_code == 403
    assert DirectoryEntry.objects.get(slug="org-b").verified_at is None


def test_verify_needs_post(client, entry_b, moderator):
    client.force_login(moderator)
    assert client.get("/en/registry/help/org-b/verify/").status_code == 405


def test_my_entry_sends_org_admin_to_the_edit_form(client, entry_a, make_user, org_a, org_b):
    client.force_login(make_user(org_a, "org_admin"))
    response = client.get("/en/registry/help/mine/")
    assert response.status_code == 302 and response["Location"].endswith("/registry/help/org-a/edit/")
    client.force_login(make_user(org_b, "org_admin"))
    assert "not linked" in client.get("/en/registry/help/mine/").content.decode()


def test_moderator_links_an_organisation(make_entry, moderator, org_a, make_user):
    entry = make_entry("To link")
    with pytest.raises(PermissionDenied):
        services.link_organisation(actor=make_user(org_a, "org_admin"), entry=entry, organisation=org_a)
    services.link_organisation(actor=moderator, entry=entry, organisation=org_a)
    assert services.can_edit(make_user(org_a, "org_admin"), entry)
