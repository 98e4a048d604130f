"""Issue 16 pages on a 360 px phone without JavaScript: case statistics and shadow tables with their charts,
and the directory form's language checkboxes and place rows ("Add another place" works by submitting)."""

import pytest

from huquq.reports.tests import casework
from tests.browser import follow, log_in, phone_page

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]



def _fits(page):
    assert page.evaluate("document.documentElement.scrollWidth") <= 360, "page scrolls sideways"


def test_statistics_pages_fit_a_360px_phone(live_server, org_a, make_user, tmp_path):
    casework.insert_violations(casework.violation_rows(80, seed=21, organisation_ids=(org_a.id,)))
    casework.insert_outcomes(casework.outcome_rows(30, seed=22, organisation_ids=(org_a.id,)))
    make_user(org_a, "analyst", username="phone-analyst")
    with phone_page() as page:
        log_in(page, live_server.url, "phone-analyst")
        page.goto(live_server.url + "/ru/reports/cases/")
        page.select_option("#id_rows", "citizenship")
        page.select_option("#id_columns", "sex")
        follow(page, page.get_by_role("button", name="Показать"))
        _fits(page)
        chart = page.locator("figure svg").first.bounding_box()
        assert 0 < chart["width"] <= 360
        assert "Киргизия" in page.locator("table.stats").first.inner_text() or \
               "Кыргызстан" in page.locator("table.stats").first.inner_text()
        page.screenshot(path=str(tmp_path / "case-statistics.png"), full_page=True)
        page.goto(live_server.url + "/ru/reports/cases/shadow/")
        _fits(page)
        assert page.locator("figure svg").count() == 2
        assert page.get_by_role("link", name="Документ Word (DOCX)").count() == 1
        page.screenshot(path=str(tmp_path / "shadow.png"), full_page=True)


def test_directory_form_fits_a_360px_phone_and_adds_a_place_without_javascript(live_server, org_a, make_user,
                                                                                tmp_path):
    from huquq.registry.directory.models import DirectoryEntry

    DirectoryEntry.objects.create(name="Phone help", slug="phone-help", organisation=org_a, languages=["ru"])
    make_user(org_a, "org_admin", username="phone-admin")
    with phone_page() as page:
        log_in(page, live_server.url, "phone-admin")
        page.goto(live_server.url + "/ru/registry/help/phone-help/edit/")
        _fits(page)
        page.get_by_label("Киргизский").check()
        page.select_option("#id_places-0-country", "KZ")
        page.fill("#id_places-0-city", "Алматы")
        page.select_option("#id_places-1-country", "KG")
        assert page.locator("select[name$='-country']").count() == 2
        follow(page, page.get_by_role("button", name="Добавить ещё одно место"))
        assert page.locator("select[name$='-country']").count() == 3
        assert page.locator("#id_places-1-country").input_value() == "KG"
        page.select_option("#id_places-2-country", "RU")
        page.select_option("#id_places-2-region", "RU-SPE")
        _fits(page)
        page.screenshot(path=str(tmp_path / "directory-form.png"), full_page=True)
        follow(page, page.get_by_role("button", name="Сохранить", exact=True))
        page.wait_for_url("**/registry/help/phone-help/")
    entry = DirectoryEntry.objects.get(slug="phone-help")
    assert sorted(entry.languages) == ["ky", "ru"]
    assert sorted((a.country, a.region, a.city_latin) for a in entry.areas.all()) == [
        ("KG", "", ""), ("KZ", "KZ-75", "Almaty"), ("RU", "RU-SPE", "")]
