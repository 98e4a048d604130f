"""The warnings list reads a fixed number of queries however many employers are listed (issue 15)."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from huquq.cases import services as cases
from huquq.cases.tests.factories import make_case
from huquq.registry.employers import services, warnings


@pytest.fixture(autouse=True)
def _field_keys(monkeypatch, settings, tmp_path):
    monkeypatch.setenv("HUQUQ_FIELD_KEYS", "test-key-one")
    settings.MEDIA_ROOT = tmp_path / "media"


def _list_employers(count, org_a, org_b, moderator):
    for number in range(count):
        employer = services.create_employer(name=f"ООО «Строй-{number}»", city="Москва")
        alias = services.create_employer(name=f"Stroi {number} LLC", city="Moscow")
        services.merge(employer, alias, actor=moderator, reason="same firm in Latin script")
        for org in (org_a, org_b):
            case = make_case(org)
            violation = cases.add_violation(case, actor=None, type="wage_theft", employer=employer,
                                            started_on=dt.date(2026, 3, 1))
            cases.set_verified(violation, actor=None, verified=True)
        warnings.approve(employer, actor=moderator)
        warnings.record_notice(employer, actor=moderator, sent_on=timezone.localdate() - dt.timedelta(days=20))


def _queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return response, len(captured.captured_queries)


def test_warnings_page_query_count_does_not_grow_with_listings(client, db, org_a, org_b, make_user):
    moderator = make_user(org_a, "org_admin", is_registry_moderator=True)  # moderation is a platform role
    _list_employers(2, org_a, org_b, moderator)
    response, few = _queries(client, "/ru/registry/warnings/")
    assert len(warnings.published_warnings()) == 2
    _list_employers(6, org_a, org_b, moderator)
    response, many = _queries(client, "/ru/registry/warnings/")
    assert len(warnings.published_warnings()) == 8
    assert response.content.decode().count("/ru/registry/warnings/") >= 8, response.content.decode()[-3000:]
    assert many == few, f"{few} queries for 2 listings, {many} for 8"
