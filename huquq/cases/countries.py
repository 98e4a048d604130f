"""Countries: resolve what a person typed to an ISO 3166-1 alpha-2 code, and name codes in a language.

Plain Python (no Django import). The list of valid codes comes from pycountry (ISO 3166-1); names in
Russian, Kyrgyz, Tajik, Uzbek (Latin) and English come from the CLDR data shipped with Babel, plus a short
list of common variants (``ALIASES``). Input is matched without regard to case, script or punctuation.
Nothing is ever guessed: an unknown or ambiguous input resolves to ``None``.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import pycountry
from babel import Locale

LANGUAGES = ("ru", "ky", "tg", "uz", "uz-cyrl", "en")

# The migration corridor's countries, offered first in pickers.
CORRIDOR = ("RU", "KZ", "KG", "TJ", "UZ", "BY", "AM", "AZ", "GE", "MD", "UA", "TM", "CN", "TR", "AF")

# Usual names not (or not in this spelling) in CLDR: former and short names people still type.
ALIASES = {
    "RU": ("РФ", "Российская Федерация", "Rossiya Federatsiyasi", "Russian Federation", "Rossiia", "Rossija",
           "Россия Федерациясы"),
    "KG": ("Киргизия", "Кыргызская Республика", "Киргизстан", "Kirgiziya", "Kirghizia", "Kirgizia",
           "Qirgiziston", "Kyrgyz Republic", "Kyrgyzia"),
    "KZ": ("Qazaqstan", "Kazakstan", "Qozogiston"),
    "TJ": ("Тоджикистон", "Tojikiston", "Tadjikistan", "Tadzhikistan", "Таджикистон"),
    "UZ": ("Узбекистон", "Uzbekiston", "Ozbekiston", "Ўзбекистон", "Uzbekstan"),
    "BY": ("Белоруссия", "Belorussia", "Belarussia", "Byelorussia"),
    "MD": ("Молдавия", "Moldavia"),
    "TM": ("Туркмения", "Turkmeniya", "Turkmenia"),
    "AM": ("Hayastan",),
    "GE": ("Sakartvelo",),
    "TR": ("Turkiye", "Türkiye"),
    "CN": ("КНР", "Xitoy", "PRC"),
}

_DROP = re.compile(r"[\s\-‐‑–—'‘’ʻʼ`´\".,()]+")


def normalise(text: str) -> str:
    """Case-folded, accent-free, without spaces or punctuation; ё is е."""
    text = unicodedata.normalize("NFKD", text.casefold().replace("ё", "е").replace("й", "и"))
    text = "".join(c for c in text if not unicodedata.combining(c))
    return _DROP.sub("", text)


@lru_cache(maxsize=1)
def codes() -> frozenset[str]:
    """Every ISO 3166-1 alpha-2 code."""
    return frozenset(c.alpha_2 for c in pycountry.countries)


def is_valid(code: str) -> bool:
    return code in codes()


@lru_cache(maxsize=1)
def _index() -> dict[str, str]:
    names: dict[str, set[str]] = {}

    def add(name, code):
        key = normalise(name)
        if key:
            names.setdefault(key, set()).add(code)

    valid = codes()
    for country in pycountry.countries:
        for attr in ("name", "official_name", "common_name"):
            if getattr(country, attr, None):
                add(getattr(country, attr), country.alpha_2)
    for lang in LANGUAGES:
        for code, name in _locale(lang).territories.items():
            if code in valid:
                add(name, code)
    for code, aliases in ALIASES.items():
        for alias in aliases:
            add(alias, code)
    # A name that means two countries is not resolved: never guess.
    return {key: next(iter(found)) for key, found in names.items() if len(found) == 1}


def resolve(text: str | None) -> str | None:
    """The ISO 3166-1 alpha-2 code for a code (``ru``, ``RUS``) or a name in any supported language
    (``Россия``, ``Rossiya``, ``Russia``); ``None`` for anything unknown or ambiguous. Never truncates."""
    raw = (text or "").strip()
    if not raw:
        return None
    upper = raw.upper()
    if len(upper) == 2 and upper.isascii() and upper in codes():
        return upper
    if len(upper) == 3 and upper.isascii() and upper.isalpha():
        country = pycountry.countries.get(alpha_3=upper)
        if country is not None:
            return country.alpha_2
    return _index().get(normalise(raw))


def _locale(lang: str) -> Locale:
    return Locale.parse(lang.replace("-", "_"))


@lru_cache(maxsize=16)
def _names(lang: str) -> dict[str, str]:
    try:
        territories = _locale(lang).territories
    except (ValueError, TypeError):
        territories = {}
    english = Locale.parse("en").territories
    return {code: territories.get(code) or english.get(code) or pycountry.countries.get(alpha_2=code).name
            for code in codes()}


def name(code: str, lang: str) -> str:
    """The country's name in ``lang`` (falling back to English); the code itself if it is not ISO 3166-1."""
    return _names(lang or "en")[code] if code in codes() else code


def choices(lang: str) -> list[tuple[str, str]]:
    """(code, name in ``lang``) for every country: the corridor first, then the rest by name."""
    names = _names(lang or "en")
    rest = sorted((c for c in names if c not in CORRIDOR), key=lambda c: names[c].casefold())
    return [(c, names[c]) for c in (*CORRIDOR, *rest)]
