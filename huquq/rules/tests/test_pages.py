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
    assert "<details" in html and "<blockquote" in html and "003_7d9f1d547931b5c5.txt" in html
    assert "not confirmed by a lawyer" in html
    assert "<script" not in html


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
    assert any("003_7d9f1d547931b5c5.txt" in str(e.get("description")) for e in events)


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
    assert "Federal Law No. 357-FZ" in html and "Law outside the reports (not confirmed)" in html


def test_conflict_shows_both_options_with_sources(anon, db):
    html = anon.post("/en/rules/", dict(FORM, entry_date="2013-05-01", as_of="2013-05-02",
                                        format="html")).content.decode()
    assert "Sources disagree" in html
    assert "001_1d57c263cde623bd.txt" in html and "003_7d9f1d547931b5c5.txt" in html
    assert "<strong>2013-05-04</strong>" in html and "<strong>2013-05-08</strong>" in html
