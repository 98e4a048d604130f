"""Every role × every view × own organisation / other organisation / shared by referral.

Expected outcomes are written out here as tables (not computed with access.py), so a change in the
rules that is not also made here fails."""

import pytest
from django.urls import reverse

from huquq.accounts.services import create_organisation
from huquq.cases import services

from .factories import make_case, share

ROLES = ["intake", "caseworker", "lawyer", "analyst", "org_admin", "consular"]
SITUATIONS = ["own", "own_created", "other", "shared", "declined"]
MANAGERS = {"caseworker", "lawyer", "org_admin"}
OWN_ROLES = {"caseworker", "lawyer", "analyst", "org_admin"}

CAN_VIEW = ({("own", r) for r in OWN_ROLES} | {("own_created", r) for r in OWN_ROLES | {"intake"}}
            | {("shared", r) for r in MANAGERS | {"consular"}})
CAN_EDIT = {(s, r) for s in ("own", "own_created") for r in MANAGERS} | {("own_created", "intake")}
CAN_EVIDENCE = CAN_EDIT
CAN_MANAGE = {(s, r) for s in ("own", "own_created") for r in MANAGERS}

GET_VIEWS = {
    "detail": (lambda c, e: reverse("cases:detail", args=[c.pk]), CAN_VIEW),
    "case_file": (lambda c, e: reverse("cases:file", args=[c.pk]), CAN_VIEW),
    "case_file_pdf": (lambda c, e: reverse("cases:file_pdf", args=[c.pk]), CAN_VIEW),
    "edit": (lambda c, e: reverse("cases:edit", args=[c.pk]), CAN_EDIT),
    "add_violation": (lambda c, e: reverse("cases:add", args=[c.pk, "violation"]), CAN_EDIT),
    "add_wage_claim": (lambda c, e: reverse("cases:add", args=[c.pk, "wage-claim"]), CAN_EDIT),
    "add_action": (lambda c, e: reverse("cases:add", args=[c.pk, "action"]), CAN_EDIT),
    "add_outcome": (lambda c, e: reverse("cases:add", args=[c.pk, "outcome"]), CAN_EDIT),
    "add_deadline": (lambda c, e: reverse("cases:add", args=[c.pk, "deadline"]), CAN_EDIT),
    "add_person": (lambda c, e: reverse("cases:add", args=[c.pk, "person"]), CAN_EDIT),
    "evidence": (lambda c, e: reverse("cases:evidence", args=[c.pk, e.pk]), CAN_EVIDENCE),
    "evidence_add": (lambda c, e: reverse("cases:evidence_add", args=[c.pk]), CAN_EVIDENCE),
    "refer": (lambda c, e: reverse("cases:refer", args=[c.pk]), CAN_MANAGE),
    "consent": (lambda c, e: reverse("cases:consent", args=[c.pk]), CAN_MANAGE),
}
POST_VIEWS = {
    "transition": (lambda c: reverse("cases:transition", args=[c.pk]),
                   lambda c: {"to_status": "assessment", "reason": "checked", "version": c.version}),
    "assign": (lambda c: reverse("cases:assign", args=[c.pk]), lambda c: {"assignee": "", "version": c.version}),
}


@pytest.fixture
def world(db):
    from huquq.accounts.services import create_member

    counter = iter(range(1000))

    def make_user(org, role):  # no password: hashing would dominate the run time
        return create_member(organisation=org, username=f"{role}-{next(counter)}", role=role)

    own = create_organisation(name="Own consulate-or-NGO", slug="own-org", serves_nationals_of="KG")
    other = create_organisation(name="Other NGO", slug="other-org")
    users = {role: make_user(own, role) for role in ROLES}
    writer = make_user(own, "caseworker")
    cases = {
        "own": make_case(own, writer),
        "other": make_case(other),
        "shared": make_case(other),
        "declined": make_case(other),
    }
    share(cases["shared"], own, fields=("summary", "profile", "violations", "identity"), state="accepted")
    share(cases["declined"], own, fields=("summary", "profile", "violations", "identity"), state="declined")
    created = {}
    for role, user in users.items():
        case = make_case(own, None)
        case.created_by = user
        case.save()
        created[role] = case
    evidence = {}
    for key, case in list(cases.items()) + [(f"created-{r}", c) for r, c in created.items()]:
        evidence[key] = services.store_evidence(case, actor=None, name="a.txt", content_type="text/plain",
                                                data=b"evidence")
    return {"users": users, "cases": cases, "created": created, "evidence": evidence}


def _case(world, situation, role):
    if situation == "own_created":
        return world["created"][role], world["evidence"][f"created-{role}"]
    return world["cases"][situation], world["evidence"][situation]


def _expected(table, situation, role):
    if (situation, role) not in CAN_VIEW:
        return 404
    return 200 if (situation, role) in table else 403


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("situation", SITUATIONS)
def test_view_matrix(client, world, role, situation):
    case, evidence = _case(world, situation, role)
    client.force_login(world["users"][role])
    failures = []
    for view, (url_for, table) in sorted(GET_VIEWS.items()):
        got = client.get(url_for(case, evidence)).status_code
        if got != _expected(table, situation, role):
            failures.append(f"GET {view}: {got} != {_expected(table, situation, role)}")
    for view, (url_for, data_for) in sorted(POST_VIEWS.items()):
        case.refresh_from_db()
        expected = _expected(CAN_MANAGE, situation, role)
        got = client.post(url_for(case), data_for(case)).status_code
        if got != (302 if expected == 200 else expected):
            failures.append(f"POST {view}: {got} != {expected}")
        case.refresh_from_db()
        if view == "transition" and (case.status == "assessment") != (expected == 200):
            failures.append("transition applied without the right")
    assert not failures, failures


@pytest.mark.parametrize("role", ROLES)
def test_list_shows_exactly_the_visible_cases(client, world, role):
    client.force_login(world["users"][role])
    response = client.get(reverse("cases:list"))
    assert response.status_code == 200
    html = response.content.decode()
    for situation in SITUATIONS:
        case, _ = _case(world, situation, role)
        link = reverse("cases:detail", args=[case.pk])
        assert (f'href="{link}"' in html) == ((situation, role) in CAN_VIEW), situation
    for other_role, case in world["created"].items():
        if other_role != role:
            link = reverse("cases:detail", args=[case.pk])
            assert (f'href="{link}"' in html) == (role in OWN_ROLES)


def test_anonymous_is_sent_to_login(client, world):
    response = client.get(reverse("cases:detail", args=[world["cases"]["own"].pk]))
    assert response.status_code == 302 and "login" in response["Location"]


def test_consular_sees_only_their_own_nationals(client, db):
    from huquq.accounts.services import create_member

    consulate = create_organisation(name="KG consulate", slug="kg-cons", kind="consulate", serves_nationals_of="KG")
    ngo = create_organisation(name="NGO", slug="ngo")
    consul = create_member(organisation=consulate, username="consul", role="consular")
    kyrgyz = make_case(ngo, citizenship="KG")
    tajik = make_case(ngo, citizenship="TJ")
    share(kyrgyz, consulate, state="accepted")
    share(tajik, consulate, state="accepted")
    client.force_login(consul)
    assert client.get(reverse("cases:detail", args=[kyrgyz.pk])).status_code == 200
    assert client.get(reverse("cases:detail", args=[tajik.pk])).status_code == 404


@pytest.mark.parametrize("role", ROLES)
def test_organisation_wide_pages_by_role(client, world, role):
    client.force_login(world["users"][role])
    pages = {
        "cases:deadlines": 200,
        "cases:referrals": 200 if role in MANAGERS | {"consular"} else 403,
        "cases:export_csv": 200 if role in MANAGERS | {"analyst"} else 403,
        "cases:export_json": 200 if role == "org_admin" else 403,
        "cases:create": 200 if role in MANAGERS | {"intake"} else 403,
    }
    for name, expected in pages.items():
        assert client.get(reverse(name)).status_code == expected, name
    if role == "org_admin":
        body = client.get(reverse("cases:export_json")).content.decode()
        assert world["cases"]["own"].reference in body
        # only the own organisation's cases, even those shared with it stay out of its export
        assert '"organisation": "other-org"' not in body


def test_timeline_and_people_follow_the_readers_field_groups():
    from huquq.cases import access as case_access

    items = [{"kind": "violation"}, {"kind": "action"}, {"kind": "outcome"}]
    assert case_access.filter_timeline(items, frozenset({"violations"})) == items[:1]
    assert case_access.filter_timeline(items, frozenset({"actions"})) == items[1:]
    assert case_access.filter_timeline(items, frozenset({"summary", "profile"})) == []
    assert not case_access.shows_timeline(frozenset({"summary", "profile"}))
    assert case_access.shows_persons(frozenset({"identity"})) and case_access.shows_persons(frozenset({"profile"}))
    assert not case_access.shows_persons(frozenset({"summary", "violations", "actions"}))
