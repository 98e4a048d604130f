"""The denormalised statistics fact table (`ViolationFact`): how its rows are computed and refreshed.

`fact_rows()` is the one definition of a violation fact (the join over Violation → Case, victim, employer
and consent that `selectors._violation_facts_from_join` also uses); it takes the models as arguments so
that the data migration can call it with historical models.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction
from django.db.models import Case as When_
from django.db.models import CharField, Exists, F, OuterRef, Q, Value, When
from django.db.models.functions import Coalesce, ExtractYear

FACT_KEYS = ("violation_type", "sex", "age_group", "citizenship", "host_country", "host_region", "year",
             "perpetrator_kind", "organisation_id", "verified")
CHUNK = 2000


def fact_annotations() -> dict:
    """The fact columns as expressions over a Violation queryset."""
    return {
        "violation_type": F("type"),
        "sex": Coalesce("victim__sex", "case__client_sex"),
        "age_group": Coalesce("victim__age_group", "case__client_age_group"),
        "citizenship": Coalesce("victim__citizenship", "case__client_citizenship"),
        "host_country": Coalesce(
            When_(When(~Q(country=""), then=F("country")), default=None, output_field=CharField()),
            "case__host_country"),
        "host_region": Coalesce(
            When_(When(~Q(region=""), then=F("region")), default=None, output_field=CharField()),
            "case__host_region"),
        "year": ExtractYear(Coalesce("started_on", "case__opened_on")),
        "perpetrator_kind": Coalesce(
            When_(When(employer__isnull=False, then=F("employer__kind")),
                  When(~Q(state_actor=""), then=F("state_actor")), default=Value("")),
            Value("")),
        "organisation_id": F("case__organisation_id"),
    }


def statistics_consent(consent_model, case_ref: str = "case_id"):
    """Exists: the case has a consent to anonymised statistics that was not withdrawn."""
    return Exists(consent_model.objects.filter(case_id=OuterRef(case_ref), allows_statistics=True,
                                               withdrawn_on__isnull=True))


def fact_rows(violation_model, consent_model, case_ids: Iterable[int]) -> list[dict]:
    """The fact rows of these cases, as dicts of ViolationFact field values."""
    rows = (violation_model.objects.filter(case_id__in=list(case_ids))
            .annotate(**fact_annotations(), allows_statistics=statistics_consent(consent_model),
                      fact_created_by_id=F("case__created_by_id"))
            .values(*FACT_KEYS, "case_id", "id", "allows_statistics", "fact_created_by_id")
            .order_by("id"))
    out = []
    for row in rows:
        row["violation_id"] = row.pop("id")
        row["created_by_id"] = row.pop("fact_created_by_id")
        out.append(row)
    return out


def rebuild(fact_model, violation_model, consent_model, case_ids: Iterable[int]) -> int:
    """Replace the fact rows of these cases; returns the number of rows written."""
    case_ids = list(case_ids)
    written = 0
    for start in range(0, len(case_ids), CHUNK):
        chunk = case_ids[start:start + CHUNK]
        fact_model.objects.filter(case_id__in=chunk).delete()
        rows = fact_rows(violation_model, consent_model, chunk)
        fact_model.objects.bulk_create([fact_model(**row) for row in rows], batch_size=1000)
        written += len(rows)
    return written


def refresh_facts(case_or_ids) -> int:
    """Recompute the statistics facts of one case (or of several case ids). Call after every write that
    changes a violation, the client's or a victim's sex/age group/citizenship, the host place, the opening
    date, consent to statistics or verification."""
    from .models import Consent, Violation, ViolationFact

    ids = [case_or_ids.pk] if hasattr(case_or_ids, "pk") else list(case_or_ids)
    with transaction.atomic():
        return rebuild(ViolationFact, Violation, Consent, ids)


def refresh_all(progress=None) -> int:
    """Rebuild the whole fact table (repair); `progress(n)` is called after each chunk of cases."""
    from .models import Case, Consent, Violation, ViolationFact

    ids = list(Case.objects.order_by("id").values_list("id", flat=True))
    written = 0
    with transaction.atomic():
        ViolationFact.objects.exclude(case_id__in=Case.objects.values("pk")).delete()
        for start in range(0, len(ids), CHUNK):
            chunk = ids[start:start + CHUNK]
            written += rebuild(ViolationFact, Violation, Consent, chunk)
            if progress:
                progress(len(chunk))
    return written
