"""Invented violation and outcome facts for the statistics tests, stored as real casework records.

The values are random draws from small made-up vocabularies; they describe no real person, place or
frequency. `violation_rows`/`outcome_rows` give plain dicts (what the Python counting path gets);
`insert_violations`/`insert_outcomes` store the same rows as cases, violations and outcomes of the casework
app, so the reports read them through `huquq.cases.selectors` exactly as they read real cases.
"""

from __future__ import annotations

import datetime as dt
import random
import uuid
from decimal import Decimal

VIOLATION_TYPES = ["wage_theft", "osh", "discrimination", "forced_overtime", "gbv_harassment",
                   "no_grievance_mechanism", "document_withheld", "police_extortion"]
SEXES = ["female", "male", "male", "unknown"]
AGE_GROUPS = ["18-24", "25-34", "35-44", "45-54", "55+"]
CITIZENSHIPS = ["KG", "TJ", "UZ", "KZ"]
HOST_REGIONS = {"RU": ["RU-MOW", "RU-MOS", "RU-SPE", "RU-LEN", "RU-SVE", "RU-NVS"],
                "KZ": ["KZ-ALA", "KZ-AST", "KZ-SHY"]}
PERPETRATORS = ["employer", "intermediary", "police", "landlord", "migration_service", "unknown"]
YEARS = list(range(2018, 2026))


def violation_rows(n: int, seed: int = 0, organisation_ids=(None,)) -> list[dict]:
    rng = random.Random(seed)
    rows = []
    for _ in range(n):
        host = rng.choice(["RU", "RU", "KZ"])
        rows.append({
            "violation_type": rng.choice(VIOLATION_TYPES), "sex": rng.choice(SEXES),
            "age_group": rng.choice(AGE_GROUPS), "citizenship": rng.choice(CITIZENSHIPS), "host_country": host,
            "host_region": rng.choice(HOST_REGIONS[host]), "year": rng.choice(YEARS),
            "perpetrator_kind": rng.choice(PERPETRATORS), "organisation_id": rng.choice(organisation_ids),
            "verified": rng.random() < 0.7,
        })
    return rows


def outcome_rows(n: int, seed: int = 0, organisation_ids=(None,)) -> list[dict]:
    rng = random.Random(seed)
    rows = []
    for _ in range(n):
        recovered = rng.random() < 0.5  # one outcome per row: wages recovered, a ban lifted, or something else
        rows.append({
            "currency": rng.choice(["RUB", "RUB", "KZT"]) if recovered else "",
            "wages_recovered": Decimal(rng.randrange(5000, 90000)) if recovered else Decimal(0),
            "ban_lifted": not recovered and rng.random() < 0.4, "sex": rng.choice(SEXES), "year": rng.choice(YEARS),
            "organisation_id": rng.choice(organisation_ids),
        })
    return rows


def _cases(rows: list[dict], organisation) -> list:
    """One case per row, in the row's organisation (or `organisation`, which the row then records)."""
    from huquq.cases.models import Case

    for row in rows:
        if row.get("organisation_id") is None:
            row["organisation_id"] = organisation.pk
    batch = uuid.uuid4().hex[:8]
    return Case.objects.bulk_create([
        Case(organisation_id=row["organisation_id"], reference=f"T-{batch}-{i}", title="statistics test",
             host_country=row.get("host_country", ""), host_region=row.get("host_region", ""),
             client_sex=row.get("sex", "unknown"), client_age_group=row.get("age_group", "unknown"),
             client_citizenship=row.get("citizenship", ""))
        for i, row in enumerate(rows)])


def insert_violations(rows: list[dict], organisation=None) -> int:
    """Store each row as a case with one violation; the fact table is refreshed as the services would."""
    from huquq.cases.facts import refresh_facts
    from huquq.cases.models import Violation
    from huquq.registry.employers.models import Employer

    employers = {kind: Employer.objects.get_or_create(name=f"Test {kind}", kind=kind)[0]
                 for kind in Employer.Kind.values}
    cases = _cases(rows, organisation)
    Violation.objects.bulk_create([
        Violation(case=case, type=row["violation_type"], started_on=dt.date(row["year"], 6, 1),
                  verified=row["verified"], employer=employers.get(row["perpetrator_kind"]),
                  state_actor="" if row["perpetrator_kind"] in employers else row["perpetrator_kind"])
        for case, row in zip(cases, rows, strict=True)])
    refresh_facts([case.pk for case in cases])
    return len(rows)


def insert_outcomes(rows: list[dict], organisation=None) -> int:
    """Store each row as a case with one outcome (wages recovered, an entry ban lifted, or another)."""
    from huquq.cases.models import Outcome, OutcomeKind

    cases = _cases(rows, organisation)
    outcomes = []
    for case, row in zip(cases, rows, strict=True):
        recovered = row["wages_recovered"] > 0
        kind = (OutcomeKind.WAGES_RECOVERED if recovered else OutcomeKind.BAN_LIFTED if row["ban_lifted"]
                else OutcomeKind.OTHER)
        outcomes.append(Outcome(case=case, kind=kind, achieved_on=dt.date(row["year"], 6, 1),
                                amount=row["wages_recovered"] if recovered else None, currency=row["currency"]))
    Outcome.objects.bulk_create(outcomes)
    return len(rows)
