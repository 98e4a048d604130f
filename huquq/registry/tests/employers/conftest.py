"""Fixtures of the employer-register tests. Evidence for the warnings list comes from real casework records."""

import datetime as dt

import pytest

from huquq.registry.employers import warnings as warnings_list


@pytest.fixture(autouse=True)
def _field_keys(monkeypatch):
    monkeypatch.setenv("HUQUQ_FIELD_KEYS", "test-key-one")  # casework encrypts the victims' names


@pytest.fixture
def report_violation(make_user):
    """Record, through the casework services, one violation by `employer` in a new case of `org`.

    The case holds a victim's name, passport number and case reference that must never reach a public page.
    """
    from huquq.cases import services as cases

    def report(employer, org, violation_type="wage_theft", day=dt.date(2026, 3, 1), *, verified=True,
               victim_name="Азамат Секретов", passport="AB1234567", reference=""):
        worker = make_user(org, "caseworker")
        case = cases.create_case(actor=worker, organisation=org, title="Unpaid wages", reference=reference,
                                 client={"name": victim_name, "passport": passport, "sex": "male",
                                         "citizenship": "KG"})
        violation = cases.add_violation(case, actor=worker, type=violation_type, employer=employer, started_on=day)
        if verified:
            cases.set_verified(violation, actor=worker, verified=True)
        return violation

    return report


@pytest.fixture
def moderator(org_a, make_user):
    return make_user(org_a, "org_admin", is_registry_moderator=True)


@pytest.fixture
def caseworker(org_a, make_user):
    return make_user(org_a, "caseworker")


@pytest.fixture
def listed_employer(db, report_violation, moderator, org_a, org_b):
    """An employer that meets every publication condition as of today: two verified violations reported by
    two organisations, approval, and a right-of-reply notice sent 20 days ago (with a response)."""
    from django.utils import timezone

    from huquq.registry.employers import services

    employer = services.create_employer(name="ООО «Пример-Строй»", city="Москва")
    report_violation(employer, org_a, "wage_theft", dt.date(2026, 2, 1), reference="CASE-991")
    report_violation(employer, org_b, "document_confiscation", dt.date(2026, 5, 1), reference="CASE-992",
                     victim_name="Бахтиёр Тайный", passport="AB7654321")
    warnings_list.approve(employer, actor=moderator)
    notice = warnings_list.record_notice(employer, actor=moderator,
                                         sent_on=timezone.localdate() - dt.timedelta(days=20), method="letter")
    warnings_list.record_response(notice, actor=moderator, response_text="Мы не согласны с обвинениями.")
    return employer
