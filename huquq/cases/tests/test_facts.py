"""The statistics fact table stays equal to the join over the casework tables it replaces."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from huquq.accounts.services import create_member
from huquq.cases import services
from huquq.cases.models import ViolationFact
from huquq.cases.selectors import FACT_KEYS, _violation_facts_from_join, violation_facts
from huquq.registry.employers.models import Employer

from .factories import make_case, share


def _rows(qs):
    return sorted((tuple(row[k] for k in FACT_KEYS) for row in qs), key=repr)


@pytest.fixture
def world(db, org_a, org_b):
    cw_a = create_member(organisation=org_a, username="f-cw-a", role="caseworker")
    intake_a = create_member(organisation=org_a, username="f-in-a", role="intake")
    analyst_a = create_member(organisation=org_a, username="f-an-a", role="analyst")
    cw_b = create_member(organisation=org_b, username="f-cw-b", role="caseworker")
    root = get_user_model().objects.create_superuser("f-root", password="x")
    agency = Employer.objects.create(name="Agency", kind="intermediary")
    builder = Employer.objects.create(name="Builder", kind="employer")

    # 1: employer, dated, consent to statistics
    c1 = make_case(org_a, cw_a)
    services.add_violation(c1, actor=cw_a, type="wage_theft", employer=agency, started_on=datetime.date(2024, 5, 1))
    services.record_consent(c1, actor=cw_a, allows_statistics=True)
    # 2: a victim who is not the client, state actor, own place; consent given then withdrawn
    c2 = make_case(org_a, cw_a, citizenship="TJ", host_country="KZ", host_region="KZ-ALA")
    victim = services.add_person(c2, actor=cw_a, name="V", sex="male", age_group="18-29", citizenship="UZ",
                                 role="victim")
    services.add_violation(c2, actor=cw_a, type="police_extortion", victim=victim, state_actor="police",
                           country="RU", region="RU-SPE", started_on=datetime.date(2023, 1, 2))
    services.add_violation(c2, actor=cw_a, type="document_confiscation")
    consent = services.record_consent(c2, actor=cw_a, allows_statistics=True)
    services.withdraw_consent(consent, actor=cw_a)
    # 3: other organisation, undated violation (year from the opening date), verified toggled
    c3 = make_case(org_b, cw_b, opened_on=datetime.date(2022, 3, 3))
    v3 = services.add_violation(c3, actor=cw_b, type="unsafe_work", employer=builder)
    for flag in (True, False, True):
        services.set_verified(v3, actor=cw_b, verified=flag)
    services.record_consent(c3, actor=cw_b, allows_statistics=True)
    # 4: created by intake; violation edited, case place and client edited afterwards
    c4 = make_case(org_a, intake_a, citizenship="UZ")
    v4 = services.add_violation(c4, actor=intake_a, type="wage_theft", employer=builder)
    services.update_violation(v4, actor=intake_a, type="forced_overtime", employer=None, state_actor="court",
                              started_on=datetime.date(2025, 7, 1))
    services.update_case(c4, actor=intake_a, expected_version=None, host_region="RU-SVE")
    services.update_person(c4.client, actor=intake_a, expected_version=None, sex="male", age_group="45-59",
                           citizenship="TJ")
    # 5: org_b's case referred to org_a under consent
    c5 = make_case(org_b, cw_b)
    services.add_violation(c5, actor=cw_b, type="sgbv")
    share(c5, org_a, state="accepted")
    return {"cw_a": cw_a, "intake_a": intake_a, "analyst_a": analyst_a, "cw_b": cw_b, "root": root,
            "cases": [c1, c2, c3, c4, c5]}


def test_fact_table_equals_the_join_for_every_scope(world):
    assert ViolationFact.objects.count() == 6
    for scope in (None, "cw_a", "intake_a", "analyst_a", "cw_b", "root"):
        user = world[scope] if scope else None
        assert _rows(violation_facts(user)) == _rows(_violation_facts_from_join(user)), scope
    # the scopes are not trivially equal: check a few known answers
    published = _rows(violation_facts(None))
    assert {r[0] for r in published} == {"wage_theft", "unsafe_work"}  # case 2 withdrew, 4 and 5 never gave
    assert len(_rows(violation_facts(world["intake_a"]))) == 1
    assert len(_rows(violation_facts(world["cw_a"]))) == 5  # own four + the referred one
    edited = ViolationFact.objects.get(case=world["cases"][3])
    assert (edited.violation_type, edited.perpetrator_kind, edited.year, edited.host_region, edited.sex,
            edited.age_group, edited.citizenship) == ("forced_overtime", "court", 2025, "RU-SVE", "male",
                                                       "45-59", "TJ")
    victim_row = ViolationFact.objects.get(case=world["cases"][1], violation_type="police_extortion")
    assert (victim_row.sex, victim_row.citizenship, victim_row.host_country, victim_row.host_region) == (
        "male", "UZ", "RU", "RU-SPE")
    assert ViolationFact.objects.get(case=world["cases"][2]).verified is True


def test_refresh_facts_command_repairs_the_table(world):
    expected = _rows(_violation_facts_from_join(world["root"]))
    ViolationFact.objects.filter(violation_type="sgbv").delete()
    ViolationFact.objects.update(sex="other", allows_statistics=True)
    assert _rows(violation_facts(world["root"])) != expected
    call_command("cases", "refresh-facts")
    assert _rows(violation_facts(world["root"])) == expected
    assert _rows(violation_facts(None)) == _rows(_violation_facts_from_join(None))


def test_deleting_a_case_removes_its_facts(world):
    case = world["cases"][0]
    case.consents.all().delete()
    case.delete()
    assert not ViolationFact.objects.filter(case_id=case.pk).exists()


def test_cube_over_the_fact_table_counts_like_python(world):
    """The database GROUP BY (on PostgreSQL: the index-ordered, streamed path) gives the Python counts."""
    from huquq.reports.statistics import CUBE_DIMENSIONS, count_by, cube

    for user in (None, world["root"], world["analyst_a"]):
        facts = violation_facts(user)
        rows = list(facts)
        assert cube(facts) == cube(rows) and sum(cube(facts).values()) == len(rows) > 0
        for dims in (CUBE_DIMENSIONS[:3], ["year", "sex"], ["perpetrator_kind"]):
            assert count_by(facts, dims) == count_by(rows, dims)


def test_data_migration_fills_the_table(world):
    from importlib import import_module

    from django.apps import apps

    expected = _rows(_violation_facts_from_join(world["root"]))
    ViolationFact.objects.all().delete()
    import_module("huquq.cases.migrations.0004_violation_fact").fill_facts(apps, None)
    assert _rows(violation_facts(world["root"])) == expected and len(expected) == 6
