"""Writes for organisations and their members; the CLI, demo loader and admin pages call these."""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from django.contrib.auth import password_validation
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from . import audit, timezones
from .models import Organisation, Role, User


@transaction.atomic
def create_organisation(*, name: str, kind: str = Organisation.Kind.NGO, country: str = "",
                        serves_nationals_of: str = "", slug: str = "", actor=None, time_zone: str = "") -> Organisation:
    org = Organisation.objects.create(
        name=name, slug=slug or slugify(name)[:60] or "org", kind=kind, country=country.upper(),
        serves_nationals_of=serves_nationals_of.upper(), time_zone=time_zone or timezones.zone_for_country(country),
    )
    audit.record(actor, "create", org, organisation=org)
    return org


def set_time_zone(*, actor, organisation: Organisation, time_zone: str) -> Organisation:
    """An organisation administrator chooses the zone its deadlines and times are shown in (audited)."""
    if time_zone not in timezones.ZONE_NAMES:
        raise ValueError(f"unknown time zone {time_zone!r}")
    before = organisation.time_zone
    if before != time_zone:
        organisation.time_zone = time_zone
        organisation.save(update_fields=["time_zone"])
        audit.record(actor, "update", organisation, detail={"time_zone": [before, time_zone]})
    return organisation


@transaction.atomic
def create_member(*, organisation: Organisation, username: str, role: str, password: str | None = None,
                  email: str = "", actor=None, **extra) -> User:
    if role not in Role.values:
        raise ValueError(f"unknown role {role!r}; choose one of {', '.join(Role.values)}")
    user = User(username=username, email=email, organisation=organisation, role=role, **extra)
    if password:
        user.set_password(password)
    else:
        user.set_unusable_password()
    user.save()
    audit.record(actor, "create", user, organisation=organisation, detail={"role": role})
    return user


@transaction.atomic
def set_two_factor_requirement(*, actor, organisation: Organisation, required: bool) -> Organisation:
    """An organisation's administrator turns the two-factor requirement for lawyers and admins on or off."""
    _lock_as_admin(actor, organisation.pk)
    organisation.require_two_factor = required
    organisation.save(update_fields=["require_two_factor"])
    audit.record(actor, "update", organisation, detail={"require_two_factor": required})
    return organisation


# --- staff management by an organisation's administrators ------------------------------------------------
#
# Each use case below is one transaction that first locks the organisation's row (SELECT ... FOR UPDATE on
# PostgreSQL; on SQLite a write transaction already excludes other writers). Two administrators changing each
# other at the same moment are therefore serialised, and the second one counts the administrators the first
# one left: an organisation can never end up with no active administrator.

class StaffError(ValidationError):
    """A staff change that Huquq refuses (it would leave no administrator, or the name is taken)."""


def _lock_as_admin(actor, organisation_id: int) -> Organisation:
    """Check the actor, lock the organisation's row, then check the actor again as stored now: an
    administrator demoted or deactivated a moment ago by a colleague can no longer act."""
    _require_org_admin(actor, organisation_id)
    organisation = Organisation.objects.select_for_update().get(pk=organisation_id)
    if not actor.is_superuser and not User.objects.filter(
            pk=actor.pk, is_active=True, role=Role.ORG_ADMIN, organisation_id=organisation_id).exists():
        raise PermissionDenied
    return organisation


def _require_org_admin(actor, organisation_id: int) -> None:
    """Only an active administrator of this very organisation (or a site superuser) manages its staff."""
    if actor is None or not getattr(actor, "is_authenticated", False) or not actor.is_active:
        raise PermissionDenied
    if actor.is_superuser:
        return
    if not (actor.role == Role.ORG_ADMIN and actor.organisation_id == organisation_id):
        raise PermissionDenied


def active_admin_count(organisation_id: int) -> int:
    return User.objects.filter(organisation_id=organisation_id, role=Role.ORG_ADMIN, is_active=True).count()


def _ensure_an_admin_remains(organisation_id: int) -> None:
    if active_admin_count(organisation_id) == 0:
        raise StaffError(_("The organisation must keep at least one active administrator. "
                           "Make someone else an administrator first."), code="last_admin")


def _locked_member(actor, member: User) -> User:
    """Lock the member's organisation, then re-read the member inside the lock (never trust a stale copy)."""
    if member.organisation_id is None:
        raise PermissionDenied
    _lock_as_admin(actor, member.organisation_id)
    return User.objects.select_for_update().get(pk=member.pk)


def generate_password() -> str:
    """A random temporary password for a new colleague or a reset: 4 groups of 4 letters and digits."""
    alphabet = "abcdefghjkmnpqrstuvwxyz23456789"  # no 0/o, 1/l/i: read aloud or copied by hand
    return "-".join("".join(secrets.choice(alphabet) for _ in range(4)) for _ in range(4))


@dataclass(frozen=True)
class StaffChange:
    member: User
    password: str = ""  # the temporary password, shown once to the administrator; never stored in clear


@transaction.atomic
def add_colleague(*, actor, organisation: Organisation, username: str, role: str, email: str = "",
                  first_name: str = "", last_name: str = "", password: str = "") -> StaffChange:
    """Add a colleague with a role. Without a password, a temporary one is generated and returned once."""
    _lock_as_admin(actor, organisation.pk)
    if role not in Role.values:
        raise StaffError(_("Choose a role."), code="role")
    if User.objects.filter(username__iexact=username).exists():
        raise StaffError(_("This user name is already taken."), code="username")
    chosen = password or generate_password()
    candidate = User(username=username, email=email, first_name=first_name, last_name=last_name,
                     organisation=organisation, role=role)
    password_validation.validate_password(chosen, candidate)
    user = create_member(organisation=organisation, username=username, role=role, password=chosen, email=email,
                         actor=actor, first_name=first_name, last_name=last_name)
    return StaffChange(user, "" if password else chosen)


@transaction.atomic
def change_role(*, actor, member: User, role: str) -> User:
    if role not in Role.values:
        raise StaffError(_("Choose a role."), code="role")
    member = _locked_member(actor, member)
    old = member.role
    if old == role:
        return member
    member.role = role
    member.save(update_fields=["role"])
    _ensure_an_admin_remains(member.organisation_id)  # type: ignore[arg-type]  # _locked_member: not None
    audit.record(actor, "update", member, organisation=member.organisation, detail={"role": [old, role]})
    return member


@transaction.atomic
def set_active(*, actor, member: User, active: bool) -> User:
    """Deactivate (lock out at once: an inactive user's sessions stop being accepted) or reactivate."""
    member = _locked_member(actor, member)
    if member.is_active == active:
        return member
    member.is_active = active
    member.save(update_fields=["is_active"])
    _ensure_an_admin_remains(member.organisation_id)  # type: ignore[arg-type]  # _locked_member: not None
    audit.record(actor, "update", member, organisation=member.organisation, detail={"is_active": active})
    return member


@transaction.atomic
def reset_password(*, actor, member: User, password: str = "") -> StaffChange:
    """Give a colleague a new password (a generated one unless given); their open sessions end."""
    member = _locked_member(actor, member)
    chosen = password or generate_password()
    password_validation.validate_password(chosen, member)
    member.set_password(chosen)
    member.save(update_fields=["password"])
    audit.record(actor, "update", member, organisation=member.organisation, detail={"fields": ["password"]})
    return StaffChange(member, "" if password else chosen)
