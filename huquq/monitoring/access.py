"""Who may do what in monitoring: the one place these rules live.

- monitor and org_admin: record visits, fill in questionnaires, import exports, upload XLSForms, for their
  own organisation; add offices and edit them (offices are shared by every organisation; those loaded
  from the seeds are changed in offices.yaml, with their source, not on the site);
- monitor, org_admin, analyst, caseworker, lawyer: read their organisation's visits and scorecards;
- consular: the scorecards of the offices linked to their own organisation (Office.organisation), computed
  from every organisation's submissions about that office; aggregates only, small cells suppressed;
- nobody reads another organisation's submissions; superusers see everything.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied

from huquq.accounts.models import Role

ENTRY_ROLES = (Role.MONITOR, Role.ORG_ADMIN)
READ_ROLES = (Role.MONITOR, Role.ORG_ADMIN, Role.ANALYST, Role.CASEWORKER, Role.LAWYER)


def _active(user) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.is_active)


def can_enter(user) -> bool:
    return _active(user) and (user.is_superuser or (user.organisation_id is not None and user.role in ENTRY_ROLES))


def can_edit_offices(user) -> bool:
    return can_enter(user)


def can_read(user) -> bool:
    return _active(user) and (user.is_superuser or (user.organisation_id is not None and user.role in READ_ROLES))


def is_consular(user) -> bool:
    return _active(user) and not user.is_superuser and user.role == Role.CONSULAR and user.organisation_id


def can_see_scorecards(user) -> bool:
    return can_read(user) or bool(is_consular(user))


def require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied
