"""Reference statistics (figures quoted from the seed reports).

Reference statistics are public data: every Observation carries the seed file it comes from, an exact
short quotation, the original publisher the seed cites and a reliability note. Several estimates of the
same indicator for the same period, place and breakdown are kept side by side; nothing is averaged.

Case statistics are not stored here: they are computed on request from the casework module's
"violation facts" (see `facts.py`).
"""

from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from huquq.languages.uz_cyrl import latin_to_cyrillic


def localised_label(translations: dict, russian: str, english: str) -> tuple[str, str]:
    """(text, language) of a reference label for the active page language.

    ky/tg/uz come from `translations` (reports/reference_i18n.yaml), uz-cyrl is generated from uz; where a
    language is missing, Russian is shown on the Central Asian pages and English elsewhere, and the
    returned language lets templates mark the fallback with lang="…".
    """
    language = get_language() or "en"
    if language == "uz-cyrl" and translations.get("uz"):
        return latin_to_cyrillic(translations["uz"]), "uz-cyrl"
    if translations.get(language):
        return translations[language], language
    if language in ("ru", "ky", "tg", "uz", "uz-cyrl") and russian:
        return russian, "ru"
    return english, "en"


class ReferenceTable(models.Model):
    """One table or group of headline figures from one seed report (one YAML file)."""

    code = models.SlugField(_("code"), max_length=80, unique=True)
    title_en = models.CharField(_("title (English)"), max_length=300)
    title_ru = models.CharField(_("title (Russian)"), max_length=300, blank=True)
    # {"ky": …, "tg": …, "uz": …} from reference_i18n.yaml
    title_i18n = models.JSONField(_("title in other languages"), default=dict, blank=True)
    seed_file = models.CharField(_("seed file"), max_length=100)
    publisher = models.CharField(_("original publisher"), max_length=400, blank=True)
    reliability = models.TextField(_("reliability note"), blank=True)
    # Problems found by the loader's checks, e.g. "rows sum to 99, source says 100". Never corrected.
    check_notes = models.JSONField(_("check notes"), default=list, blank=True)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["position", "code"]
        verbose_name = _("reference table")
        verbose_name_plural = _("reference tables")

    def __str__(self):
        return self.code

    @property
    def title(self) -> str:
        return localised_label(self.title_i18n, self.title_ru, self.title_en)[0]

    @property
    def title_language(self) -> str:
        return localised_label(self.title_i18n, self.title_ru, self.title_en)[1]


class Indicator(models.Model):
    code = models.SlugField(_("code"), max_length=80, unique=True)
    name_en = models.CharField(_("name (English)"), max_length=300)
    name_ru = models.CharField(_("name (Russian)"), max_length=300, blank=True)
    name_i18n = models.JSONField(_("name in other languages"), default=dict, blank=True)
    unit = models.CharField(_("unit"), max_length=60)

    class Meta:
        ordering = ["code"]
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")

    def __str__(self):
        return self.code

    @property
    def name(self) -> str:
        return localised_label(self.name_i18n, self.name_ru, self.name_en)[0]

    @property
    def name_language(self) -> str:
        return localised_label(self.name_i18n, self.name_ru, self.name_en)[1]


class Observation(models.Model):
    """One published figure, exactly as the seed gives it."""

    table = models.ForeignKey(ReferenceTable, on_delete=models.CASCADE, related_name="observations")
    indicator = models.ForeignKey(Indicator, on_delete=models.PROTECT, related_name="observations")
    value = models.DecimalField(_("value"), max_digits=20, decimal_places=4)
    # For a range ("five to seven percent") value is the low end and value_high the high end.
    value_high = models.DecimalField(_("upper value"), max_digits=20, decimal_places=4, null=True, blank=True)
    # The seed's own hedge: "about", "almost", "more than", "up to", "nearly" …; empty when exact.
    qualifier = models.CharField(_("qualifier"), max_length=40, blank=True)
    as_written = models.CharField(_("as written in the source"), max_length=100, blank=True)
    unit = models.CharField(_("unit"), max_length=60)
    period_start = models.DateField(_("period start"))
    period_end = models.DateField(_("period end"))
    period_label = models.CharField(_("period"), max_length=120)
    geography = models.CharField(_("geography"), max_length=40, help_text=_("ISO 3166 code or a named area"))
    breakdown = models.JSONField(_("breakdown"), default=dict, blank=True)
    # The key that groups rival estimates of one quantity (indicator|period|geography|breakdown).
    comparable_key = models.CharField(max_length=400, db_index=True)
    seed_file = models.CharField(_("seed file"), max_length=100)
    quote = models.TextField(_("quoted passage"))
    publisher = models.CharField(_("original publisher"), max_length=400, blank=True)
    reliability = models.TextField(_("reliability note"), blank=True)
    # Where the figure sits in the printed table (empty for headline figures).
    row_label = models.CharField(max_length=200, blank=True)
    column_label = models.CharField(max_length=200, blank=True)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["table", "position"]
        verbose_name = _("observation")
        verbose_name_plural = _("observations")

    def __str__(self):
        return f"{self.indicator_id} {self.geography} {self.period_label} = {self.value}"
