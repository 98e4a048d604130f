"""Where case statistics come from: the casework module's anonymous "fact" rows.

The casework app (`huquq.cases`) provides `selectors.violation_facts(user)` and
`selectors.outcome_facts(user)`, each returning a queryset (normally a `.values()` queryset) or an
iterable of dicts with these keys and nothing personal:

    violation fact: violation_type, sex, age_group, citizenship, host_country, host_region, year,
                    perpetrator_kind, organisation_id, verified
    outcome fact:   currency, wages_recovered, ban_lifted (optionally sex, year, organisation_id)

The provider is looked up at call time, so this app works (and says "casework module not installed
yet") before the casework app exists. Whatever the provider returns is narrowed again here to the
user's own organisation unless the user is a site superuser.
"""

from __future__ import annotations

from importlib import import_module

from django.db.models import QuerySet

VIOLATION_FIELDS = ("violation_type", "sex", "age_group", "citizenship", "host_country", "host_region", "year",
                    "perpetrator_kind", "organisation_id", "verified")
OUTCOME_FIELDS = ("currency", "wages_recovered", "ban_lifted")


class CaseworkMissing(LookupError):
    """The casework module does not (yet) provide violation or outcome facts."""


def _provider(name: str):
    try:
        selectors = import_module("huquq.cases.selectors")
    except ModuleNotFoundError as exc:
        if exc.name in ("huquq.cases.selectors", "huquq.cases"):
            raise CaseworkMissing(name) from exc
        raise
    function = getattr(selectors, name, None)
    if function is None:
        raise CaseworkMissing(name)
    return function


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


def violation_facts(user):
    return scope(_provider("violation_facts")(user), user)


def outcome_facts(user):
    facts = _provider("outcome_facts")(user)
    if isinstance(facts, QuerySet):
        has_org = "organisation_id" in _field_names(facts)
    else:
        facts = list(facts)
        has_org = all("organisation_id" in row for row in facts)
    return scope(facts, user) if has_org else facts


def _field_names(qs: QuerySet) -> set[str]:
    names = {f.attname for f in qs.model._meta.concrete_fields} | {f.name for f in qs.model._meta.concrete_fields}
    names |= set(qs.query.annotations)
    if qs.query.values_select:
        names |= set(qs.query.values_select)
    return names


def casework_available() -> bool:
    try:
        _provider("violation_facts")
    except CaseworkMissing:
        return False
    return True
