"""Issue 10 item 4: reads audited by the selectors (and one decorator for lists), the case page's role filtering
in access.py, both exports scoped by access.exportable_cases, editing one transaction."""

import pytest
from django.urls import reverse

from huquq.accounts.models import AuditEntry
from huquq.cases import access, selectors, services
from huquq.cases.tests.factories import make_case, share


@pytest.fixture
def staff(db, org_a, org_b):
    from huquq.accounts.services import create_member

    return {role: create_member(organisation=org, username=f"{key}-{role}", role=role)
            for key, org in (("a", org_a), ("b", org_b)) for role in ("caseworker", "analyst", "org_admin")}


def views_of(case):
    return AuditEntry.objects.filter(action="view", object_type="cases.case", object_id=str(case.pk))


def test_case_page_selector_filters_by_role_and_records_the_read(org_a, org_b, staff):
    from huquq.accounts.models import User

    worker = User.objects.get(username="a-caseworker")
    analyst = User.objects.get(username="a-analyst")
    receiver = User.objects.get(username="b-caseworker")
    case = make_case(org_a, worker)
    services.add_wage_claim(case, actor=worker, agreed_wage=50000, unit="month", units_worked=2)
    share(case, org_b, fields=("summary", "violations"), state="accepted")

    full = selectors.case_page(worker, case)
    assert full["owner"] and full["wage_claims"] and "persons" in full and "deadlines" in full
    assert views_of(case).filter(actor=worker).count() == 1

    blind = selectors.case_page(analyst, case)
    assert "persons" not in blind or not blind["show_personal"]
    assert not blind["can_view_evidence"] and blind["evidence"] == []

    shared = selectors.case_page(receiver, case)
    assert not shared["owner"] and "wage_claims" not in shared and "deadlines" not in shared
    assert {r.to_organisation_id for r in shared["referrals"]} == {org_b.pk}
    entry = views_of(case).filter(actor=receiver).get()
    assert entry.detail == {"groups": ["summary", "violations"], "viewer_org": org_b.pk}


def test_wage_claims_and_referrals_follow_access_rules(org_a, org_b, staff):
    assert access.shows_wage_claims(frozenset({"actions"}))
    assert not access.shows_wage_claims(frozenset({"summary", "violations", "profile"}))
    from huquq.accounts.models import User

    worker = User.objects.get(username="a-caseworker")
    case = make_case(org_a, worker)
    share(case, org_b, fields=("summary",), state="accepted")
    receiver = User.objects.get(username="b-caseworker")
    assert list(access.referrals_seen(receiver, case)) == list(case.referrals.filter(to_organisation=org_b))
    assert access.referrals_seen(worker, case).count() == case.referrals.count()


def test_edit_form_read_recorded_on_get_only(client, org_a, staff):
    from huquq.accounts.models import User

    worker = User.objects.get(username="a-caseworker")
    case = make_case(org_a, worker)
    client.force_login(worker)
    url = reverse("cases:edit", args=[case.pk])
    assert client.get(url).status_code == 200
    assert views_of(case).filter(detail__edit_form=True).count() == 1
    analyst = User.objects.get(username="a-analyst")
    client.force_login(analyst)
    assert client.get(url).status_code == 403
    assert views_of(case).filter(actor=analyst).count() == 0


def test_case_list_recorded_once_per_search(client, org_a, staff):
    from huquq.accounts.models import User

    worker = User.objects.get(username="a-caseworker")
    make_case(org_a, worker)
    client.force_login(worker)

    def lists():
        return AuditEntry.objects.filter(actor=worker, object_type="cases.case", detail__list=True).count()

    for _ in range(3):
        client.get(reverse("cases:list"))
    assert lists() == 1
    client.get(reverse("cases:list"), {"q": "Токтогулова"})
    client.get(reverse("cases:list"), {"q": "Токтогулова", "page": "2"})
    assert lists() == 2
    entry = AuditEntry.objects.filter(actor=worker, object_type="cases.case").order_by("-id").first()
    assert entry.detail["filters"] == ["q"] and "Токтогулова" not in str(entry.detail)
    client.get(reverse("cases:deadlines"))
    client.get(reverse("cases:deadlines"))
    assert AuditEntry.objects.filter(actor=worker, object_type="cases.deadline").count() == 1


def test_both_exports_hold_only_the_own_organisations_cases(client, org_a, org_b, staff):
    from huquq.accounts.models import User

    admin = User.objects.get(username="a-org_admin")
    own = make_case(org_a, admin, title="Own case")
    foreign = make_case(org_b, None, title="Foreign case")
    share(foreign, org_a, fields=("summary", "violations"), state="accepted")
    assert foreign in access.visible_cases(admin)  # visible through the referral ...
    assert list(access.exportable_cases(admin)) == [own]  # ... but never exported
    client.force_login(admin)
    csv_body = b"".join(client.get(reverse("cases:export_csv")).streaming_content).decode()
    json_body = client.get(reverse("cases:export_json")).content.decode()
    for body in (csv_body, json_body):
        assert own.reference in body and foreign.reference not in body


def test_edit_case_and_client_roll_back_together(org_a, staff, monkeypatch):
    from huquq.accounts.models import User

    worker = User.objects.get(username="a-caseworker")
    case = make_case(org_a, worker, title="Before")
    client_person = case.client

    def boom(*args, **kwargs):
        raise RuntimeError("client save failed")

    monkeypatch.setattr(services, "update_person", boom)
    with pytest.raises(RuntimeError):
        services.edit_case(case, actor=worker, expected_version=case.version, changes={"title": "After"},
                           client=client_person, client_changes={"sex": "male"})
    case.refresh_from_db()
    assert case.title == "Before"
