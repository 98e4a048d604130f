"""Pages, charts and downloads: public reference figures; staff-only, audited, suppressed case statistics.
Page, CSV and XLSX show the same numbers because they come from the same query layer."""

import csv
import io
import re
from decimal import Decimal
from html import unescape

import pytest
from openpyxl import load_workbook

from huquq.accounts.models import AuditEntry
from huquq.reports.models import Observation
from huquq.reports.services import load_reference
from huquq.reports.tests import casework


@pytest.fixture
def reference(db):
    return load_reference()


def _csv_rows(response):
    text = b"".join(response.streaming_content if response.streaming else [response.content]).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text)))


def _xlsx_rows(response):
    sheet = load_workbook(io.BytesIO(response.content)).active
    return [[("" if c is None else c) for c in row] for row in sheet.iter_rows(values_only=True)]


def test_home_has_a_statistics_card(client, db):
    page = client.get("/en/").content.decode()
    assert "/en/reports/" in page and "Statistics" in page


@pytest.mark.parametrize("language", ["en", "ru"])
def test_reference_pages_are_public(client, reference, language):
    assert client.get(f"/{language}/reports/").status_code == 200
    listing = client.get(f"/{language}/reports/reference/")
    assert listing.status_code == 200
    for code in ("oecd-inflows-russia-2000-2010", "tajik-labour-outflow-h1-2016", "kazakhstan-migrant-survey-2020"):
        page = client.get(f"/{language}/reports/reference/{code}/")
        assert page.status_code == 200
        assert "<svg" in page.content.decode()  # chart rendered on the server


def test_russian_titles(client, reference):
    page = client.get("/ru/reports/reference/").content.decode()
    assert "Приток иностранного населения в Россию" in page


@pytest.mark.parametrize("code", ["oecd-inflows-russia-2000-2010", "fms-stocks-by-citizenship-2016",
                                  "tajik-migrants-non-registration-2008-2009"])
def test_reference_page_csv_and_xlsx_agree(client, reference, code):
    page = client.get(f"/en/reports/reference/{code}/").content.decode()
    shown = sorted(Decimal(v) for v in re.findall(r'data-value="([^"]+)"', page))
    stored = sorted(o.value for o in Observation.objects.filter(table__code=code))
    assert shown == stored and shown
    csv_rows = _csv_rows(client.get(f"/en/reports/reference/{code}/download.csv"))
    header = csv_rows[0]
    data = [r for r in csv_rows[1:] if len(r) == len(header)]
    assert sorted(Decimal(r[header.index("value")]) for r in data) == shown
    assert all(r[header.index("seed_file")] and r[header.index("quote")] for r in data)
    xlsx_rows = _xlsx_rows(client.get(f"/en/reports/reference/{code}/download.xlsx"))
    assert sorted(Decimal(str(r[2])) for r in xlsx_rows[1:]) == shown


def test_figures_are_shown_as_printed(client, reference):
    page = client.get("/en/reports/reference/oecd-inflows-russia-2000-2010/").content.decode()
    assert 'data-value="40">40.0<' in page  # Kazakhstan 2007 as the seed prints it, not "40"
    page = client.get("/en/reports/reference/fms-stocks-by-citizenship-2016/").content.decode()
    assert "1,755,781" in page
    assert "1\xa0755\xa0781" in client.get("/ru/reports/reference/fms-stocks-by-citizenship-2016/").content.decode()


def test_source_notes_are_shown(client, reference):
    page = client.get("/en/reports/reference/tajik-migrants-non-registration-2008-2009/").content.decode()
    assert "Does not add up" in page and "102.8" in page


def test_conflicting_estimates_shown_side_by_side_not_averaged(client, reference):
    page = client.get("/en/reports/reference/compare/").content.decode()
    assert 'data-value="744360"' in page and 'data-value="1300000"' in page
    assert "1022180" not in page  # the mean of the two is nowhere
    indicator = client.get("/en/reports/indicator/remittances-share-gdp/").content.decode()
    for value in ("47", "49", "29", "22", "30"):
        assert f'data-value="{value}"' in indicator


def test_unknown_download_format_is_404(client, reference):
    assert client.get("/en/reports/reference/oecd-inflows-russia-2000-2010/download.pdf").status_code == 404


# ------------------------------------------------------------------------------------------- case statistics

@pytest.fixture
def facts_a(db, org_a, org_b):
    casework.insert_violations(casework.violation_rows(300, seed=11, organisation_ids=(org_a.id,)))
    casework.insert_violations(casework.violation_rows(200, seed=12, organisation_ids=(org_b.id,)))
    casework.insert_outcomes(casework.outcome_rows(80, seed=13, organisation_ids=(org_a.id,)))


def test_case_statistics_need_a_staff_role(client, org_a, make_user):
    assert client.get("/en/reports/cases/").status_code == 302
    client.force_login(make_user(org_a, "intake"))
    assert client.get("/en/reports/cases/").status_code == 403
    client.force_login(make_user(org_a, "consular"))
    assert client.get("/en/reports/cases/").status_code == 403


@pytest.mark.parametrize("role", ["analyst", "org_admin", "caseworker", "lawyer"])
def test_case_statistics_for_staff(client, org_a, make_user, facts_a, role):
    client.force_login(make_user(org_a, role))
    page = client.get("/en/reports/cases/?rows=violation_type&columns=sex")
    assert page.status_code == 200
    html = page.content.decode()
    assert "<svg" in html and "Wage theft" in html
    grand = re.findall(r'<tfoot>.*?</tfoot>', html, re.S)[0]
    assert 'data-cell="300"' in grand  # only organisation A's 300 facts, not B's 200


def _page_cells(html):
    return [unescape(v) for v in re.findall(r'data-cell="([^"]*)"', html)]


def _agrees_after_suppression(file_cells, exact_cells):
    """A downloaded cell is the page's exact number, or that number hidden ("<5" for 1–4, "x")."""
    assert len(file_cells) == len(exact_cells)
    for shown, exact in zip(file_cells, exact_cells, strict=True):
        assert shown == exact or (shown == "<5" and 0 < int(exact) < 5) or (shown == "x" and int(exact) >= 0)


@pytest.mark.parametrize("query", ["rows=violation_type&columns=sex", "rows=citizenship&rows2=year&columns=sex",
                                   "rows=perpetrator_kind", "rows=host_region&columns=age_group&year_from=2020&year_to=2023"])
def test_page_csv_and_xlsx_show_the_same_numbers(client, org_a, make_user, facts_a, query, django_user_model):
    user = make_user(org_a, "analyst")
    client.force_login(user)
    cells = _page_cells(client.get(f"/en/reports/cases/?{query}").content.decode())
    assert cells
    csv_rows = _csv_rows(client.get(f"/en/reports/cases/download.csv?{query}"))
    xlsx_rows = _xlsx_rows(client.get(f"/en/reports/cases/download.xlsx?{query}"))
    table_csv = [r for r in csv_rows if r][: len(xlsx_rows)]
    assert [[str(v) for v in r] for r in xlsx_rows] == table_csv
    n_labels = query.count("rows")
    from_file = [v for row in table_csv[1:] for v in row[n_labels:] if v != ""]
    _agrees_after_suppression(from_file, cells)  # own staff: exact page, suppressed files
    exports = AuditEntry.objects.filter(action="export", object_type="reports.case_statistics", actor=user)
    assert exports.count() == 2
    assert AuditEntry.objects.filter(action="view", object_type="reports.case_statistics", actor=user).exists()
    client.force_login(django_user_model.objects.create_superuser("pooled", "", "long enough password 1"))
    pooled = _page_cells(client.get(f"/en/reports/cases/?{query}").content.decode())
    n_rows = len(_xlsx_rows(client.get(f"/en/reports/cases/download.xlsx?{query}")))
    pooled_csv = [r for r in _csv_rows(client.get(f"/en/reports/cases/download.csv?{query}")) if r][:n_rows]
    assert [v for row in pooled_csv[1:] for v in row[n_labels:] if v != ""] == pooled  # pooled: both suppressed


def test_small_cells_never_reach_a_download_or_a_pooled_view(client, org_a, make_user, facts_a, django_user_model):
    query = "rows=host_region&rows2=year&columns=perpetrator_kind"
    client.force_login(make_user(org_a, "analyst"))
    own = _page_cells(client.get(f"/en/reports/cases/?{query}").content.decode())
    assert [c for c in own if c.isdigit() and 0 < int(c) < 5] and "<5" not in own  # exact inside the organisation
    downloaded = [v for row in _csv_rows(client.get(f"/en/reports/cases/download.csv?{query}"))[1:] for v in row[2:]]
    assert "<5" in downloaded and not [c for c in downloaded if c.isdigit() and 0 < int(c) < 5]
    client.force_login(django_user_model.objects.create_superuser("pooled", "", "long enough password 1"))
    pooled = _page_cells(client.get(f"/en/reports/cases/?{query}").content.decode())
    assert "<5" in pooled and not [c for c in pooled if c.isdigit() and 0 < int(c) < 5]


def test_bad_dimensions_are_a_form_error(client, org_a, make_user, facts_a):
    client.force_login(make_user(org_a, "analyst"))
    page = client.get("/en/reports/cases/?rows=sex&columns=sex")
    assert page.status_code == 200 and "only once" in page.content.decode()
    assert client.get("/en/reports/cases/?rows=name").status_code == 200


def test_shadow_tables_page_and_downloads_agree(client, org_a, make_user, facts_a):
    client.force_login(make_user(org_a, "lawyer"))
    html = client.get("/en/reports/cases/shadow/?year_from=2018&year_to=2025").content.decode()
    assert "Gender-based violence and harassment" in html and "Entry ban lifted" in html
    tables = re.findall(r"<table.*?</table>", html, re.S)
    categories_cells = _page_cells(tables[0])
    rows = _csv_rows(client.get("/en/reports/cases/shadow/categories.csv?year_from=2018&year_to=2025"))
    _agrees_after_suppression([v for r in rows[1:] for v in r[1:] if v != ""], categories_cells)
    remedies = _xlsx_rows(client.get("/en/reports/cases/shadow/remedies.xlsx?year_from=2018&year_to=2025"))
    _agrees_after_suppression([str(v) for r in remedies[1:] for v in r[1:] if v != ""], _page_cells(tables[1]))
