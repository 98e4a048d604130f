"""Reads: case lists with filters and search, timelines, and the statistics interface for reports.

The statistics functions return rows WITHOUT any personal field; other apps call them, never the models.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db import connection
from django.db.models import BooleanField, DecimalField, F, Q, QuerySet, Value, When
from django.db.models import Case as When_
from django.db.models.expressions import RawSQL
from django.db.models.functions import ExtractYear
from django.utils import timezone

from huquq.accounts.models import Organisation, Role

from . import access, crypto, facts
from .models import (
    PERSONAL_GROUPS,
    Case,
    Consent,
    Deadline,
    Outcome,
    OutcomeKind,
    Referral,
    Violation,
    ViolationFact,
)
from .search import query_terms

if TYPE_CHECKING:  # casefile (fpdf, docx) is imported only when a case file is printed
    from .casefile import CaseFile


@dataclass
class CaseFilters:
    status: str = ""
    violation_type: str = ""
    host_region: str = ""
    citizenship: str = ""
    sex: str = ""
    opened_from: datetime.date | None = None
    opened_to: datetime.date | None = None
    assigned_to_me: bool = False
    q: str = ""


def case_list(user, filters: CaseFilters | None = None) -> QuerySet[Case]:
    """Cases the user may see, filtered and searched, newest first (no personal field is read)."""
    f = filters or CaseFilters()
    qs = access.visible_cases(user).only(
        "id", "reference", "title", "status", "opened_on", "host_region", "host_city", "client_sex",
        "client_citizenship", "violation_codes", "organisation_id", "assigned_to_id", "created_by_id", "version")
    if f.status:
        qs = qs.filter(status=f.status)
    if f.violation_type:
        qs = qs.filter(violation_codes__contains=f.violation_type)
    if f.host_region:
        qs = qs.filter(host_region=f.host_region.upper())
    if f.citizenship:
        qs = qs.filter(client_citizenship=f.citizenship.upper())
    if f.sex:
        qs = qs.filter(client_sex=f.sex)
    if f.opened_from:
        qs = qs.filter(opened_on__gte=f.opened_from)
    if f.opened_to:
        qs = qs.filter(opened_on__lte=f.opened_to)
    if f.assigned_to_me:
        qs = qs.filter(assigned_to_id=user.pk)
    if f.q:
        qs = qs.filter(search_q(user, f.q))
    return qs.order_by("-opened_on", "-id")


FTS_COMMON = 2000


def _fts_hits(match: str, cap: int) -> int:
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM (SELECT rowid FROM cases_case_fts WHERE cases_case_fts MATCH %s "
                       "LIMIT %s)", [match, cap])
        return cursor.fetchone()[0]


def search_q(user, query: str) -> Q:
    """Each term must match the folded text, or (for roles that may see names) a name's blind index.

    On SQLite, terms of three or more characters go through the FTS5 trigram index (migration 0003);
    on PostgreSQL the LIKE below uses the pg_trgm GIN indexes (migration 0002)."""
    q = Q()
    may_search_names = user.is_superuser or user.role not in ("analyst",)
    use_fts = connection.vendor == "sqlite"
    # Index keys differ per organisation (crypto.blind_index); a superuser's search covers them all.
    org_ids = [user.organisation_id] if user.organisation_id else list(
        Organisation.objects.values_list("pk", flat=True))
    for term in query_terms(query):
        tokens = [t for org_id in org_ids for t in crypto.blind_tokens(term, org_id)] if may_search_names else []
        if use_fts and len(term) >= 3:
            match = f'search_key : "{term.replace(chr(34), "")}"'
            if tokens:
                match = "(" + " OR ".join([match] + [f'name_index : "{t}"' for t in tokens]) + ")"
            # A rare term: the index gives the few matching rows. A common term: scanning newest-first
            # with LIKE finds a page of matches sooner than collecting every match from the index.
            if _fts_hits(match, FTS_COMMON) < FTS_COMMON:
                q &= Q(pk__in=RawSQL("SELECT rowid FROM cases_case_fts WHERE cases_case_fts MATCH %s", [match]))
                continue
        term_q = Q(search_key__contains=term)
        for token in tokens:
            term_q |= Q(name_index__contains=token)
        q &= term_q
    return q


def deadlines_due(user, days: int = 7) -> QuerySet[Deadline]:
    """Open deadlines of the user's own organisation's cases due within `days` (or overdue)."""
    today = timezone.localdate()
    return (Deadline.objects.filter(access.own_cases_q(user, "case__"), done_on__isnull=True,
                                    due_on__lte=today + datetime.timedelta(days=days))
            .select_related("case").order_by("due_on"))


def timeline(case: Case) -> list[dict[str, Any]]:
    """Violations and actions (and outcomes) of one case in date order."""
    items: list[dict[str, Any]] = []
    for v in case.violations.select_related("employer"):
        items.append({"date": v.started_on, "kind": "violation", "obj": v})
    for a in case.actions.all():
        items.append({"date": a.started_on, "kind": "action", "obj": a})
    for o in case.outcomes.all():
        items.append({"date": o.achieved_on, "kind": "outcome", "obj": o})
    order = {"violation": 0, "action": 1, "outcome": 2}
    items.sort(key=lambda i: (i["date"] or datetime.date.min, order[i["kind"]]))
    return items


def case_page(user, case) -> dict:
    """What the case page shows `user` of `case`, filtered by role and consent in `access` (field groups,
    people, timeline, wage claims, the owner's own records, referrals); the read is recorded in the audit log.
    The case must come from `access.get_case_or_404`."""
    from huquq.accounts.reads import record_read

    from . import casefile, forms, services
    from .vocab import provisions_for

    groups = access.visible_groups(user, case)
    owner = access.is_owner(user, case)
    can_manage = access.can_manage(user, case)
    page = {"case": case, "groups": groups, "owner": owner, "can_edit": access.can_edit(user, case),
            "can_manage": can_manage, "show_personal": bool(groups & PERSONAL_GROUPS),
            "can_view_evidence": access.can_view_evidence(user, case)}
    if access.shows_persons(groups):
        page["persons"] = list(case.persons.all())
    if access.shows_timeline(groups):
        page["timeline"] = access.filter_timeline(timeline(case), groups)
        for item in page["timeline"]:
            if item["kind"] == "violation":
                item["provisions"] = provisions_for(item["obj"].type)
    if access.shows_wage_claims(groups):
        page["wage_claims"] = [casefile.wage_item(*row) for row in services.wage_claims_with_compensation(case)]
    if owner:
        page.update(
            transitions=case.transitions.select_related("by"), revisions=case.revisions.select_related("by")[:50],
            deadlines=case.deadlines.all(), consents=case.consents.prefetch_related("share_with"),
            evidence=case.evidence.all() if page["can_view_evidence"] else [],
            transition_form=forms.TransitionForm(case=case) if can_manage and case.allowed_transitions() else None,
            assign_form=forms.AssignForm(case=case) if can_manage else None)
    page["referrals"] = access.referrals_seen(user, case).select_related(
        "to_organisation", "from_organisation").prefetch_related("events")
    record_read(user, case, organisation=case.organisation,
                detail={"groups": sorted(groups), "viewer_org": user.organisation_id})
    return page


def case_file(user, case: Case, fmt: str) -> CaseFile:
    """The printable case file of `case` as `user` may see it (casefile.build masks it); the read is recorded."""
    from huquq.accounts.reads import record_read

    from . import casefile

    document = casefile.build(user, case)
    record_read(user, case, organisation=case.organisation,
                detail={"case_file": fmt, "groups": sorted(access.visible_groups(user, case)),
                        "viewer_org": user.organisation_id})
    return document


def case_for_edit(user, pk, *, showing_form: bool) -> Case:
    """The case `user` edits (404 unless visible, 403 unless editable). Showing the edit form displays the
    stored values: that read is recorded."""
    from huquq.accounts.reads import record_read

    case = access.get_case_or_404(user, pk)
    access.require(access.can_edit(user, case))
    if showing_form:
        record_read(user, case, detail={"edit_form": True})
    return case


def referrals_for(user) -> QuerySet[Referral]:
    """Referrals sent by or to the user's organisation (both sides see the history)."""
    referrals = Referral.objects.select_related("case", "from_organisation", "to_organisation")
    if user.is_superuser:
        return referrals
    return referrals.filter(Q(from_organisation_id=user.organisation_id) | Q(to_organisation_id=user.organisation_id))


def active_consents(case: Case) -> list[Consent]:
    return [c for c in case.consents.prefetch_related("share_with") if c.is_active()]


# --- statistics interface (no personal fields) --------------------------------------------------

FACT_KEYS = facts.FACT_KEYS


def _statistics_scope(user_or_none):
    """None = every case whose client allowed anonymised statistics (for published reports);
    a user = the cases they may see (their own organisation's for analysts)."""
    if user_or_none is None:
        allowed = Consent.objects.filter(allows_statistics=True, withdrawn_on__isnull=True).values("case_id")
        return Case.objects.filter(pk__in=allowed)
    return access.visible_cases(user_or_none)


def _violation_facts_from_join(user_or_none=None):
    """The facts computed from the casework tables by a join (slow at scale): kept as the reference the
    fact table is tested against."""
    return (Violation.objects.filter(case__in=_statistics_scope(user_or_none).values("pk"))
            .annotate(**facts.fact_annotations()).values(*FACT_KEYS))


def violation_facts(user_or_none=None) -> QuerySet[ViolationFact, dict[str, Any]]:
    """One row per violation: dict keys FACT_KEYS; values() queryset on the fact table, no personal field.

    Same scope as `_statistics_scope`: None = cases with consent to anonymised statistics; a user = the cases
    `access.visible_cases` gives them (for superusers, intake and analysts that is a plain filter on the fact
    table's own columns; for roles that may also see referred cases, a subquery on the visible case ids)."""
    qs = ViolationFact.objects.all()
    user = user_or_none
    if user is None:
        qs = qs.filter(allows_statistics=True)
    elif not (getattr(user, "is_authenticated", False) and user.is_active):
        qs = qs.none()
    elif user.is_superuser:
        pass
    elif user.organisation_id is None:
        qs = qs.none()
    elif user.role == Role.INTAKE:
        qs = qs.filter(organisation_id=user.organisation_id, created_by_id=user.pk)
    elif user.role == Role.ANALYST:
        qs = qs.filter(organisation_id=user.organisation_id)
    else:
        qs = qs.filter(case_id__in=access.visible_cases(user).values("pk"))
    return qs.values(*FACT_KEYS)


def outcome_facts(user_or_none=None) -> QuerySet[Any, Any]:
    """One row per outcome, no personal field: kind, amount, currency, year, organisation_id, and the keys the
    reports app counts: wages_recovered (the amount when wages or compensation were recovered, else 0),
    ban_lifted (bool) and the client's sex."""
    recovered = (OutcomeKind.WAGES_RECOVERED, OutcomeKind.COMPENSATION)
    return (Outcome.objects.filter(case__in=_statistics_scope(user_or_none).values("pk"))
            .annotate(year=ExtractYear("achieved_on"), organisation_id=F("case__organisation_id"),
                      sex=F("case__client_sex"),
                      wages_recovered=When_(When(kind__in=recovered, amount__isnull=False, then=F("amount")),
                                            default=Value(0), output_field=DecimalField(max_digits=14,
                                                                                        decimal_places=2)),
                      ban_lifted=When_(When(kind=OutcomeKind.BAN_LIFTED, then=Value(True)), default=Value(False),
                                       output_field=BooleanField()))
            .values("kind", "amount", "currency", "year", "organisation_id", "sex", "wages_recovered",
                    "ban_lifted"))


def outcome_totals(user_or_none=None) -> dict:
    wages: dict[str, object] = {}
    bans = 0
    for row in outcome_facts(user_or_none):
        if row["kind"] in (OutcomeKind.WAGES_RECOVERED, OutcomeKind.COMPENSATION) and row["amount"] is not None:
            wages[row["currency"]] = wages.get(row["currency"], 0) + row["amount"]
        if row["kind"] == OutcomeKind.BAN_LIFTED:
            bans += 1
    return {"wages_recovered_by_currency": wages, "bans_lifted": bans}


def wage_claims_owed(user_or_none=None) -> dict:
    """Sum of amounts owed per currency in recorded wage claims (for outcome statistics)."""
    from .models import WageClaim

    totals: dict[str, Any] = {}
    for owed, currency in WageClaim.objects.filter(
            case__in=_statistics_scope(user_or_none).values("pk")).values_list("amount_owed", "case__currency"):
        totals[currency] = totals.get(currency, 0) + owed
    return totals


@dataclass(frozen=True)
class ViolationEvidence:
    """What the warnings list (registry.employers.warnings) needs about one violation; nothing that identifies
    anyone. `reporter_key` only tells reporters apart (the reporting organisation); it is never shown."""

    violation_type: str
    verified: bool
    reporter_key: str
    occurred_on: datetime.date | None = None


def employers_violation_evidence(employer_ids) -> dict[int, list[ViolationEvidence]]:
    """employer_violation_evidence for many employers in one query (the warnings list)."""
    found: dict[int, list[ViolationEvidence]] = {}
    rows = (Violation.objects.filter(employer_id__in=list(employer_ids))
            .values_list("employer_id", "type", "verified", "case__organisation_id", "started_on", "case__opened_on"))
    for employer_id, t, v, org, started, opened in rows:
        found.setdefault(employer_id, []).append(
            ViolationEvidence(violation_type=t, verified=bool(v), reporter_key=f"org:{org}", occurred_on=started or opened))
    return found


def employer_violation_evidence(employer_id: int) -> list[ViolationEvidence]:
    """Violations recorded against one employer, as plain objects: no case or personal data."""
    rows = (Violation.objects.filter(employer_id=employer_id)
            .values_list("type", "verified", "case__organisation_id", "started_on", "case__opened_on"))
    return [ViolationEvidence(violation_type=t, verified=bool(v), reporter_key=f"org:{org}",
                              occurred_on=started or opened)
            for t, v, org, started, opened in rows]


@dataclass(frozen=True)
class InvalidCode:
    organisation: str
    case_reference: str
    table: str
    row_id: int
    field: str
    value: str


def invalid_country_codes() -> list[InvalidCode]:
    """Every stored country or citizenship code that is not an ISO 3166-1 alpha-2 code (for example "РО" left
    by the old free-text forms), for a person to correct. A maintenance read for the `huquq` command, across
    all organisations; it never changes or guesses anything."""
    from . import countries
    from .models import Person

    valid = countries.codes()
    found: list[Any] = []
    sources = (
        (Case.objects.all(), "case", ("host_country", "client_citizenship"), "organisation__slug", "reference"),
        (Person.objects.all(), "person", ("citizenship",), "case__organisation__slug", "case__reference"),
        (Violation.objects.all(), "violation", ("country",), "case__organisation__slug", "case__reference"),
    )
    for qs, table, fields, org, ref in sources:
        for field in fields:
            rows = (qs.exclude(**{field: ""}).exclude(**{f"{field}__in": valid})
                    .order_by(org, ref, "pk").values_list(org, ref, "pk", field))
            found.extend(InvalidCode(o, r, table, pk, field, value) for o, r, pk, value in rows)
    return found


def invalid_region_codes() -> list[InvalidCode]:
    """Every stored region code that is not an ISO 3166-2 subdivision code, or that lies in another country
    than the one stored beside it (for example "RU-MOW" on a case in Kazakhstan), for a person to correct.
    A maintenance read across all organisations; it never changes or guesses anything."""
    from . import regions

    valid = regions.codes()
    found: list[Any] = []
    sources = (
        (Case.objects.all(), "case", "host_region", "host_country", "organisation__slug", "reference"),
        (Violation.objects.all(), "violation", "region", "country", "case__organisation__slug",
         "case__reference"),
    )
    for qs, table, field, country_field, org, ref in sources:
        rows = (qs.exclude(**{field: ""}).order_by(org, ref, "pk")
                .values_list(org, ref, "pk", field, country_field))
        for o, r, pk, value, country in rows.iterator():
            if value not in valid or (country and not value.startswith(country + "-")):
                found.append(InvalidCode(o, r, table, pk, field, value))
    return found
