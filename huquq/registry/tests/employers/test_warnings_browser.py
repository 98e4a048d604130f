"""The public warnings pages in a real browser with JavaScript off, 360 px wide (Debian's chromium)."""

import datetime as dt
import shutil

import pytest
from django.utils import timezone

from huquq.registry.employers import services
from huquq.registry.employers import warnings as warnings_list

pytestmark = pytest.mark.browser

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (make browser-deps)")
def test_search_and_warning_page_fit_a_phone_without_javascript(live_server, transactional_db, report_violation,
                                                                  make_org, make_user, monkeypatch):
    moderator = make_user(make_org("Moderators"), "org_admin", is_registry_moderator=True)
    employer = services.create_employer(name="ООО «Пример-Строй»", city="Москва")
    report_violation(employer, make_org("Reporter A"), "wage_theft", dt.date(2026, 2, 1))
    report_violation(employer, make_org("Reporter B"), "wage_theft", dt.date(2026, 3, 1))
    warnings_list.approve(employer, actor=moderator)
    warnings_list.record_notice(employer, actor=moderator, sent_on=timezone.localdate() - dt.timedelta(days=15))

    from playwright.sync_api import sync_playwright

    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # playwright's loop runs in this thread
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        page = browser.new_context(viewport={"width": 360, "height": 740}, java_script_enabled=False).new_page()
        page.goto(f"{live_server.url}/ru/registry/warnings/")
        page.fill("#id_q", "primer stroi")
        page.click("button[type=submit].button")
        assert "Результаты" in page.content()
        page.click("text=ООО Пример-Строй >> nth=0")
        assert page.locator("h1").inner_text() == "ООО Пример-Строй"
        assert page.evaluate("document.documentElement.scrollWidth") <= 360
        browser.close()
