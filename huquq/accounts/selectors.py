"""Reads for organisations, members and the audit log, scoped to the reader."""

from __future__ import annotations

from .models import AuditEntry, User
from .tenancy import scoped_to


def members_visible_to(user):
    return scoped_to(user, User.objects.select_related("organisation")).order_by("username")


def audit_entries_visible_to(user):
    if not (user.is_superuser or getattr(user, "is_org_admin", False)):
        return AuditEntry.objects.none()
    return scoped_to(user, AuditEntry.objects.select_related("actor")).order_by("-id")
