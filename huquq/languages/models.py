"""Whether a fluent lawyer has reviewed each language's translation.

A language with no current approval shows, on every page, one line saying that the translation has not
been checked and the Russian text is authoritative. Approvals and withdrawals go through
`services.approve` / `services.withdraw`, which record themselves in the audit log.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class LanguageReview(models.Model):
    language = models.CharField(_("language"), max_length=10, unique=True)
    reviewer_name = models.CharField(_("reviewer (fluent lawyer)"), max_length=200)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("recorded by"),
    )
    approved_at = models.DateTimeField(_("approved at"))
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("translation review")
        verbose_name_plural = _("translation reviews")

    def __str__(self):
        return f"{self.language}: {self.reviewer_name}"

    @property
    def is_current(self) -> bool:
        return self.withdrawn_at is None
