"""`huquq report shadow`: the document's tables are the pages' tables; html, pdf and docx are written."""

import io
import re
import zipfile
from html import unescape

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from huquq.accounts.models import AuditEntry
from huquq.reports import facts, shadow
from huquq.reports.services import load_reference
from huquq.reports.statistics import Filters, shadow_category_table
from huquq.reports.tests import casework


@pytest.fixture
def data(org_a):
    load_reference()
    casework.insert_violations(casework.violation_rows(600, seed=21), org_a)
    casework.insert_outcomes(casework.outcome_rows(90, seed=22), org_a)


def _cells(html):
    return [unescape(v) for v in re.findall(r'data-cell="([^"]*)"', html)]


def test_html_report_has_the_same_numbers_as_the_query_layer(data, analyst, tmp_path):
    out = tmp_path / "r.html"
    call_command("report", "shadow", "--from", "2020-01-01", "--to", "2023-12-31", "--lang", "en",
                 "--format", "html", "--user", analyst.username, "-o", str(out))
    html = out.read_text(encoding="utf-8")
    table = shadow_category_table(facts.violation_facts(analyst), Filters(2020, 2023))
    expected = [v for row in table.matrix()[1:] for v in row[1:] if v != ""]
    first_table = re.findall(r"<table.*?</table>", html, re.S)[0]
    assert _cells(first_table) == expected
    for heading in ("Wage theft", "Lack of occupational safety and health provisions", "Discrimination",
                    "Forced overtime", "Gender-based violence and harassment", "Lack of grievance mechanisms",
                    "Access to remedies, by sex", "Methodology", "Reference statistics cited",
                    "GCM Objective 6 (fair and ethical recruitment)"):
        assert heading in html
    # a cited source by its report's title, publisher and year, with its quote; never the seed file name
    assert "Regular Migration in the Central Asian region, Solidarity Center" in html and "five to seven percent" in html
    assert "002_833f41cdaa839972.txt" not in html
    assert "<svg" in html
    assert AuditEntry.objects.filter(action="export", object_type="reports.shadow_report").exists()


def test_russian_report(data, analyst, tmp_path):
    out = tmp_path / "r.html"
    call_command("report", "shadow", "--from", "2020-01-01", "--to", "2025-12-31", "--lang", "ru",
                 "--user", analyst.username, "-o", str(out))
    html = out.read_text(encoding="utf-8")
    assert '<html lang="ru">' in html and "Методология" in html


@pytest.mark.parametrize(("lang", "heading"), [("ky", "Методология"), ("tg", "Методология"), ("uz", "Metodologiya")])
def test_report_in_the_migrants_languages(data, analyst, tmp_path, lang, heading):
    out = tmp_path / f"r-{lang}.html"
    call_command("report", "shadow", "--from", "2020-01-01", "--to", "2025-12-31", "--lang", lang,
                 "--user", analyst.username, "-o", str(out))
    html = out.read_text(encoding="utf-8")
    assert f'<html lang="{lang}">' in html and heading in html
    assert "Methodology" not in html


@pytest.mark.parametrize("fmt, magic", [("pdf", b"%PDF"), ("docx", b"PK")])
def test_pdf_and_docx(data, analyst, tmp_path, fmt, magic):
    out = tmp_path / f"r.{fmt}"
    call_command("report", "shadow", "--from", "2020-01-01", "--to", "2025-12-31", "--format", fmt,
                 "--user", analyst.username, "-o", str(out))
    content = out.read_bytes()
    assert content.startswith(magic)
    if fmt == "docx":
        document = zipfile.ZipFile(io.BytesIO(content)).read("word/document.xml").decode()
        table = shadow_category_table(facts.violation_facts(analyst), Filters(2020, 2025))
        assert f">{table.grand_total()}<" in document and "Forced overtime" in document


def test_scoped_to_the_users_organisation(db, tmp_path, org_a, org_b, make_user):
    casework.insert_violations(casework.violation_rows(40, seed=1, organisation_ids=(org_a.id,)))
    casework.insert_violations(casework.violation_rows(70, seed=2, organisation_ids=(org_b.id,)))
    user = make_user(org_a, "analyst")
    report = shadow.build(*shadow.load_facts(user), __import__("datetime").date(2000, 1, 1),
                          __import__("datetime").date(2030, 12, 31), "en")
    assert report.categories.grand_total() == "40"
    with pytest.raises(CommandError, match="--user"):
        call_command("report", "shadow", "--from", "2024-01-01", "--to", "2024-12-31", "-o", str(tmp_path / "x.html"))


@pytest.mark.parametrize("args, message", [
    (["--from", "2024-13-01", "--to", "2024-12-31"], "not a date"),
    (["--from", "2025-01-01", "--to", "2024-12-31"], "after"),
    (["--from", "2024-01-01", "--to", "2024-12-31", "--user", "nobody"], "no active user"),
])
def test_bad_input_is_a_clear_error(db, args, message):
    with pytest.raises(CommandError, match=message):
        call_command("report", "shadow", *args)


def test_page_and_report_show_the_same_shadow_table(client, tmp_path, org_a, make_user):
    load_reference()
    casework.insert_violations(casework.violation_rows(500, seed=31, organisation_ids=(org_a.id,)))
    user = make_user(org_a, "analyst")
    client.force_login(user)
    page = client.get("/en/reports/cases/shadow/?year_from=2020&year_to=2023").content.decode()
    out = tmp_path / "r.html"
    call_command("report", "shadow", "--from", "2020-01-01", "--to", "2023-12-31", "--user", user.username,
                 "-o", str(out))
    report = out.read_text(encoding="utf-8")
    page_table = re.findall(r"<table.*?</table>", page, re.S)[0]
    report_table = re.findall(r"<table.*?</table>", report, re.S)[0]
    # the page shows the organisation's own staff exact counts; the report, written for publication, hides
    # small ones: each report cell is the page's number or that number hidden
    from huquq.reports.tests.test_pages import _agrees_after_suppression

    exact = [unescape(c) for c in _cells(page_table)]
    assert exact and "<5" not in exact
    _agrees_after_suppression([unescape(c) for c in _cells(report_table)], exact)
    assert "<5" in [unescape(c) for c in _cells(report_table)]
