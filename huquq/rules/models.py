"""Lawyers' reviewed changes to the rulebook.

A change holds one rule in the rulebook's own format (YAML or JSON text), validated by the same validator
as the files. A lawyer proposes it; a second person (another lawyer, an org_admin or a superuser) approves
or rejects it. Approved changes are merged with the rulebook files; a rule that `supersedes` another ends the
old one the day before it starts, so the old rule keeps answering for earlier dates.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class RuleChange(models.Model):
    class Status(models.TextChoices):
        PROPOSED = "proposed", _("Proposed")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")

    rule_id = models.CharField(_("rule id"), max_length=150, db_index=True)
    body = models.TextField(_("rule (YAML or JSON)"))
    rationale = models.TextField(_("why this change"), blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PROPOSED,
                              db_index=True)
    proposed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                    related_name="rule_changes_proposed", verbose_name=_("proposed by"))
    proposed_at = models.DateTimeField(_("proposed at"), auto_now_add=True)
    reviewed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                    related_name="rule_changes_reviewed", verbose_name=_("reviewed by"))
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    review_note = models.TextField(_("review note"), blank=True)

    class Meta:
        ordering = ["-proposed_at", "-id"]
        verbose_name = _("rule change")
        verbose_name_plural = _("rule changes")

    def __str__(self):
        return f"{self.rule_id} ({self.get_status_display()})"
