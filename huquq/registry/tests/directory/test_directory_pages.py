"""Directory pages answer in every language, for visitors and staff; the home page links to them."""

import pytest
from django.conf import settings

from huquq.registry.directory import seed

LANGUAGES = [code for code, _name in settings.LANGUAGES]


@pytest.fixture
def seeded(db):
    seed.load()


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("path", [
    "registry/help/", "registry/help/?city=Moscow&service=legal_advice&language=tg",
    "registry/help/?city=%D0%9E%D1%88", "registry/help/?country=RU&service=entry_ban_check",
    "registry/help/adc-memorial/", "registry/help/kg-embassy-russia/", "registry/help/api/entries.json",
])
def test_directory_pages_answer_in_every_language(client, seeded, language, path):
    response = client.get(f"/{language}/{path}")
    assert response.status_code == 200
    if "api" not in path:
        assert f'lang="{language}"' in response.content.decode()


def test_missing_entry_is_404(client, seeded):
    assert client.get("/en/registry/help/no-such-organisation/").status_code == 404


def test_home_has_a_find_help_card(client, db):
    en = client.get("/en/").content.decode()
    ru = client.get("/ru/").content.decode()
    assert "Find help" in en and 'href="/en/registry/help/"' in en
    assert 'href="/ru/registry/help/"' in ru and "Найти помощь" in ru


def test_search_page_works_without_javascript_and_is_labelled(client, seeded):
    html = client.get("/en/registry/help/").content.decode()
    assert "<script" not in html
    for field in ("city", "country", "service", "language"):
        assert f'<label for="id_{field}">' in html
    assert 'method="get"' in html and 'name="viewport"' in html


def test_russian_page_is_in_russian(client, seeded):
    html = client.get("/ru/registry/help/?city=Москва&service=legal_advice").content.decode()
    assert "Найти помощь" in html and "Юридическая консультация" in html and "Работает в" in html


def test_back_link_keeps_only_search_parameters(client, seeded):
    html = client.get("/en/registry/help/adc-memorial/", {"back": "?city=Moscow&evil=1"}).content.decode()
    assert 'href="/en/registry/help/?city=Moscow"' in html


def test_long_result_lists_are_paginated(client, make_entry):
    from .conftest import MOSCOW

    for number in range(35):
        make_entry(f"Moscow org {number:02d}", areas=[MOSCOW])
    first = client.get("/en/registry/help/", {"city": "Moscow"}).content.decode()
    assert "Moscow org 29" in first and "Moscow org 30" not in first
    assert "city=Moscow&amp;page=2" in first
    second = client.get("/en/registry/help/", {"city": "Moscow", "page": 2}).content.decode()
    assert "Moscow org 34" in second and "Moscow org 00" not in second


def test_russian_result_count_uses_russian_plurals(client, make_entry):
    from .conftest import MOSCOW

    for number in range(5):
        make_entry(f"Org {number}", areas=[MOSCOW])
    assert "Найдено 5 организаций" in client.get("/ru/registry/help/", {"city": "Moscow"}).content.decode()


def test_entry_page_names_places_and_languages(client, make_entry):
    from .conftest import MOSCOW

    make_entry("Named", slug="named", areas=[MOSCOW, {"country": "KZ"}], languages=["tg", "ky"])
    ru = client.get("/ru/registry/help/named/").content.decode()
    en = client.get("/en/registry/help/named/").content.decode()
    assert "Москва, Россия" in ru and "Казахстан" in ru and "таджикский" in ru.lower()
    assert "Moscow, Russia" in en and "Kazakhstan" in en and "Tajik, Kyrgyz" in en
