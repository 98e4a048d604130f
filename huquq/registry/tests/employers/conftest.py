import datetime as dt

import pytest

from huquq.registry.employers import warnings as warnings_list
from huquq.registry.tests.employers import fake_evidence
from huquq.registry.tests.employers.fake_evidence import verified


@pytest.fixture
def evidence(monkeypatch):
    """Route evidence_for to the fake provider; returns its dict (employer id -> records)."""
    monkeypatch.setattr(warnings_list, "EVIDENCE_PROVIDER", "huquq.registry.tests.employers.fake_evidence")
    fake_evidence.EVIDENCE.clear()
    yield fake_evidence.EVIDENCE
    fake_evidence.EVIDENCE.clear()


@pytest.fixture
def moderator(org_a, make_user):
    return make_user(org_a, "org_admin", is_registry_moderator=True)


@pytest.fixture
def caseworker(org_a, make_user):
    return make_user(org_a, "caseworker")


@pytest.fixture
def listed_employer(db, evidence, moderator):
    """An employer that meets every publication condition as of today."""
    from django.utils import timezone

    from huquq.registry.employers import services

    employer = services.create_employer(name="ООО «Пример-Строй»", city="Москва")
    evidence[employer.pk] = [
        verified("unpaid_wages", "org-secret-1", dt.date(2026, 2, 1), victim_name="Азамат Секретов",
                 case_id="CASE-991", passport="AB1234567"),
        verified("document_confiscation", "org-secret-2", dt.date(2026, 5, 1), victim_name="Бахтиёр Тайный",
                 case_id="CASE-992"),
    ]
    warnings_list.approve(employer, actor=moderator)
    notice = warnings_list.record_notice(employer, actor=moderator,
                                         sent_on=timezone.localdate() - dt.timedelta(days=20), method="letter")
    warnings_list.record_response(notice, actor=moderator, response_text="Мы не согласны с обвинениями.")
    return employer
