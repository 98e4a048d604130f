"""Statistics for an organisation's own staff (docs/statistics.md, "Who sees exact counts"): exact counts of
their own cases on the pages, suppression everywhere else; charts; the shadow report from the web page;
Russian pages without English; sources by title, publisher and year."""

from __future__ import annotations

import io
import re
import zipfile
from html.parser import HTMLParser

import pytest

from huquq.accounts.models import AuditEntry
from huquq.reports.services import load_reference
from huquq.reports.tests import casework


def _small_org_facts(org, n=3):
    rows = [{"violation_type": "wage_theft", "sex": "female", "age_group": "25-34", "citizenship": "KG",
             "host_country": "RU", "host_region": "RU-MOW", "year": 2025, "perpetrator_kind": "employer",
             "organisation_id": org.pk, "verified": True} for _ in range(n)]
    casework.insert_violations(rows)
    outcomes = casework.outcome_rows(40, seed=5, organisation_ids=(org.pk,))
    casework.insert_outcomes([o for o in outcomes if o["wages_recovered"] > 0][:2])


def _cells(html):
    return re.findall(r'data-cell="([^"]*)"', html)


def test_a_small_organisations_staff_see_exact_counts_and_charts(client, org_a, make_user):
    _small_org_facts(org_a)
    client.force_login(make_user(org_a, "analyst"))
    html = client.get("/en/reports/cases/?rows=violation_type&columns=sex").content.decode()
    assert "3" in _cells(html) and "&lt;5" not in _cells(html)
    assert "<svg" in html  # a chart now that the bars are not all hidden
    assert "exact counts of your own organisation" in html
    shadow = client.get("/en/reports/cases/shadow/").content.decode()
    assert "3" in _cells(shadow) and "&lt;5" not in _cells(shadow)
    assert shadow.count("<svg") == 2  # categories and remedies
    wages = re.search(r"Wages recovered, by currency.*?</table>", shadow, re.S).group(0)
    assert 'data-cell="2"' in wages and ">x<" not in wages  # the sum of 2 cases is shown to the organisation
    # …but the files that can leave the organisation are suppressed
    csv = client.get("/en/reports/cases/download.csv?rows=violation_type&columns=sex")
    assert "<5" in b"".join(csv.streaming_content).decode()


def test_the_pooled_view_of_a_site_superuser_stays_suppressed(client, org_a, django_user_model):
    _small_org_facts(org_a)
    client.force_login(django_user_model.objects.create_superuser("root", "", "long enough password 1"))
    html = client.get("/en/reports/cases/?rows=violation_type&columns=sex").content.decode()
    assert "&lt;5" in _cells(html) and "3" not in _cells(html)
    assert "pools the cases of several organisations" in html


@pytest.fixture
def reference(db):
    return load_reference()


@pytest.mark.parametrize("fmt", ["html", "pdf", "docx"])
def test_the_shadow_report_is_downloaded_from_the_page_suppressed_and_audited(client, org_a, make_user, reference,
                                                                               fmt):
    _small_org_facts(org_a)
    user = make_user(org_a, "analyst")
    client.force_login(user)
    shadow = client.get("/ru/reports/cases/shadow/?year_from=2025&year_to=2025").content.decode()
    assert f"/ru/reports/cases/shadow/report.{fmt}?year_from=2025&amp;year_to=2025" in shadow
    response = client.get(f"/ru/reports/cases/shadow/report.{fmt}?year_from=2025&year_to=2025")
    assert response.status_code == 200
    body = response.content
    if fmt == "html":
        text = body.decode()
        assert "&lt;5" in text and 'data-cell="3"' not in text  # for publication: suppressed
        assert "Таблицы для теневого доклада" in text
        assert "The Rights of Migrant Workers from Former Soviet Countries" in text  # sources by title…
        assert "ADC Memorial, 2016" in text
        assert "_08e710d63eae9192.txt" not in text  # …not by seed file name
        assert "2025" in text
    elif fmt == "pdf":
        assert body.startswith(b"%PDF") and 'attachment; filename="shadow-report-2025-01-01-2025-12-31-ru.pdf"' \
            == response["Content-Disposition"]
    else:
        document = zipfile.ZipFile(io.BytesIO(body)).read("word/document.xml").decode()
        assert "&lt;5" in document and "ADC Memorial, 2016" in document and ".txt" not in document
    entry = AuditEntry.objects.filter(actor=user, action="export", object_type="reports.shadow_report").get()
    assert entry.detail == {"from": "2025-01-01", "to": "2025-12-31", "format": fmt}


def test_the_shadow_report_needs_a_statistics_role(client, org_a, make_user):
    client.force_login(make_user(org_a, "intake"))
    assert client.get("/en/reports/cases/shadow/report.pdf").status_code == 403
    client.force_login(make_user(org_a, "analyst"))
    assert client.get("/en/reports/cases/shadow/report.exe").status_code == 404


class _VisibleText(HTMLParser):
    """Text a Russian reader sees, leaving out passages marked as another language (quoted sources), code,
    scripts, styles and the charts' machine metadata."""

    SKIP = {"script", "style", "code", "metadata", "defs"}
    VOID = {"br", "img", "input", "meta", "link", "hr", "source", "wbr", "col", "area", "base", "embed", "track"}

    def __init__(self):
        super().__init__()
        self.stack: list[bool] = []
        self.words: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in self.VOID:
            return
        attrs = dict(attrs)
        foreign = "lang" in attrs and not (attrs["lang"] or "").startswith("ru")
        self.stack.append(tag in self.SKIP or foreign or (bool(self.stack) and self.stack[-1]))

    def handle_startendtag(self, tag, attrs):
        pass

    def handle_endtag(self, tag):
        if tag not in self.VOID and self.stack:
            self.stack.pop()

    def handle_data(self, data):
        if not (self.stack and self.stack[-1]):
            self.words += re.findall(r"[A-Za-z]{2,}", data)


ALLOWED = {"CSV", "XLSX", "PDF", "DOCX", "HTML", "UTC", "Huquq", "ISO", "COVID", "Word", "x",
           "RUB", "KZT", "USD", "KGS", "TJS", "UZS"}  # names and codes that are the same in every language


def _english_on(client, path):
    parser = _VisibleText()
    response = client.get(path)
    assert response.status_code == 200, path
    body = response.content.decode()
    parser.feed(body[body.index("<main"):] if "<main" in body else body)
    return sorted(set(parser.words) - ALLOWED)


def test_russian_statistics_pages_have_no_english(client, org_a, make_user, reference):
    rows = casework.violation_rows(60, seed=3, organisation_ids=(org_a.id,))
    real_types = ["wage_theft", "no_written_contract", "document_confiscation", "police_extortion", "sgbv"]
    for i, row in enumerate(rows):  # the casework vocabulary's own codes (the generator also invents some)
        row["violation_type"] = real_types[i % len(real_types)]
    casework.insert_violations(rows)
    casework.insert_outcomes(casework.outcome_rows(20, seed=4, organisation_ids=(org_a.id,)))
    client.force_login(make_user(org_a, "analyst"))
    for path in ("/ru/reports/cases/?rows=violation_type&rows2=citizenship&columns=sex",
                 "/ru/reports/cases/?rows=age_group&columns=year",
                 "/ru/reports/cases/shadow/",
                 "/ru/reports/reference/",
                 "/ru/reports/reference/kazakhstan-migrant-survey-2020/",
                 "/ru/reports/reference/fms-stocks-by-citizenship-2016/",
                 "/ru/reports/indicator/foreign-citizens-in-russia/",
                 "/ru/reports/reference/compare/"):
        assert _english_on(client, path) == [], path


def test_reference_sources_are_named_by_report_title_publisher_and_year(client, reference):
    page = client.get("/ru/reports/reference/kazakhstan-migrant-survey-2020/").content.decode()
    assert "Shadow report on implementation of the Global Compact" in page and "2020" in page
    assert "002_833f41cdaa839972.txt" not in page
    assert "гражданство: Таджикистан" in client.get("/ru/reports/reference/fms-stocks-by-citizenship-2016/").content.decode()
    listing = client.get("/ru/reports/reference/").content.decode()
    assert ".txt" not in listing and "ADC Memorial, 2016" in listing
