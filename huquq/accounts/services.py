"""Writes for organisations and their members; the CLI, demo loader and admin pages call these."""

from __future__ import annotations

from django.db import transaction
from django.utils.text import slugify

from . import audit
from .models import Organisation, Role, User


@transaction.atomic
def create_organisation(*, name: str, kind: str = Organisation.Kind.NGO, country: str = "",
                        serves_nationals_of: str = "", slug: str = "", actor=None) -> Organisation:
    org = Organisation.objects.create(
        name=name, slug=slug or slugify(name)[:60] or "org", kind=kind, country=country.upper(),
        serves_nationals_of=serves_nationals_of.upper(),
    )
    audit.record(actor, "create", org, organisation=org)
    return org


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
