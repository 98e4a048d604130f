"""The monitoring web form in a browser: a 360 px phone, JavaScript off, one page at a time."""

import datetime as dt

import pytest

from tests.browser import follow, log_in, phone_page

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_migrant_questionnaire_on_a_phone_without_javascript(live_server, org_a, make_user):
    from huquq.monitoring import services
    from huquq.monitoring.models import Office, Submission

    services.load_offices()
    forms = {q.form_id: q for q in services.install_shipped_forms()}
    user = make_user(org_a, "monitor", username="phone-monitor")
    visit = services.record_visit(user, office=Office.objects.get(code="kg-embassy-kz"), date=dt.date(2026, 4, 2),
                                  team="two monitors")
    with phone_page() as page:
        log_in(page, live_server.url, user.username, language="en")
        page.goto(f"{live_server.url}/en/monitoring/visits/{visit.pk}/")
        follow(page, page.get_by_role("button", name=forms["migrant_visit"].title))
        assert "Page 1 of 2" in page.content()
        assert page.evaluate("document.documentElement.scrollWidth") <= 360, "the form scrolls sideways"
        page.get_by_label("Yes").first.check()  # satisfied
        page.get_by_label("How easy was it").fill("7")
        follow(page, page.get_by_role("button", name="Save and continue"))
        assert "This answer is not allowed here." in page.content()  # constraint checked on the server
        assert "This answer is required." in page.content()
        page.get_by_label("How easy was it").fill("4")
        page.locator("input[name=came_with_problem][value=no]").check()
        page.locator("input[name=satisfied][value=yes]").check()
        follow(page, page.get_by_role("button", name="Save and continue"))
        assert "Page 2 of 2" in page.content()
        page.locator("input[name=problems][value=no_woman_lawyer]").check()
        page.locator("input[name=knows_where_to_apply][value=no]").check()
        follow(page, page.get_by_role("button", name="Save and continue"))
        assert "The questionnaire is complete." in page.content()
        assert page.evaluate("document.documentElement.scrollWidth") <= 360
        for path in ("/en/monitoring/offices/", f"/en/monitoring/scorecard/?questionnaire={forms['migrant_visit'].pk}"):
            page.goto(live_server.url + path)
            assert page.evaluate("document.documentElement.scrollWidth") <= 360, path
    answers = Submission.objects.get().answers
    assert answers["problems"] == ["no_woman_lawyer"] and answers["access_rating"] == 4
    assert answers["office"] == "kg-embassy-kz" and "got_help" not in answers


def test_adding_an_office_on_a_phone_without_javascript(live_server, org_a, make_user):
    from huquq.monitoring import services
    from huquq.monitoring.models import Office

    services.load_offices()
    user = make_user(org_a, "monitor", username="phone-office-monitor")
    with phone_page() as page:
        log_in(page, live_server.url, user.username, language="en")
        page.goto(live_server.url + "/en/monitoring/offices/")
        follow(page, page.get_by_role("link", name="Add an office"))
        assert page.evaluate("document.documentElement.scrollWidth") <= 360, "the office form scrolls sideways"
        page.locator("input[name=code]").fill("tj-consulate-yekaterinburg")
        page.locator("input[name=name]").fill("Consulate of Tajikistan in Yekaterinburg")
        page.locator("select[name=kind]").select_option("consulate")
        page.locator("input[name=country]").fill("ru")
        page.locator("input[name=nationals_served]").fill("TJ tajik")
        follow(page, page.get_by_role("button", name="Save"))
        assert "Not a two-letter country code: TAJIK" in page.content()  # checked on the server
        page.locator("input[name=nationals_served]").fill("tj")
        follow(page, page.get_by_role("button", name="Save"))
        assert "Consulate of Tajikistan in Yekaterinburg saved" in page.content()
        assert page.evaluate("document.documentElement.scrollWidth") <= 360
    office = Office.objects.get(code="tj-consulate-yekaterinburg")
    assert (office.country, office.nationals_served) == ("RU", "TJ")
