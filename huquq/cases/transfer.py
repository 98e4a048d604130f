"""Lossless JSON export/import of cases (schema "huquq-cases", version 1; see docs/cases-json.md) and a
CSV export without personal fields.

Import validates the whole document first and writes nothing if any row is wrong; errors name the row
(`cases[3].violations[0].type: ...`). Writes use bulk_create so 100,000 cases import in minutes.
"""

from __future__ import annotations

import base64
import dataclasses
import datetime
import hashlib
import secrets
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from django.db import transaction
from django.utils import timezone

from huquq.accounts import audit
from huquq.accounts.models import Organisation, User
from huquq.registry.employers.models import Employer
from huquq.safety import SafeCsvWriter

from . import crypto, regions, services
from .facts import refresh_facts
from .models import (
    Action,
    ActionKind,
    ActionResult,
    AgeGroup,
    Case,
    CaseRevision,
    CaseTransition,
    Channel,
    Consent,
    Deadline,
    EvidenceFile,
    FieldGroup,
    Outcome,
    OutcomeKind,
    Person,
    Sex,
    StateActor,
    Status,
    Violation,
    WageClaim,
    WorkPermit,
    YesNo,
)
from .search_index import case_name_index, case_search_key
from .vocab import violation_types

SCHEMA = "huquq-cases"
VERSION = 1


class ImportErrors(Exception):
    def __init__(self, errors: list[str]):
        super().__init__(f"{len(errors)} error(s)")
        self.errors = errors


def _d(value):
    return value.isoformat() if value else None


def _dec(value):
    return str(value) if value is not None else None


def _user_name(user_id, cache):
    if user_id is None:
        return None
    if user_id not in cache:
        cache[user_id] = User.objects.filter(pk=user_id).values_list("username", flat=True).first()
    return cache[user_id]


def export_cases(cases, *, with_evidence: bool = True, progress=None) -> dict:
    users: dict = {}
    out = []
    qs = cases.select_related("organisation").prefetch_related(
        "persons", "violations__employer", "actions", "outcomes", "wage_claims", "deadlines", "transitions",
        "consents__share_with", "evidence")
    for case in qs.iterator(chunk_size=500):
        out.append(_export_case(case, users, with_evidence))
        if progress:
            progress()
    return {"schema": SCHEMA, "version": VERSION, "exported_at": timezone.now().isoformat(), "cases": out}


def _export_case(case: Case, users: dict, with_evidence: bool) -> dict:
    """One case with everything attached; people are referred to by their index in "persons"."""
    persons = list(case.persons.all())
    index = {p.pk: i for i, p in enumerate(persons)}
    return {
        "reference": case.reference, "organisation": case.organisation.slug, "title": case.title,
        "summary": case.summary, "channel": case.channel, "status": case.status,
        "opened_on": _d(case.opened_on), "closed_on": _d(case.closed_on), "host_country": case.host_country,
        "host_region": case.host_region, "host_city": case.host_city, "currency": case.currency,
        "assigned_to": _user_name(case.assigned_to_id, users), "created_by": _user_name(case.created_by_id, users),
        "created_at": case.created_at.isoformat(),
        "persons": [_export_person(p) for p in persons],
        "violations": [_export_violation(v, index) for v in case.violations.all()],
        "actions": [{"kind": a.kind, "started_on": _d(a.started_on), "ended_on": _d(a.ended_on),
                     "result": a.result, "note": a.note} for a in case.actions.all()],
        "outcomes": [{"kind": o.kind, "achieved_on": _d(o.achieved_on), "amount": _dec(o.amount),
                      "currency": o.currency, "note": o.note} for o in case.outcomes.all()],
        "wage_claims": [{"agreed_wage": _dec(w.agreed_wage), "unit": w.unit, "period_start": _d(w.period_start),
                         "period_end": _d(w.period_end), "units_worked": _dec(w.units_worked),
                         "amount_paid": _dec(w.amount_paid), "overtime_hours": _dec(w.overtime_hours),
                         "overtime_rate": _dec(w.overtime_rate), "due_on": _d(w.due_on),
                         "settled_on": _d(w.settled_on), "note": w.note} for w in case.wage_claims.all()],
        "deadlines": [{"due_on": _d(d.due_on), "title": d.title, "done_on": _d(d.done_on)}
                      for d in case.deadlines.all()],
        "transitions": [{"from": t.from_status, "to": t.to_status, "reason": t.reason, "at": t.at.isoformat(),
                         "by": _user_name(t.by_id, users)} for t in case.transitions.all()],
        "consents": [{"person": index.get(c.person_id), "allows_store": c.allows_store,
                      "allows_statistics": c.allows_statistics, "allows_publication": c.allows_publication,
                      "share_with": sorted(o.slug for o in c.share_with.all()), "fields": c.fields,
                      "valid_until": _d(c.valid_until), "given_on": _d(c.given_on),
                      "withdrawn_on": _d(c.withdrawn_on)} for c in case.consents.all()],
        "evidence": [_export_evidence(e, with_evidence) for e in case.evidence.all()],
    }


def _export_person(p: Person) -> dict:
    return {
        "code": p.code, "role": p.role, "name": p.name, "birth_date": _d(p.birth_date), "phone": p.phone,
        "passport": p.passport, "sex": p.sex, "gender": p.gender, "age_group": p.age_group,
        "citizenship": p.citizenship, "languages": p.languages, "migration_card": p.migration_card,
        "registration": p.registration, "work_permit": p.work_permit, "entry_ban": p.entry_ban,
    }


def _export_violation(v: Violation, index: dict[int, int]) -> dict:
    """The victim as an index into the case's persons; the employer as an object, matched again on import."""
    return {
        "type": v.type, "victim": index.get(v.victim_id), "started_on": _d(v.started_on),
        "ended_on": _d(v.ended_on), "country": v.country, "region": v.region, "city": v.city,
        "employer": ({"name": v.employer.name, "legal_form": v.employer.legal_form, "kind": v.employer.kind,
                      "inn": v.employer.inn, "ogrn": v.employer.ogrn, "bin": v.employer.bin,
                      "country": v.employer.country, "region": v.employer.region,
                      "city": v.employer.city} if v.employer_id else None),
        "state_actor": v.state_actor, "description": v.description, "evidence_links": v.evidence_links,
        "verified": v.verified,
    }


def _export_evidence(e: EvidenceFile, with_evidence: bool) -> dict:
    """The file's description, and its decrypted content unless left out; a file gone from disk is marked
    "missing" instead of failing the export."""
    entry = {"name": e.original_name, "description": e.description, "content_type": e.content_type,
             "size": e.size, "sha256": e.sha256}
    if with_evidence:
        try:
            blob = (services.evidence_dir() / e.storage_name).read_bytes()
            entry["content_base64"] = base64.b64encode(
                crypto.decrypt_bytes(blob, f"evidence:{e.storage_name}")).decode("ascii")
        except FileNotFoundError:
            entry["missing"] = True
    return entry


# --- import --------------------------------------------------------------------------------------

class _Row:
    def __init__(self, errors, where):
        self.errors, self.where = errors, where

    def err(self, field, message):
        self.errors.append(f"{self.where}.{field}: {message}" if field else f"{self.where}: {message}")

    def items(self, data, field):
        """(index, object) for each object in the list `field`; anything else is reported."""
        value = data.get(field)
        if value in (None, ""):
            return []
        if not isinstance(value, list):
            self.err(field, "must be a list")
            return []
        out = []
        for j, item in enumerate(value):
            if isinstance(item, dict):
                out.append((j, item))
            else:
                self.err(f"{field}[{j}]", "must be an object")
        return out

    def strings(self, data, field):
        value = data.get(field)
        if value in (None, ""):
            return []
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            self.err(field, "must be a list of texts")
            return []
        return value

    def text(self, data, field, max_length=None, required=False):
        value = data.get(field, "")
        if value is None:
            value = ""
        if not isinstance(value, str):
            self.err(field, "must be text")
            return ""
        if required and not value.strip():
            self.err(field, "is required")
        if max_length and len(value) > max_length:
            self.err(field, f"longer than {max_length} characters")
        return value

    def choice(self, data, field, choices, default=""):
        value = data.get(field) or default
        if not isinstance(value, str):
            self.err(field, "must be text")
            return default
        if value and value not in choices:
            self.err(field, f"{value!r} is not one of {', '.join(sorted(choices))}")
        return value

    def date(self, data, field, required=False):
        value = data.get(field)
        if not isinstance(value, str | type(None)):
            self.err(field, "must be a date text (YYYY-MM-DD)")
            return None
        if value in (None, ""):
            if required:
                self.err(field, "is required")
            return None
        try:
            return datetime.date.fromisoformat(value)
        except (TypeError, ValueError):
            self.err(field, f"{value!r} is not a date (YYYY-MM-DD)")
            return None

    def decimal(self, data, field, required=False, default=None):
        value = data.get(field)
        if isinstance(value, bool | list | dict):
            self.err(field, "must be a number")
            return default
        if value in (None, ""):
            if required:
                self.err(field, "is required")
            return default
        try:
            number = Decimal(str(value))
        except InvalidOperation:
            self.err(field, f"{value!r} is not a number")
            return default
        if number < 0:
            self.err(field, "cannot be negative")
        return number

    def country(self, data, field):
        value = self.text(data, field).upper()
        if value and (len(value) != 2 or not value.isalpha()):
            self.err(field, f"{value!r} is not an ISO 3166-1 alpha-2 code")
        return value

    def region(self, data, field):
        value = self.text(data, field).upper()
        if value and not regions.is_valid(value):
            self.err(field, f"{value!r} is not an ISO 3166-2 code")
        return value


@lru_cache(maxsize=64)
def _values(choices_cls):
    return frozenset(choices_cls.values)


@dataclass
class _ImportContext:
    """What validating one import document needs besides the rows: lookups done once, errors collected."""

    organisation: Organisation
    errors: list[str] = dataclasses.field(default_factory=list)
    vt: set[str] = dataclasses.field(default_factory=set)
    orgs: dict[str, Organisation] = dataclasses.field(default_factory=dict)
    usernames: dict[str, int] = dataclasses.field(default_factory=dict)
    existing: set[str] = dataclasses.field(default_factory=set)
    existing_codes: set[str] = dataclasses.field(default_factory=set)
    seen_refs: set[str] = dataclasses.field(default_factory=set)

    @classmethod
    def load(cls, organisation: Organisation) -> _ImportContext:
        return cls(organisation=organisation, vt=set(violation_types()),
                   orgs={o.slug: o for o in Organisation.objects.all()},
                   usernames=dict(User.objects.filter(organisation=organisation).values_list("username", "pk")),
                   existing=set(Case.objects.filter(organisation=organisation).values_list("reference", flat=True)))


def _check_header(document) -> list:
    """The document's schema and version; returns its list of cases (ImportErrors when any is wrong)."""
    if not isinstance(document, dict) or document.get("schema") != SCHEMA:
        raise ImportErrors([f"not a {SCHEMA} document (missing \"schema\": \"{SCHEMA}\")"])
    if document.get("version") != VERSION:
        raise ImportErrors([f"unsupported version {document.get('version')!r}; this Huquq reads version {VERSION}"])
    rows = document.get("cases")
    if not isinstance(rows, list):
        raise ImportErrors(["\"cases\" must be a list"])
    return rows


def validate_document(document, organisation: Organisation) -> list[dict]:
    """Return the parsed cases, or raise ImportErrors listing every problem (nothing is written)."""
    rows = _check_header(document)
    ctx = _ImportContext.load(organisation)
    parsed = [case for i, raw in enumerate(rows) if (case := _parse_case(ctx, i, raw)) is not None]
    if ctx.errors:
        raise ImportErrors(ctx.errors)
    return parsed


def _parse_case(ctx: _ImportContext, i: int, raw) -> dict | None:
    """One case of the document with everything attached to it; None when it is not even an object."""
    r = _Row(ctx.errors, f"cases[{i}]")
    if not isinstance(raw, dict):
        r.err("", "must be an object")
        return None
    case = _case_fields(ctx, r, raw)
    persons = _persons(ctx, r, raw, i)
    return {"case": case, "persons": persons, "violations": _violations(ctx, r, raw, i, persons),
            "actions": _actions(ctx, r, raw, i), "outcomes": _outcomes(ctx, r, raw, i),
            "wage_claims": _wage_claims(ctx, r, raw, i, case), "deadlines": _deadlines(ctx, r, raw, i),
            "transitions": _transitions(ctx, r, raw, i), "consents": _consents(ctx, r, raw, i, persons),
            "evidence": _evidence(ctx, r, raw, i)}


def _case_fields(ctx: _ImportContext, r: _Row, raw: dict) -> dict:
    """The case's own fields; its reference must be new in the organisation and in the file."""
    organisation, existing, seen_refs, usernames = ctx.organisation, ctx.existing, ctx.seen_refs, ctx.usernames
    ref = r.text(raw, "reference", 40, required=True)
    if ref in existing:
        r.err("reference", f"{ref!r} already exists in {organisation.slug}")
    if ref in seen_refs:
        r.err("reference", f"{ref!r} appears twice in the file")
    seen_refs.add(ref)
    case = {
        "reference": ref, "title": r.text(raw, "title", 200, required=True), "summary": r.text(raw, "summary"),
        "channel": r.choice(raw, "channel", _values(Channel), Channel.WALK_IN),
        "status": r.choice(raw, "status", _values(Status), Status.INTAKE),
        "opened_on": r.date(raw, "opened_on", required=True), "closed_on": r.date(raw, "closed_on"),
        "host_country": r.country(raw, "host_country"), "host_region": r.region(raw, "host_region"),
        "host_city": r.text(raw, "host_city", 100), "currency": (r.text(raw, "currency") or "RUB").upper(),
        "assigned_to_id": usernames.get(r.text(raw, "assigned_to")),
        "created_by_id": usernames.get(r.text(raw, "created_by")),
    }
    if len(case["currency"]) != 3:
        r.err("currency", "must be a three-letter code")
    return case


def _persons(ctx: _ImportContext, r: _Row, raw: dict, i: int) -> list[dict]:
    """The people of the case; person codes must be unique in the file."""
    errors, existing_codes = ctx.errors, ctx.existing_codes
    persons = []
    for j, p in r.items(raw, "persons"):
        pr = _Row(errors, f"cases[{i}].persons[{j}]")
        code = pr.text(p, "code", 20) or services.new_person_code()
        if code in existing_codes:
            pr.err("code", f"{code!r} appears twice in the file")
        existing_codes.add(code)
        persons.append({
            "code": code, "role": pr.choice(p, "role", _values(Person.Role), Person.Role.CLIENT),
            "name": pr.text(p, "name", 300), "birth_date": pr.date(p, "birth_date"),
            "phone": pr.text(p, "phone", 100), "passport": pr.text(p, "passport", 200),
            "sex": pr.choice(p, "sex", _values(Sex), Sex.UNKNOWN), "gender": pr.text(p, "gender", 40),
            "age_group": pr.choice(p, "age_group", _values(AgeGroup), AgeGroup.UNKNOWN),
            "citizenship": pr.country(p, "citizenship"), "languages": pr.text(p, "languages", 100),
            "migration_card": pr.choice(p, "migration_card", _values(YesNo), YesNo.UNKNOWN),
            "registration": pr.choice(p, "registration", _values(YesNo), YesNo.UNKNOWN),
            "work_permit": pr.choice(p, "work_permit", _values(WorkPermit), WorkPermit.UNKNOWN),
            "entry_ban": pr.choice(p, "entry_ban", _values(YesNo), YesNo.UNKNOWN),
        })
    return persons


def _violations(ctx: _ImportContext, r: _Row, raw: dict, i: int, persons: list[dict]) -> list[dict]:
    """Violations: vocabulary type, victim index, employer object, dates in order."""
    errors, vt = ctx.errors, ctx.vt
    violations = []
    for j, v in r.items(raw, "violations"):
        vr = _Row(errors, f"cases[{i}].violations[{j}]")
        vtype = v.get("type")
        if not isinstance(vtype, str) or vtype not in vt:
            vr.err("type", f"{vtype!r} is not in the violation vocabulary")
        victim = v.get("victim")
        if victim is not None and not (type(victim) is int and 0 <= victim < len(persons)):
            vr.err("victim", "must be the index of a person of this case")
        employer = v.get("employer")
        if employer is not None and not (isinstance(employer, dict) and isinstance(employer.get("name"), str)
                                         and employer.get("name")):
            vr.err("employer", "must be an object with a name")
            employer = None
        elif employer is not None:
            er_ = _Row(errors, f"cases[{i}].violations[{j}].employer")
            for key in ("legal_form", "inn", "ogrn", "bin", "city"):
                er_.text(employer, key, 300)
            er_.country(employer, "country")
            er_.region(employer, "region")
            er_.choice(employer, "kind", frozenset(Employer.Kind.values), Employer.Kind.EMPLOYER)
        start, end = vr.date(v, "started_on"), vr.date(v, "ended_on")
        if start and end and end < start:
            vr.err("ended_on", "is before started_on")
        violations.append({
            "type": vtype, "victim": victim, "started_on": start, "ended_on": end,
            "country": vr.country(v, "country"), "region": vr.region(v, "region"), "city": vr.text(v, "city", 100),
            "employer": employer, "state_actor": vr.choice(v, "state_actor", _values(StateActor)),
            "description": vr.text(v, "description"), "evidence_links": vr.text(v, "evidence_links"),
            "verified": bool(v.get("verified")),
        })
    return violations


def _actions(ctx: _ImportContext, r: _Row, raw: dict, i: int) -> list[dict]:
    """Actions taken."""
    errors = ctx.errors
    actions = [{"kind": ar.choice(a, "kind", _values(ActionKind)) or ar.err("kind", "is required") or "",
                "started_on": ar.date(a, "started_on", required=True), "ended_on": ar.date(a, "ended_on"),
                "result": ar.choice(a, "result", _values(ActionResult), ActionResult.PENDING),
                "note": ar.text(a, "note")}
               for j, a in r.items(raw, "actions") for ar in [_Row(errors, f"cases[{i}].actions[{j}]")]]
    return actions


def _outcomes(ctx: _ImportContext, r: _Row, raw: dict, i: int) -> list[dict]:
    """Outcomes achieved."""
    errors = ctx.errors
    outcomes = [{"kind": orow.choice(o, "kind", _values(OutcomeKind)) or orow.err("kind", "is required") or "",
                 "achieved_on": orow.date(o, "achieved_on", required=True), "amount": orow.decimal(o, "amount"),
                 "currency": orow.text(o, "currency").upper(), "note": orow.text(o, "note")}
                for j, o in r.items(raw, "outcomes")
                for orow in [_Row(errors, f"cases[{i}].outcomes[{j}]")]]
    return outcomes


def _wage_claims(ctx: _ImportContext, r: _Row, raw: dict, i: int, case: dict) -> list[dict]:
    """Wage claims, each recomputed by the wage calculator in the case's currency."""
    errors = ctx.errors
    wage_claims = []
    for j, w in r.items(raw, "wage_claims"):
        wr = _Row(errors, f"cases[{i}].wage_claims[{j}]")
        claim = {"agreed_wage": wr.decimal(w, "agreed_wage", required=True),
                 "unit": wr.choice(w, "unit", _values(WageClaim.Unit), "month"),
                 "period_start": wr.date(w, "period_start"), "period_end": wr.date(w, "period_end"),
                 "units_worked": wr.decimal(w, "units_worked"),
                 "amount_paid": wr.decimal(w, "amount_paid", default=Decimal(0)),
                 "overtime_hours": wr.decimal(w, "overtime_hours", default=Decimal(0)),
                 "overtime_rate": wr.decimal(w, "overtime_rate", default=Decimal(0)),
                 "due_on": wr.date(w, "due_on"), "settled_on": wr.date(w, "settled_on"), "note": wr.text(w, "note")}
        try:
            if claim["agreed_wage"] is not None:
                claim["amount_owed"] = services.compute_wage_claim(
                    currency=case["currency"], **{k: v for k, v in claim.items() if k not in services.WAGE_CLAIM_NON_INPUTS}).owed
        except Exception as exc:  # ValidationError from the calculator
            wr.err("", "; ".join(getattr(exc, "messages", [str(exc)])))
        wage_claims.append(claim)
    return wage_claims


def _deadlines(ctx: _ImportContext, r: _Row, raw: dict, i: int) -> list[dict]:
    """Deadlines."""
    errors = ctx.errors
    deadlines = [{"due_on": dr.date(d, "due_on", required=True), "title": dr.text(d, "title", 200, required=True),
                  "done_on": dr.date(d, "done_on")}
                 for j, d in r.items(raw, "deadlines") for dr in [_Row(errors, f"cases[{i}].deadlines[{j}]")]]
    return deadlines


def _transitions(ctx: _ImportContext, r: _Row, raw: dict, i: int) -> list[dict]:
    """Status history."""
    errors, usernames = ctx.errors, ctx.usernames
    transitions = []
    for j, t in r.items(raw, "transitions"):
        tr = _Row(errors, f"cases[{i}].transitions[{j}]")
        try:
            at = datetime.datetime.fromisoformat(t.get("at") or "")
        except (TypeError, ValueError):
            tr.err("at", "is not a date-time")
            at = None
        transitions.append({"from_status": tr.choice(t, "from", _values(Status)),
                            "to_status": tr.choice(t, "to", _values(Status)),
                            "reason": tr.text(t, "reason", required=True), "at": at,
                            "by_id": usernames.get(tr.text(t, "by"))})
    return transitions


def _consents(ctx: _ImportContext, r: _Row, raw: dict, i: int, persons: list[dict]) -> list[dict]:
    """Consents: the person's index, known organisations and field groups."""
    errors, orgs = ctx.errors, ctx.orgs
    consents = []
    for j, c in r.items(raw, "consents"):
        cr = _Row(errors, f"cases[{i}].consents[{j}]")
        person = c.get("person")
        if not (type(person) is int and 0 <= person < len(persons)):
            cr.err("person", "must be the index of a person of this case")
        share = []
        for slug in cr.strings(c, "share_with"):
            if slug not in orgs:
                cr.err("share_with", f"unknown organisation {slug!r}")
            else:
                share.append(orgs[slug])
        field_groups = cr.strings(c, "fields")
        bad = set(field_groups) - set(FieldGroup.values)
        if bad:
            cr.err("fields", f"unknown field groups {sorted(bad)}")
        consents.append({"person": person, "share_with": share, "fields": sorted(set(field_groups)),
                         "allows_store": bool(c.get("allows_store", True)),
                         "allows_statistics": bool(c.get("allows_statistics")),
                         "allows_publication": bool(c.get("allows_publication")),
                         "valid_until": cr.date(c, "valid_until"), "given_on": cr.date(c, "given_on", required=True),
                         "withdrawn_on": cr.date(c, "withdrawn_on")})
    return consents


def _evidence(ctx: _ImportContext, r: _Row, raw: dict, i: int) -> list[dict]:
    """Evidence files: base64 content matching its SHA-256, allowed type and size."""
    errors = ctx.errors
    evidence = []
    for j, e in r.items(raw, "evidence"):
        er = _Row(errors, f"cases[{i}].evidence[{j}]")
        content = e.get("content_base64")
        data = None
        if content is not None and not isinstance(content, str):
            er.err("content_base64", "must be text")
        elif content is not None:
            try:
                data = base64.b64decode(content, validate=True)
            except ValueError:
                er.err("content_base64", "is not base64")
            if data is not None and hashlib.sha256(data).hexdigest() != e.get("sha256"):
                er.err("sha256", "does not match the content")
            if data is not None and len(data) > services.MAX_EVIDENCE_BYTES:
                er.err("content_base64", "larger than 10 MB")
        if not isinstance(e.get("content_type"), str) or e["content_type"] not in services.EVIDENCE_TYPES:
            er.err("content_type", "not an allowed type")
        evidence.append({"name": er.text(e, "name", 200), "description": er.text(e, "description", 200),
                         "content_type": e.get("content_type", ""), "data": data})
    return evidence


def _employer(data: dict, cache: dict) -> Employer:
    key = (data.get("inn") or data.get("ogrn") or data.get("bin") or "", data["name"])
    if key in cache:
        return cache[key]
    employer = None
    for field in ("inn", "ogrn", "bin"):
        if data.get(field):
            employer = Employer.objects.filter(**{field: data[field]}).first()
            if employer:
                break
    if employer is None:
        employer = Employer.objects.filter(name=data["name"]).first()
    if employer is None:
        employer = Employer.objects.create(**{k: data.get(k) or "" for k in (
            "name", "legal_form", "inn", "ogrn", "bin", "country", "region", "city")},
            kind=data.get("kind") or Employer.Kind.EMPLOYER)
    cache[key] = employer
    return employer


def import_document(document, organisation: Organisation, *, actor=None, progress=None) -> int:
    """Validate everything, then write everything in one transaction. Returns the number of cases."""
    parsed = validate_document(document, organisation)
    employers: dict = {}
    batch = 2000
    with transaction.atomic():
        for start in range(0, len(parsed), batch):
            chunk = parsed[start:start + batch]
            _write_chunk(chunk, organisation, actor, employers)
            if progress:
                progress(len(chunk))
        audit.record(actor, "create", object_type="cases.case", organisation=organisation,
                     detail={"import": len(parsed)})
    return len(parsed)


def _write_chunk(chunk: list[dict], organisation: Organisation, actor, employers: dict) -> None:
    """Write a chunk of validated cases with their people and records (bulk inserts), then their facts."""
    now = timezone.now()
    cases = [_new_case(item, organisation, now) for item in chunk]
    Case.objects.bulk_create(cases, batch_size=1000)
    per_case_persons = _create_persons(cases, chunk)
    _create_case_records(cases, chunk, per_case_persons, actor, employers)
    _create_consents_and_evidence(cases, chunk, per_case_persons)
    refresh_facts([case.pk for case in cases])


def _new_case(item: dict, organisation: Organisation, now: datetime.datetime) -> Case:
    """An unsaved case with the denormalised columns services.refresh_search keeps (client profile, search
    key, blind name index, violation codes), computed from the parsed rows: the case is bulk-inserted."""
    c = item["case"]
    case = Case(organisation=organisation, created_at=now, updated_at=now, **c)
    persons = item["persons"]
    client = next((p for p in persons if p["role"] == Person.Role.CLIENT), None)
    if client:
        case.client_sex, case.client_age_group = client["sex"], client["age_group"]
        case.client_citizenship = client["citizenship"]
    case.search_key = case_search_key(
        c["reference"], c["title"], c["summary"], c["host_city"],
        ((v["description"], v["city"], v["employer"]["name"] if v["employer"] else None,
          v["employer"].get("inn", "") if v["employer"] else None) for v in item["violations"]))
    case.name_index = case_name_index((p["name"] for p in persons), organisation.pk)
    case.violation_codes = " ".join(sorted({v["type"] for v in item["violations"]}))
    return case


def _create_persons(cases: list[Case], chunk: list[dict]) -> list[list[Person]]:
    """The people of each case, in the order of the file (violations and consents refer to them by index)."""
    person_objs, per_case_persons = [], []
    for case, item in zip(cases, chunk, strict=True):
        objs = [Person(case=case, **p) for p in item["persons"]]
        person_objs += objs
        per_case_persons.append(objs)
    Person.objects.bulk_create(person_objs, batch_size=1000)
    return per_case_persons


def _create_case_records(cases: list[Case], chunk: list[dict], per_case_persons: list[list[Person]], actor,
                         employers: dict) -> None:
    """Violations, actions, outcomes, wage claims, deadlines, status history and a first revision per case."""
    violations, actions, outcomes, claims, deadlines, transitions, revisions = [], [], [], [], [], [], []
    for case, item, persons in zip(cases, chunk, per_case_persons, strict=True):
        for v in item["violations"]:
            v = dict(v)
            victim = v.pop("victim")
            employer = v.pop("employer")
            violations.append(Violation(case=case, victim=persons[victim] if victim is not None else None,
                                        employer=_employer(employer, employers) if employer else None, **v))
        actions += [Action(case=case, created_by=None, **a) for a in item["actions"]]
        outcomes += [Outcome(case=case, **o) for o in item["outcomes"]]
        claims += [WageClaim(case=case, **w) for w in item["wage_claims"]]
        deadlines += [Deadline(case=case, **d) for d in item["deadlines"]]
        transitions += [CaseTransition(case=case, **t) for t in item["transitions"]]
        revisions.append(CaseRevision(case=case, version=1, by=actor if actor else None, summary="imported"))
    for model, objs in ((Violation, violations), (Action, actions), (Outcome, outcomes), (WageClaim, claims),
                        (Deadline, deadlines), (CaseTransition, transitions), (CaseRevision, revisions)):
        model.objects.bulk_create(objs, batch_size=1000)


def _create_consents_and_evidence(cases: list[Case], chunk: list[dict],
                                  per_case_persons: list[list[Person]]) -> None:
    """One by one, not in bulk: a consent has its share_with relation, evidence is encrypted into a file."""
    for case, item, persons in zip(cases, chunk, per_case_persons, strict=True):
        for c in item["consents"]:
            c = dict(c)
            share = c.pop("share_with")
            consent = Consent.objects.create(case=case, person=persons[c.pop("person")], **c)
            consent.share_with.set(share)
        for e in item["evidence"]:
            if e["data"] is not None:
                services.store_evidence(case, actor=None, name=e["name"], content_type=e["content_type"],
                                        data=e["data"], description=e["description"])


# --- CSV without personal fields -------------------------------------------------------------------

CSV_HEADER = ["reference", "organisation_id", "status", "channel", "opened_on", "closed_on", "host_country",
              "host_region", "host_city", "client_sex", "client_age_group", "client_citizenship", "violation_types",
              "actions", "outcomes", "wages_recovered", "currency"]


CSV_CASE_COLUMNS = ("id", "reference", "organisation_id", "status", "channel", "opened_on", "closed_on",
                    "host_country", "host_region", "host_city", "client_sex", "client_age_group",
                    "client_citizenship", "violation_codes", "currency")
CSV_CHUNK = 2000


def csv_rows(cases):
    """The CSV header, then one row per case without personal fields. Cases are read in chunks of
    CSV_CHUNK by id (keyset), as plain tuples, each chunk's actions and outcomes in one query each: memory
    stays flat whatever the number of cases, and no model object is built."""
    yield CSV_HEADER
    cases = cases.order_by("id")
    last_id = 0
    while True:
        chunk = list(cases.filter(id__gt=last_id).values_list(*CSV_CASE_COLUMNS)[:CSV_CHUNK])
        if not chunk:
            return
        ids = [row[0] for row in chunk]
        actions: dict[int, list[str]] = {}
        for case_id, kind in Action.objects.filter(case_id__in=ids).values_list("case_id", "kind"):
            actions.setdefault(case_id, []).append(kind)
        outcomes: dict[int, list[str]] = {}
        recovered: dict[int, Decimal] = {}
        for case_id, kind, amount in Outcome.objects.filter(case_id__in=ids).values_list("case_id", "kind", "amount"):
            outcomes.setdefault(case_id, []).append(kind)
            if kind == OutcomeKind.WAGES_RECOVERED:
                recovered[case_id] = recovered.get(case_id, 0) + (amount or 0)
        for (case_id, reference, organisation_id, status, channel, opened_on, closed_on, host_country, host_region,
             host_city, sex, age_group, citizenship, codes, currency) in chunk:
            yield [reference, organisation_id, status, channel, _d(opened_on), _d(closed_on), host_country,
                   host_region, host_city, sex, age_group, citizenship, codes, " ".join(actions.get(case_id, ())),
                   " ".join(outcomes.get(case_id, ())), recovered.get(case_id, 0), currency]
        last_id = ids[-1]


def write_csv(writer, cases) -> int:
    writer = SafeCsvWriter(writer)  # free text (city, codes) must not run as a spreadsheet formula
    count = -1  # the header is not a case
    for row in csv_rows(cases):
        writer.writerow(row)
        count += 1
    return count


def new_storage_name() -> str:
    return secrets.token_hex(16)


__all__ = ["export_cases", "import_document", "validate_document", "write_csv", "csv_rows", "ImportErrors", "EvidenceFile"]
