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

    class Meta:
        ordering = ["name"]
        verbose_name = _("employer or intermediary")
        verbose_name_plural = _("employers and intermediaries")

    def __str__(self):
        return f"{self.legal_form} {self.name}".strip()
from .directory_models import *  # noqa
