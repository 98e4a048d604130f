"""Writes for organisations and their members; the CLI, demo loader and admin pages call these."""

from __future__ import annotations

from django.db import transaction
from django.utils.text import slugify

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
