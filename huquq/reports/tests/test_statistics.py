"""The query layer: database GROUP BY and Python counting agree; tables are suppressed; scoping holds."""

from decimal import Decimal

import pytest
from django.utils import translation

from huquq.cases.models import ViolationFact
from huquq.reports import facts as facts_module
from huquq.reports.statistics import (
    CUBE_DIMENSIONS,
    Filters,
    case_table,
    count_by,
    cube,
    marginal,
    outcome_summary,
    shadow_category_table,
)
from huquq.reports.tests import casework


@pytest.fixture
def rows(org_a):
    return casework.violation_rows(400, seed=3, organisation_ids=(org_a.id,))


@pytest.fixture
def stored(rows, analyst):
    """The same rows stored as cases and violations, read back through the casework selectors."""
    casework.insert_violations(rows)
    return facts_module.violation_facts(analyst)


@pytest.mark.parametrize("dims", [["sex"], ["violation_type", "sex"], ["citizenship", "host_region", "year"],
                                  CUBE_DIMENSIONS])
def test_database_and_python_counts_agree(stored, rows, dims):
    assert count_by(stored, dims) == count_by(rows, dims)
    assert sum(count_by(stored, dims).values()) == 400


def test_filters_agree(stored, rows):
    filters = Filters(year_from=2020, year_to=2022, verified_only=True)
    expected = sum(1 for r in rows if 2020 <= r["year"] <= 2022 and r["verified"])
    assert sum(count_by(stored, ["sex"], filters).values()) == expected
    assert count_by(stored, ["year"], filters) == count_by(rows, ["year"], filters)


def test_marginals_of_the_cube_equal_direct_counts(stored):
    full = cube(stored)
    for dims in (["sex"], ["violation_type", "year"], ["perpetrator_kind", "citizenship", "age_group"]):
        assert marginal(full, dims) == count_by(stored, dims)


def test_unknown_dimension_is_refused():
    rows = casework.violation_rows(10)
    with pytest.raises(ValueError, match="unknown dimension"):
        count_by(rows, ["name"])


def test_case_table_suppresses_small_cells():
    data = [{"violation_type": "wage_theft", "sex": "female"}] * 3 + \
           [{"violation_type": "wage_theft", "sex": "male"}] * 20 + \
           [{"violation_type": "osh", "sex": "female"}] * 12 + [{"violation_type": "osh", "sex": "male"}] * 9
    table = case_table(data, ["violation_type", "sex"])
    rows = {r["keys"][0]: r for r in table.rows()}
    assert rows["wage_theft"]["cells"] == ["<5", "x"] and rows["wage_theft"]["total"] == "23"
    assert rows["osh"]["cells"] == ["x", "x"] and rows["osh"]["total"] == "21"
    assert table.column_totals() == ["15", "29"] and table.grand_total() == "44"
    with translation.override("en"):
        matrix = table.matrix()
    assert matrix[0] == ["Violation type", "Women", "Men", "Total"]
    assert matrix[-1] == ["Total", "15", "29", "44"]


def test_one_dimension_table_lists_counts_and_total():
    data = [{"sex": "female"}] * 7 + [{"sex": "male"}] * 9
    table = case_table(data, ["sex"])
    assert [r["cells"] for r in table.rows()] == [["7"], ["9"]]
    with translation.override("en"):
        assert table.matrix()[-1] == ["Total", "16"]


def test_shadow_table_lists_every_category():
    rows = casework.violation_rows(400, seed=3)
    table = shadow_category_table(rows)
    categories = [r["keys"][0] for r in table.rows()]
    assert categories[:6] == ["wage_theft", "osh", "discrimination", "forced_overtime", "gbv_harassment",
                              "no_grievance_mechanism"]
    assert categories[-1] == "other"
    total = int(table.grand_total())
    assert total == len(rows)
    empty = shadow_category_table([])
    assert len(empty.rows()) == 7 and empty.grand_total() == "0"


def test_outcomes_hide_amounts_below_five_cases():
    data = [{"currency": "RUB", "wages_recovered": Decimal("1000"), "ban_lifted": False, "sex": "female"}] * 6 + \
           [{"currency": "KZT", "wages_recovered": Decimal("500"), "ban_lifted": True, "sex": "male"}] * 2
    result = outcome_summary(data)
    lines = {w.currency: w for w in result.wages}
    assert lines["RUB"].amount == Decimal("6000") and lines["RUB"].cases_display == "6"
    assert lines["KZT"].amount is None and lines["KZT"].amount_display == "x" and lines["KZT"].cases_display == "<5"
    remedies = {r["keys"][0]: r for r in result.remedies.rows()}
    assert remedies["ban_lifted"]["cells"][1] == "<5"


def test_outcomes_from_database_agree_with_python(org_a, analyst):
    rows = casework.outcome_rows(120, seed=5, organisation_ids=(org_a.id,))
    casework.insert_outcomes(rows)
    from_db = outcome_summary(facts_module.outcome_facts(analyst))
    from_list = outcome_summary(rows)
    assert [(w.currency, w.cases, w.amount) for w in from_db.wages] == \
           [(w.currency, w.cases, w.amount) for w in from_list.wages]
    assert from_db.remedies.matrix() == from_list.remedies.matrix()


def test_rows_are_scoped_to_the_users_organisation(org_a, org_b, analyst, django_user_model):
    casework.insert_violations(casework.violation_rows(50, seed=1, organisation_ids=(org_a.id, org_b.id)))
    analyst_a = analyst
    seen = facts_module.violation_facts(analyst_a)
    assert seen.count() == ViolationFact.objects.filter(organisation_id=org_a.id).count() > 0
    assert set(seen.values_list("organisation_id", flat=True)) == {org_a.id}
    admin = django_user_model.objects.create_superuser("root", "", "x")
    assert facts_module.violation_facts(admin).count() == 50
    as_list = facts_module.scope(casework.violation_rows(30, seed=2, organisation_ids=(org_a.id, org_b.id)), analyst_a)
    assert {r["organisation_id"] for r in as_list} == {org_a.id}


def test_fact_rows_carry_no_personal_fields():
    personal = {"name", "first_name", "last_name", "passport", "phone", "address", "birth_date", "email"}
    assert not personal & set(facts_module.VIOLATION_FIELDS)
    assert not personal & set(casework.violation_rows(1)[0])


def test_no_chart_when_every_count_is_suppressed():
    from huquq.reports import charts

    few = [{"violation_type": "wage_theft", "sex": "female"}] * 3 + [{"violation_type": "osh", "sex": "male"}] * 2
    table = shadow_category_table(few)
    assert charts.case_table_svg(table, "t") == ""
    assert charts.case_table_png(table, "t") is None
    many = few + [{"violation_type": "wage_theft", "sex": "female"}] * 10 + [{"violation_type": "osh", "sex": "male"}] * 8
    assert charts.case_table_svg(shadow_category_table(many), "t").lstrip().startswith("<")


def test_recruitment_table_counts_recruitment_violations_by_recruiter_kind_suppressed():
    from huquq.reports.statistics import recruitment_table

    rows = ([{"violation_type": "recruitment_fee", "perpetrator_kind": "recruitment_agency", "year": 2025}] * 7
            + [{"violation_type": "recruitment_fee", "perpetrator_kind": "intermediary", "year": 2025}] * 6
            + [{"violation_type": "document_confiscation", "perpetrator_kind": "employer", "year": 2025}] * 2
            + [{"violation_type": "contract_substitution", "perpetrator_kind": "", "year": 2024}] * 5
            + [{"violation_type": "wage_theft", "perpetrator_kind": "employer", "year": 2025}] * 30)
    with translation.override("en"):
        matrix = recruitment_table(rows).matrix()
        assert matrix == [
            ["Violation type", "Employer", "Intermediary", "Recruitment agency", "Not recorded", "Total"],
            ["Contract substitution or deceptive recruitment", "0", "0", "0", "5", "x"],
            ["Passport or document confiscation", "<5", "0", "0", "0", "<5"],
            ["Recruitment fee charged to the worker", "0", "6", "7", "0", "13"],
            ["Total", "<5", "6", "7", "x", "x"],  # so that the hidden 2 cannot be worked out from the totals
        ]  # wage theft (30) is not a recruitment violation
        assert recruitment_table(rows, Filters(year_from=2025)).matrix()[1:] == [
            ["Passport or document confiscation", "<5", "0", "0", "<5"],
            ["Recruitment fee charged to the worker", "0", "6", "7", "x"],
            ["Total", "<5", "x", "7", "x"],
        ]


def test_recruitment_table_from_the_database_agrees_with_python(org_a, analyst):
    from huquq.reports.statistics import recruitment_table

    rows = casework.violation_rows(300, seed=8, organisation_ids=(org_a.id,))
    kinds = ["recruitment_fee", "contract_substitution", "document_confiscation", "no_written_contract", "wage_theft"]
    for n, row in enumerate(rows):
        row["violation_type"] = kinds[n % len(kinds)]
    casework.insert_violations(rows)
    from_db = recruitment_table(facts_module.violation_facts(analyst))
    in_python = recruitment_table(rows)
    assert from_db.matrix() == in_python.matrix()
    assert from_db.grand_total() == "240"
