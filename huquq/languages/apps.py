from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LanguagesConfig(AppConfig):
    name = "huquq.languages"
    verbose_name = _("Languages and translation review")
    default_auto_field = "django.db.models.BigAutoField"
