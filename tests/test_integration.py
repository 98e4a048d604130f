"""Where one app points into another, the target exists."""

from pathlib import Path

import pytest
import yaml

from huquq.rules.engine.model import SERVICE_FOR_TOPIC, TOPICS

DIRECTORY_SERVICES = Path(__file__).resolve().parent.parent / "huquq/registry/directory/data/services.yaml"


def test_every_status_topic_links_to_a_help_service_the_directory_knows():
    codes = {service["code"] for service in yaml.safe_load(DIRECTORY_SERVICES.read_text(encoding="utf-8"))}
    assert set(SERVICE_FOR_TOPIC) == set(TOPICS)
    assert set(SERVICE_FOR_TOPIC.values()) <= codes


@pytest.mark.django_db
@pytest.mark.parametrize("service", sorted(set(SERVICE_FOR_TOPIC.values())))
def test_status_help_links_are_understood_by_the_directory_search(service):
    from huquq.registry.directory import search, seed

    seed.load()
    query, _city, found_service, notices = search.parse({"country": "RU", "service": service})
    assert found_service is not None and found_service.code == service


# --- casework feeds statistics and the warnings list ---------------------------------------------------

def _case_with_violations(org, actor, *, sex, types, employer=None, statistics=True, verified=False, when=None):
    import datetime as dt

    from huquq.cases import services

    case = services.create_case(actor=actor, organisation=org, title="integration", host_country="RU",
                                host_region="RU-MOW", client={"sex": sex, "citizenship": "KG"})
    services.record_consent(case, actor=actor, allows_statistics=statistics)
    for violation_type in types:
        violation = services.add_violation(case, actor=actor, type=violation_type, employer=employer,
                                           started_on=when or dt.date(2025, 3, 1))
        if verified:
            services.set_verified(violation, actor=actor, verified=True)
    return case


@pytest.mark.django_db
def test_real_casework_facts_fill_the_shadow_report_categories(org_a, make_user):
    from huquq.cases.selectors import violation_facts
    from huquq.reports.statistics import count_by, shadow_category_table

    worker = make_user(org_a, "caseworker")
    for _ in range(6):
        _case_with_violations(org_a, worker, sex="female", types=["wage_theft", "sgbv"])
    for _ in range(5):
        _case_with_violations(org_a, worker, sex="male", types=["unsafe_work"])
    _case_with_violations(org_a, worker, sex="male", types=["wage_theft"], statistics=False)

    published = violation_facts(None)  # only cases whose client allowed anonymised statistics
    assert count_by(published, ["violation_type"]) == {("wage_theft",): 6, ("sgbv",): 6, ("unsafe_work",): 5}
    table = shadow_category_table(published)

    def shown(category, sex):
        cell = ("c", table.row_keys.index((category,)), table.column_keys.index(sex))
        return table.cells.published_value(cell)

    assert shown("wage_theft", "female") == 6
    assert shown("gbv_harassment", "female") == 6
    assert shown("osh", "male") == 5
    # the caseworker's own view counts the non-consenting case too: it is their organisation's record
    assert count_by(violation_facts(worker), ["violation_type"])[("wage_theft",)] == 7


@pytest.mark.django_db
def test_real_outcomes_feed_the_wage_recovery_summary(org_a, make_user):
    from decimal import Decimal

    from huquq.cases import services
    from huquq.cases.selectors import outcome_facts
    from huquq.reports.statistics import outcome_summary

    worker = make_user(org_a, "caseworker")
    for _ in range(5):
        case = _case_with_violations(org_a, worker, sex="female", types=["wage_theft"])
        services.add_outcome(case, actor=worker, kind="wages_recovered", amount=Decimal("1000"), currency="RUB")
    case = _case_with_violations(org_a, worker, sex="male", types=["entry_ban"])
    services.add_outcome(case, actor=worker, kind="ban_lifted")

    summary = outcome_summary(outcome_facts(None))
    rub = next(line for line in summary.wages if line.currency == "RUB")
    assert rub.amount == Decimal("5000")
    assert "ban_lifted" in [key[0] for key in summary.remedies.row_keys]


@pytest.mark.django_db
def test_verified_violations_from_two_organisations_publish_a_warning(org_a, org_b, make_user):
    import datetime as dt

    from huquq.registry.employers import warnings
    from huquq.registry.employers.models import Employer

    employer = Employer.objects.create(name="Пример Строй", legal_form="ООО", city="Москва")
    moderator = make_user(org_a, "org_admin", is_registry_moderator=True)
    worker_a, worker_b = make_user(org_a, "caseworker"), make_user(org_b, "caseworker")
    _case_with_violations(org_a, worker_a, sex="male", types=["wage_theft"], employer=employer, verified=True)
    assert warnings.decision_for(employer).unmet == ["verified_violations", "reporters", "moderator_approval",
                                                     "right_of_reply"]
    _case_with_violations(org_b, worker_b, sex="female", types=["document_confiscation"], employer=employer,
                          verified=True)
    warnings.approve(employer, actor=moderator)
    warnings.record_notice(employer, actor=moderator, sent_on=dt.date.today() - dt.timedelta(days=15))
    decision = warnings.decision_for(employer)
    assert decision.publishable, decision.unmet
    assert dict(decision.violation_counts) == {"wage_theft": 1, "document_confiscation": 1}


@pytest.mark.parametrize("language,expected", [("ru", "Отказ или бездействие консульства"),
                                               ("en", "Consular refusal or inaction")])
def test_statistics_label_casework_violation_types_from_their_vocabulary(language, expected):
    from django.utils import translation

    from huquq.reports.statistics import label

    with translation.override(language):
        assert label("violation_type", "consular_refusal") == expected
