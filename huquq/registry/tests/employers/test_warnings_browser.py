"""The public warnings pages in a real browser with JavaScript off, 360 px wide (Debian's chromium)."""

import datetime as dt

import pytest
from django.utils import timezone

from huquq.registry.employers import services
from huquq.registry.employers import warnings as warnings_list
from tests.browser import follow, phone_page

pytestmark = pytest.mark.browser


def test_search_and_warning_page_fit_a_phone_without_javascript(live_server, transactional_db, report_violation,
                                                                  make_org, make_user):
    moderator = make_user(make_org("Moderators"), "org_admin", is_registry_moderator=True)
    employer = services.create_employer(name="ООО «Пример-Строй»", city="Москва")
    report_violation(employer, make_org("Reporter A"), "wage_theft", dt.date(2026, 2, 1))
    report_violation(employer, make_org("Reporter B"), "wage_theft", dt.date(2026, 3, 1))
    warnings_list.approve(employer, actor=moderator)
    warnings_list.record_notice(employer, actor=moderator, sent_on=timezone.localdate() - dt.timedelta(days=15))

    with phone_page() as page:
        page.goto(f"{live_server.url}/ru/registry/warnings/")
        page.fill("#id_q", "primer stroi")
        follow(page, page.locator("button[type=submit].button"))
        assert "Результаты" in page.content()
        follow(page, page.locator("text=ООО Пример-Строй >> nth=0"))
        assert page.locator("h1").inner_text() == "ООО Пример-Строй"
        assert page.evaluate("document.documentElement.scrollWidth") <= 360
