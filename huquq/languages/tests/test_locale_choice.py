"""First visit follows Accept-Language; the choice is remembered in the language cookie only; <html lang>
and formats follow the language shown."""

import datetime

import pytest
from django.conf import settings
from django.utils import translation

from huquq.languages import formatting


@pytest.mark.django_db
@pytest.mark.parametrize(("accept", "expected"), [
    ("tg,ru;q=0.8", "/tg/"), ("ky-KG,ky;q=0.9", "/ky/"), ("uz-Cyrl,uz;q=0.9", "/uz-cyrl/"), ("uz", "/uz/"),
    ("de,en;q=0.5", "/en/"), ("fr", "/ru/"),
])
def test_first_visit_follows_accept_language(client, accept, expected):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE=accept)
    assert response.status_code == 302
    assert response["Location"] == expected


@pytest.mark.django_db
def test_choice_is_remembered_in_the_language_cookie_only(client):
    response = client.get("/ky/", HTTP_ACCEPT_LANGUAGE="tg")
    assert set(response.cookies) == {settings.LANGUAGE_COOKIE_NAME}
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "ky"
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="tg")["Location"] == "/ky/"
    again = client.get("/ky/")
    assert settings.LANGUAGE_COOKIE_NAME not in again.cookies  # not re-sent when unchanged


@pytest.mark.django_db
@pytest.mark.parametrize(("prefix", "tag"), [("ru", "ru"), ("ky", "ky"), ("tg", "tg"), ("uz", "uz"),
                                             ("uz-cyrl", "uz-cyrl"), ("en", "en")])
def test_html_lang_is_the_language_shown(client, prefix, tag):
    assert f'<html lang="{tag}">' in client.get(f"/{prefix}/").content.decode()


@pytest.mark.parametrize(("language", "expected"), [
    ("ru", "5 марта 2026\u202fг."), ("ky", "2026-ж., 5-март"), ("tg", "05 Март 2026"), ("uz", "5-mart, 2026"),
    ("uz-cyrl", "5 март, 2026"), ("en", "March 5, 2026"),
])
def test_dates_follow_cldr(language, expected):
    assert formatting.date(datetime.date(2026, 3, 5), language) == expected


@pytest.mark.parametrize("language", ["ru", "ky", "tg", "uz", "uz-cyrl"])
def test_numbers_and_money_use_the_languages_separators(language):
    assert formatting.number(1234567.5, language) == "1\xa0234\xa0567,5"
    assert formatting.money(15000, "RUB", language).startswith("15\xa0000,00")
    with translation.override(language):
        assert formatting.babel_locale() == formatting.BABEL_LOCALES[language]


@pytest.mark.django_db
@pytest.mark.parametrize(("prefix", "expected"), [("tg", "Huquq: мӯҳлатҳои ман"), ("uz-cyrl", "Huquq: муддатларим")])
def test_calendar_speaks_the_page_language(client, prefix, expected):
    form = {"citizenship": "TJ", "host_country": "RU", "region": "RU-MOW", "entry_date": "2016-03-01",
            "employment": "legal_entity", "as_of": "2016-03-02", "format": "ics"}
    body = client.post(f"/{prefix}/rules/", form).content.decode()
    unfolded = body.replace("\r\n ", "")
    assert "Встать на миграционный учёт" not in unfolded
    assert expected.split(": ")[1][:6] in unfolded
