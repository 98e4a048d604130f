"""ISO 3166-1 alpha-2 country codes (from Babel's CLDR data, without CLDR's non-country areas)."""

from __future__ import annotations

import re
from functools import lru_cache

_NOT_COUNTRIES = {"AC", "CP", "CQ", "DG", "EA", "EU", "EZ", "IC", "QO", "TA", "UN", "XA", "XB", "XK", "ZZ"}
REGION_RE = re.compile(r"^([A-Z]{2})-[A-Z0-9]{1,3}$")


@lru_cache(maxsize=1)
def country_codes() -> frozenset[str]:
    from babel import Locale

    return frozenset(c for c in Locale("en").territories if isinstance(c, str) and len(c) == 2 and c.isalpha() and c not in _NOT_COUNTRIES)


@lru_cache(maxsize=32)
def _territory_names(lang: str) -> dict[str, str]:
    """Babel's country names in one language, parsed once per process (parsing costs ~0.5 ms per call)."""
    from babel import Locale, UnknownLocaleError

    try:
        locale = Locale.parse(lang)
    except (UnknownLocaleError, ValueError):
        locale = Locale("ru")
    return dict(locale.territories)


def country_name(code: str, lang: str = "ru") -> str:
    return _territory_names(lang).get(code, code)
