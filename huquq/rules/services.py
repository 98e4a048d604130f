"""Writes: lawyers propose rule changes; a second reviewer approves or rejects them."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from huquq.accounts import audit
from huquq.rules.engine import RulebookError, check, parse_rule_text

from .models import RuleChange

PROPOSER_ROLES = ("lawyer",)
REVIEWER_ROLES = ("lawyer", "org_admin")


def _seeds_dir():
    path = Path(settings.SEEDS_DIR)
    return path if path.is_dir() else None


def validate_change(body: str, *, exclude_pk: int | None = None) -> dict:
    """The single rule in `body`, checked together with the files and every other approved change."""
    try:
        rules = parse_rule_text(body, origin="proposed change")
    except RulebookError as exc:
        raise ValidationError(exc.problems) from None
    if len(rules) != 1 or not isinstance(rules[0], dict):
        raise ValidationError(_("A change must contain exactly one rule."))
    others = []
    for change in RuleChange.objects.filter(status=RuleChange.Status.APPROVED).exclude(pk=exclude_pk):  # type: ignore[misc]  # pk=None excludes nothing
        others.extend(parse_rule_text(change.body, origin=f"change #{change.pk}"))
    problems = check(seeds_dir=_seeds_dir(), extra_rules=others + rules)
    if problems:
        raise ValidationError(problems)
    return rules[0]


def propose_change(user, body: str, rationale: str = "") -> RuleChange:
    if not (user.is_superuser or user.has_role(*PROPOSER_ROLES)):
        raise PermissionDenied
    rule = validate_change(body)
    change = RuleChange.objects.create(rule_id=rule["id"], body=body, rationale=rationale, proposed_by=user)
    audit.record(user, "create", change, detail={"rule_id": change.rule_id})
    return change


@transaction.atomic
def review_change(user, change: RuleChange, *, approve: bool, note: str = "") -> RuleChange:
    if not (user.is_superuser or user.has_role(*REVIEWER_ROLES)):
        raise PermissionDenied
    if change.proposed_by_id == user.pk:
        raise PermissionDenied(_("A change must be reviewed by someone other than its author."))
    if change.status != RuleChange.Status.PROPOSED:
        raise ValidationError(_("This change has already been reviewed."))
    if approve:
        validate_change(change.body, exclude_pk=change.pk)
    change.status = RuleChange.Status.APPROVED if approve else RuleChange.Status.REJECTED
    change.reviewed_by, change.reviewed_at, change.review_note = user, timezone.now(), note
    change.save()
    audit.record(user, "update", change, detail={"rule_id": change.rule_id, "status": change.status})
    return change

