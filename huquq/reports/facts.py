"""Where case statistics come from: the casework module's anonymous "fact" rows.

The casework app (`huquq.cases`) provides `selectors.violation_facts(user)` and
`selectors.outcome_facts(user)`, each returning a queryset (normally a `.values()` queryset) or an
iterable of dicts with these keys and nothing personal:

    violation fact: violation_type, sex, age_group, citizenship, host_country, host_region, year,
                    perpetrator_kind, organisation_id, verified
    outcome fact:   currency, wages_recovered, ban_lifted (optionally sex, year, organisation_id)

Reports depend on casework, never the reverse (docs/architecture.md). Whatever casework returns is narrowed
again here to the user's own organisation unless the user is a site superuser.
"""

from __future__ import annotations

from django.db.models import QuerySet

from huquq.cases import selectors as casework

VIOLATION_FIELDS = ("violation_type", "sex", "age_group", "citizenship", "host_country", "host_region", "year",
                    "perpetrator_kind", "organisation_id", "verified")
OUTCOME_FIELDS = ("currency", "wages_recovered", "ban_lifted")


def scope(facts, user):
    """Keep only the rows of the user's organisation (site superusers see every organisation)."""
    if user is None:
        return facts
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return facts.none() if isinstance(facts, QuerySet) else []
    if user.is_superuser:
        return facts
    org = user.organisation_id
    if isinstance(facts, QuerySet):
        return facts.filter(organisation_id=org) if org is not None else facts.none()
    return [row for row in facts if org is not None and row.get("organisation_id") == org]


def sees_exact_counts(user) -> bool:
    """An organisation's own staff see exact counts of their own cases on Huquq's pages; a site superuser's
    view pools organisations and stays suppressed, as does every download and the shadow report
    (docs/statistics.md, "Who sees exact counts")."""
    return bool(getattr(user, "is_authenticated", False) and user.is_active and not user.is_superuser
                and user.organisation_id is not None)


def violation_facts(user):
    return scope(casework.violation_facts(user), user)


def outcome_facts(user):
    return scope(casework.outcome_facts(user), user)
