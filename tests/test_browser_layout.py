import pytest

from tests.browser import follow, log_in, phone_page

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("path", ["/ru/", "/en/", "/ru/accounts/login/"])
def test_page_fits_a_360px_phone_without_javascript(live_server, path, tmp_path):
    with phone_page() as page:
        page.goto(live_server.url + path)
        # Playwright's evaluate works in its own world even with the page's JavaScript off.
        assert page.evaluate("document.documentElement.scrollWidth") <= 360, "page scrolls sideways"
        widest = max(page.locator(sel).bounding_box()["width"] for sel in ["header", "main", "footer"])
        assert widest <= 360
        header_colour = page.locator("header").evaluate("e => getComputedStyle(e).backgroundColor")
        assert header_colour == "rgb(11, 83, 148)", "the stylesheet was not served"
        assert page.locator("main#main").count() == 1
        assert page.locator("nav[aria-label]").count() >= 2
        page.screenshot(path=str(tmp_path / "page.png"), full_page=True)


def test_staff_can_log_in_without_javascript(live_server, org_a, make_user):
    user = make_user(org_a, "org_admin", username="phone-admin")
    with phone_page() as page:
        log_in(page, live_server.url, user.username)
        page.goto(live_server.url + "/ru/accounts/organisation/")
        assert "phone-admin" in page.content()


def test_wrong_password_shows_russian_error(live_server, db):
    with phone_page() as page:
        page.goto(live_server.url + "/ru/accounts/login/")
        page.get_by_label("Имя пользователя").fill("nobody")
        page.get_by_label("Пароль").fill("wrong-password")
        follow(page, page.get_by_role("button", name="Войти"))
        assert "правильные имя пользователя и пароль" in page.content()


def test_status_answer_fits_a_360px_phone(live_server, tmp_path):
    """Filling the status form without JavaScript: the answer comes first, the deadlines box is on screen,
    the form is folded, and nothing scrolls sideways."""
    with phone_page() as page:
        page.goto(live_server.url + "/en/rules/")
        page.select_option("#id_citizenship", "TJ")
        page.select_option("#id_host_country", "RU")
        page.fill("#id_region", "Москва")
        page.fill("#id_entry_date", "2026-11-20")
        page.select_option("#id_employment", "legal_entity")
        page.fill("#id_as_of", "2026-12-02")
        page.click("button[value=html]")
        page.wait_for_selector(".summary-box")
        assert page.evaluate("document.documentElement.scrollWidth") <= 360, "page scrolls sideways"
        box = page.locator(".summary-box").bounding_box()
        assert box["width"] <= 360 and box["y"] < 740, "the deadlines are not on the first screen"
        assert "December 5, 2026" in page.locator(".summary-box").inner_text()
        assert not page.locator(".status-form-fold").evaluate("e => e.open")
        page.screenshot(path=str(tmp_path / "answer.png"), full_page=True)
