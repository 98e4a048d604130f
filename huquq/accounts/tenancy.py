"""Per-organisation access: every query for tenant data goes through these helpers.

A model owned by one organisation has a foreign key named `organisation`; `scoped_to(user, qs)` keeps
only the rows a user may see. Site superusers see everything; anyone else sees only their own
organisation's rows (later apps narrow further by role, e.g. intake sees only what it created).
"""

from __future__ import annotations

from functools import wraps

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet


def scoped_to(user, queryset: QuerySet, field: str = "organisation") -> QuerySet:
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return queryset.none()
    if user.is_superuser:
        return queryset
    if user.organisation_id is None:
        return queryset.none()
    return queryset.filter(**{f"{field}_id": user.organisation_id})


def role_required(*roles: str):
    """View decorator: the user must be logged in and hold one of `roles` (superusers pass)."""

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            from django.contrib.auth.views import redirect_to_login

            user = request.user
            if not user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not (user.is_superuser or user.has_role(*roles)):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapper

    return decorator
