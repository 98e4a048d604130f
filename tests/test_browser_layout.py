import pytest

from tests.browser import phone_page

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
        page.goto(live_server.url + "/ru/accounts/login/")
        page.get_by_label("Имя пользователя").fill(user.username)
        page.get_by_label("Пароль").fill("correct horse battery")
        page.get_by_role("button", name="Войти").click()
        page.goto(live_server.url + "/ru/accounts/organisation/")
        assert "phone-admin" in page.content()


def test_wrong_password_shows_russian_error(live_server, db):
    with phone_page() as page:
        page.goto(live_server.url + "/ru/accounts/login/")
        page.get_by_label("Имя пользователя").fill("nobody")
        page.get_by_label("Пароль").fill("wrong-password")
        page.get_by_role("button", name="Войти").click()
        assert "правильные имя пользователя и пароль" in page.content()
