"""The printable case file on a 360 px phone without JavaScript: nothing scrolls sideways, the wage claim
with its late-payment compensation and the PDF link are there."""

import datetime
from decimal import Decimal

import pytest

from huquq.cases import services
from huquq.cases.tests.factories import make_case
from tests.browser import log_in, phone_page

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_case_file_fits_a_360px_phone(live_server, org_a, make_user, tmp_path, monkeypatch):
    monkeypatch.setenv("HUQUQ_FIELD_KEYS", "test-key-one")
    user = make_user(org_a, "caseworker", username="phone-cw")
    case = make_case(org_a, actor=user, currency="RUB")
    services.add_violations(case, actor=user, types=["wage_theft", "document_confiscation"], victim=case.client,
                            started_on=datetime.date(2025, 9, 1), region="RU-MOW", country="RU")
    services.add_wage_claim(case, actor=user, agreed_wage=Decimal("30000"), units_worked=Decimal(2),
                            amount_paid=Decimal("30000"), due_on=datetime.date(2025, 10, 20),
                            settled_on=datetime.date(2025, 10, 31))
    with phone_page() as page:
        log_in(page, live_server.url, user.username)
        page.goto(live_server.url + f"/ru/cases/{case.pk}/file/")
        assert page.evaluate("document.documentElement.scrollWidth") <= 360, "page scrolls sideways"
        text = page.locator("main").inner_text()
        assert "Айгуль Токтогулова" in text and "369,00" in text
        assert page.locator(f"a[href$='/cases/{case.pk}/file.pdf']").count() == 1
        page.screenshot(path=str(tmp_path / "case-file.png"), full_page=True)
