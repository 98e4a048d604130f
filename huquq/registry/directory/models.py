"""The help directory: who helps labour migrants with what, where, and in which language (issue 4).

Loaded by `registry/models.py` (Django's hook for the app's models); import them from here.
Reads live in `registry.directory.selectors` / `.search`, writes in `registry.directory.services`.
"""

from django.conf import settings
from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _

__all__ = ["HelpService", "DirectoryEntry", "ServedArea"]


class HelpService(models.Model):
    """One term of the controlled list of services, stored as data (directory/data/services.yaml)."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    # {"en": "...", "ru": "...", ...}: a language missing here falls back to Russian, then English.
    names = models.JSONField(_("names"), default=dict)
    descriptions = models.JSONField(_("descriptions"), default=dict, blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "code"]
        verbose_name = _("help service")
        verbose_name_plural = _("help services")

    def __str__(self):
        return self.label()

    def label(self, language: str | None = None) -> str:
        return _pick(self.names, language) or self.code

    def description(self, language: str | None = None) -> str:
        return _pick(self.descriptions, language)


def _pick(values: dict, language: str | None) -> str:
    language = language or translation.get_language() or settings.LANGUAGE_CODE
    if language == "uz-cyrl" and values.get("uz"):
        from huquq.languages.uz_cyrl import latin_to_cyrillic

        return latin_to_cyrillic(values["uz"])
    language = language.split("-")[0]
    for code in (language, settings.LANGUAGE_CODE, "en"):
        if values.get(code):
            return values[code]
    return next(iter(values.values()), "") if values else ""


class DirectoryEntry(models.Model):
    """An organisation that helps migrants, as the public sees it in the help directory."""

    class Kind(models.TextChoices):
        NGO = "ngo", _("Non-governmental organisation")
        TRADE_UNION = "trade_union", _("Trade union")
        DIASPORA = "diaspora", _("Diaspora association")
        CONSULATE = "consulate", _("Embassy or consulate")
        STATE_AGENCY = "state_agency", _("State agency")
        INTERNATIONAL = "international", _("International organisation")
        CRISIS_CENTRE = "crisis_centre", _("Crisis centre")
        HOTLINE = "hotline", _("Hotline")
        MEDICAL_CENTRE = "medical_centre", _("Medical centre")

    slug = models.SlugField(_("short name"), max_length=80, unique=True)
    name = models.CharField(_("name"), max_length=300)
    other_names = models.CharField(_("other names"), max_length=500, blank=True,
                                   help_text=_("Other spellings or the name in another language."))
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.NGO)
    description = models.TextField(_("what the organisation does"), blank=True)
    services = models.ManyToManyField(HelpService, blank=True, related_name="entries", verbose_name=_("services"))
    # ISO 639-1 codes (ru, ky, tg, uz, kk, en …); empty = not stated.
    languages = models.JSONField(_("languages"), default=list, blank=True)
    remote = models.BooleanField(
        _("helps remotely"), default=False,
        help_text=_("Helps by phone, messenger or online anywhere in the countries it serves."),
    )

    phone = models.CharField(_("phone"), max_length=200, blank=True)
    email = models.CharField(_("email"), max_length=200, blank=True)
    website = models.CharField(_("website"), max_length=300, blank=True)
    telegram = models.CharField(_("Telegram"), max_length=100, blank=True)
    address = models.CharField(_("address"), max_length=300, blank=True)
    opening_hours = models.CharField(_("opening hours"), max_length=300, blank=True)

    verified_at = models.DateField(_("last verified on"), null=True, blank=True)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("verified by"),
    )
    verified_by_label = models.CharField(_("verified by (name)"), max_length=150, blank=True)

    organisation = models.OneToOneField(
        "accounts.Organisation", on_delete=models.SET_NULL, null=True, blank=True, related_name="directory_entry",
        verbose_name=_("organisation that may edit this entry"),
    )
    # Seed citations: [{"file": "003_….txt", "quote": "…", "supports": ["name", "email", "service:legal_advice"]}]
    sources = models.JSONField(_("sources"), default=list, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    from_seed = models.BooleanField(_("loaded from the seed reports"), default=False)
    edited_locally = models.BooleanField(
        _("edited here"), default=False,
        help_text=_("Set when an organisation edits its entry; the seed loader then leaves the entry alone."),
    )
    is_published = models.BooleanField(_("published"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("directory entry")
        verbose_name_plural = _("directory entries")
        permissions = [("verify_entry", "Can verify help-directory entries")]

    def __str__(self):
        return self.name

    @property
    def is_verified(self) -> bool:
        return self.verified_at is not None

    @property
    def language_labels(self) -> list[str]:
        from .places import language_name

        return [language_name(code) for code in self.languages or []]

    @property
    def description_shown(self) -> tuple[str, str | None]:
        """The description in the page language and the language it is in (see descriptions.py)."""
        from .descriptions import localised_description

        return localised_description(self.description)

    @property
    def has_contacts(self) -> bool:
        return any([self.phone, self.email, self.website, self.telegram, self.address])


class ServedArea(models.Model):
    """Where an entry works: a whole country, one region (ISO 3166-2) or one city."""

    entry = models.ForeignKey(DirectoryEntry, on_delete=models.CASCADE, related_name="areas")
    country = models.CharField(_("country (ISO 3166-1)"), max_length=2)
    region = models.CharField(_("region (ISO 3166-2)"), max_length=6, blank=True)
    city_ru = models.CharField(_("city (Russian)"), max_length=100, blank=True)
    city_latin = models.CharField(_("city (Latin)"), max_length=100, blank=True)

    class Meta:
        ordering = ["country", "region", "city_latin"]
        verbose_name = _("area served")
        verbose_name_plural = _("areas served")
        indexes = [models.Index(fields=["country", "region"])]

    def __str__(self):
        return ", ".join(part for part in (self.city_latin or self.city_ru, self.region, self.country) if part)

    def label(self) -> str:
        """“Москва, Россия” / “Moscow, Russia” in the active language; region name when there is no city."""
        from .places import country_name, region_name

        language = (translation.get_language() or settings.LANGUAGE_CODE)[:2]
        city = (self.city_latin if language in ("en", "uz") else self.city_ru) or self.city_latin or self.city_ru
        place = city or (region_name(self.region) if self.region else "")
        return ", ".join(part for part in (place, country_name(self.country)) if part)
