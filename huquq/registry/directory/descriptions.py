"""The seed entries' descriptions in the page language (data/description_translations.yaml).

Seed descriptions are written in English; the table gives them in ru, ky, tg and uz, and Uzbek Cyrillic is
generated from the Latin text. A description is matched on its exact English text, so an entry rewritten by
its organisation shows the organisation's own words (language unknown, so not marked) and a seed text with
no translation yet is shown in English, marked lang="en" for screen readers.
"""

from __future__ import annotations

from functools import lru_cache

import yaml
from django.utils.translation import get_language

from huquq.languages.uz_cyrl import latin_to_cyrillic

from .places import DATA_DIR

TRANSLATIONS_FILE = DATA_DIR / "description_translations.yaml"
LANGUAGES = ("ru", "ky", "tg", "uz")


@lru_cache(maxsize=1)
def translations() -> dict[str, dict[str, str]]:
    """{English text: {language: text}}."""
    data = yaml.safe_load(TRANSLATIONS_FILE.read_text(encoding="utf-8")) or {}
    return {item["en"].strip(): {lang: item[lang].strip() for lang in LANGUAGES if item.get(lang)}
            for item in data.get("descriptions", [])}


def localised_description(text: str, language: str | None = None) -> tuple[str, str | None]:
    """(text to show, its language or None when unknown) for `language` (default: the active one)."""
    text = (text or "").strip()
    language = language or get_language() or "en"
    known = translations().get(text)
    if known is None:
        return text, None
    if language == "en":
        return text, "en"
    if language == "uz-cyrl" and known.get("uz"):
        return latin_to_cyrillic(known["uz"]), "uz-cyrl"
    if known.get(language):
        return known[language], language
    return text, "en"
