"""Each organisation's time zone: "today" for deadlines and consent expiry, and the times shown to its staff.

At 19:30 UTC on 1 March 2026 it is already 01:30 on 2 March in Bishkek (UTC+6, no daylight saving).
"""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.core import mail
from django.template import Context, Template
from django.urls import reverse
from django.utils import timezone, translation

from huquq.accounts import services as account_services
from huquq.accounts import timezones
from huquq.accounts.models import AuditEntry
from huquq.cases import access, selectors, services
from huquq.channels import staff

from .factories import make_case, share

UTC = dt.UTC
AFTER_MIDNIGHT_IN_BISHKEK = dt.datetime(2026, 3, 1, 19, 30, tzinfo=UTC)  # 2 March 01:30 in Bishkek
BEFORE_MIDNIGHT_IN_BISHKEK = dt.datetime(2026, 3, 1, 17, 30, tzinfo=UTC)  # 1 March 23:30 in Bishkek


@pytest.fixture
def bishkek(make_org):
    return make_org("Bishkek NGO", country="KG")


@pytest.fixture
def utc_org(make_org):
    return make_org("UTC NGO", country="KG", time_zone="UTC")


def test_an_organisation_gets_its_countrys_zone_unless_one_is_chosen(make_org, bishkek, utc_org):
    assert bishkek.time_zone == "Asia/Bishkek"
    assert make_org(country="TJ").time_zone == "Asia/Dushanbe"
    assert make_org(country="UZ").time_zone == "Asia/Tashkent"
    assert make_org(country="KZ").time_zone == "Asia/Almaty"
    assert make_org(country="RU").time_zone == "Europe/Moscow"
    assert make_org().time_zone == "Europe/Moscow"
    assert utc_org.time_zone == "UTC"


def test_local_today_is_the_date_at_the_organisations_place(bishkek, utc_org):
    assert timezones.local_today(bishkek, AFTER_MIDNIGHT_IN_BISHKEK) == dt.date(2026, 3, 2)
    assert timezones.local_today(utc_org, AFTER_MIDNIGHT_IN_BISHKEK) == dt.date(2026, 3, 1)
    assert timezones.local_today(bishkek, BEFORE_MIDNIGHT_IN_BISHKEK) == dt.date(2026, 3, 1)


def _deadline_on_9_march(org, make_user):
    worker = make_user(org, "caseworker", email=f"{org.slug}@example.org")
    case = make_case(org, worker)
    services.add_deadline(case, actor=worker, due_on=dt.date(2026, 3, 9), title="appeal to the court")
    return worker


def test_due_this_week_counts_from_today_in_the_organisations_zone(client, bishkek, utc_org, make_user):
    in_bishkek, in_utc = _deadline_on_9_march(bishkek, make_user), _deadline_on_9_march(utc_org, make_user)
    with time_machine.travel(AFTER_MIDNIGHT_IN_BISHKEK, tick=False):
        client.force_login(in_bishkek)
        assert "appeal to the court" in client.get(reverse("cases:deadlines")).content.decode()  # 2 Mar + 7 days
        client.force_login(in_utc)
        assert "appeal to the court" not in client.get(reverse("cases:deadlines")).content.decode()  # 1 Mar + 7
    with time_machine.travel(BEFORE_MIDNIGHT_IN_BISHKEK, tick=False):
        client.force_login(in_bishkek)
        assert "appeal to the court" not in client.get(reverse("cases:deadlines")).content.decode()


def test_deadline_reminders_use_each_assignees_zone(bishkek, utc_org, make_user):
    _deadline_on_9_march(bishkek, make_user)
    _deadline_on_9_march(utc_org, make_user)
    with time_machine.travel(AFTER_MIDNIGHT_IN_BISHKEK, tick=False):
        assert staff.remind_assignees() == {"emails": 1, "deadlines": 1}
    assert mail.outbox[0].to == [f"{bishkek.slug}@example.org"]
    with time_machine.travel(AFTER_MIDNIGHT_IN_BISHKEK + dt.timedelta(hours=1), tick=False):
        assert staff.remind_assignees() == {"emails": 0, "deadlines": 0}  # once a local day


def test_a_consent_ending_on_1_march_stops_sharing_at_midnight_in_the_receivers_zone(
        client, make_org, bishkek, utc_org, make_user):
    source = make_org("Moscow NGO", country="RU")
    reader_bishkek, reader_utc = make_user(bishkek, "caseworker"), make_user(utc_org, "caseworker")
    with time_machine.travel(BEFORE_MIDNIGHT_IN_BISHKEK, tick=False):
        case = make_case(source, make_user(source, "org_admin"))
        for receiver in (bishkek, utc_org):
            share(case, receiver, valid_until=dt.date(2026, 3, 1))
        url = reverse("cases:detail", args=[case.pk])
        client.force_login(reader_bishkek)
        assert client.get(url).status_code == 200
    with time_machine.travel(AFTER_MIDNIGHT_IN_BISHKEK, tick=False):
        client.logout()  # a new session: the old one idled out over the two hours
        client.force_login(reader_bishkek)
        assert client.get(url).status_code == 404
        client.force_login(reader_utc)
        assert client.get(url).status_code == 200
        with timezone.override(timezones.zone_of(bishkek)):
            assert not case.consents.first().is_active()
            assert not access.live_referrals(reader_bishkek).exists()


def test_times_are_shown_in_the_organisations_zone_with_the_zone(client, bishkek, make_user):
    admin = make_user(bishkek, "org_admin")
    with time_machine.travel(AFTER_MIDNIGHT_IN_BISHKEK, tick=False):
        case = make_case(bishkek, admin)
        services.transition(case, actor=admin, to_status="assessment", reason="started")
    client.force_login(admin)
    with translation.override("ru"):
        page = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert "2 мар. 2026\u202fг., 01:30 (UTC+6)" in page
    assert ">1 мар. 2026" not in page and "19:30 (UTC" not in page  # the UTC date and time appear nowhere
    template = Template('{% load languages_l10n %}{{ t|ldatetime }}|{{ t|ldate:"medium" }}')
    with translation.override("en"), timezone.override(timezones.zone_of(bishkek)):
        out = template.render(Context({"t": AFTER_MIDNIGHT_IN_BISHKEK}))
    assert out == '<time datetime="2026-03-01T19:30+00:00">Mar 2, 2026, 1:30\u202fAM (UTC+6)</time>|Mar 2, 2026'


def test_deadlines_due_selector_follows_the_active_zone(bishkek, make_user):
    worker = _deadline_on_9_march(bishkek, make_user)
    with time_machine.travel(AFTER_MIDNIGHT_IN_BISHKEK, tick=False):
        with timezone.override(timezones.zone_of(bishkek)):
            assert selectors.deadlines_due(worker).count() == 1
        with timezone.override(dt.UTC):
            assert selectors.deadlines_due(worker).count() == 0


def test_only_an_org_admin_sets_the_zone_and_it_is_audited(client, bishkek, make_user):
    url = reverse("accounts:organisation_time_zone")
    client.force_login(make_user(bishkek, "caseworker"))
    assert client.post(url, {"time_zone": "UTC"}).status_code == 403
    client.force_login(make_user(bishkek, "org_admin"))
    assert client.post(url, {"time_zone": "Asia/Tashkent"}).status_code == 302
    bishkek.refresh_from_db()
    assert bishkek.time_zone == "Asia/Tashkent"
    entry = AuditEntry.objects.filter(object_type="accounts.organisation", action="update").last()
    assert entry.detail == {"time_zone": ["Asia/Bishkek", "Asia/Tashkent"]}
    client.post(url, {"time_zone": "Mars/Olympus"})
    bishkek.refresh_from_db()
    assert bishkek.time_zone == "Asia/Tashkent"
    with pytest.raises(ValueError):
        account_services.set_time_zone(actor=None, organisation=bishkek, time_zone="Europe/Nowhere")
