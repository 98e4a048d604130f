"""Public pages: no login, search in any script, the "not listed" note, and no case or victim data."""

import json

from django.urls import reverse

from huquq.registry.employers import services

SECRETS = ["Азамат", "Секретов", "Бахтиёр", "Тайный", "CASE-991", "CASE-992", "AB1234567", "AB7654321",
           "Organisation A", "Organisation B", "org:"]


def _no_secrets(text):
    leaked = [s for s in SECRETS if s in text]
    assert not leaked, leaked


def test_listed_entity_page_shows_counts_dates_reply_and_nothing_about_cases(client, listed_employer):
    response = client.get(reverse("registry:warning", args=[listed_employer.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Пример-Строй" in html
    assert "Невыплата или задержка заработной платы" in html  # labels from the casework vocabulary
    assert "Изъятие паспорта или документов" in html
    assert "1 февр. 2026" in html and "1 мая 2026" in html  # dates in the page language (CLDR)
    assert "Мы не согласны с обвинениями." in html
    _no_secrets(html)
    assert "<script" not in html


def test_json_feed_lists_the_entity_and_leaks_nothing(client, listed_employer):
    response = client.get(reverse("registry:warnings_feed"))
    assert response["Content-Type"].startswith("application/json")
    data = json.loads(response.content)
    [item] = data["warnings"]
    assert (item["legal_form"], item["name"]) == ("ООО", "Пример-Строй")
    assert {v["type"]: v["count"] for v in item["violations"]} == {"wage_theft": 1, "document_confiscation": 1}
    assert item["right_of_reply"]["response"] == "Мы не согласны с обвинениями."
    assert set(item) == {"id", "name", "legal_form", "kind", "city", "other_names", "violations", "first_date",
                         "last_date", "right_of_reply", "correction", "corrected_at", "url"}
    _no_secrets(response.content.decode())


def test_search_finds_the_listed_firm_in_latin_script(client, listed_employer):
    response = client.get(reverse("registry:warnings"), {"q": "primer stroy"})
    html = response.content.decode()
    assert reverse("registry:warning", args=[listed_employer.pk]) in html
    assert "не значит, что он надёжен" in html  # the Russian "not listed does not mean safe" note
    _no_secrets(html)


def test_search_by_part_of_the_name_finds_it_but_a_generic_word_alone_does_not(client, listed_employer):
    url = reverse("registry:warnings")
    link = reverse("registry:warning", args=[listed_employer.pk])
    found = client.get(url, {"q": "Пример"}).content.decode()
    assert found.count(link) == 2  # in the results and in the full list below
    generic = client.get(url, {"q": "строй"}).content.decode()
    assert generic.count(link) == 1  # only in the full list


def test_search_for_an_unlisted_firm_says_not_listed_and_reveals_no_register_entry(client, db):
    services.create_employer(name="ООО «Тайная Ромашка»")  # in the register, not on the list
    response = client.get("/en/registry/warnings/", {"q": "Тайная Ромашка"})
    html = response.content.decode()
    assert "This name is not on the warnings list." in html
    assert "Not being on this list does not mean an employer is safe" in html
    assert "Тайная" not in html.split("<h2", 1)[1].split("Not being")[0].replace("Тайная Ромашка”", "")


def test_unlisted_entity_page_is_not_found(client, db):
    employer = services.create_employer(name="ООО Ромашка")
    assert client.get(reverse("registry:warning", args=[employer.pk])).status_code == 404


def test_pages_are_translated(client, listed_employer):
    ru = client.get("/ru/registry/warnings/").content.decode()
    en = client.get("/en/registry/warnings/").content.decode()
    assert "Employer warnings" in en
    assert "Employer warnings" not in ru


def test_register_needs_login_but_warnings_do_not(client, listed_employer):
    assert client.get(reverse("registry:employers")).status_code == 302
    assert client.get(reverse("registry:employer", args=[listed_employer.pk])).status_code == 302
    assert client.get(reverse("registry:warnings")).status_code == 200
