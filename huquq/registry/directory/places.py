"""Geography and language names for the directory: the city gazetteer (data/places.yaml) and, through
Babel's CLDR data, country and language names in the visitor's language."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml
from babel import Locale, UnknownLocaleError
from django.utils import translation

from huquq.text.normalise import fold

DATA_DIR = Path(__file__).resolve().parent / "data"


@dataclass(frozen=True)
class City:
    latin: str
    ru: str
    country: str
    region: str
    also: tuple[str, ...] = ()

    def label(self, language: str | None = None) -> str:
        language = (language or translation.get_language() or "ru")[:2]
        return self.latin if language in ("en", "uz") else self.ru


@lru_cache(maxsize=1)
def _data() -> dict:
    with (DATA_DIR / "places.yaml").open(encoding="utf-8") as handle:
        return yaml.safe_load(handle)


@lru_cache(maxsize=1)
def cities() -> tuple[City, ...]:
    return tuple(
        City(latin=c["latin"], ru=c["ru"], country=c["country"], region=c.get("region", ""),
             also=tuple(c.get("also", ())))
        for c in _data()["cities"]
    )


@lru_cache(maxsize=1)
def _city_index() -> dict[str, City]:
    index: dict[str, City] = {}
    for city in cities():
        for name in (city.latin, city.ru, *city.also):
            index.setdefault(fold(name), city)
    return index


def find_city(name: str) -> City | None:
    return _city_index().get(fold(name)) if name else None


def city_names() -> list[str]:
    """Every spelling the gazetteer knows (for suggestions)."""
    return [name for city in cities() for name in (city.latin, city.ru, *city.also)]


def form_countries() -> list[str]:
    return list(_data()["countries"])


def form_languages() -> list[str]:
    return list(_data()["languages"])


def region_codes() -> list[str]:
    """The ISO 3166-2 regions the gazetteer names, in its order."""
    return list(_data()["regions"])


def region_name(code: str, language: str | None = None) -> str:
    names = _data()["regions"].get(code)
    if not names:
        return code
    language = (language or translation.get_language() or "ru")[:2]
    return names.get("en" if language in ("en", "uz") else "ru") or code


def _locale(language: str | None) -> Locale:
    language = language or translation.get_language() or "ru"
    language = "uz_Cyrl" if language == "uz-cyrl" else language[:2]
    return _parsed_locale(language)


@lru_cache(maxsize=32)
def _parsed_locale(language: str) -> Locale:
    """Babel parses a locale's data on first use of each Locale object: keep one per language per process."""
    try:
        return Locale.parse(language)
    except (UnknownLocaleError, ValueError):
        return Locale.parse("ru")


def is_country(code: str) -> bool:
    return bool(code) and len(code) == 2 and code.upper() in _parsed_locale("en").territories


def country_name(code: str, language: str | None = None) -> str:
    if not code:
        return ""
    return _locale(language).territories.get(code.upper(), code.upper())


def is_language(code: str) -> bool:
    return bool(code) and 2 <= len(code) <= 3 and code.lower() in _parsed_locale("en").languages


def language_name(code: str, language: str | None = None) -> str:
    if not code:
        return ""
    name = _locale(language).languages.get(code.lower()) or code
    return name[:1].upper() + name[1:]
