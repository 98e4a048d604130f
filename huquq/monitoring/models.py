"""Monitoring of consular and migration services (the method of seed 004): offices, questionnaires
(XLSForm), visits and the answers collected there."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from huquq.accounts.models import Organisation
from huquq.cases.fields import EncryptedJSONField


class Office(models.Model):
    """A consulate, embassy, migration-service office, patent or migration centre that monitors visit.

    Seeded offices carry the seed file and the quoted passage that names them; no address or phone is
    stored unless a source gives it."""

    class Kind(models.TextChoices):
        EMBASSY = "embassy", _("Embassy")
        CONSULATE = "consulate", _("Consulate")
        MIGRATION_SERVICE = "migration_service", _("Migration-service office")
        PATENT_CENTRE = "patent_centre", _("Patent centre")
        MIGRATION_CENTRE = "migration_centre", _("Migration centre")

    code = models.SlugField(_("code"), max_length=60, unique=True)
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    country = models.CharField(_("country (ISO 3166-1)"), max_length=2)
    city = models.CharField(_("city"), max_length=100, blank=True,
                            help_text=_("Empty when no source names the city."))
    nationals_served = models.CharField(
        _("nationals served"), max_length=60, blank=True,
        help_text=_("ISO 3166-1 codes separated by spaces; empty means all foreigners."))
    organisation = models.ForeignKey(
        Organisation, on_delete=models.SET_NULL, null=True, blank=True, related_name="monitored_offices",
        verbose_name=_("organisation of its staff"),
        help_text=_("The consulate's own organisation in Huquq: its consular staff see this office's scorecard."))
    source_file = models.CharField(_("source file"), max_length=100, blank=True)
    source_quote = models.TextField(_("quoted passage"), blank=True)

    class Meta:
        ordering = ["country", "name"]
        verbose_name = _("office")
        verbose_name_plural = _("offices")

    def __str__(self):
        return self.name


class Questionnaire(models.Model):
    """One XLSForm, validated by pyxform. Shipped forms have no organisation and are open to all."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, null=True, blank=True,
                                     related_name="questionnaires", verbose_name=_("organisation"))
    form_id = models.CharField(_("form id"), max_length=100)
    version = models.CharField(_("version"), max_length=50, blank=True)
    title = models.CharField(_("title"), max_length=200)
    filename = models.CharField(_("file name"), max_length=200)
    source = models.BinaryField(_("XLSForm file"))
    schema = models.JSONField(_("pyxform JSON"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["title"]
        verbose_name = _("questionnaire")
        verbose_name_plural = _("questionnaires")
        constraints = [
            models.UniqueConstraint(fields=["organisation", "form_id"], name="questionnaire_form_id_per_org"),
            models.UniqueConstraint(fields=["form_id"], condition=models.Q(organisation__isnull=True),
                                    name="shipped_questionnaire_form_id"),
        ]

    def __str__(self):
        return self.title


class Visit(models.Model):
    """A monitoring team's visit to an office on one day."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="monitoring_visits",
                                     verbose_name=_("organisation"))
    office = models.ForeignKey(Office, on_delete=models.PROTECT, related_name="visits", verbose_name=_("office"))
    date = models.DateField(_("date"))
    team = models.CharField(_("team"), max_length=300, help_text=_("Who made the visit (first names or roles)."))
    notes = models.TextField(_("notes"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-date", "-id"]
        verbose_name = _("visit")
        verbose_name_plural = _("visits")

    def __str__(self):
        return f"{self.office} {self.date:%Y-%m-%d}"


class Submission(models.Model):
    """The answers to one questionnaire (an interview or an observation), keyed by XLSForm names.

    Entered page by page on the web (complete=False until the last page), or imported from a KoBoToolbox
    or ODK Central export (external_id = the export's _uuid / KEY, so a re-import adds nothing twice)."""

    class Source(models.TextChoices):
        WEB = "web", _("web form")
        KOBO = "kobo", _("KoBoToolbox export")
        ODK = "odk", _("ODK Central export")

    questionnaire = models.ForeignKey(Questionnaire, on_delete=models.PROTECT, related_name="submissions")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    office = models.ForeignKey(Office, on_delete=models.PROTECT, null=True, blank=True, related_name="submissions",
                               verbose_name=_("office"))
    visit = models.ForeignKey(Visit, on_delete=models.CASCADE, null=True, blank=True, related_name="submissions")
    date = models.DateField(_("date"))
    # may hold personal data (free-text answers, an organisation's own questions): encrypted at rest like
    # case data; the scorecard decrypts it in Python (selectors.scorecard), nothing filters on it in SQL
    answers = EncryptedJSONField(context="monitoring.submission.answers")
    source = models.CharField(max_length=10, choices=Source.choices, default=Source.WEB)
    external_id = models.CharField(max_length=100, blank=True)
    complete = models.BooleanField(default=False)
    page = models.PositiveIntegerField(default=0)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-date", "-id"]
        verbose_name = _("submission")
        verbose_name_plural = _("submissions")
        constraints = [
            models.UniqueConstraint(fields=["questionnaire", "organisation", "external_id"],
                                    condition=~models.Q(external_id=""), name="submission_imported_once"),
        ]
        indexes = [models.Index(fields=["questionnaire", "office", "date"])]

    def __str__(self):
        return f"{self.questionnaire_id}#{self.pk}"
