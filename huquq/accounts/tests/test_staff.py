"""Staff management by an organisation's administrators: services, pages, audit, per-organisation isolation."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from huquq.accounts import services
from huquq.accounts.models import AuditEntry, User


@pytest.fixture(autouse=True)
def english():
    """Pages in English (URLs reversed under /en/), so the assertions read the source strings."""
    from django.utils import translation

    translation.activate("en")
    yield


@pytest.fixture
def staff(org_a, org_b, make_user):
    return {
        "a_admin": make_user(org_a, "org_admin", username="alice-admin"),
        "a_worker": make_user(org_a, "caseworker", username="alice-worker"),
        "b_admin": make_user(org_b, "org_admin", username="bob-admin"),
        "b_worker": make_user(org_b, "caseworker", username="bob-worker"),
    }


def fresh(user):
    return User.objects.get(pk=user.pk)


def logs_in(client, username, password="correct horse battery") -> bool:
    """Through the login form (the login throttle needs a request)."""
    client.logout()
    response = client.post(reverse("accounts:login"), {"username": username, "password": password})
    return response.status_code == 302


# --- services ---------------------------------------------------------------------------------------------

def test_add_colleague_with_generated_password(staff, org_a):
    change = services.add_colleague(actor=staff["a_admin"], organisation=org_a, username="new-lawyer",
                                    role="lawyer")
    user = fresh(change.member)
    assert (user.organisation, user.role, user.is_active) == (org_a, "lawyer", True)
    assert len(change.password) == 19 and user.check_password(change.password)
    entry = AuditEntry.objects.filter(object_type="accounts.user", object_id=str(user.pk)).get()
    assert (entry.action, entry.actor, entry.organisation, entry.detail) == ("create", staff["a_admin"], org_a,
                                                                            {"role": "lawyer"})
    assert change.password not in str(entry.detail)


def test_add_colleague_with_chosen_password_returns_none(staff, org_a):
    change = services.add_colleague(actor=staff["a_admin"], organisation=org_a, username="chosen",
                                    role="analyst", password="a long enough pass phrase")
    assert change.password == "" and fresh(change.member).check_password("a long enough pass phrase")


def test_add_colleague_refuses_weak_password_and_taken_name(staff, org_a):
    with pytest.raises(services.ValidationError):
        services.add_colleague(actor=staff["a_admin"], organisation=org_a, username="weak", role="intake",
                               password="123")
    with pytest.raises(services.StaffError):
        services.add_colleague(actor=staff["a_admin"], organisation=org_a, username="BOB-WORKER", role="intake")
    assert not User.objects.filter(username="weak").exists()


def test_only_admins_of_that_organisation_manage_it(staff, org_a):
    with pytest.raises(PermissionDenied):
        services.add_colleague(actor=staff["b_admin"], organisation=org_a, username="intruder", role="org_admin")
    with pytest.raises(PermissionDenied):
        services.add_colleague(actor=staff["a_worker"], organisation=org_a, username="self-made", role="org_admin")
    for actor in (staff["b_admin"], staff["a_worker"]):
        with pytest.raises(PermissionDenied):
            services.change_role(actor=actor, member=staff["a_admin"], role="intake")
        with pytest.raises(PermissionDenied):
            services.set_active(actor=actor, member=staff["a_admin"], active=False)
        with pytest.raises(PermissionDenied):
            services.reset_password(actor=actor, member=staff["a_admin"])
    assert fresh(staff["a_admin"]).role == "org_admin" and fresh(staff["a_admin"]).is_active


def test_change_role_is_audited(staff):
    services.change_role(actor=staff["a_admin"], member=staff["a_worker"], role="lawyer")
    assert fresh(staff["a_worker"]).role == "lawyer"
    entry = AuditEntry.objects.order_by("-id").first()
    assert (entry.action, entry.object_id, entry.detail) == ("update", str(staff["a_worker"].pk),
                                                            {"role": ["caseworker", "lawyer"]})


def test_last_admin_cannot_be_demoted_or_deactivated(staff):
    admin = staff["a_admin"]
    with pytest.raises(services.StaffError):
        services.change_role(actor=admin, member=admin, role="caseworker")
    with pytest.raises(services.StaffError):
        services.set_active(actor=admin, member=admin, active=False)
    assert fresh(admin).role == "org_admin" and fresh(admin).is_active


def test_an_admin_may_step_down_once_another_exists(staff):
    services.change_role(actor=staff["a_admin"], member=staff["a_worker"], role="org_admin")
    services.change_role(actor=staff["a_admin"], member=staff["a_admin"], role="caseworker")
    assert fresh(staff["a_admin"]).role == "caseworker"
    assert services.active_admin_count(staff["a_admin"].organisation_id) == 1
    # the one who stepped down can no longer act, even with the old object in memory
    with pytest.raises(PermissionDenied):
        services.change_role(actor=staff["a_admin"], member=staff["a_worker"], role="intake")


def test_deactivate_locks_out_and_reactivate(client, staff):
    client.force_login(staff["a_worker"])
    assert client.get(reverse("accounts:organisation")).status_code == 200
    services.set_active(actor=staff["a_admin"], member=staff["a_worker"], active=False)
    response = client.get(reverse("accounts:organisation"))
    assert response.status_code == 302 and reverse("accounts:login") in response["Location"]
    assert not logs_in(client, "alice-worker")
    services.set_active(actor=staff["a_admin"], member=staff["a_worker"], active=True)
    assert logs_in(client, "alice-worker")
    details = list(AuditEntry.objects.filter(object_id=str(staff["a_worker"].pk), action="update")
                   .values_list("detail", flat=True))
    assert details == [{"is_active": False}, {"is_active": True}]


def test_reset_password_ends_sessions(client, staff):
    client.force_login(staff["a_worker"])
    change = services.reset_password(actor=staff["a_admin"], member=staff["a_worker"])
    assert fresh(staff["a_worker"]).check_password(change.password)
    assert logs_in(client, "alice-worker", change.password) and not logs_in(client, "alice-worker")
    client.force_login(fresh(staff["a_worker"]))
    assert client.get(reverse("accounts:organisation")).status_code == 200
    services.reset_password(actor=staff["a_admin"], member=staff["a_worker"], password="another long pass phrase")
    assert not fresh(staff["a_worker"]).check_password("correct horse battery")
    assert client.get(reverse("accounts:organisation")).status_code == 302  # old session no longer valid
    entry = AuditEntry.objects.order_by("-id").first()
    assert entry.detail == {"fields": ["password"]} and change.password not in str(entry.detail)


# --- pages ------------------------------------------------------------------------------------------------

def test_staff_pages_need_an_org_admin(client, staff):
    client.force_login(staff["a_worker"])
    assert client.get(reverse("accounts:staff")).status_code == 403
    assert client.get(reverse("accounts:staff_add")).status_code == 403
    assert client.get(reverse("accounts:staff_member", args=[staff["a_admin"].pk])).status_code == 403


def test_staff_page_lists_only_own_organisation(client, staff):
    client.force_login(staff["a_admin"])
    html = client.get(reverse("accounts:staff")).content.decode()
    assert "alice-worker" in html and "bob-worker" not in html and "bob-admin" not in html


def test_other_organisations_member_is_404(client, staff):
    client.force_login(staff["a_admin"])
    url = reverse("accounts:staff_member", args=[staff["b_worker"].pk])
    assert client.get(url).status_code == 404
    assert client.post(url, {"op": "deactivate"}).status_code == 404
    assert client.post(url, {"op": "role", "role": "intake"}).status_code == 404
    assert client.post(url, {"op": "password"}).status_code == 404
    bob = fresh(staff["b_worker"])
    assert bob.is_active and bob.role == "caseworker" and bob.check_password("correct horse battery")


def test_add_colleague_page_shows_password_once(client, staff, org_a):
    client.force_login(staff["a_admin"])
    response = client.post(reverse("accounts:staff_add"), {"username": "new-intake", "role": "intake",
                                                           "first_name": "Айгуль", "email": ""})
    assert response.status_code == 200 and response["Cache-Control"] == "no-store"
    user = User.objects.get(username="new-intake")
    password = response.context["password"]
    assert user.organisation == org_a and user.check_password(password) and password in response.content.decode()
    assert password not in client.get(reverse("accounts:staff")).content.decode()


def test_member_page_changes_role_and_refuses_last_admin(client, staff):
    client.force_login(staff["a_admin"])
    url = reverse("accounts:staff_member", args=[staff["a_worker"].pk])
    assert client.post(url, {"op": "role", "role": "lawyer"}).status_code == 302
    assert fresh(staff["a_worker"]).role == "lawyer"
    own = reverse("accounts:staff_member", args=[staff["a_admin"].pk])
    response = client.post(own, {"op": "deactivate"}, follow=True)
    assert fresh(staff["a_admin"]).is_active
    assert "at least one active administrator" in response.content.decode()


def test_member_page_resets_password(client, staff):
    client.force_login(staff["a_admin"])
    response = client.post(reverse("accounts:staff_member", args=[staff["a_worker"].pk]), {"op": "password"})
    assert response.status_code == 200 and fresh(staff["a_worker"]).check_password(response.context["password"])
    assert client.post(reverse("accounts:staff_member", args=[staff["a_worker"].pk]),
                       {"op": "nonsense"}).status_code == 400


def test_staff_page_in_russian(client, staff):
    client.force_login(staff["a_admin"])
    html = client.get("/ru/accounts/organisation/staff/").content.decode()
    assert "Добавить коллегу" in html and "Add a colleague" not in html
