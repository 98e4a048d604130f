"""`huquq report shadow`: the document's tables are the pages' tables; html, pdf and docx are written."""

import io
import re
import zipfile
from html import unescape

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from huquq.accounts.models import AuditEntry
from huquq.reports import shadow, synthetic
from huquq.reports.services import load_reference
from huquq.reports.statistics import Filters, shadow_category_table


@pytest.fixture
def data(db):
    load_reference()
    synthetic.insert_violations(synthetic.violation_rows(600, seed=21))
    synthetic.insert_outcomes(synthetic.outcome_rows(90, seed=22))


def _cells(html):
    return [unescape(v) for v in re.findall(r'data-cell="([^"]*)"', html)]


def test_html_report_has_the_same_numbers_as_the_query_layer(data, tmp_path):
    out = tmp_path / "r.html"
    call_command("report", "shadow", "--from", "2020-01-01", "--to", "2023-12-31", "--lang", "en",
                 "--format", "html", "--synthetic", "-o", str(out))
    html = out.read_text(encoding="utf-8")
    table = shadow_category_table(synthetic.synthetic_violation_facts(), Filters(2020, 2023))
    expected = [v for row in table.matrix()[1:] for v in row[1:] if v != ""]
    first_table = re.findall(r"<table.*?</table>", html, re.S)[0]
    assert _cells(first_table) == expected
    for heading in ("Wage theft", "Lack of occupational safety and health provisions", "Discrimination",
                    "Forced overtime", "Gender-based violence and harassment", "Lack of grievance mechanisms",
                    "Access to remedies, by sex", "Methodology", "Reference statistics cited", "SYNTHETIC TEST DATA"):
        assert heading in html
    assert "002_833f41cdaa839972.txt" in html and "five to seven percent" in html  # a cited source with its quote
    assert "<svg" in html
    assert AuditEntry.objects.filter(action="export", object_type="reports.shadow_report").exists()


def test_russian_report(data, tmp_path):
    out = tmp_path / "r.html"
    call_command("report", "shadow", "--from", "2020-01-01", "--to", "2025-12-31", "--lang", "ru",
                 "--synthetic", "-o", str(out))
    html = out.read_text(encoding="utf-8")
    assert '<html lang="ru">' in html and "Методология" in html


@pytest.mark.parametrize(("lang", "heading"), [("ky", "Методология"), ("tg", "Методология"), ("uz", "Metodologiya")])
def test_report_in_the_migrants_languages(data, tmp_path, lang, heading):
    out = tmp_path / f"r-{lang}.html"
    call_command("report", "shadow", "--from", "2020-01-01", "--to", "2025-12-31", "--lang", lang,
                 "--synthetic", "-o", str(out))
    html = out.read_text(encoding="utf-8")
    assert f'<html lang="{lang}">' in html and heading in html
    assert "Methodology" not in html


@pytest.mark.parametrize("fmt, magic", [("pdf", b"%PDF"), ("docx", b"PK")])
def test_pdf_and_docx(data, tmp_path, fmt, magic):
    out = tmp_path / f"r.{fmt}"
    call_command("report", "shadow", "--from", "2020-01-01", "--to", "2025-12-31", "--format", fmt,
                 "--synthetic", "-o", str(out))
    content = out.read_bytes()
    assert content.startswith(magic)
    if fmt == "docx":
        document = zipfile.ZipFile(io.BytesIO(content)).read("word/document.xml").decode()
        table = shadow_category_table(synthetic.synthetic_violation_facts(), Filters(2020, 2025))
        assert f">{table.grand_total()}<" in document and "Forced overtime" in document


def test_without_casework_the_report_says_so(db, tmp_path, no_casework):
    load_reference()
    out = tmp_path / "r.html"
    call_command("report", "shadow", "--from", "2024-01-01", "--to", "2024-12-31", "-o", str(out))
    assert "casework module is not installed yet" in out.read_text(encoding="utf-8")


def test_scoped_to_the_users_organisation(db, tmp_path, casework_provider, org_a, org_b, make_user):
    synthetic.insert_violations(synthetic.violation_rows(40, seed=1, organisation_ids=(org_a.id,)))
    synthetic.insert_violations(synthetic.violation_rows(70, seed=2, organisation_ids=(org_b.id,)))
    user = make_user(org_a, "analyst")
    report = shadow.build(*shadow.load_facts(user, False), __import__("datetime").date(2000, 1, 1),
                          __import__("datetime").date(2030, 12, 31), "en")
    assert report.categories.grand_total() == "40"
    with pytest.raises(CommandError, match="--user"):
        call_command("report", "shadow", "--from", "2024-01-01", "--to", "2024-12-31", "-o", str(tmp_path / "x.html"))


@pytest.mark.parametrize("args, message", [
    (["--from", "2024-13-01", "--to", "2024-12-31"], "not a date"),
    (["--from", "2025-01-01", "--to", "2024-12-31"], "after"),
    (["--from", "2024-01-01", "--to", "2024-12-31", "--user", "nobody"], "no active user"),
])
def test_bad_input_is_a_clear_error(db, no_casework, args, message):
    with pytest.raises(CommandError, match=message):
        call_command("report", "shadow", *args)


def test_page_and_report_show_the_same_shadow_table(client, tmp_path, casework_provider, org_a, make_user):
    load_reference()
    synthetic.insert_violations(synthetic.violation_rows(500, seed=31, organisation_ids=(org_a.id,)))
    user = make_user(org_a, "analyst")
    client.force_login(user)
    page = client.get("/en/reports/cases/shadow/?year_from=2020&year_to=2023").content.decode()
    out = tmp_path / "r.html"
    call_command("report", "shadow", "--from", "2020-01-01", "--to", "2023-12-31", "--user", user.username,
                 "-o", str(out))
    report = out.read_text(encoding="utf-8")
    page_table = re.findall(r"<table.*?</table>", page, re.S)[0]
    report_table = re.findall(r"<table.*?</table>", report, re.S)[0]
    assert _cells(page_table) == _cells(report_table) and _cells(page_table)
