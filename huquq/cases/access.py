"""Who may see and do what with cases: the ONE place these rules live.

- intake: sees and edits only cases it created;
- caseworker, lawyer, org_admin: all cases of their organisation;
- analyst: their organisation's cases without any personal field (no identity, contact, passport,
  evidence files);
- nobody sees another organisation's case unless it was referred to their organisation under an
  active consent that names that organisation; they then see only the consented field groups, and a
  declined referral gives nothing;
- consular: only cases referred to the consulate with consent whose client is a national of the
  country the consulate serves (Organisation.serves_nationals_of).
Evidence files are never served outside the owning organisation.
- monitor (monitoring visits and questionnaires): no casework at all; the case pages refuse them.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef, Q
from django.http import Http404
from django.utils import timezone

from huquq.accounts.models import Role

from .models import PERSONAL_GROUPS, Case, FieldGroup, Referral

ALL_GROUPS = frozenset(FieldGroup.values)
NON_PERSONAL_GROUPS = frozenset(ALL_GROUPS - set(PERSONAL_GROUPS))
MANAGER_ROLES = (Role.CASEWORKER, Role.LAWYER, Role.ORG_ADMIN)
OWN_ORG_ROLES = (Role.INTAKE, Role.CASEWORKER, Role.LAWYER, Role.ORG_ADMIN, Role.ANALYST)
SHARED_ROLES = (Role.CASEWORKER, Role.LAWYER, Role.ORG_ADMIN, Role.CONSULAR)
CASEWORK_ROLES = (*OWN_ORG_ROLES, Role.CONSULAR)
LIVE_REFERRAL_STATES = (Referral.State.SENT, Referral.State.ACCEPTED, Referral.State.COMPLETED)


def _active(user) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.is_active)


def live_referrals(user):
    """Referrals that currently give `user`'s organisation access: not declined, consent still active
    and naming the receiving organisation."""
    today = timezone.localdate()
    qs = Referral.objects.filter(
        to_organisation_id=user.organisation_id,
        state__in=LIVE_REFERRAL_STATES,
        consent__share_with=user.organisation_id,
    ).filter(
        Q(consent__valid_until__isnull=True) | Q(consent__valid_until__gte=today),
        Q(consent__withdrawn_on__isnull=True) | Q(consent__withdrawn_on__gt=today),
    )
    if user.role == Role.CONSULAR:
        nationals = user.organisation.serves_nationals_of
        if not nationals:
            return qs.none()
        qs = qs.filter(case__client_citizenship=nationals)
    return qs


def own_cases_q(user, prefix: str = "") -> Q:
    """The user's own-organisation reach as a Q on a case relation (e.g. prefix "case__"), for queries
    on case children that should not go through an IN (subquery) over every case."""
    if not _active(user):
        return Q(pk__in=[])
    if user.is_superuser:
        return Q()
    if user.organisation_id is None or user.role not in OWN_ORG_ROLES:
        return Q(pk__in=[])
    q = Q(**{f"{prefix}organisation_id": user.organisation_id})
    if user.role == Role.INTAKE:
        q &= Q(**{f"{prefix}created_by_id": user.pk})
    return q


def visible_cases(user, base=None):
    qs = base if base is not None else Case.objects.all()
    if not _active(user):
        return qs.none()
    if user.is_superuser:
        return qs
    if user.organisation_id is None:
        return qs.none()
    own = Q(organisation_id=user.organisation_id)
    if user.role == Role.INTAKE:
        return qs.filter(own, created_by_id=user.pk)
    if user.role == Role.ANALYST:
        return qs.filter(own)
    if user.role == Role.CONSULAR:
        shared = Exists(live_referrals(user).filter(case_id=OuterRef("pk")))
        return qs.filter(shared)
    if user.role in SHARED_ROLES:
        # Shared cases are few: resolve them first so that, when there are none, the query is the plain
        # organisation filter that the (organisation, opened_on) index serves in order.
        shared_ids = list(live_referrals(user).values_list("case_id", flat=True).distinct()[:10000])
        if not shared_ids:
            return qs.filter(own)
        return qs.filter(own | Q(pk__in=shared_ids))
    return qs.none()


def can_use_casework(user) -> bool:
    """Whether the case pages are for this user at all (a monitor's role gives no casework)."""
    return _active(user) and (user.is_superuser or user.role in CASEWORK_ROLES)


def is_owner(user, case) -> bool:
    if not _active(user):
        return False
    if user.is_superuser:
        return True
    if user.organisation_id != case.organisation_id or user.role not in OWN_ORG_ROLES:
        return False
    if user.role == Role.INTAKE:
        return case.created_by_id == user.pk
    return True


def visible_groups(user, case) -> frozenset:
    """The field groups of `case` that `user` may see (empty: no access at all)."""
    if not _active(user):
        return frozenset()
    if user.is_superuser:
        return ALL_GROUPS
    if is_owner(user, case):
        return NON_PERSONAL_GROUPS if user.role == Role.ANALYST else ALL_GROUPS
    if user.role not in SHARED_ROLES or user.organisation_id is None:
        return frozenset()
    groups: set[str] = set()
    for referral in live_referrals(user).filter(case=case).select_related("consent"):
        groups |= set(referral.fields) & set(referral.consent.fields)
    return frozenset(groups)


def shows_persons(groups: frozenset) -> bool:
    """Whether a reader with these field groups sees the case's people (their profile or identity)."""
    return "profile" in groups or "identity" in groups


def shows_timeline(groups: frozenset) -> bool:
    return "violations" in groups or "actions" in groups


def filter_timeline(items: list[dict], groups: frozenset) -> list[dict]:
    """The timeline items (selectors.timeline) a reader with these field groups may see: violations need the
    "violations" group, every other item the "actions" group."""
    return [item for item in items
            if (item["kind"] == "violation" and "violations" in groups)
            or (item["kind"] != "violation" and "actions" in groups)]


def shows_wage_claims(groups: frozenset) -> bool:
    """Wage claims belong to the "actions" group (the help given)."""
    return "actions" in groups


def referrals_seen(user, case):
    """The referrals of `case` a reader sees: all of them for the owning organisation, only those sent to their
    own organisation for a receiving one."""
    referrals = case.referrals.all()
    if not is_owner(user, case):
        referrals = referrals.filter(to_organisation_id=user.organisation_id)
    return referrals


def can_view(user, case) -> bool:
    return bool(visible_groups(user, case)) or is_owner(user, case)


def can_see_personal(user, case) -> bool:
    return bool(visible_groups(user, case) & PERSONAL_GROUPS)


def can_edit(user, case) -> bool:
    if not is_owner(user, case):
        return False
    if user.is_superuser or user.role in MANAGER_ROLES:
        return True
    return user.role == Role.INTAKE and case.status == "intake"


def can_manage(user, case) -> bool:
    """Transitions, assignment, consent, referrals, verification, evidence upload."""
    return is_owner(user, case) and (user.is_superuser or user.role in MANAGER_ROLES)


def can_view_evidence(user, case) -> bool:
    return is_owner(user, case) and user.role != Role.ANALYST


def can_respond_to_referral(user, referral) -> bool:
    return (_active(user) and user.organisation_id == referral.to_organisation_id
            and user.role in SHARED_ROLES)


def can_create(user) -> bool:
    return _active(user) and (user.is_superuser or (user.organisation_id is not None
                                                     and user.role in (Role.INTAKE, *MANAGER_ROLES)))


def can_export_personal(user) -> bool:
    return _active(user) and (user.is_superuser or user.role == Role.ORG_ADMIN)


def can_export_csv(user) -> bool:
    return _active(user) and (user.is_superuser or user.role in (Role.ANALYST, *MANAGER_ROLES))


def exportable_cases(user):
    """The cases an export (CSV or JSON) may contain: the visible cases of the user's own organisation (every
    case for a site superuser), never cases shared from another organisation. Both exports use this."""
    cases = visible_cases(user)
    return cases if user.is_superuser else cases.filter(organisation_id=user.organisation_id)


def get_case_or_404(user, pk):
    """A case the user may see; 404 (not 403) otherwise, so other organisations' case ids stay hidden."""
    case = Case.objects.filter(pk=pk).select_related("organisation", "assigned_to", "created_by").first()
    if case is None or not can_view(user, case):
        raise Http404
    return case


def require(allowed: bool):
    if not allowed:
        raise PermissionDenied
