"""The read-only JSON view of the public directory."""

from huquq.registry.directory import seed

from .conftest import MOSCOW, RUSSIA

API = "/en/registry/help/api/entries.json"


def test_whole_directory_as_json(client, make_entry, org_a):
    make_entry("Visible", slug="visible", areas=[MOSCOW], services=["legal_advice"], languages=["tg"],
               phone="+7 1", organisation=org_a)
    make_entry("Hidden", slug="hidden", is_published=False)
    response = client.get(API)
    assert response.status_code == 200 and response["Content-Type"].startswith("application/json")
    data = response.json()
    assert data["version"] == 1 and data["count"] == 1
    entry = data["entries"][0]
    assert entry["slug"] == "visible" and entry["services"] == ["legal_advice"] and entry["languages"] == ["tg"]
    assert entry["areas"] == [{"country": "RU", "region": "RU-MOW", "city_ru": "Москва", "city_latin": "Moscow"}]
    assert entry["contacts"]["phone"] == "+7 1" and entry["verified_on"] is None
    assert entry["url"].endswith("/en/registry/help/visible/")
    assert "organisation" not in entry  # the tenant link is internal
    assert {s["code"] for s in data["services"]} >= {"entry_ban_check", "legal_advice"}


def test_filters_rank_and_explain(client, make_entry):
    make_entry("Country", areas=[RUSSIA], services=["entry_ban_check"])
    make_entry("City", areas=[MOSCOW], services=["entry_ban_check"], languages=["tg"])
    make_entry("Other service", areas=[MOSCOW], services=["shelter"])
    data = client.get(API, {"city": "Moscow", "service": "entry_ban_check", "language": "tg"}).json()
    assert [e["name"] for e in data["entries"]] == ["City", "Country"]
    assert data["entries"][0]["match"]["exact"] is True
    assert "Speaks Tajik" in data["entries"][0]["match"]["reasons"]
    assert data["query"] == {"country": "RU", "region": "RU-MOW", "city": "Moscow", "service": "entry_ban_check",
                             "language": "tg"}


def test_bad_filter_gives_notices_not_an_error(client, help_services):
    response = client.get(API, {"service": "nonsense", "city": "Atlantis"})
    assert response.status_code == 200
    notices = response.json()["notices"]
    assert len(notices) == 2 and all(n["suggestions"] for n in notices)


def test_seeded_entries_carry_their_sources(client, db):
    seed.load()
    data = client.get(API).json()
    memorial = next(e for e in data["entries"] if e["slug"] == "adc-memorial")
    assert memorial["sources"][0]["file"] == "003_7d9f1d547931b5c5.txt"
    assert "legal assistance" in memorial["sources"][0]["quote"]
    assert all(e["sources"] for e in data["entries"])


def test_api_names_follow_the_url_language(client, help_services):
    data = client.get("/ru/registry/help/api/entries.json").json()
    assert {"code": "legal_advice", "name": "Юридическая консультация"}.items() <= \
        next(s for s in data["services"] if s["code"] == "legal_advice").items()


def test_links_for_other_apps(db):
    import pytest
    from django.utils import translation

    from huquq.registry.directory.links import help_api_url, help_search_url

    with translation.override("ru"):
        assert help_search_url(country="RU", service="entry_ban_check") == \
            "/ru/registry/help/?country=RU&service=entry_ban_check"
        assert help_search_url() == "/ru/registry/help/"
        assert help_api_url(city="Москва").startswith("/ru/registry/help/api/entries.json?city=")
    with pytest.raises(TypeError):
        help_search_url(town="Moscow")
