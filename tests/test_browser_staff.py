"""The staff pages and the audit log on a 360 px phone without JavaScript."""

import pytest

from tests.browser import follow, log_in, phone_page

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]



def _fits(page):
    assert page.evaluate("document.documentElement.scrollWidth") <= 360, "page scrolls sideways"
    assert page.locator("main").bounding_box()["width"] <= 360


def test_admin_adds_and_deactivates_a_colleague_on_a_phone(live_server, org_a, make_user, tmp_path):
    from huquq.accounts.models import User

    make_user(org_a, "org_admin", username="phone-admin")
    with phone_page() as page:
        log_in(page, live_server.url, "phone-admin")
        page.goto(live_server.url + "/ru/accounts/organisation/staff/")
        _fits(page)
        follow(page, page.get_by_role("link", name="Добавить коллегу"))
        _fits(page)
        page.fill("#id_username", "new-caseworker")
        page.select_option("#id_role", "caseworker")
        follow(page, page.get_by_role("button", name="Добавить"))
        password = page.locator("#temporary-password").inner_text()
        _fits(page)
        assert User.objects.get(username="new-caseworker").check_password(password)
        follow(page, page.get_by_role("link", name="Вернуться на страницу коллеги"))
        _fits(page)
        follow(page, page.get_by_role("button", name="Отключить"))
        assert "больше не может войти" in page.content()
        assert not User.objects.get(username="new-caseworker").is_active
        page.screenshot(path=str(tmp_path / "staff.png"), full_page=True)


def test_audit_log_filters_fit_a_phone(live_server, org_a, make_user, tmp_path):
    make_user(org_a, "org_admin", username="phone-admin")
    with phone_page() as page:
        log_in(page, live_server.url, "phone-admin")
        page.goto(live_server.url + "/ru/accounts/audit/")
        _fits(page)
        page.select_option("#id_action", "create")
        follow(page, page.get_by_role("button", name="Показать"))
        assert "action=create" in page.url
        _fits(page)
        assert page.locator("tbody tr").count() >= 1
        assert "accounts.user" not in page.locator("tbody").inner_text()
        page.screenshot(path=str(tmp_path / "audit.png"), full_page=True)
