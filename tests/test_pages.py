"""Every page answers in every language, for anonymous visitors and for each role."""

import pytest
from django.conf import settings
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import translation

LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]


def _parameterless_url_names(resolver=None, namespace=""):
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            if entry.namespace == "admin":
                continue
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from _parameterless_url_names(entry, inner)
        elif isinstance(entry, URLPattern) and entry.name and not entry.pattern.regex.groups:
            yield f"{namespace}{entry.name}"


# telegram-webhook: a POST-only endpoint for Telegram, without a language prefix (huquq/channels/tests/test_webhook.py)
URL_NAMES = sorted(set(_parameterless_url_names()) - {"accounts:logout", "set_language", "healthz", "telegram-webhook",
                                                         "accounts:require_two_factor",
                                                         "accounts:organisation_time_zone"})  # POST-only


@pytest.mark.parametrize("language", LANGUAGE_CODES)
@pytest.mark.parametrize("url_name", URL_NAMES)
@pytest.mark.parametrize("role", [None, "intake", "caseworker", "lawyer", "analyst", "org_admin", "consular"])
def test_page_answers(client, org_a, make_user, url_name, language, role):
    if role:
        client.force_login(make_user(org_a, role))
    with translation.override(language):
        url = reverse(url_name)
    assert url.startswith(f"/{language}/")
    response = client.get(url)
    assert response.status_code in (200, 302, 403), f"{url} answered {response.status_code}"


def test_home_in_russian_and_english(client, db):
    ru = client.get("/ru/").content.decode()
    en = client.get("/en/").content.decode()
    assert 'lang="ru"' in ru and "Права" in ru
    assert 'lang="en"' in en and "know your rights" in en.lower()


@pytest.mark.parametrize("language", LANGUAGE_CODES)
def test_missing_page_is_translated_404(client, db, language):
    response = client.get(f"/{language}/no-such-page/")
    assert response.status_code == 404
    assert f'lang="{language}"' in response.content.decode()


def test_root_redirects_to_a_language(client, db):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 302 and response["Location"].startswith("/en/")


def test_language_switch_links_keep_the_page(client, db):
    html = client.get("/ru/accounts/login/").content.decode()
    assert 'href="/en/accounts/login/"' in html and 'href="/ky/accounts/login/"' in html


def test_sqlite_file_database_runs_in_wal_mode(tmp_path, django_db_blocker):
    from django.db.utils import ConnectionHandler

    from huquq.config import database_config

    handler = ConnectionHandler({"default": database_config({}, tmp_path)})
    wrapper = handler["default"]
    try:
        with django_db_blocker.unblock(), wrapper.cursor() as cursor:
            cursor.execute("PRAGMA journal_mode")
            assert cursor.fetchone()[0] == "wal"
    finally:
        wrapper.close()
