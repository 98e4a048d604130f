from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OpsConfig(AppConfig):
    """Running Huquq in production: the web server, request ids in logs, /healthz, backup and restore."""

    name = "huquq.ops"
    label = "ops"
    verbose_name = _("Operations")

    def ready(self):
        from . import fragments

        fragments.connect()
