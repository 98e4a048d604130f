from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "huquq.accounts"
    label = "accounts"
    verbose_name = _("Organisations and accounts")

    def ready(self):
        from django.contrib.auth.signals import user_logged_in

        from .signals import record_login

        user_logged_in.connect(record_login, dispatch_uid="huquq.accounts.record_login")
