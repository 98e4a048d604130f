"""Country and citizenship codes: typed names in any script resolve to ISO 3166-1 codes, never truncated."""

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation
from hypothesis import given, settings
from hypothesis import strategies as st

from huquq.accounts.services import create_member, create_organisation
from huquq.cases import countries, forms
from huquq.cases.models import Case, Person

from .factories import make_case

TYPED = [
    ("Россия", "RU"), ("россия", "RU"), ("Rossiya", "RU"), ("Russia", "RU"), ("RU", "RU"), ("ru", "RU"),
    ("RUS", "RU"), ("Российская Федерация", "RU"), ("Таджикистан", "TJ"), ("Tojikiston", "TJ"),
    ("Tajikistan", "TJ"), ("Тоҷикистон", "TJ"), ("Кыргызстан", "KG"), ("Киргизия", "KG"),
    ("Qirgʻiziston", "KG"), ("Kyrgyzstan", "KG"), ("Узбекистан", "UZ"), ("O‘zbekiston", "UZ"),
    ("Uzbekistan", "UZ"), ("Казахстан", "KZ"), ("Qozogʻiston", "KZ"), ("Беларусь", "BY"), ("Белоруссия", "BY"),
    ("Молдова", "MD"), ("Туркменистан", "TM"), ("Армения", "AM"), ("Азербайджан", "AZ"), ("Грузия", "GE"),
    ("Украина", "UA"), ("Китай", "CN"), ("Турция", "TR"), ("Türkiye", "TR"), ("Афганистан", "AF"),
    ("  kazakhstan  ", "KZ"),
]


@pytest.mark.parametrize(("typed", "code"), TYPED)
def test_resolves_names_in_any_script(typed, code):
    assert countries.resolve(typed) == code


@pytest.mark.parametrize("typed", ["РО", "ТА", "Атлантида", "XX", "R", "Russ", "", "   "])
def test_unknown_input_is_not_guessed(typed):
    assert countries.resolve(typed) is None


@pytest.mark.parametrize("lang", countries.LANGUAGES)
def test_every_name_shown_in_a_picker_resolves_back_to_its_code(lang):
    for code, name in countries.choices(lang):
        assert countries.resolve(name) == code, (lang, code, name)


def test_picker_lists_every_iso_country_with_the_corridor_first():
    codes = [code for code, _ in countries.choices("ru")]
    assert codes[: len(countries.CORRIDOR)] == list(countries.CORRIDOR)
    assert sorted(codes) == sorted(countries.codes())
    assert dict(countries.choices("ru"))["TJ"] == "Таджикистан"
    assert dict(countries.choices("uz"))["TJ"] == "Tojikiston"
    assert dict(countries.choices("uz-cyrl"))["TJ"] == "Тожикистон"


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=30))
def test_resolve_gives_a_valid_code_or_nothing(text):
    assert countries.resolve(text) in countries.codes() | {None}


@pytest.mark.parametrize(("typed", "code"), [("Россия", "RU"), ("Таджикистан", "TJ"), ("Tojikiston", "TJ"),
                                             ("Rossiya", "RU"), ("kg", "KG")])
def test_person_form_stores_the_code(typed, code):
    form = forms.PersonForm(data={"citizenship": typed, "sex": "unknown", "age_group": "unknown"})
    form.is_valid()
    assert "citizenship" not in form.errors
    assert form.cleaned_data["citizenship"] == code


@pytest.mark.parametrize(("lang", "word"), [("ru", "не"), ("ky", "жок"), ("tg", "нашуд"), ("uz", "topilmadi")])
def test_unknown_country_is_a_translated_error_naming_the_input(lang, word):
    with translation.override(lang):
        form = forms.PersonForm(data={"citizenship": "Атлантида"})
        assert not form.is_valid()
        message = str(form.errors["citizenship"][0])
    assert "Атлантида" in message and word in message.lower()


def test_widget_shows_names_in_the_page_language_with_a_datalist():
    with translation.override("ru"):
        html = str(forms.PersonForm(initial={"citizenship": "TJ"})["citizenship"])
    assert 'value="Таджикистан"' in html
    assert 'list="id_citizenship-countries"' in html and '<datalist id="id_citizenship-countries">' in html
    assert "maxlength=\"2\"" not in html


@pytest.fixture
def caseworker(db):
    org = create_organisation(name="NGO", slug="ngo")
    return create_member(organisation=org, username="cw", role="caseworker")


def _post_new_case(client, citizenship, host_country="Россия"):
    return client.post(reverse("cases:create"), {
        "case-title": "Wages unpaid", "case-channel": "walk_in", "case-opened_on": "2026-11-02",
        "case-host_country": host_country, "case-currency": "RUB",
        "client-name": "Фарход", "client-sex": "male", "client-age_group": "unknown",
        "client-citizenship": citizenship, "client-migration_card": "unknown", "client-registration": "unknown",
        "client-work_permit": "unknown", "client-entry_ban": "unknown",
    })


@pytest.mark.parametrize(("typed", "code"), [("Таджикистан", "TJ"), ("Tojikiston", "TJ"), ("Rossiya", "RU")])
def test_case_form_stores_the_code_never_a_truncation(client, caseworker, typed, code):
    client.force_login(caseworker)
    with translation.override("ru"):
        response = _post_new_case(client, typed)
    assert response.status_code == 302, [line for line in response.content.decode().splitlines() if "error" in line]
    case = Case.objects.get()
    assert (case.host_country, case.client_citizenship) == ("RU", code)
    assert Person.objects.get().citizenship == code
    assert "РО" not in (case.host_country, case.client_citizenship)


def test_case_form_unknown_country_stores_nothing(client, caseworker):
    client.force_login(caseworker)
    with translation.override("ru"):
        response = _post_new_case(client, "Атлантида")
    assert response.status_code == 200
    assert "Атлантида" in response.content.decode()
    assert "не" in response.content.decode()
    assert not Case.objects.exists() and not Person.objects.exists()


def test_invalid_codes_command_lists_without_changing(db, capsys):
    org = create_organisation(name="NGO", slug="ngo")
    good = make_case(org, citizenship="TJ")
    bad = make_case(org, citizenship="KG")
    Case.objects.filter(pk=bad.pk).update(client_citizenship="РО", host_country="ТА")
    Person.objects.filter(case=bad).update(citizenship="РО")
    call_command("cases", "invalid-codes")
    out = capsys.readouterr().out
    assert f"{bad.reference}\tcase {bad.pk}\tclient_citizenship\t'РО'" in out
    assert f"{bad.reference}\tcase {bad.pk}\thost_country\t'ТА'" in out
    assert "\tcitizenship\t'РО'" in out
    assert good.reference not in out
    assert "3 invalid country code(s)" in out
    bad.refresh_from_db()
    assert (bad.client_citizenship, bad.host_country) == ("РО", "ТА")
