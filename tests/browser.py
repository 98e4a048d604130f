"""Playwright driving Debian's chromium (never a downloaded browser), for tests marked `browser`."""

import os
import shutil
from contextlib import contextmanager

import pytest

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-background-networking", "--disable-gpu", "--disable-quic",
                 "--no-first-run", "--disable-component-update", "--disable-sync"]


def require_chromium():
    if not os.path.exists(CHROMIUM):
        if os.environ.get("CI") == "true":
            pytest.fail("chromium is missing in CI: `make browser-deps` should have installed it")
        pytest.skip("Debian's chromium is not installed (`make browser-deps` installs it)")


@contextmanager
def phone_page(width=360, height=740, java_script_enabled=False):
    """A page the size of a cheap phone, JavaScript off by default, as our users have it."""
    require_chromium()
    # Playwright's sync API runs an event loop in this thread; Django's ORM calls in the live server thread
    # are unaffected, but the test thread's own ORM calls need this flag.
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        try:
            context = browser.new_context(viewport={"width": width, "height": height},
                                          java_script_enabled=java_script_enabled)
            yield context.new_page()
        finally:
            browser.close()


def follow(page, locator):
    """Click a link or a submit button and wait until the next page has loaded.

    Without JavaScript every such click navigates; Playwright's click returns once the new document is
    committed, and reading the page at that moment can find no <html> yet (seen in CI as
    "Cannot read properties of null (reading 'scrollWidth')")."""
    with page.expect_navigation():
        locator.click()


PASSWORD = "correct horse battery"  # what the make_user fixture (conftest.py) sets
_LOGIN_LABELS = {"ru": ("Имя пользователя", "Пароль", "Войти"), "en": ("Username", "Password", "Log in")}


def log_in(page, base_url, username, language="ru"):
    """Log in through the login form (no JavaScript), in the page's language."""
    username_label, password_label, button = _LOGIN_LABELS[language]
    page.goto(f"{base_url}/{language}/accounts/login/")
    page.get_by_label(username_label).fill(username)
    page.get_by_label(password_label).fill(PASSWORD)
    follow(page, page.get_by_role("button", name=button))
