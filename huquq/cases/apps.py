from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CasesConfig(AppConfig):
    name = "huquq.cases"
    label = "cases"
    verbose_name = _("Casework")

    def ready(self):
        from . import checks  # noqa: F401 - registers the field key checks
