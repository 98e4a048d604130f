"""Invented violation and outcome facts for tests, the benchmark and the page demo. Never real cases.

The values are random draws from small made-up vocabularies; they describe no real person, place or
frequency and must never be presented as findings.
"""

from __future__ import annotations

import random
from decimal import Decimal

VIOLATION_TYPES = ["wage_theft", "osh", "discrimination", "forced_overtime", "gbv_harassment",
                   "no_grievance_mechanism", "document_withheld", "police_extortion"]
SEXES = ["female", "male", "male", "unknown"]
AGE_GROUPS = ["18-24", "25-34", "35-44", "45-54", "55+"]
CITIZENSHIPS = ["KG", "TJ", "UZ", "KZ"]
HOST_REGIONS = {"RU": ["Region A", "Region B", "Region C", "Region D", "Region E", "Region F"],
                "KZ": ["Region G", "Region H", "Region I"]}
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
        recovered = rng.random() < 0.5
        rows.append({
            "currency": rng.choice(["RUB", "RUB", "KZT"]) if recovered else "",
            "wages_recovered": Decimal(rng.randrange(5000, 90000)) if recovered else Decimal(0),
            "ban_lifted": rng.random() < 0.2, "sex": rng.choice(SEXES), "year": rng.choice(YEARS),
            "organisation_id": rng.choice(organisation_ids),
        })
    return rows


def insert_violations(rows: list[dict], batch_size: int = 20_000) -> int:
    from .models import SyntheticViolationFact

    SyntheticViolationFact.objects.bulk_create((SyntheticViolationFact(**row) for row in rows), batch_size=batch_size)
    return len(rows)


def insert_outcomes(rows: list[dict], batch_size: int = 20_000) -> int:
    from .models import SyntheticOutcomeFact

    SyntheticOutcomeFact.objects.bulk_create((SyntheticOutcomeFact(**row) for row in rows), batch_size=batch_size)
    return len(rows)


def synthetic_violation_facts(user=None):
    """A provider with the casework interface, over the synthetic table (tests, demo, benchmark)."""
    from .models import SyntheticViolationFact

    return SyntheticViolationFact.objects.values(
        "violation_type", "sex", "age_group", "citizenship", "host_country", "host_region", "year",
        "perpetrator_kind", "organisation_id", "verified")


def synthetic_outcome_facts(user=None):
    from .models import SyntheticOutcomeFact

    return SyntheticOutcomeFact.objects.values("currency", "wages_recovered", "ban_lifted", "sex", "year",
                                               "organisation_id")
