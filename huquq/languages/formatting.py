"""Dates, numbers and money formatted for the page's language with Babel (CLDR data).

CLDR has Kyrgyz (ky), Tajik (tg) and both Uzbek scripts (uz_Latn, uz_Cyrl); Django's own formats do not
cover them all, so pages call these functions (template filters in `languages_l10n`).
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from babel.dates import format_date as _format_date
from babel.dates import format_time as _format_time
from babel.numbers import format_currency, format_decimal
from django.utils import timezone
from django.utils.translation import get_language

BABEL_LOCALES = {"ru": "ru", "ky": "ky", "tg": "tg", "uz": "uz_Latn", "uz-cyrl": "uz_Cyrl", "en": "en"}
BCP47: dict[str, str] = {}  # language codes are valid BCP 47 tags (case-insensitive): uz = Latin, uz-cyrl


def babel_locale(language: str | None = None) -> str:
    return BABEL_LOCALES.get(language or get_language() or "ru", "ru")


def bcp47(language: str | None = None) -> str:
    language = language or get_language() or "ru"
    return BCP47.get(language, language)


def date(value: datetime.date, language: str | None = None, format: str = "long") -> str:
    return _format_date(value, format=format, locale=babel_locale(language))


def utc_offset(value: datetime.datetime) -> str:
    """The zone of an aware time as its offset from UTC: "UTC+6", "UTC+3", "UTC+5:30", "UTC"."""
    offset = value.utcoffset() or datetime.timedelta(0)
    minutes = int(offset.total_seconds() // 60)
    if minutes == 0:
        return "UTC"
    sign, minutes = ("+" if minutes > 0 else "−"), abs(minutes)
    return f"UTC{sign}{minutes // 60}" + (f":{minutes % 60:02d}" if minutes % 60 else "")


def local(value: datetime.datetime) -> datetime.datetime:
    """An aware time in the active time zone (the organisation's, see accounts/timezones.py)."""
    return timezone.localtime(value) if timezone.is_aware(value) else value


def date_time(value: datetime.datetime, language: str | None = None, format: str = "medium") -> str:
    """Date and time in the active zone, with the zone: «2 дек. 2026 г., 01:30 (UTC+6)»."""
    value = local(value)
    locale = babel_locale(language)
    text = f"{_format_date(value.date(), format=format, locale=locale)}, {_format_time(value, format='short', locale=locale)}"
    return f"{text} ({utc_offset(value)})" if timezone.is_aware(value) else text


def number(value: int | float | Decimal, language: str | None = None) -> str:
    return format_decimal(value, locale=babel_locale(language))


def money(amount: int | float | Decimal, currency: str, language: str | None = None) -> str:
    return format_currency(amount, currency, locale=babel_locale(language))
