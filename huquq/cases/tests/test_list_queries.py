"""Case and referral lists read a fixed number of queries however many rows they show (issue 15)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from .factories import make_case, share


def _queries(client, url):
    # the session's first requests do one-off work (session limits, two-factor state): measure a warm request
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return response.content.decode(), len(captured.captured_queries)


def test_case_list_query_count_does_not_grow_with_rows(client, org_a, make_user):
    caseworker = make_user(org_a, "caseworker")
    client.force_login(caseworker)
    for _ in range(2):
        make_case(org_a, caseworker)
    _html, few = _queries(client, "/ru/cases/")
    for _ in range(8):
        make_case(org_a, caseworker)
    html, many = _queries(client, "/ru/cases/")
    assert html.count("/ru/cases/") >= 10
    assert many == few, f"{few} queries for 2 cases, {many} for 10"


@pytest.mark.parametrize("superuser", [False, True])
def test_referral_list_query_count_does_not_grow_with_rows(client, org_a, org_b, make_user, superuser):
    lawyer = make_user(org_a, "lawyer", is_superuser=superuser)
    client.force_login(lawyer)

    def refer(count):
        for _ in range(count):
            share(make_case(org_a), org_b, state="accepted")

    refer(2)
    _html, few = _queries(client, "/ru/cases/referrals/")
    refer(8)
    html, many = _queries(client, "/ru/cases/referrals/")
    assert html.count('class="card"') == 10
    assert many == few, f"{few} queries for 2 referrals, {many} for 10"
