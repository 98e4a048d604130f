"""Reads for organisations, members and the audit log, scoped to the reader."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.apps import apps
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import AuditEntry, Role, User
from .tenancy import scoped_to


def members_visible_to(user) -> QuerySet[User]:
    return scoped_to(user, User.objects.select_related("organisation")).order_by("username")


def staff_of(admin) -> QuerySet[User]:
    """The members an administrator manages: their own organisation's, nobody else's (none for others)."""
    if not (getattr(admin, "is_authenticated", False) and admin.is_active and admin.role == Role.ORG_ADMIN
            and admin.organisation_id):
        return User.objects.none()
    return User.objects.filter(organisation_id=admin.organisation_id).order_by("-is_active", "username")


def audit_entries_visible_to(user) -> QuerySet[AuditEntry]:
    if not (user.is_superuser or getattr(user, "is_org_admin", False)):
        return AuditEntry.objects.none()
    return scoped_to(user, AuditEntry.objects.select_related("actor")).order_by("-id")


@dataclass(frozen=True)
class AuditFilters:
    person: User | None = None
    case_reference: str = ""
    action: str = ""
    date_from: datetime.date | None = None
    date_to: datetime.date | None = None


def _day_start(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def case_entries_q(case_ids) -> Q:
    """Entries about these cases: the case itself and every record of the casework app that belongs to it
    (violations, actions, persons, consents ...: any model with a foreign key named `case`)."""
    case_ids = list(case_ids)
    q = Q(object_type="cases.case", object_id__in=[str(pk) for pk in case_ids])
    for model in apps.get_app_config("cases").get_models():
        field_names = {f.name for f in model._meta.get_fields()}
        if "case" in field_names and model._meta.get_field("case").is_relation:
            # every casework model has `objects` (the stubs only know a Model class)
            ids = model.objects.filter(case_id__in=case_ids).values_list("pk", flat=True)  # type: ignore[attr-defined]
            label = f"{model._meta.app_label}.{model._meta.model_name}"
            q |= Q(object_type=label, object_id__in=[str(pk) for pk in ids])
    return q


def filtered_audit_entries(user, filters: AuditFilters) -> QuerySet[AuditEntry]:
    """The audit entries `user` may read, narrowed by person, case, action and date range (inclusive)."""
    qs = audit_entries_visible_to(user)
    if filters.person is not None:
        qs = qs.filter(actor_id=filters.person.pk)
    if filters.action:
        qs = qs.filter(action=filters.action)
    if filters.date_from:
        qs = qs.filter(at__gte=_day_start(filters.date_from))
    if filters.date_to:
        qs = qs.filter(at__lt=_day_start(filters.date_to + datetime.timedelta(days=1)))
    if filters.case_reference:
        # By the model's label, as the entries name it: accounts is the base app and imports no other app.
        cases = apps.get_model("cases", "Case").objects.filter(reference__iexact=filters.case_reference.strip())
        if not user.is_superuser:
            cases = cases.filter(organisation_id=user.organisation_id)
        qs = qs.filter(case_entries_q(cases.values_list("pk", flat=True)))
    return qs


# --- human-readable names of audited objects -------------------------------------------------------------

# Object types that name a page or a list rather than one stored row.
PAGE_LABELS = {
    "accounts.auditentry": _("Audit log"),
    "accounts.organisation": _("Organisation"),
    "cases.deadline": _("Deadlines"),
    "reports.case_statistics": _("Case statistics"),
    "reports.shadow_tables": _("Shadow report tables"),
    "monitoring.scorecard": _("Monitoring scorecard"),
}


def _model(object_type: str):
    try:
        return apps.get_model(object_type)
    except (LookupError, ValueError):
        return None


def _row_names(model, ids: list[str]) -> dict[str, str]:
    """Names of rows that identify nobody: a case's reference, a user name, an organisation's or employer's
    name; a record inside a case is named by its case's reference. Never a person's (encrypted) name."""
    pks = [pk for pk in ids if pk.isdigit()]
    if not pks:
        return {}
    fields = {f.name for f in model._meta.get_fields()}
    qs = model.objects.filter(pk__in=pks)
    if "reference" in fields:
        rows = qs.values_list("pk", "reference")
    elif model is User:
        rows = qs.values_list("pk", "username")
    elif "code" in fields and "case" in fields:  # a person: pseudonymous code and the case
        rows = [(pk, f"{code} · {ref}") for pk, code, ref in qs.values_list("pk", "code", "case__reference")]
    elif "case" in fields and model._meta.get_field("case").is_relation:
        rows = qs.values_list("pk", "case__reference")
    elif "name" in fields and model._meta.label_lower in ("accounts.organisation", "registry.employer"):
        rows = qs.values_list("pk", "name")
    else:
        return {}
    return {str(pk): str(name) for pk, name in rows}


def describe_entries(entries) -> list[dict]:
    """For each entry, what a person reads: the kind of object in the page language and its name
    (e.g. "Case 2026-KG-0008" instead of "cases.case 8"). One query per object type on the page."""
    entries = list(entries)
    wanted: dict[str, set[str]] = {}
    for entry in entries:
        if entry.object_id:
            wanted.setdefault(entry.object_type, set()).add(entry.object_id)
    names: dict[tuple[str, str], str] = {}
    kinds: dict[str, str] = {}
    for object_type, ids in wanted.items():
        model = _model(object_type)
        if model is not None:
            names.update({(object_type, pk): name for pk, name in _row_names(model, sorted(ids)).items()})
    rows = []
    for entry in entries:
        if entry.object_type not in kinds:
            model = _model(entry.object_type)
            label = PAGE_LABELS.get(entry.object_type) or (model._meta.verbose_name if model else entry.object_type)
            kinds[entry.object_type] = str(label)
        name = names.get((entry.object_type, entry.object_id), "")
        if not name and entry.object_id:
            name = f"#{entry.object_id}"
        if not entry.object_id and isinstance(entry.detail, dict) and "list" in entry.detail:
            name = str(_("list"))
        rows.append({"entry": entry, "kind": kinds[entry.object_type].capitalize(), "name": name})
    return rows
