"""The public status page, its .ics and printable versions, and the lawyers' change pages."""

import re

import pytest
from icalendar import Calendar

FORM = {"citizenship": "TJ", "host_country": "RU", "region": "RU-MOW", "entry_date": "2016-03-01",
        "employment": "legal_entity", "as_of": "2016-03-02"}


@pytest.fixture
def anon(client):
    return client


def test_form_renders_without_login(anon, db):
    r = anon.get("/ru/rules/")
    assert r.status_code == 200
    html = r.content.decode()
    assert "<form" in html and 'name="citizenship"' in html and 'type="date"' in html
    assert "<script" not in html


def test_answer_is_a_checklist_with_sources(anon, db):
    r = anon.post("/en/rules/", dict(FORM, format="html"))
    assert r.status_code == 200
    html = r.content.decode()
    assert 'class="checklist"' in html
    assert '<time datetime="2016-03-08">' in html  # 7-day registration
    assert "<details" in html and "In Search of Better Lives" in html and "Kansas State University" in html
    assert "003_7d9f1d547931b5c5.txt" not in html  # seed file names and quotes are for staff
    assert "not confirmed by a lawyer" in html
    assert "<script" not in html


def test_staff_see_seed_file_and_quote(client, org_a, make_user):
    client.force_login(make_user(org_a, "caseworker"))
    html = client.post("/en/rules/", dict(FORM, format="html")).content.decode()
    assert "003_7d9f1d547931b5c5.txt" in html and "<q>" in html


def test_answer_first_form_folded_summary_of_deadlines(anon, db):
    html = anon.post("/en/rules/", dict(FORM, as_of="2016-03-10", format="html")).content.decode()
    assert html.index('class="summary-box"') < html.index('<form')
    assert '<details class="status-form-fold">' in html
    box = html[html.index('class="summary-box"'):html.index("</ol>", html.index('class="summary-box"'))]
    # the 7-day registration (8 March) is overdue and comes first, marked, with what to do now
    assert box.index("March 8, 2016") < box.index("March 31, 2016")
    assert "Overdue" in box and "2 days ago" in box and "in 21 days" in box and "What to do now" in box


def test_long_dates_in_the_page_language(anon, db):
    html = anon.post("/ru/rules/", dict(FORM, format="html")).content.decode()
    assert "8 марта 2016" in html and "через 6 дней" in html


@pytest.mark.parametrize(("prefix", "due", "as_of"), [
    ("ky", "2016-ж., 8-март", "2016-ж., 2-март"), ("uz", "8-mart, 2016", "2-mart, 2016"),
    ("uz-cyrl", "8 март, 2016", "2 март, 2016"), ("tg", "08 Март 2016", "02 Март 2016"),
    ("en", "March 8, 2016", "March 2, 2016")])
def test_answer_dates_use_the_localised_date_filter(anon, db, prefix, due, as_of):
    """The answer's heading, deadlines and summary box show dates as CLDR writes them in the page's language
    (the `ldate` filter), not Django's Russian-leaning "j E Y"."""
    html = anon.post(f"/{prefix}/rules/", dict(FORM, format="html")).content.decode()
    box = html[html.index('class="summary-box"'):html.index("</ol>", html.index('class="summary-box"'))]
    assert f'<time datetime="2016-03-08">{due}</time>' in box
    assert html.count(f'<time datetime="2016-03-08">{due}</time>') >= 2  # the summary box and the checklist
    assert as_of in html[html.index('id="answer-title"'):html.index("</h2>", html.index('id="answer-title"'))]


def test_rule_text_in_another_language_carries_its_lang(rf):
    """A rule text that falls back to Russian on an Uzbek page is marked lang="ru" (screen readers switch
    voice); a text in the page's language gets no attribute."""
    from datetime import date

    from django.template.loader import render_to_string
    from django.utils import translation

    from huquq.rules.engine.model import Item
    from huquq.rules.presentation import Row

    fallback = Item(topic="registration", kind="obligation", text="Встать на учёт.", text_lang="ru",
                    due=date(2016, 3, 8), days_left=6)
    own = Item(topic="registration", kind="obligation", text="Roʻyxatdan oʻting.", text_lang="uz")
    alternative = {"rule_id": "x", "due": "2016-03-04", "due_date": date(2016, 3, 4), "text": "Через 3 дня.",
                   "text_lang": "ru", "source_views": []}
    conflict = Item(topic="registration", kind="conflict", text="", due=date(2016, 3, 4))
    with translation.override("uz"):
        html = "".join(render_to_string("rules/_item.html", {"row": row, "LANGUAGE_CODE": "uz", "kind_labels": {"conflict": "Ziddiyat"}}) for row in (
            Row(item=fallback, sources=[]), Row(item=own, sources=[]),
            Row(item=conflict, sources=[], alternatives=[alternative])))
    assert '<span lang="ru">Встать на учёт.</span>' in html
    assert "<span>Roʻyxatdan oʻting.</span>" in html
    assert '<time datetime="2016-03-08">8-mart, 2016</time>' in html
    assert '<time datetime="2016-03-04">4-mart, 2016</time></strong>: <span lang="ru">Через 3 дня.</span>' in html


def test_sections_group_by_what_is_asked_and_prices_are_information(anon, db):
    html = anon.post("/en/rules/", dict(FORM, entry_date="2026-11-20", as_of="2026-12-02",
                                        format="html")).content.decode()
    must, info = html.index("What you must do"), html.index("Good to know")
    assert must < html.index("Risks") < html.index("Your rights") < info
    assert html.index("10,000 roubles") > info  # the 2026 Moscow price is information, not a task
    assert "Amina" in html and "December 5, 2026" in html
    assert "RBC" in html or "Собянин поднял стоимость патентов" in html  # web source by its title


@pytest.mark.parametrize("text", ["Москва", "Moskva", "Moscow", "moscow ", "RU-MOW"])
def test_region_in_any_script(anon, db, text):
    r = anon.post("/en/rules/", dict(FORM, region=text, format="html"))
    assert r.status_code == 200, re.findall(r'class="error"[^>]*>([^<]*)', r.content.decode())


def test_every_russian_and_kazakh_region_is_offered(anon, db):
    html = anon.get("/ru/rules/").content.decode()
    assert html.count("<option value=") >= 80 + 17 + 2 * 200  # regions + the two country lists
    assert "Чеченская Республика" in html or "RU-CE" in html


def test_date_out_of_range_is_a_clear_error(anon, db):
    r = anon.post("/en/rules/", dict(FORM, as_of="9999-12-31"))
    assert r.status_code == 400
    assert "out of range" in r.content.decode()


def test_plain_activity_names_map_to_okved(anon, db):
    html = anon.post("/en/rules/", dict(FORM, citizenship="UZ", region="Санкт-Петербург", entry_date="2026-02-01",
                                        as_of="2026-02-02", activity="taxi", format="html")).content.decode()
    assert "taxi drivers or couriers" in html


def test_answer_in_russian(anon, db):
    html = anon.post("/ru/rules/", dict(FORM, format="html")).content.decode()
    assert "Встать на миграционный учёт" in html


def test_stale_answer_links_to_help_directory(anon, db):
    html = anon.post("/en/rules/", dict(FORM, as_of="2024-01-01", format="html")).content.decode()
    assert "/en/registry/help/?country=RU&amp;service=entry_ban_check" in html
    assert "more than a year ago" in html


def test_ics_export_has_deadlines(anon, db):
    r = anon.post("/en/rules/", dict(FORM, format="ics"))
    assert r.status_code == 200
    assert r["Content-Type"].startswith("text/calendar")
    assert "attachment" in r["Content-Disposition"]
    cal = Calendar.from_ical(r.content)
    events = [c for c in cal.walk() if c.name == "VEVENT"]
    starts = sorted(e.decoded("dtstart").isoformat() for e in events)
    assert "2016-03-08" in starts and "2016-03-31" in starts  # registration, licence filing
    assert any("In Search of Better Lives" in str(e.get("description")) for e in events)
    filing = next(e for e in events if e.decoded("dtstart").isoformat() == "2016-03-31")
    triggers = sorted(a.decoded("trigger") for a in filing.walk() if a.name == "VALARM")
    assert [t.days for t in triggers] == [-7, -1]


def test_ics_has_no_past_deadlines_and_a_named_calendar(anon, db):
    cal = Calendar.from_ical(anon.post("/ru/rules/", dict(FORM, as_of="2016-03-10", format="ics")).content)
    starts = [e.decoded("dtstart").isoformat() for e in cal.walk() if e.name == "VEVENT"]
    assert "2016-03-08" not in starts and "2016-03-31" in starts
    assert str(cal.get("x-wr-calname")) == "Huquq: мои сроки"


def test_printable_version(anon, db):
    r = anon.post("/en/rules/", dict(FORM, format="print"))
    html = r.content.decode()
    assert r.status_code == 200
    assert "<details open>" in html
    assert 'class="site-nav"' not in html


@pytest.mark.parametrize("change,field,message", [
    ({"entry_date": "2017-01-01"}, "entry_date", "after the date of the answer"),
    ({"entry_date": "not a date"}, "entry_date", "Enter a valid date"),
    ({"region": "KZ-ALA"}, "region", "not in the chosen country"),
    ({"region": ""}, "region", "Choose the region"),
    ({"citizenship": "XX"}, "citizenship", "Select a valid choice"),
    ({"host_country": "TJ"}, "host_country", "your own country"),
    ({"activity_okved": "taxi"}, "activity_okved", "OKVED"),
    ({"ban_start": "2016-01-01"}, "ban_end", "both dates"),
])
def test_form_errors_next_to_the_field(anon, db, change, field, message):
    r = anon.post("/en/rules/", dict(FORM, **change))
    assert r.status_code == 400
    html = r.content.decode()
    block = html[html.find(f'id="id_{field}"'):]
    block = block[:block.find('<div class="field')] if '<div class="field' in block else block
    assert message in block, re.findall(r'class="error"[^>]*>([^<]*)', html)


def test_form_errors_in_russian(anon, db):
    html = anon.post("/ru/rules/", dict(FORM, entry_date="2017-01-01")).content.decode()
    assert "Дата въезда позже даты ответа" in html


def test_home_card(anon, db):
    html = anon.get("/en/").content.decode()
    assert "Know your status" in html and "/en/rules/" in html


def test_law_source_outside_seeds_is_labelled(anon, db):
    html = anon.post("/en/rules/", dict(FORM, format="html")).content.decode()
    assert "Federal Law No. 357-FZ" in html and "Article 13.3" in html


def test_conflict_shows_both_options_with_sources(anon, db):
    html = anon.post("/en/rules/", dict(FORM, entry_date="2013-05-01", as_of="2013-05-02",
                                        format="html")).content.decode()
    assert "Sources disagree" in html
    assert "Tian Shan Policy Center" in html and "In Search of Better Lives" in html
    assert '<time datetime="2013-05-04">' in html and '<time datetime="2013-05-08">' in html
