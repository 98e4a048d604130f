"""The employer register: employers and intermediaries, their name variants, merge history and the warnings list
(issue 3).

Reads live in `registry.employers.selectors`, writes in `registry.employers.services`; the publication rule of
the warnings list is in `registry.employers.warnings`, the pure-Python matching engine in
`registry.employers.matching`.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Employer(models.Model):
    """An employer or intermediary as one entity, whatever spelling a report used (see issue 3)."""

    class Kind(models.TextChoices):
        EMPLOYER = "employer", _("Employer")
        INTERMEDIARY = "intermediary", _("Intermediary")
        RECRUITMENT_AGENCY = "recruitment_agency", _("Recruitment agency")

    name = models.CharField(_("name"), max_length=300)
    legal_form = models.CharField(_("legal form"), max_length=20, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.EMPLOYER)
    inn = models.CharField(_("INN (Russia)"), max_length=12, blank=True, db_index=True)
    ogrn = models.CharField(_("OGRN (Russia)"), max_length=15, blank=True, db_index=True)
    bin = models.CharField(_("BIN (Kazakhstan)"), max_length=12, blank=True, db_index=True)
    country = models.CharField(_("country"), max_length=2, blank=True)
    region = models.CharField(_("region (ISO 3166-2)"), max_length=6, blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
    okved = models.CharField(_("sector (OKVED)"), max_length=8, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    # added by migration 0002 (register and warnings list)
    merged_into = models.ForeignKey("self", on_delete=models.PROTECT, null=True, blank=True,
                                    related_name="absorbed", verbose_name=_("merged into"))
    name_key = models.CharField(_("normalised key"), max_length=300, blank=True, db_index=True, editable=False)
    updated_at = models.DateTimeField(auto_now=True, null=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("employer or intermediary")
        verbose_name_plural = _("employers and intermediaries")

    def __str__(self):
        return f"{self.legal_form} {self.name}".strip()

    def save(self, *args, **kwargs):
        from .matching.normalise import normalise

        self.name_key = normalise(self.name).key[:300]
        super().save(*args, **kwargs)

    def clean(self):
        from django.core.exceptions import ValidationError

        from .matching import identifiers

        errors = {}
        checks = [("inn", identifiers.inn_is_valid), ("ogrn", identifiers.ogrn_is_valid),
                  ("bin", identifiers.bin_is_valid)]
        for field_name, check in checks:
            value = identifiers.clean(getattr(self, field_name))
            setattr(self, field_name, value)
            if value and not check(value):
                errors[field_name] = _("Not a valid number: %(why)s.") % {
                    "why": identifiers.explain_invalid(value)}
        if errors:
            raise ValidationError(errors)


# ---------------------------------------------------------------------------------------------------------
# Employer register: name variants, merge history, warnings list (issue 3). The matching engine itself is
# pure Python in registry/employers/matching/; the publication rule is in registry/employers/warnings.py.
# ---------------------------------------------------------------------------------------------------------


class EmployerName(models.Model):
    """One spelling of an employer's name as a report, a moderator or an import gave it."""

    class Source(models.TextChoices):
        REPORT = "report", _("report")
        MODERATOR = "moderator", _("moderator")
        IMPORT = "import", _("import")

    employer = models.ForeignKey(Employer, on_delete=models.CASCADE, related_name="names",
                                 verbose_name=_("employer"))
    name = models.CharField(_("name as written"), max_length=300)
    name_key = models.CharField(_("normalised key"), max_length=300, db_index=True, editable=False)
    legal_form = models.CharField(_("legal form"), max_length=20, blank=True)
    source = models.CharField(_("source"), max_length=20, choices=Source.choices, default=Source.REPORT)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["employer_id", "id"]
        verbose_name = _("name variant")
        verbose_name_plural = _("name variants")

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        from .matching.normalise import legal_form_short, normalise

        norm = normalise(self.name)
        self.name_key = norm.key[:300]
        if not self.legal_form and norm.legal_forms:
            self.legal_form = legal_form_short(norm.legal_forms[0])
        super().save(*args, **kwargs)


class EmployerChange(models.Model):
    """Merge history: every merge, split and undo, automatic or by a moderator, with its reason.

    A merge never moves or deletes anything: the absorbed employer points to the survivor through
    `Employer.merged_into`, so undoing it only clears that pointer.
    """

    class Kind(models.TextChoices):
        MERGE = "merge", _("merge")
        SPLIT = "split", _("split")
        UNDO = "undo", _("undo")

    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    survivor = models.ForeignKey(Employer, on_delete=models.PROTECT, related_name="+", verbose_name=_("entity kept"))
    other = models.ForeignKey(Employer, on_delete=models.PROTECT, related_name="+",
                              verbose_name=_("entity merged or split off"))
    reason = models.CharField(_("reason"), max_length=300)
    score = models.FloatField(_("score"), null=True, blank=True)
    automatic = models.BooleanField(_("automatic"), default=False)
    moved_names = models.JSONField(default=list, blank=True)  # EmployerName ids moved by a split
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                              related_name="+")
    undone_by = models.ForeignKey("self", on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("merge or split")
        verbose_name_plural = _("merge history")

    def __str__(self):
        return f"{self.kind} {self.survivor_id}<-{self.other_id}: {self.reason}"


class WarningListing(models.Model):
    """A moderator's decision about putting one employer on the public warnings list.

    Approval alone does not publish: registry.employers.warnings.publication_decision also needs verified evidence
    from at least two reporters and a right-of-reply notice sent long enough ago.
    """

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("proposed")
        APPROVED = "approved", _("approved")
        WITHDRAWN = "withdrawn", _("withdrawn")

    employer = models.OneToOneField(Employer, on_delete=models.PROTECT, related_name="warning",
                                    verbose_name=_("employer"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PROPOSED)
    approved_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                    related_name="+")
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)
    withdrawal_reason = models.TextField(_("reason for withdrawal"), blank=True)
    correction = models.TextField(_("published correction"), blank=True)
    corrected_at = models.DateTimeField(_("corrected at"), null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("warnings-list entry")
        verbose_name_plural = _("warnings-list entries")

    def __str__(self):
        return f"{self.employer} ({self.status})"


class RightOfReplyNotice(models.Model):
    """The notice sent to the employer before publication, and its response (shown beside the warning)."""

    employer = models.ForeignKey(Employer, on_delete=models.PROTECT, related_name="reply_notices",
                                 verbose_name=_("employer"))
    sent_on = models.DateField(_("notice sent on"))
    method = models.CharField(_("how it was sent"), max_length=200, blank=True)
    response_text = models.TextField(_("employer's response"), blank=True)
    response_received_on = models.DateField(_("response received on"), null=True, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                    related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-sent_on", "-id"]
        verbose_name = _("right-of-reply notice")
        verbose_name_plural = _("right-of-reply notices")

    def __str__(self):
        return f"{self.employer} {self.sent_on}"


class DuplicateDecision(models.Model):
    """A moderator's answer to "are these two names one firm?", kept so later matching runs respect it.

    Stored on the normalised keys of the two names (spelling-independent), so the decision holds for any later
    mention spelled either way; the entities at the time of the decision are kept for the history.
    """

    class Verdict(models.TextChoices):
        SAME = "same", _("the same firm")
        DIFFERENT = "different", _("not the same firm")

    key_a = models.CharField(max_length=300)
    key_b = models.CharField(max_length=300)
    name_a = models.CharField(_("name"), max_length=300)
    name_b = models.CharField(_("name"), max_length=300)
    employer_a = models.ForeignKey(Employer, on_delete=models.PROTECT, related_name="+", null=True, blank=True)
    employer_b = models.ForeignKey(Employer, on_delete=models.PROTECT, related_name="+", null=True, blank=True)
    verdict = models.CharField(_("decision"), max_length=10, choices=Verdict.choices)
    score = models.FloatField(_("score"), null=True, blank=True)
    reason = models.CharField(_("reason"), max_length=300, blank=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("duplicate decision")
        verbose_name_plural = _("duplicate decisions")
        constraints = [
            models.CheckConstraint(condition=models.Q(key_a__lt=models.F("key_b")), name="duplicate_keys_ordered"),
            models.UniqueConstraint(fields=["key_a", "key_b"], name="one_decision_per_pair"),
        ]

    def __str__(self):
        return f"{self.name_a} / {self.name_b}: {self.verdict}"
