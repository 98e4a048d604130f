"""Regions from ISO 3166-2 typed in any script; violation entries naming several types and persons by
name; the printable case file masked per role and audited; wage claims formatted per language."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation
from hypothesis import given, settings
from hypothesis import strategies as st

from huquq.accounts.models import AuditEntry
from huquq.accounts.services import create_member, create_organisation
from huquq.cases import casefile, forms, regions, services
from huquq.cases.models import Case, Violation

from .factories import make_case


@pytest.mark.parametrize(("typed", "country", "code"), [
    ("Москва", None, "RU-MOW"), ("Moskva", None, "RU-MOW"), ("ru-mow", None, "RU-MOW"),
    ("Москва (RU-MOW)", None, "RU-MOW"), ("Бишкек", "KG", "KG-GB"), ("Bishkek", None, "KG-GB"),
    ("Sughd", "TJ", "TJ-SU"), ("Согдийская область", "TJ", "TJ-SU"), ("Чуйская область", None, "KG-C"),
    ("ГБАО", None, "TJ-GB"), ("Ошская область", None, "KG-O"),
    ("Свердловская", "RU", "RU-SVE"), ("Свердловская область", None, "RU-SVE"),
])
def test_region_names_in_any_script_resolve(typed, country, code):
    assert regions.resolve(typed, country) == code


@pytest.mark.parametrize(("typed", "country"), [
    ("Osh", "KG"),  # Osh city (KG-GO, "Osh Shaary") and Osh region (KG-O): never guess
    ("Алматы", None),  # Almaty city (KZ-75) and Almaty oblysy (KZ-19)
    ("Нарния", None), ("RU-MOW", "KZ"), ("ZZ-XYZ", None), ("", None),
])
def test_unknown_ambiguous_or_foreign_regions_do_not_resolve(typed, country):
    assert regions.resolve(typed, country) is None


def test_region_names_follow_the_page_language():
    assert regions.name("RU-MOW", "ru") == "Москва"
    assert regions.label("RU-MOW", "en") == "Moskva (RU-MOW)"
    assert ("KG-GB", regions.label("KG-GB", "ru")) in regions.choices("ru", "KG")


@pytest.fixture
def org(db):
    return create_organisation(name="NGO", slug="ngo")


@pytest.fixture
def caseworker(db, org):
    return create_member(organisation=org, username="cw", role="caseworker")


def _case_data(**extra):
    data = {"case-title": "Wages unpaid", "case-channel": "walk_in", "case-opened_on": "2026-11-02",
            "case-host_country": "Россия", "case-currency": "RUB", "client-name": "Фарход", "client-sex": "male",
            "client-age_group": "unknown", "client-citizenship": "TJ", "client-migration_card": "unknown",
            "client-registration": "unknown", "client-work_permit": "unknown", "client-entry_ban": "unknown"}
    data.update(extra)
    return data


def test_case_form_stores_the_region_code_typed_as_a_name(client, caseworker):
    client.force_login(caseworker)
    with translation.override("ru"):
        response = client.post(reverse("cases:create"), _case_data(**{"case-host_region": "Москва"}))
    assert response.status_code == 302
    assert Case.objects.get().host_region == "RU-MOW"


@pytest.mark.parametrize("typed", ["Алматы (KZ-75)", "Нарния", "Atlántida"])
def test_case_form_refuses_a_region_outside_the_country_or_unknown(client, caseworker, typed):
    client.force_login(caseworker)
    with translation.override("en"):
        response = client.post(reverse("cases:create"), _case_data(**{"case-host_region": typed}))
    assert response.status_code == 200 and not Case.objects.exists()
    assert "not a region" in response.content.decode()


def test_invalid_codes_lists_regions_without_changing_them(org, capsys):
    good, bad, foreign = make_case(org), make_case(org), make_case(org)
    Case.objects.filter(pk=bad.pk).update(host_region="МОСКВ")
    Case.objects.filter(pk=foreign.pk).update(host_region="KZ-75")
    call_command("cases", "invalid-codes")
    out = capsys.readouterr().out
    assert f"{bad.reference}\tcase {bad.pk}\thost_region\t'МОСКВ'" in out
    assert f"{foreign.reference}\tcase {foreign.pk}\thost_region\t'KZ-75'" in out
    assert good.reference not in out
    assert "2 invalid region code(s)" in out
    assert Case.objects.get(pk=bad.pk).host_region == "МОСКВ"


def test_one_entry_saves_several_violations_naming_the_victim(client, caseworker, org):
    case = make_case(org, actor=caseworker)
    client.force_login(caseworker)
    url = reverse("cases:add", args=[case.pk, "violation"])
    page = client.get(url).content.decode()
    assert "Айгуль Токтогулова" in page and case.client.code not in page
    response = client.post(url, {"types": ["document_confiscation", "wage_theft"], "victim": case.client.pk,
                                 "started_on": "2026-10-01", "country": "Россия", "region": "Moskva"})
    assert response.status_code == 302
    saved = Violation.objects.filter(case=case).order_by("type")
    assert [v.type for v in saved] == ["document_confiscation", "wage_theft"]
    assert {(v.victim_id, v.region, v.country) for v in saved} == {(case.client.pk, "RU-MOW", "RU")}


def test_several_violations_are_saved_all_or_none(caseworker, org):
    case = make_case(org, actor=caseworker)
    with pytest.raises(ValidationError, match="not_a_type"):
        services.add_violations(case, actor=caseworker, types=["wage_theft", "not_a_type"])
    assert not Violation.objects.filter(case=case).exists()


def test_forms_name_people_by_code_for_readers_without_identities(caseworker, org):
    person = make_case(org).client
    assert forms.person_label(person, frozenset({"identity"})).startswith("Айгуль Токтогулова")
    assert forms.person_label(person, frozenset({"profile"})).startswith(person.code)


def _case_with_everything(org, actor):
    case = make_case(org, actor=actor, currency="RUB", host_region="RU-MOW")
    services.add_violation(case, actor=actor, type="wage_theft", victim=case.client,
                           started_on=datetime.date(2025, 9, 1))
    services.add_wage_claim(case, actor=actor, agreed_wage=Decimal("30000"), unit="month", units_worked=Decimal(2),
                            amount_paid=Decimal("30000"), due_on=datetime.date(2025, 10, 20),
                            settled_on=datetime.date(2025, 10, 31))
    services.add_deadline(case, actor=actor, due_on=datetime.date(2026, 12, 20), title="Labour inspectorate")
    return case


def test_case_file_for_a_caseworker_has_names_timeline_instruments_wages_and_deadlines(client, caseworker, org):
    case = _case_with_everything(org, caseworker)
    client.force_login(caseworker)
    with translation.override("ru"):
        page = client.get(reverse("cases:file", args=[case.pk])).content.decode()
    assert "Айгуль Токтогулова" in page and "AC1234567" in page
    assert "Москва" in page  # the region by name
    assert "Конвенция" in page  # a legal instrument the violation engages
    assert "30\xa0000,00\xa0₽" in page  # owed: 2 months × 30 000 − 30 000 paid = 30 000
    assert "369,00\xa0₽" in page  # Art. 236: see test_latepay.test_two_rates_in_one_delay
    assert "30\xa0369,00\xa0₽" in page
    assert "Labour inspectorate" in page
    entry = AuditEntry.objects.filter(action="view", object_id=str(case.pk)).last()
    assert entry.detail["case_file"] == "html"


def test_case_file_for_an_analyst_masks_every_personal_field(client, org, caseworker):
    case = _case_with_everything(org, caseworker)
    analyst = create_member(organisation=org, username="an", role="analyst")
    client.force_login(analyst)
    page = client.get(reverse("cases:file", args=[case.pk])).content.decode()
    assert "Айгуль" not in page and "AC1234567" not in page and "+7 900" not in page
    assert case.client.code in page


def test_case_file_pdf_is_a_pdf_and_audited(client, caseworker, org):
    case = _case_with_everything(org, caseworker)
    client.force_login(caseworker)
    response = client.get(reverse("cases:file_pdf", args=[case.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert AuditEntry.objects.filter(object_id=str(case.pk)).last().detail["case_file"] == "pdf"


def test_case_file_of_another_organisation_is_not_found(client, caseworker, org):
    other = create_organisation(name="Other", slug="other")
    case = make_case(other)
    client.force_login(caseworker)
    assert client.get(reverse("cases:file_pdf", args=[case.pk])).status_code == 404


def test_pdf_font_covers_central_asian_cyrillic_letters():
    from fontTools.ttLib import TTFont

    from huquq.text.fonts import dejavu_paths

    cmap = TTFont(str(dejavu_paths()[0])).getBestCmap()
    assert all(ord(ch) in cmap for ch in "ҷӣӯҳқғүөңҒҚҲҶӢӮЎўЁё«»—")


@pytest.mark.parametrize(("language", "value", "shown"), [
    ("ru", Decimal("2.0000"), "2"), ("ru", Decimal("1.4516"), "1,45"), ("en", Decimal("1.4516"), "1.45")])
def test_months_are_shown_sensibly(language, value, shown):
    with translation.override(language):
        assert casefile.units(value) == shown


def test_compensation_is_refused_for_other_currencies_and_uncovered_days(org, caseworker):
    case = make_case(org, actor=caseworker, currency="KZT")
    claim = services.add_wage_claim(case, actor=caseworker, agreed_wage=Decimal("100000"), units_worked=1,
                                    due_on=datetime.date(2025, 10, 20))
    late = services.late_payment_compensation(claim, services.wage_calculation(claim),
                                              today=datetime.date(2025, 10, 31))
    assert late.result is None and "KZT" in late.refusal
    rub = make_case(org, actor=caseworker, currency="RUB")
    claim = services.add_wage_claim(rub, actor=caseworker, agreed_wage=Decimal("100000"), units_worked=1,
                                    due_on=datetime.date(2026, 10, 20))
    late = services.late_payment_compensation(claim, services.wage_calculation(claim),
                                              today=datetime.date(2026, 12, 2))
    assert late.result is None and late.refusal


def test_edit_form_shows_the_region_by_name_and_keeps_its_code(client, caseworker, org):
    case = make_case(org, actor=caseworker, host_region="RU-SVE")
    client.force_login(caseworker)
    with translation.override("ru"):
        page = client.get(reverse("cases:edit", args=[case.pk])).content.decode()
    assert 'value="Свердловская область (RU-SVE)"' in page
    assert "<datalist" in page and "Москва (RU-MOW)" in page


def test_import_refuses_a_region_that_is_not_iso_3166_2(org):
    from huquq.cases import transfer

    document = transfer.export_cases(Case.objects.filter(pk=make_case(org).pk))
    document["cases"][0]["host_region"] = "RU-XXX"
    with pytest.raises(transfer.ImportErrors) as exc:
        transfer.validate_document(document, org)
    assert "host_region" in "\n".join(exc.value.errors)


@given(st.text(max_size=40), st.sampled_from([None, "RU", "KG", "TJ", "UZ", "KZ", "XX"]))
@settings(max_examples=300, deadline=None)
def test_any_typed_region_resolves_to_a_valid_code_or_nothing(text, country):
    code = regions.resolve(text, country)
    assert code is None or (regions.is_valid(code) and (country is None or code.startswith(country + "-")))


def test_case_file_for_a_referred_organisation_shows_only_the_consented_groups(client, org, caseworker):
    from huquq.cases.vocab import violation_label

    from .factories import share

    case = _case_with_everything(org, caseworker)
    other = create_organisation(name="Partner", slug="partner")
    partner = create_member(organisation=other, username="partner-cw", role="caseworker")
    share(case, other, actor=caseworker, fields=("summary", "profile", "violations"), state="accepted")
    client.force_login(partner)
    with translation.override("en"):
        page = client.get(reverse("cases:file", args=[case.pk])).content.decode()
        label = violation_label("wage_theft")
    assert "Айгуль" not in page and "AC1234567" not in page  # no identity or passport consented
    assert case.client.code in page and label in page
    assert "369" not in page and "Labour inspectorate" not in page  # wage claims (actions) and deadlines withheld
