"""Every write to casework data goes through these functions (web pages, CLI, import and demo alike).

Each checks the actor's right through access.py, records a CaseRevision for case changes and an audit
entry (without personal values) for every write.
"""

from __future__ import annotations

import calendar
import datetime
import hashlib
import secrets
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from huquq.accounts import audit, timezones
from huquq.accounts.models import Organisation
from huquq.config import make_private_dir, write_private_file
from huquq.languages import formatting

from . import access, crypto, latepay
from .facts import refresh_facts
from .models import (
    PERSONAL_GROUPS,
    TRANSITIONS,
    Action,
    Case,
    CaseRevision,
    CaseTransition,
    Consent,
    Deadline,
    EvidenceFile,
    FieldGroup,
    Outcome,
    Person,
    Referral,
    ReferralEvent,
    Status,
    Violation,
    WageClaim,
)
from .search_index import case_name_index, case_search_key, reindex_cases
from .vocab import violation_types

CASE_FIELDS = ("title", "summary", "channel", "opened_on", "closed_on", "host_country", "host_region",
               "host_city", "currency")
PERSON_FIELDS = ("name", "birth_date", "phone", "passport", "sex", "gender", "age_group", "citizenship",
                 "languages", "migration_card", "registration", "work_permit", "entry_ban", "role")
HIDDEN = "•••"


class StaleEdit(ValidationError):
    """Someone else saved the case after this edit began; nothing was written."""

    def __init__(self):
        super().__init__(_("Someone else changed this case after you opened it. Nothing was saved: "
                           "reload the case, check their changes and enter yours again."), code="stale")


def _check(allowed: bool):
    if not allowed:
        raise PermissionDenied


def _jsonable(value):
    if isinstance(value, datetime.date | datetime.datetime | Decimal):
        return str(value)
    if hasattr(value, "pk"):
        return value.pk
    return value


def _diff(obj, changes: dict, personal: tuple = ()) -> dict:
    diff = {}
    for field, new in changes.items():
        old = getattr(obj, field)
        if hasattr(obj, f"{field}_id") and hasattr(new, "pk"):
            old, new = getattr(obj, f"{field}_id"), new.pk
        if old != new and not (old in (None, "") and new in (None, "")):
            diff[field] = [HIDDEN, HIDDEN] if field in personal else [_jsonable(old), _jsonable(new)]
    return diff


def _revise(case: Case, actor, summary: str, changes: dict | None = None):
    CaseRevision.objects.create(case=case, version=case.version, by=_user(actor), summary=summary,
                                changes=changes or {})


def _user(actor):
    return actor if actor is not None and getattr(actor, "is_authenticated", False) else None


def next_reference(organisation: Organisation, year: int | None = None) -> str:
    year = year or timezones.local_today(organisation).year
    prefix = f"{(organisation.slug.split('-')[-1] or 'org')[:6].upper()}-{year}-"
    last = (Case.objects.filter(organisation=organisation, reference__startswith=prefix)
            .order_by("-reference").values_list("reference", flat=True).first())
    number = int(last.rsplit("-", 1)[1]) + 1 if last and last.rsplit("-", 1)[1].isdigit() else 1
    return f"{prefix}{number:05d}"


def new_person_code() -> str:
    return "P-" + secrets.token_hex(4).upper()


def refresh_search(case: Case, save: bool = True) -> Case:
    """Recompute the denormalised filter/search columns from the case's children."""
    client = case.persons.filter(role=Person.Role.CLIENT).order_by("id").first()
    violations = list(case.violations.select_related("employer").order_by("pk"))
    case.search_key = case_search_key(
        case.reference, case.title, case.summary, case.host_city,
        ((v.description, v.city, v.employer.name if v.employer else None, v.employer.inn if v.employer else None)
         for v in violations))
    case.name_index = case_name_index((p.name for p in case.persons.all()), case.organisation_id)
    case.violation_codes = " ".join(sorted({v.type for v in violations}))
    if client:
        case.client_sex, case.client_age_group = client.sex, client.age_group
        case.client_citizenship = client.citizenship
    if save:
        Case.objects.filter(pk=case.pk).update(
            search_key=case.search_key, name_index=case.name_index, violation_codes=case.violation_codes,
            client_sex=case.client_sex, client_age_group=case.client_age_group,
            client_citizenship=case.client_citizenship)
    return case


@transaction.atomic
def create_case(*, actor, organisation: Organisation, title: str, client: dict | None = None,
                reference: str = "", **fields) -> Case:
    if actor is not None:
        _check(access.can_create(actor) and (actor.is_superuser or actor.organisation_id == organisation.pk))
    Organisation.objects.select_for_update().filter(pk=organisation.pk).first()
    unknown = set(fields) - set(CASE_FIELDS)
    if unknown:
        raise ValueError(f"unknown case fields: {sorted(unknown)}")
    fields.setdefault("opened_on", timezones.local_today(organisation))  # the date where the organisation is
    case = Case.objects.create(organisation=organisation, reference=reference or next_reference(organisation),
                               title=title, created_by=_user(actor), **fields)
    if client is not None:
        Person.objects.create(case=case, code=new_person_code(), role=Person.Role.CLIENT, **client)
    refresh_search(case)
    _revise(case, actor, "created")
    audit.record(actor, "create", case, organisation=organisation)
    return case


def _locked_bump(case: Case, expected_version: int | None, **updates):
    """Optimistic lock: write only if the stored version is the one the editor saw."""
    version = case.version if expected_version is None else int(expected_version)
    updates["updated_at"] = timezone.now()
    done = Case.objects.filter(pk=case.pk, version=version).update(version=F("version") + 1, **updates)
    if not done:
        raise StaleEdit()
    case.version = version + 1
    for key, value in updates.items():
        setattr(case, key, value)


@transaction.atomic
def update_case(case: Case, *, actor, expected_version: int | None, **changes) -> Case:
    _check(actor is None or access.can_edit(actor, case))
    unknown = set(changes) - set(CASE_FIELDS)
    if unknown:
        raise ValueError(f"unknown case fields: {sorted(unknown)}")
    diff = _diff(case, changes)
    _locked_bump(case, expected_version, **changes)
    if diff:
        refresh_search(case)
        refresh_facts(case)
        _revise(case, actor, "case edited", diff)
        audit.record(actor, "update", case, detail={"fields": sorted(diff)})
    return case


@transaction.atomic
def update_person(person: Person, *, actor, expected_version: int | None, **changes) -> Person:
    case = person.case
    _check(actor is None or access.can_edit(actor, case))
    unknown = set(changes) - set(PERSON_FIELDS)
    if unknown:
        raise ValueError(f"unknown person fields: {sorted(unknown)}")
    diff = _diff(person, changes, personal=Person.PERSONAL_FIELDS)
    _locked_bump(case, expected_version)
    for key, value in changes.items():
        setattr(person, key, value)
    person.save()
    if diff:
        refresh_search(case)
        refresh_facts(case)
        _revise(case, actor, f"person {person.code} edited", {f"{person.code}.{k}": v for k, v in diff.items()})
        audit.record(actor, "update", person, organisation=case.organisation, detail={"fields": sorted(diff)})
    return person


@transaction.atomic
def edit_case(case: Case, *, actor, expected_version: int | None, changes: dict,
              client: Person | None = None, client_changes: dict | None = None) -> Case:
    """The "edit case" use case as one transaction: the case's fields and, when given, its client's.

    A stale version (someone saved in between) raises StaleEdit and leaves both unchanged."""
    update_case(case, actor=actor, expected_version=expected_version, **changes)
    if client is not None and client_changes is not None:
        update_person(client, actor=actor, expected_version=case.version, **client_changes)
    return case


@transaction.atomic
def add_person(case: Case, *, actor, **fields) -> Person:
    _check(actor is None or access.can_edit(actor, case))
    person = Person.objects.create(case=case, code=new_person_code(), **fields)
    refresh_search(case)
    refresh_facts(case)
    _revise(case, actor, f"person {person.code} added", {"persons": [None, person.code]})
    audit.record(actor, "create", person, organisation=case.organisation)
    return person


@transaction.atomic
def transition(case: Case, *, actor, to_status: str, reason: str, expected_version: int | None = None) -> Case:
    _check(actor is None or access.can_manage(actor, case))
    if not reason or not reason.strip():
        raise ValidationError(_("Give a reason for the change of status."), code="reason")
    if to_status not in TRANSITIONS.get(case.status, []):
        raise ValidationError(_("A case cannot go from “%(from)s” to “%(to)s”.")
                              % {"from": Status(case.status).label, "to": to_status}, code="transition")
    old = case.status
    updates: dict[str, object] = {"status": to_status}
    if to_status in (Status.RESOLVED, Status.CLOSED):
        updates["closed_on"] = timezone.localdate()
    elif case.closed_on:
        updates["closed_on"] = None
    _locked_bump(case, expected_version, **updates)
    CaseTransition.objects.create(case=case, from_status=old, to_status=to_status, reason=reason.strip(),
                                  by=_user(actor))
    _revise(case, actor, f"status {old} → {to_status}", {"status": [old, to_status]})
    audit.record(actor, "update", case, detail={"transition": [old, to_status]})
    return case


@transaction.atomic
def assign(case: Case, *, actor, assignee, expected_version: int | None = None) -> Case:
    _check(actor is None or access.can_manage(actor, case))
    if assignee is not None and (assignee.organisation_id != case.organisation_id
                                 or assignee.role not in access.MANAGER_ROLES):
        raise ValidationError(_("Cases can be assigned only to caseworkers, lawyers or administrators "
                                "of the case's organisation."), code="assignee")
    diff = _diff(case, {"assigned_to": assignee})
    _locked_bump(case, expected_version, assigned_to=assignee)
    _revise(case, actor, "assigned", diff)
    audit.record(actor, "update", case, detail={"fields": ["assigned_to"]})
    return case


def _child_added(case, actor, obj, label: str):
    _revise(case, actor, f"{label} added", {label: [None, obj.pk]})
    audit.record(actor, "create", obj, organisation=case.organisation)


@transaction.atomic
def add_violation(case: Case, *, actor, type: str, **fields) -> Violation:
    _check(actor is None or access.can_edit(actor, case))
    if type not in violation_types():
        raise ValidationError(_("Unknown violation type “%(code)s”.") % {"code": type}, code="type")
    if fields.get("employer") is not None and fields.get("state_actor"):
        raise ValidationError(_("Choose either an employer or a state actor as perpetrator, not both."))
    start, end = fields.get("started_on"), fields.get("ended_on")
    if start and end and end < start:
        raise ValidationError(_("The end of the period is before its start."), code="dates")
    violation = Violation.objects.create(case=case, type=type, **fields)
    refresh_search(case)
    refresh_facts(case)
    _child_added(case, actor, violation, "violation")
    return violation


@transaction.atomic
def add_violations(case: Case, *, actor, types, **fields) -> list[Violation]:
    """One entry naming several violation types ("passport taken and wages unpaid"): one Violation per type,
    sharing the victim, dates, place and perpetrator, all saved or none (one transaction)."""
    types = list(dict.fromkeys(types or ()))
    if not types:
        raise ValidationError(_("Choose at least one violation type."), code="type")
    return [add_violation(case, actor=actor, type=t, **fields) for t in types]


@transaction.atomic
def set_verified(violation: Violation, *, actor, verified: bool) -> Violation:
    case = violation.case
    _check(actor is None or access.can_manage(actor, case))
    old = violation.verified
    violation.verified = verified
    violation.verified_by = _user(actor) if verified else None
    violation.save(update_fields=["verified", "verified_by"])
    refresh_facts(case)
    _revise(case, actor, "violation verified" if verified else "verification removed",
            {f"violation {violation.pk}.verified": [old, verified]})
    audit.record(actor, "update", violation, organisation=case.organisation, detail={"fields": ["verified"]})
    return violation


VIOLATION_FIELDS = ("type", "victim", "started_on", "ended_on", "country", "region", "city", "employer",
                    "state_actor", "description", "evidence_links")


@transaction.atomic
def update_violation(violation: Violation, *, actor, **changes) -> Violation:
    """Edit a recorded violation (same checks as adding one)."""
    case = violation.case
    _check(actor is None or access.can_edit(actor, case))
    unknown = set(changes) - set(VIOLATION_FIELDS)
    if unknown:
        raise ValueError(f"unknown violation fields: {sorted(unknown)}")
    if "type" in changes and changes["type"] not in violation_types():
        raise ValidationError(_("Unknown violation type “%(code)s”.") % {"code": changes["type"]}, code="type")
    if changes.get("victim") is not None and changes["victim"].case_id != case.pk:
        raise ValidationError(_("The victim must be a person of this case."), code="victim")
    diff = _diff(violation, changes, personal=("description", "evidence_links"))
    for key, value in changes.items():
        setattr(violation, key, value)
    if violation.employer_id is not None and violation.state_actor:
        raise ValidationError(_("Choose either an employer or a state actor as perpetrator, not both."))
    if violation.started_on and violation.ended_on and violation.ended_on < violation.started_on:
        raise ValidationError(_("The end of the period is before its start."), code="dates")
    violation.save()
    if diff:
        refresh_search(case)
        refresh_facts(case)
        _revise(case, actor, "violation edited", {f"violation {violation.pk}.{k}": v for k, v in diff.items()})
        audit.record(actor, "update", violation, organisation=case.organisation, detail={"fields": sorted(diff)})
    return violation


@transaction.atomic
def add_action(case: Case, *, actor, **fields) -> Action:
    _check(actor is None or access.can_edit(actor, case))
    action = Action.objects.create(case=case, created_by=_user(actor), **fields)
    _child_added(case, actor, action, "action")
    return action


@transaction.atomic
def add_outcome(case: Case, *, actor, **fields) -> Outcome:
    _check(actor is None or access.can_edit(actor, case))
    if fields.get("amount") is not None and not fields.get("currency"):
        fields["currency"] = case.currency
    outcome = Outcome.objects.create(case=case, **fields)
    _child_added(case, actor, outcome, "outcome")
    return outcome


@transaction.atomic
def add_deadline(case: Case, *, actor, due_on, title: str, assignee=None) -> Deadline:
    _check(actor is None or access.can_edit(actor, case))
    if assignee is None:
        candidate = case.assigned_to or _user(actor)
        assignee = candidate if candidate and candidate.organisation_id == case.organisation_id else None
    elif assignee.organisation_id != case.organisation_id:
        raise ValidationError(_("The assignee must belong to the case's organisation."))
    deadline = Deadline.objects.create(case=case, due_on=due_on, title=title, created_by=_user(actor),
                                       assignee=assignee)
    _child_added(case, actor, deadline, "deadline")
    return deadline


@transaction.atomic
def complete_deadline(deadline: Deadline, *, actor) -> Deadline:
    _check(actor is None or access.can_edit(actor, deadline.case))
    deadline.done_on = timezone.localdate()
    deadline.save(update_fields=["done_on"])
    _revise(deadline.case, actor, "deadline done", {f"deadline {deadline.pk}.done_on": [None, str(deadline.done_on)]})
    audit.record(actor, "update", deadline, organisation=deadline.case.organisation)
    return deadline


# --- wage claims -------------------------------------------------------------------------------

@dataclass(frozen=True)
class WageCalculation:
    units_worked: Decimal
    base_due: Decimal
    overtime_due: Decimal
    total_due: Decimal
    paid: Decimal
    owed: Decimal
    currency: str


CENT = Decimal("0.01")


def months_between(start: datetime.date, end: datetime.date) -> Decimal:
    """Calendar months from start to end inclusive; a part month counts as days worked / days in it."""
    if end < start:
        raise ValidationError(_("The end of the period is before its start."), code="dates")
    months = Decimal(0)
    cursor = start
    while cursor <= end:
        days_in_month = calendar.monthrange(cursor.year, cursor.month)[1]
        month_end = datetime.date(cursor.year, cursor.month, days_in_month)
        last = min(month_end, end)
        days = (last - cursor).days + 1
        months += Decimal(1) if days == days_in_month else Decimal(days) / Decimal(days_in_month)
        cursor = month_end + datetime.timedelta(days=1)
    return months.quantize(Decimal("0.0001"))


def compute_wage_claim(*, agreed_wage, unit="month", units_worked=None, period_start=None, period_end=None,
                       amount_paid=0, overtime_hours=0, overtime_rate=0, currency="RUB") -> WageCalculation:
    """Owed = agreed wage × units worked + overtime hours × pay per overtime hour − amount paid (≥ 0).

    Units worked default, for a monthly wage, to the calendar months between the dates; for a daily
    wage, to the calendar days. The overtime rate is an input: the seeds set no rate, so the
    caseworker enters the agreed or legal one.
    """
    agreed_wage = Decimal(str(agreed_wage))
    if agreed_wage < 0 or Decimal(str(amount_paid)) < 0 or Decimal(str(overtime_hours)) < 0:
        raise ValidationError(_("Amounts and hours cannot be negative."), code="negative")
    if units_worked in (None, ""):
        if not (period_start and period_end):
            raise ValidationError(_("Give the number of months, days or hours worked, or both dates."),
                                  code="units")
        if unit == "month":
            units_worked = months_between(period_start, period_end)
        elif unit == "day":
            if period_end < period_start:
                raise ValidationError(_("The end of the period is before its start."), code="dates")
            units_worked = Decimal((period_end - period_start).days + 1)
        else:
            raise ValidationError(_("For an hourly wage, give the number of hours worked."), code="units")
    units = Decimal(str(units_worked))
    base = (agreed_wage * units).quantize(CENT, ROUND_HALF_UP)
    overtime = (Decimal(str(overtime_hours)) * Decimal(str(overtime_rate))).quantize(CENT, ROUND_HALF_UP)
    total = base + overtime
    paid = Decimal(str(amount_paid)).quantize(CENT)
    owed = max(total - paid, Decimal("0.00"))
    return WageCalculation(units, base, overtime, total, paid, owed, currency)


WAGE_CLAIM_NON_INPUTS = ("note", "due_on", "settled_on")  # stored with a claim, not inputs of the calculator


@transaction.atomic
def add_wage_claim(case: Case, *, actor, **fields) -> WageClaim:
    _check(actor is None or access.can_edit(actor, case))
    due, settled = fields.get("due_on"), fields.get("settled_on")
    if due and settled and settled < due:
        raise ValidationError(_("The wages cannot have been paid before they were due."), code="dates")
    calc = compute_wage_claim(currency=case.currency,
                              **{k: v for k, v in fields.items() if k not in WAGE_CLAIM_NON_INPUTS})
    claim = WageClaim.objects.create(case=case, amount_owed=calc.owed, **fields)
    _child_added(case, actor, claim, "wage claim")
    return claim


def wage_calculation(claim: WageClaim) -> WageCalculation:
    return compute_wage_claim(agreed_wage=claim.agreed_wage, unit=claim.unit, units_worked=claim.units_worked,
                              period_start=claim.period_start, period_end=claim.period_end,
                              amount_paid=claim.amount_paid, overtime_hours=claim.overtime_hours,
                              overtime_rate=claim.overtime_rate, currency=claim.case.currency)


@dataclass(frozen=True)
class LateCompensation:
    """Art. 236 compensation for one claim: `result` when computed, otherwise `refusal` says why not."""

    until: datetime.date
    result: latepay.Compensation | None = None
    refusal: str = ""


def late_payment_compensation(claim: WageClaim, calc: WageCalculation, *, today: datetime.date | None = None
                              ) -> LateCompensation | None:
    """The minimum compensation for late payment (Russian Labour Code Art. 236) on the amount owed, from the
    day after `claim.due_on` until it was paid in full (`claim.settled_on`) or today. None when no due date
    was given. Refused, with the reason, for a currency other than roubles (the rate is the Bank of Russia's
    key rate) or for days the key-rate table does not cover; never estimated."""
    if claim.due_on is None:
        return None
    until = claim.settled_on or today or timezone.localdate()
    if calc.currency != "RUB":
        return LateCompensation(until, refusal=_(
            "Not computed: Art. 236 compensation is counted on the Bank of Russia's key rate, for wages in "
            "roubles (RUB); this claim is in %(currency)s.") % {"currency": calc.currency})
    try:
        return LateCompensation(until, result=latepay.compensation(calc.owed, claim.due_on, until))
    except latepay.NotCovered as exc:
        return LateCompensation(until, refusal=_(
            "Not computed: the key-rate table covers %(start)s to %(end)s, and this delay runs from %(first)s to "
            "%(last)s. Add the Bank of Russia's decisions for the missing days (with their sources) to "
            "compute it.") % {"start": formatting.date(exc.covered_from, format="medium"),
                              "end": formatting.date(exc.covered_until, format="medium"),
                              "first": formatting.date(exc.first, format="medium"),
                              "last": formatting.date(exc.last, format="medium")})


def wage_claims_with_compensation(case: Case, *, today: datetime.date | None = None) -> list[tuple]:
    """(claim, calculation, late-payment compensation or None) for each wage claim of the case."""
    rows = []
    for claim in case.wage_claims.all():
        calc = wage_calculation(claim)
        rows.append((claim, calc, late_payment_compensation(claim, calc, today=today)))
    return rows


# --- consent and referrals ---------------------------------------------------------------------

@transaction.atomic
def record_consent(case: Case, *, actor, person: Person | None = None, share_with=(), fields=(),
                   allows_store=True, allows_statistics=False, allows_publication=False,
                   valid_until=None, given_on=None) -> Consent:
    _check(actor is None or access.can_manage(actor, case))
    person = person or case.client
    if person is None or person.case_id != case.pk:
        raise ValidationError(_("Record the client first: consent is given by a person."), code="person")
    bad = set(fields) - set(FieldGroup.values)
    if bad:
        raise ValidationError(_("Unknown field groups: %(groups)s") % {"groups": ", ".join(sorted(bad))})
    consent = Consent.objects.create(
        case=case, person=person, allows_store=allows_store, allows_statistics=allows_statistics,
        allows_publication=allows_publication, fields=sorted(set(fields)), valid_until=valid_until,
        given_on=given_on or timezone.localdate(), recorded_by=_user(actor))
    consent.share_with.set(share_with)
    refresh_facts(case)
    _revise(case, actor, "consent recorded", {"consent": [None, consent.pk]})
    audit.record(actor, "create", consent, organisation=case.organisation,
                 detail={"share_with": sorted(o.pk for o in share_with), "fields": consent.fields})
    return consent


@transaction.atomic
def withdraw_consent(consent: Consent, *, actor, on=None) -> Consent:
    _check(actor is None or access.can_manage(actor, consent.case))
    consent.withdrawn_on = on or timezone.localdate()
    consent.save(update_fields=["withdrawn_on"])
    refresh_facts(consent.case)
    _revise(consent.case, actor, "consent withdrawn", {f"consent {consent.pk}.withdrawn_on":
                                                       [None, str(consent.withdrawn_on)]})
    audit.record(actor, "update", consent, organisation=consent.case.organisation, detail={"withdrawn": True})
    return consent


def consent_covering(case: Case, organisation: Organisation) -> Consent | None:
    for consent in case.consents.prefetch_related("share_with"):
        if consent.is_active() and organisation in consent.share_with.all():
            return consent
    return None


@transaction.atomic
def send_referral(case: Case, *, actor, to_organisation: Organisation, fields=(), note: str = "") -> Referral:
    _check(actor is None or access.can_manage(actor, case))
    if to_organisation.pk == case.organisation_id:
        raise ValidationError(_("A case cannot be referred to its own organisation."), code="self")
    consent = consent_covering(case, to_organisation)
    if consent is None:
        raise ValidationError(_("The client's consent does not cover sharing with %(org)s (or it has expired). "
                                "Record the client's consent first.") % {"org": to_organisation.name},
                              code="consent")
    wanted = set(fields) or set(consent.fields)
    outside = wanted - set(consent.fields)
    if outside:
        raise ValidationError(_("The client did not consent to share: %(groups)s.")
                              % {"groups": ", ".join(str(FieldGroup(g).label) for g in sorted(outside))},
                              code="fields")
    referral = Referral.objects.create(case=case, from_organisation=case.organisation, to_organisation=to_organisation,
                                       consent=consent, fields=sorted(wanted), created_by=_user(actor))
    ReferralEvent.objects.create(referral=referral, state=Referral.State.SENT, note=note, by=_user(actor),
                                 organisation=case.organisation)
    _revise(case, actor, f"referred to {to_organisation.name}", {"referral": [None, referral.pk]})
    audit.record(actor, "share", case, organisation=case.organisation,
                 detail={"referral": referral.pk, "to": to_organisation.pk, "fields": referral.fields,
                         "personal": bool(set(referral.fields) & set(PERSONAL_GROUPS))})
    return referral


@transaction.atomic
def respond_referral(referral: Referral, *, actor, state: str, note: str = "") -> Referral:
    if actor is not None:
        _check(access.can_respond_to_referral(actor, referral))
    referral = Referral.objects.select_for_update().get(pk=referral.pk)
    if state not in Referral.NEXT.get(referral.state, []):
        raise ValidationError(_("This referral is already “%(state)s”.")
                              % {"state": Referral.State(referral.state).label}, code="state")
    referral.state = state
    referral.save(update_fields=["state"])
    ReferralEvent.objects.create(referral=referral, state=state, note=note, by=_user(actor),
                                 organisation=referral.to_organisation)
    audit.record(actor, "update", referral, organisation=referral.to_organisation, detail={"state": state})
    return referral


# --- evidence files ----------------------------------------------------------------------------

MAX_EVIDENCE_BYTES = 10 * 1024 * 1024
EVIDENCE_TYPES = {
    "application/pdf": (b"%PDF",),
    "image/jpeg": (b"\xff\xd8\xff",),
    "image/png": (b"\x89PNG",),
    "image/webp": (b"RIFF",),
    "audio/ogg": (b"OggS",),
    "audio/mpeg": (b"ID3", b"\xff\xfb", b"\xff\xf3", b"\xff\xf2"),
    "video/mp4": (),  # checked by _content_matches: an ISO-BMFF "ftyp" box at offset 4
    "text/plain": (),  # checked by _content_matches: UTF-8 text without NUL bytes
}


def _content_matches(content_type: str, data: bytes) -> bool:
    """Does the file's content look like its declared type? Every allowed type is checked."""
    if content_type == "video/mp4":
        return data[4:8] == b"ftyp"
    if content_type == "text/plain":
        try:
            return b"\x00" not in data and bool(data.decode("utf-8"))
        except UnicodeDecodeError:
            return False
    if content_type == "image/webp":
        return data.startswith(b"RIFF") and data[8:12] == b"WEBP"
    return any(data.startswith(m) for m in EVIDENCE_TYPES[content_type])


def evidence_dir() -> Path:
    return make_private_dir(Path(settings.MEDIA_ROOT) / "evidence")


@transaction.atomic
def store_evidence(case: Case, *, actor, name: str, content_type: str, data: bytes, description: str = "",
                   violation: Violation | None = None) -> EvidenceFile:
    _check(actor is None or access.can_edit(actor, case))
    if len(data) == 0:
        raise ValidationError(_("The file is empty."), code="empty")
    if len(data) > MAX_EVIDENCE_BYTES:
        raise ValidationError(_("The file is larger than 10 MB."), code="size")
    content_type = (content_type or "").split(";")[0].strip().lower()
    if content_type not in EVIDENCE_TYPES:
        raise ValidationError(_("Files of this type cannot be stored. Allowed: PDF, JPEG, PNG, WEBP, OGG, MP3, "
                                "MP4, plain text."), code="type")
    if not _content_matches(content_type, data):
        raise ValidationError(_("The file content does not match its type."), code="type")
    storage_name = secrets.token_hex(16)
    write_private_file(evidence_dir() / storage_name, crypto.encrypt_bytes(data, f"evidence:{storage_name}"))
    evidence = EvidenceFile.objects.create(
        case=case, violation=violation, original_name=name[:200], description=description,
        content_type=content_type, size=len(data), sha256=hashlib.sha256(data).hexdigest(),
        storage_name=storage_name, uploaded_by=_user(actor))
    _child_added(case, actor, evidence, "evidence")
    return evidence


def read_evidence(evidence: EvidenceFile, *, actor) -> bytes:
    _check(actor is None or access.can_view_evidence(actor, evidence.case))
    blob = (evidence_dir() / evidence.storage_name).read_bytes()
    data = crypto.decrypt_bytes(blob, f"evidence:{evidence.storage_name}")
    if hashlib.sha256(data).hexdigest() != evidence.sha256:
        raise crypto.DecryptionError("evidence file does not match its recorded SHA-256")
    audit.record(actor, "view", evidence, organisation=evidence.case.organisation)
    return data


# --- key rotation ------------------------------------------------------------------------------

def encrypted_columns() -> list[tuple[type, list]]:
    """Every model with encrypted fields, and those fields (all EncryptedTextField subclasses)."""
    from django.apps import apps

    from .fields import EncryptedTextField

    found = []
    for model in apps.get_models():
        fields = [f for f in model._meta.concrete_fields if isinstance(f, EncryptedTextField)]
        if fields:
            found.append((model, fields))
    return found


def _stale_rows(model, fields, current: str, after_pk, batch_size: int):
    """The next batch of (pk, {column: ciphertext}) read as stored (no decryption), from pk > after_pk."""
    from django.db import connection

    qn = connection.ops.quote_name
    columns = ", ".join(qn(f.column) for f in fields)
    sql = (f"SELECT {qn(model._meta.pk.column)}, {columns} FROM {qn(model._meta.db_table)} "
           f"WHERE {qn(model._meta.pk.column)} > %s ORDER BY {qn(model._meta.pk.column)} LIMIT %s")
    with connection.cursor() as cursor:
        cursor.execute(sql, [after_pk, batch_size])
        return [(row[0], dict(zip(fields, row[1:], strict=True))) for row in cursor.fetchall()]


def rotate_keys(progress=None, batch_size: int = 500) -> dict:
    """Re-encrypt every encrypted value (every encrypted field of every model) and evidence file under the
    current (first) key, then recompute the blind name index (and search key) of every case whose index changed.

    Reads the stored ciphertext, not decrypted values; each batch of rows commits on its own and values
    already under the current key are skipped, so an interrupted run is resumed by running it again.
    Old keys may be removed from HUQUQ_FIELD_KEYS once it has finished. `progress(n)` is told of n more
    units of work done (rows, files, cases)."""
    current = crypto.current_key().kid
    counts = {"values": rewrap_values(progress=progress, batch_size=batch_size), "files": 0, "cases": 0}
    for evidence in EvidenceFile.objects.only("pk", "storage_name").iterator(chunk_size=batch_size):
        path = evidence_dir() / evidence.storage_name
        if path.exists():
            blob = path.read_bytes()
            if crypto.bytes_key_id(blob) != current:
                context = f"evidence:{evidence.storage_name}"
                tmp = path.with_suffix(".rotating")
                write_private_file(tmp, crypto.encrypt_bytes(crypto.decrypt_bytes(blob, context), context))
                tmp.replace(path)
                counts["files"] += 1
        if progress:
            progress(1)
    # the blind index is keyed by the field key: every case with names gets new tokens under the new key
    counts["cases"] = reindex_cases(Case, Person, Violation, batch_size=batch_size, progress=progress)
    audit.record(None, "update", object_type="cases.keys", detail=counts)
    return counts


def rewrap_values(progress=None, batch_size: int = 500) -> int:
    """Re-encrypt every encrypted value that is not yet enc2 under the current key (older enc1 values bound
    only to their field, or values under an older key) as enc2, bound to its table, row and field.

    Reads the stored ciphertext, not decrypted values; each batch commits on its own and values already done
    are skipped, so an interrupted run resumes when run again. Returns the number of values re-encrypted."""
    current = crypto.current_key().kid
    done = 0
    for model, fields in encrypted_columns():
        after = 0
        while rows := _stale_rows(model, fields, current, after, batch_size):
            with transaction.atomic():
                for pk, stored in rows:
                    changes = {}
                    for field, token in stored.items():
                        if token and crypto.needs_rewrap(token, current):
                            row = field.row_of(pk)
                            changes[field.attname] = crypto.encrypt(crypto.decrypt(token, field.context, row),
                                                                    field.context, row)
                    if changes:  # ciphertext passes through get_prep_value unchanged
                        model._base_manager.filter(pk=pk).update(**changes)  # type: ignore[attr-defined]  # a model class
                        done += len(changes)
            after = rows[-1][0]
            if progress:
                progress(len(rows))
    return done


def reindex_search(progress=None, batch_size: int = 500) -> int:
    """Recompute every case's search key and blind name index (after a change to the spelling fold or to the
    index keys); batches commit one by one, a second run changes nothing. Returns the cases changed."""
    changed = reindex_cases(Case, Person, Violation, batch_size=batch_size, progress=progress)
    audit.record(None, "update", object_type="cases.search_index", detail={"cases": changed})
    return changed
