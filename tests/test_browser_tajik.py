"""The status answer in Tajik on a 360 px phone without JavaScript, with a screenshot for reviewers."""

from pathlib import Path

import pytest

from tests.browser import follow, phone_page

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SCREENSHOTS = Path(__file__).resolve().parent.parent / "test-results"


def test_status_answer_in_tajik_fits_360px_and_is_tajik(live_server, tmp_path):
    with phone_page() as page:
        page.goto(live_server.url + "/tg/rules/")
        assert page.locator("html").get_attribute("lang") == "tg"
        page.select_option("select[name=citizenship]", "TJ")
        page.select_option("select[name=host_country]", "RU")
        page.fill("input[name=region]", "RU-MOW")
        page.fill("input[name=entry_date]", "2016-03-01")
        page.select_option("select[name=employment]", "legal_entity")
        page.fill("input[name=as_of]", "2016-03-02")
        follow(page, page.get_by_role("button", name="Мақоми маро нишон деҳ"))

        answer = page.locator("section[aria-labelledby=answer-title]")
        assert answer.count() == 1
        assert "Мақоми шумо то" in page.locator("#answer-title").inner_text()
        text = answer.inner_text()
        assert "бақайдгирии муҳоҷиратӣ" in text  # the rule text is the Tajik translation, not the Russian
        assert "Встать на миграционный учёт" not in text
        assert page.locator(".translation-notice a[hreflang=ru]").count() == 1
        assert page.evaluate("document.documentElement.scrollWidth") <= 360, "page scrolls sideways"
        assert answer.bounding_box()["width"] <= 360
        page.locator("details").first.evaluate("e => e.open = true")
        SCREENSHOTS.mkdir(exist_ok=True)
        for path in (tmp_path / "status-tg-360.png", SCREENSHOTS / "status-answer-tg-360.png"):
            page.screenshot(path=str(path), full_page=True)
            assert path.stat().st_size > 10_000
