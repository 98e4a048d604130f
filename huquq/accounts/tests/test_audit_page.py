"""The audit log page: filters, readable object names, streamed CSV, list views recorded once per search."""

import csv
import datetime
import io

import pytest
from django.urls import reverse

from huquq.accounts import audit, timezones
from huquq.accounts.models import AuditEntry
from huquq.cases import services as case_services
from huquq.cases.tests.factories import make_case


@pytest.fixture(autouse=True)
def english():
    """Pages in English (URLs reversed under /en/), so the assertions read the source strings."""
    from django.utils import translation

    translation.activate("en")
    yield


@pytest.fixture(autouse=True)
def _field_keys(monkeypatch, settings, tmp_path):
    monkeypatch.setenv("HUQUQ_FIELD_KEYS", "test-key-one")
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def people(org_a, org_b, make_user):
    return {"admin": make_user(org_a, "org_admin", username="alice-admin"),
            "worker": make_user(org_a, "caseworker", username="alice-worker"),
            "lawyer": make_user(org_a, "lawyer", username="alice-lawyer"),
            "b_admin": make_user(org_b, "org_admin", username="bob-admin")}


def rows_of(response):
    return [(r["entry"].actor_label, r["entry"].action, r["kind"], r["name"]) for r in response.context["rows"]]


def test_entries_show_names_not_model_labels(client, people, org_a):
    case = make_case(org_a, people["worker"])
    violation = case_services.add_violation(case, actor=people["worker"], type="wage_theft")
    witness = case_services.add_person(case, actor=people["worker"], name="Бакыт Асанов", role="witness")
    client.force_login(people["admin"])
    response = client.get(reverse("accounts:audit_log"), {"person": people["worker"].pk})
    names = {(kind, name) for _who, _action, kind, name in rows_of(response)}
    assert ("Case", case.reference) in names
    assert ("Violation", case.reference) in names and violation.pk
    assert ("Person", f"{witness.code} · {case.reference}") in names
    html = response.content.decode()
    assert f"cases.case {case.pk}" not in html and case.reference in html
    assert "Айгуль" not in html and "Бакыт" not in html  # a person's name never appears, only the pseudonymous code


def test_filter_by_person_action_and_case(client, people, org_a):
    case = make_case(org_a, people["worker"], title="First")
    other = make_case(org_a, people["lawyer"], title="Second")
    case_services.add_action(case, actor=people["lawyer"], kind="negotiation", started_on=datetime.date(2026, 1, 5))
    client.force_login(people["admin"])
    by_person = rows_of(client.get(reverse("accounts:audit_log"), {"person": people["lawyer"].pk}))
    assert by_person and {who for who, *_ in by_person} == {"alice-lawyer"}
    by_case = rows_of(client.get(reverse("accounts:audit_log"), {"case": case.reference.lower()}))
    assert {name.split(" · ")[-1] for *_, name in by_case} == {case.reference}
    assert ("alice-lawyer", "create", "Action", case.reference) in by_case  # a record inside the case counts
    assert other.reference not in {name for *_, name in by_case}
    by_action = rows_of(client.get(reverse("accounts:audit_log"), {"action": "update"}))
    assert by_action == [] or {action for _w, action, *_ in by_action} == {"update"}
    creates = rows_of(client.get(reverse("accounts:audit_log"), {"action": "create"}))
    assert creates and {action for _w, action, *_ in creates} == {"create"}


def test_filter_by_date_range_is_inclusive(client, people):
    # the dates an administrator types are days in the organisation's time zone (accounts/timezones.py)
    today = timezones.local_today(people["admin"].organisation)
    audit.record(people["worker"], "view", object_type="test.today", object_id="1")
    client.force_login(people["admin"])
    day = today.isoformat()
    assert rows_of(client.get(reverse("accounts:audit_log"), {"date_from": day, "date_to": day,
                                                               "person": people["worker"].pk}))
    yesterday = (today - datetime.timedelta(days=1)).isoformat()
    assert rows_of(client.get(reverse("accounts:audit_log"), {"date_to": yesterday})) == []
    tomorrow = (today + datetime.timedelta(days=1)).isoformat()
    assert rows_of(client.get(reverse("accounts:audit_log"), {"date_from": tomorrow})) == []


def test_other_organisations_entries_and_cases_stay_hidden(client, people, org_b):
    b_case = make_case(org_b, people["b_admin"])
    client.force_login(people["admin"])
    response = client.get(reverse("accounts:audit_log"), {"case": b_case.reference})
    assert rows_of(response) == []
    everything = client.get(reverse("accounts:audit_log")).content.decode()
    assert b_case.reference not in everything and "bob-admin" not in everything
    # the person filter offers only the own organisation's members
    assert client.get(reverse("accounts:audit_log"), {"person": people["b_admin"].pk}).context["form"].errors


def test_csv_export_is_streamed_filtered_and_audited(client, people, org_a):
    case = make_case(org_a, people["worker"])
    client.force_login(people["admin"])
    response = client.get(reverse("accounts:audit_log"), {"format": "csv", "person": people["worker"].pk})
    assert response.streaming and response["Content-Type"].startswith("text/csv")
    lines = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert lines[0][:3] == ["When (UTC)", "Who", "Action"]
    assert lines[1:] and {line[1] for line in lines[1:]} == {"alice-worker"}
    assert [case.reference] == [line[4] for line in lines[1:] if line[3] == "Case"]
    export = AuditEntry.objects.filter(action="export", object_type="accounts.auditentry").get()
    assert export.actor == people["admin"] and export.detail["filters"] == ["person"]


def test_audit_page_needs_org_admin(client, people):
    client.force_login(people["worker"])
    assert client.get(reverse("accounts:audit_log")).status_code == 403
    assert client.get(reverse("accounts:audit_log"), {"format": "csv"}).status_code == 403


def test_list_view_recorded_once_per_search(client, people):
    for n in range(60):
        audit.record(people["worker"], "view", object_type="test.filler", object_id=str(n))
    client.force_login(people["admin"])
    url = reverse("accounts:audit_log")

    def reads():
        return AuditEntry.objects.filter(actor=people["admin"], object_type="accounts.auditentry").count()

    client.get(url)
    client.get(url)
    client.get(url, {"page": 2})
    assert reads() == 1
    client.get(url, {"action": "view"})
    client.get(url, {"action": "view", "page": 2})
    assert reads() == 2
    client.get(url)  # back to the unfiltered search: a new search
    assert reads() == 3
    entry = AuditEntry.objects.filter(actor=people["admin"], object_type="accounts.auditentry").order_by("id")[1]
    assert entry.detail == {"list": True, "filters": ["action"]}


def test_audit_page_in_russian(client, people):
    client.force_login(people["admin"])
    html = client.get("/ru/accounts/audit/").content.decode()
    assert "Скачать" in html and "Download these entries" not in html
