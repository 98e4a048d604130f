"""Dates, numbers and money formatted for the page's language with Babel (CLDR data).

CLDR has Kyrgyz (ky), Tajik (tg) and both Uzbek scripts (uz_Latn, uz_Cyrl); Django's own formats do not
cover them all, so pages call these functions (template filters in `languages_l10n`).
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from babel.dates import format_date as _format_date
from babel.numbers import format_currency, format_decimal
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


def number(value: int | float | Decimal, language: str | None = None) -> str:
    return format_decimal(value, locale=babel_locale(language))


def money(amount: int | float | Decimal, currency: str, language: str | None = None) -> str:
    return format_currency(amount, currency, locale=babel_locale(language))
