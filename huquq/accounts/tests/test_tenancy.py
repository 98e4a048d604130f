import pytest
from django.urls import reverse

from huquq.accounts import audit
from huquq.accounts.models import User


@pytest.fixture
def two_orgs(org_a, org_b, make_user):
    return {
        "a_admin": make_user(org_a, "org_admin", username="alice-admin"),
        "a_worker": make_user(org_a, "caseworker", username="alice-worker"),
        "b_admin": make_user(org_b, "org_admin", username="bob-admin"),
        "b_worker": make_user(org_b, "caseworker", username="bob-worker"),
    }


def test_organisation_page_lists_only_own_members(client, two_orgs):
    client.force_login(two_orgs["a_worker"])
    html = client.get(reverse("accounts:organisation")).content.decode()
    assert "alice-admin" in html and "bob-admin" not in html and "bob-worker" not in html


def test_audit_log_shows_only_own_organisation(client, two_orgs):
    audit.record(two_orgs["b_worker"], "view", object_type="cases.case", object_id="B-SECRET-42")
    audit.record(two_orgs["a_worker"], "view", object_type="cases.case", object_id="A-CASE-7")
    client.force_login(two_orgs["a_admin"])
    html = client.get(reverse("accounts:audit_log")).content.decode()
    assert "A-CASE-7" in html and "B-SECRET-42" not in html


def test_audit_log_needs_org_admin(client, two_orgs):
    client.force_login(two_orgs["a_worker"])
    assert client.get(reverse("accounts:audit_log")).status_code == 403


def test_anonymous_is_sent_to_login(client, db):
    response = client.get(reverse("accounts:organisation"))
    assert response.status_code == 302 and reverse("accounts:login") in response["Location"]


def test_superuser_sees_all(client, two_orgs):
    admin = User.objects.create_superuser("root", "", "x" * 12)
    client.force_login(admin)
    html = client.get(reverse("accounts:organisation")).content.decode()
    assert "alice-admin" in html and "bob-admin" in html


def test_staff_user_needs_organisation_and_role(db):
    from django.db import IntegrityError

    with pytest.raises(IntegrityError):
        User.objects.create_user("orphan", password="x" * 12)
