"""Wilson intervals against a reference; scorecards per office and quarter; who sees which scorecard."""

import datetime as dt
import json

import pytest
from django.core.management import call_command
from django.urls import reverse

from huquq.monitoring import exports, selectors, services, stats
from huquq.monitoring.models import Office, Submission

# Newcombe (1998), "Two-sided confidence intervals for the single proportion: comparison of seven methods",
# Statistics in Medicine 17:857-872, Table I, method 3 (Wilson score interval without continuity correction).
NEWCOMBE_TABLE_I = [((81, 263), (0.2553, 0.3662)), ((15, 148), (0.0624, 0.1605)),
                    ((0, 20), (0.0, 0.1611)), ((1, 29), (0.0061, 0.1718))]


@pytest.mark.parametrize("case,expected", NEWCOMBE_TABLE_I)
def test_wilson_matches_newcombe_table(case, expected):
    low, high = stats.wilson(*case)
    assert (round(low, 4), round(high, 4)) == expected


def test_wilson_matches_statsmodels():
    proportion = pytest.importorskip("statsmodels.stats.proportion")
    for successes, n in [(0, 5), (3, 7), (29, 30), (50, 100), (123, 4567), (7, 7)]:
        low, high = stats.wilson(successes, n)
        ref_low, ref_high = proportion.proportion_confint(successes, n, alpha=0.05, method="wilson")
        assert low == pytest.approx(ref_low, abs=1e-12) and high == pytest.approx(ref_high, abs=1e-12)


def test_thresholds():
    assert stats.share_figure("x", "yes", 2, 4).suppressed
    figure = stats.share_figure("x", "yes", 20, 29)
    assert figure.caution and not figure.suppressed
    assert not stats.share_figure("x", "yes", 20, 30).caution


def _answers(office, day, satisfied, rating, problems):
    return {"office": office, "today": day.isoformat(), "satisfied": satisfied, "access_rating": rating,
            "came_with_problem": "no", "problems": problems, "knows_where_to_apply": "yes"}


@pytest.fixture
def filled(forms, org_a):
    questionnaire = forms["migrant_visit"]
    office = Office.objects.get(code="kg-embassy-ru")
    other = Office.objects.get(code="kg-embassy-kz")
    rows = []
    for i in range(40):  # Q1 2026 at the Moscow embassy: 30 yes of 40
        rows.append((office, dt.date(2026, 2, 1), _answers(office.code, dt.date(2026, 2, 1),
                                                           "yes" if i < 30 else "no", 1 + i % 5,
                                                           ["no_queue_system", "no_woman_lawyer"] if i < 10
                                                           else ["none"])))
    for _i in range(3):  # three answers at the other office: suppressed
        rows.append((other, dt.date(2026, 2, 1), _answers(other.code, dt.date(2026, 2, 1), "yes", 5, ["none"])))
    for _i in range(10):  # Q2: caution
        rows.append((office, dt.date(2026, 5, 1), _answers(office.code, dt.date(2026, 5, 1), "no", 2, ["none"])))
    Submission.objects.bulk_create([
        Submission(questionnaire=questionnaire, organisation=org_a, office=o, date=d, answers=a, complete=True,
                   source="kobo", external_id=f"x{i}") for i, (o, d, a) in enumerate(rows)])
    return questionnaire


def test_scorecard_figures(filled, monitor):
    card = selectors.scorecard(monitor, filled)
    assert card.periods == ["2026-Q1", "2026-Q2"]
    satisfied = card.figure("kg-embassy-ru", "2026-Q1", "satisfied")
    assert (satisfied.n, satisfied.value) == (40, 0.75)
    assert (satisfied.low, satisfied.high) == pytest.approx(stats.wilson(30, 40))
    rating = card.figure("kg-embassy-ru", "2026-Q1", "access_rating")
    assert rating.value == pytest.approx(3.0)
    problems = card.figure("kg-embassy-ru", "2026-Q1", "problems")
    assert (problems.value, problems.count) == (0.25, 20)
    assert card.figure("kg-embassy-kz", "2026-Q1", "satisfied").suppressed
    assert card.figure("kg-embassy-ru", "2026-Q2", "satisfied").caution
    only_q2 = selectors.scorecard(monitor, filled, date_from=dt.date(2026, 4, 1), office_code="kg-embassy-ru")
    assert only_q2.periods == ["2026-Q2"]


def test_consular_staff_see_only_their_office(filled, make_org, make_user, client):
    consulate = make_org("KG consulate Moscow", kind="consulate", country="RU", serves_nationals_of="KG")
    Office.objects.filter(code="kg-embassy-ru").update(organisation=consulate)
    consular = make_user(consulate, role="consular")
    card = selectors.scorecard(consular, filled)
    assert [o.code for o in card.offices] == ["kg-embassy-ru"]
    client.force_login(consular)
    page = client.get(reverse("monitoring:scorecard"), {"questionnaire": filled.pk})
    assert page.status_code == 200 and "2026-Q1" in page.content.decode()
    assert client.get(reverse("monitoring:visit_create")).status_code == 403


def test_other_organisation_sees_nothing_of_ours(filled, org_b, make_user):
    reader = make_user(org_b, role="analyst")
    assert selectors.scorecard(reader, filled).offices == []


def test_monitor_is_refused_casework(monitor, client):
    client.force_login(monitor)
    assert client.get(reverse("cases:list")).status_code == 403
    assert client.get(reverse("cases:deadlines")).status_code == 403
    assert client.get(reverse("cases:create")).status_code == 403
    home = client.get("/en/").content.decode()
    assert reverse("cases:list") not in home and reverse("monitoring:index") in home


def test_exports_are_formula_safe_and_complete(filled, monitor, client):
    Office.objects.filter(code="kg-embassy-ru").update(name="=HYPERLINK(\"http://x\")")
    card = selectors.scorecard(monitor, filled)
    body = exports.csv_bytes(card).decode("utf-8-sig")
    assert "'=HYPERLINK" in body and "\n=HYPERLINK" not in body
    client.force_login(monitor)
    response = client.get(reverse("monitoring:scorecard_download", args=["xlsx"]), {"questionnaire": filled.pk})
    assert response.status_code == 200 and response["Content-Type"].startswith("application/vnd.openxml")
    page = client.get(reverse("monitoring:scorecard"), {"questionnaire": filled.pk, "indicator": "satisfied"})
    assert "<svg" in page.content.decode()


def test_cli_forms_check_import_and_scorecard(forms, monitor, tmp_path, capsys):
    from huquq.monitoring import fixtures

    call_command("monitoring", "forms", "check")
    assert "migrant_visit.md: ok" in capsys.readouterr().out
    spec = services.spec_of(forms["migrant_visit"])
    files = fixtures.odk_csv(spec, [(f"u{i}", f"2026-01-0{1 + i % 9}",
                                     _answers("kg-embassy-ru", dt.date(2026, 1, 1 + i % 9), "yes", 4, ["none"]))
                                    for i in range(6)])
    paths = []
    for name, data in files:
        (tmp_path / name).write_bytes(data)
        paths.append(str(tmp_path / name))
    call_command("monitoring", "import", "--form", "migrant_visit", "--user", monitor.username, *paths)
    assert "6 added" in capsys.readouterr().out
    call_command("monitoring", "scorecard", "--form", "migrant_visit", "--office", "kg-embassy-ru",
                 "--from", "2026-01-01", "--to", "2026-03-31", "--json")
    rows = json.loads(capsys.readouterr().out)
    satisfied = next(r for r in rows if r["indicator"].startswith("Are you satisfied"))
    assert (satisfied["n"], satisfied["value"], satisfied["period"]) == (6, 1.0, "2026-Q1")


def test_shadow_report_has_a_monitoring_section(filled, monitor):
    from huquq.reports import shadow

    report = shadow.build([], [], dt.date(2026, 1, 1), dt.date(2026, 12, 31), "en", monitoring_user=monitor)
    html = shadow.render_html(report)
    assert "Monitoring of consular and migration services" in html
    row = next(r for r in report.monitoring if r[1] == "Embassy of the Kyrgyz Republic in the Russian Federation"
               and r[2].startswith("Are you satisfied"))
    assert row[3] == 50 and row[4].startswith("60%")  # 30 yes of 50 over the whole year
    assert shadow.render_pdf(report)[:4] == b"%PDF"
    assert shadow.build([], [], dt.date(2026, 1, 1), dt.date(2026, 12, 31), "en").monitoring is None
