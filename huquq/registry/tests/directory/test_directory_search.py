"""Search ranking and helpful answers to bad input (issue 4)."""

import pytest
from django.utils import translation
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from huquq.registry.directory import search

from .conftest import MOSCOW, MOSCOW_OBLAST, RUSSIA, SPB

URL = "/en/registry/help/"


@pytest.fixture
def corridor(make_entry):
    """Entries that each miss one part of 'Moscow + entry-ban check + Tajik', plus the one exact match."""
    return {
        "country_tg": make_entry("Country-wide, Tajik", areas=[RUSSIA], services=["entry_ban_check"], languages=["tg"]),
        "city_no_lang": make_entry("Moscow, Russian only", areas=[MOSCOW], services=["entry_ban_check"],
                                   languages=["ru"]),
        "remote": make_entry("Hotline", kind="hotline", areas=[RUSSIA | {"region": ""}], remote=True,
                             services=["entry_ban_check"], languages=["tg"]),
        "city_other_service": make_entry("Moscow shelter", areas=[MOSCOW], services=["shelter"], languages=["tg"]),
        "other_city": make_entry("Saint Petersburg, Tajik", areas=[SPB], services=["entry_ban_check"],
                                 languages=["tg"]),
        "region": make_entry("Moscow Oblast, Tajik", areas=[MOSCOW_OBLAST | {"region": "RU-MOW"}],
                             services=["entry_ban_check"], languages=["tg"]),
        "unstated": make_entry("Moscow, languages not stated", areas=[MOSCOW], services=["entry_ban_check"]),
        "elsewhere": make_entry("Bishkek, Tajik", areas=[{"country": "KG", "city_latin": "Bishkek"}],
                                services=["entry_ban_check"], languages=["tg"]),
        "exact": make_entry("Zzz exact match", areas=[MOSCOW], services=["entry_ban_check"], languages=["tg", "ru"]),
    }


def names(result):
    return [match.entry.name for match in result.matches]


def test_exact_city_service_language_match_comes_first(corridor):
    with translation.override("en"):
        result = search.search({"city": "Москва", "service": "entry_ban_check", "language": "tg"})
    order = names(result)
    assert order[0] == "Zzz exact match"
    assert result.matches[0].is_exact and not any(m.is_exact for m in result.matches[1:])
    # then the rest of the city (language unknown before language missing), region, country, remote
    assert order[1:3] == ["Moscow, languages not stated", "Moscow, Russian only"]
    assert order.index("Moscow Oblast, Tajik") < order.index("Country-wide, Tajik") < order.index("Hotline")
    assert "Saint Petersburg, Tajik" in order and order.index("Saint Petersburg, Tajik") < order.index("Hotline")
    # other country and other service are not listed
    assert "Bishkek, Tajik" not in order and "Moscow shelter" not in order


def test_each_result_explains_why_it_matches(corridor):
    with translation.override("en"):
        result = search.search({"city": "Moscow", "service": "entry_ban_check", "language": "tg"})
    first = result.matches[0]
    assert "Works in Moscow" in first.reasons
    assert "Offers: Free entry-ban check and appeal" in first.reasons
    assert "Speaks Tajik" in first.reasons
    by_name = {m.entry.name: m for m in result.matches}
    assert "Does not list Tajik among its languages" in by_name["Moscow, Russian only"].reasons
    assert "Languages not stated yet" in by_name["Moscow, languages not stated"].reasons
    assert "Helps remotely (phone, messenger or online)" in by_name["Hotline"].reasons
    assert "Works across Russia" in by_name["Country-wide, Tajik"].reasons


def test_page_lists_exact_match_first_with_reasons(client, corridor):
    response = client.get(URL, {"city": "Moscow", "service": "entry_ban_check", "language": "tg"})
    html = response.content.decode()
    assert response.status_code == 200
    assert html.index("Zzz exact match") < html.index("Moscow, languages not stated") < html.index("Hotline")
    assert "Best match" in html and "Speaks Tajik" in html


def test_deep_link_by_country_and_service(client, corridor):
    response = client.get(URL, {"country": "RU", "service": "entry_ban_check"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Country-wide, Tajik" in html and "Bishkek, Tajik" not in html


def test_verified_entry_ranks_before_unverified_in_same_tier(make_entry):
    import datetime

    make_entry("A unverified", areas=[MOSCOW], services=["legal_advice"])
    make_entry("B verified", areas=[MOSCOW], services=["legal_advice"], verified_at=datetime.date(2026, 1, 1))
    assert names(search.search({"city": "Moscow", "service": "legal_advice"})) == ["B verified", "A unverified"]


@pytest.mark.parametrize("params, expected", [
    ({"city": "Atlantis"}, "We do not know the city “Atlantis”"),
    ({"city": "Mosow"}, "We do not know the city “Mosow”"),
    ({}, "Tell us where you are and what you need"),
    ({"service": "free_lunch"}, "We do not know the service “free_lunch”"),
    ({"country": "XX"}, "is not a country code we know"),
    ({"country": "Russia!"}, "is not a country code we know"),
    ({"language": "klingon"}, "is not a language code we know"),
    ({"region": "moscow"}, "is not a region code"),
])
def test_bad_input_answers_helpfully(client, corridor, params, expected):
    response = client.get(URL, params)
    html = response.content.decode()
    assert response.status_code == 200
    assert expected in html
    assert 'class="help-suggestions"' in html or "Tell us" in html or "region code" in html


def test_misspelt_city_suggests_the_right_one(client, corridor):
    html = client.get(URL, {"city": "Mosow", "service": "entry_ban_check"}).content.decode()
    assert "city=Moscow" in html  # a suggestion link that repeats the search with the right spelling


def test_unknown_service_suggests_close_codes_first(help_services):
    with translation.override("en"):
        result = search.search({"service": "entry_ban"})
    suggestion = result.notices[0].suggestions[0]
    assert suggestion.params["service"] == "entry_ban_check"


def test_unknown_city_with_country_still_searches_the_country(corridor):
    result = search.search({"city": "Atlantis", "country": "RU", "service": "entry_ban_check"})
    assert result.notices and "Country-wide, Tajik" in names(result)


def test_no_provider_of_the_service_falls_back_to_nearby_help(make_entry):
    make_entry("Moscow legal", areas=[MOSCOW], services=["legal_advice"])
    with translation.override("en"):
        result = search.search({"city": "Moscow", "service": "shelter"})
    assert result.fallback and names(result) == ["Moscow legal"]
    assert "No organisation in the directory lists “Shelter” in Moscow yet." in result.notices[0].text
    assert "Does not list: Shelter" in result.matches[0].reasons


def test_city_in_another_country_than_chosen_searches_the_city(make_entry):
    make_entry("Almaty help", areas=[{"country": "KZ", "region": "KZ-75", "city_latin": "Almaty"}])
    with translation.override("en"):
        result = search.search({"city": "Алматы", "country": "RU"})
    assert names(result) == ["Almaty help"] and "is in Kazakhstan" in result.notices[0].text


def test_city_known_only_from_an_entry_is_found(make_entry):
    make_entry("Surgut help", areas=[{"country": "RU", "city_latin": "Surgut", "city_ru": "Сургут"}])
    assert names(search.search({"city": "сургут"})) == ["Surgut help"]


def test_results_in_russian(client, corridor):
    html = client.get("/ru/registry/help/", {"city": "Moscow", "service": "entry_ban_check"}).content.decode()
    assert "Работает в: Москва" in html or "Москва" in html


TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=30)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(country=TEXT, region=TEXT, city=TEXT, service=TEXT, language=TEXT)
def test_any_input_gives_an_answer(client, corridor, country, region, city, service, language):
    response = client.get(URL, {"country": country, "region": region, "city": city, "service": service,
                                "language": language})
    assert response.status_code == 200
    api = client.get(URL + "api/entries.json", {"city": city, "service": service})
    assert api.status_code == 200 and "entries" in api.json()


def test_service_nobody_offers_without_a_place_lists_nothing_but_offers_countries(make_entry):
    make_entry("Moscow legal", areas=[MOSCOW], services=["legal_advice"])
    with translation.override("en"):
        result = search.search({"service": "shelter"})
        assert result.matches == [] and not result.fallback
        assert "Choose your country" in result.notices[-1].text
        assert {"service": "shelter", "country": "RU"} in [s.params for s in result.notices[-1].suggestions]
        # with an unknown city too, the countries are offered once, not twice
        result = search.search({"service": "shelter", "city": "Nowhereville"})
        offered = [s for n in result.notices for s in n.suggestions if s.params.get("country") == "RU"]
        assert result.matches == [] and len(offered) == 1
