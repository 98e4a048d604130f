"""Every column that stores one site language code holds the longest one ("uz-cyrl"): SQLite does not
enforce lengths, PostgreSQL does (a uz-cyrl Telegram chat once failed there with a 5-character column)."""

from django.apps import apps
from django.conf import settings
from django.db import models


def test_language_code_columns_fit_every_site_language():
    longest = max(len(code) for code, _name in settings.LANGUAGES)
    too_short = [
        f"{model._meta.label}.{field.name} (max_length {field.max_length})"
        for model in apps.get_models() if model.__module__.startswith("huquq.")
        for field in model._meta.get_fields()
        if isinstance(field, models.CharField) and field.name.endswith("language") and field.max_length < longest
    ]
    assert longest >= 7 and not too_short, too_short
