"""Every region of Russia and Kazakhstan (ISO 3166-2, from pycountry), found by code or by name in any script.

"Москва", "Moskva" and "Moscow" all give RU-MOW: names are compared by the project's one transliteration
skeleton (huquq.text.translit), against the ISO romanised name, its Russian translation shipped
with pycountry, the English names the form shows, and each of these without words like "oblast" / "область".
"""

from __future__ import annotations

import gettext
from dataclasses import dataclass
from functools import lru_cache

import pycountry
from django.utils.translation import get_language

from huquq.text.translit import skeleton

from .engine.countries import REGION_RE

HOSTS = ("RU", "KZ")
# Codes the rulebook and older profiles use for Kazakhstan (ISO 3166-2 before 2020), kept as aliases.
LEGACY = {"KZ-ALA": "KZ-75", "KZ-AST": "KZ-71", "KZ-ALM": "KZ-19", "KZ-YUZ": "KZ-61"}
# English names (for visitors writing in English) where the ISO romanisation differs.
ENGLISH = {
    "RU-MOW": ["Moscow"], "RU-MOS": ["Moscow Region", "Moscow Oblast"], "RU-SPE": ["Saint Petersburg", "St Petersburg"],
    "RU-LEN": ["Leningrad Region"], "RU-NVS": ["Novosibirsk", "Novosibirsk Region"],
    "RU-SVE": ["Sverdlovsk Region", "Yekaterinburg"], "RU-KDA": ["Krasnodar Krai", "Krasnodar"],
    "RU-TA": ["Tatarstan", "Kazan"], "RU-KHM": ["Khanty-Mansi", "Yugra"], "RU-KYA": ["Krasnoyarsk Krai"],
    "RU-KRS": ["Kursk Region"], "RU-ROS": ["Rostov Region", "Rostov-on-Don"], "RU-AST": ["Astrakhan Region"],
    "KZ-75": ["Almaty", "Almaty city"], "KZ-71": ["Astana", "Nur-Sultan"], "KZ-79": ["Shymkent"],
    "KZ-61": ["Turkestan Region", "South Kazakhstan"], "KZ-19": ["Almaty Region"],
}
KIND_WORDS = {"oblast", "oblasti", "oblysy", "oblys", "kray", "krai", "respublika", "republic", "region",
              "avtonomnyy", "okrug", "autonomous", "oblast'", "область", "край", "республика", "автономный",
              "округ", "city", "gorod", "город"}


@dataclass(frozen=True)
class Region:
    code: str
    name: str  # ISO romanised name
    ru: str  # Russian name (pycountry's translation, or the romanised name when it has none)

    def label(self, lang: str | None = None) -> str:
        lang = (lang or get_language() or "ru")[:2]
        if lang in ("ru", "ky", "tg") and self.ru != self.name:
            return self.ru
        return (ENGLISH.get(self.code) or [self.name])[0] if lang == "en" else self.name


def _keys(name: str) -> tuple[str, str]:
    """The name's skeleton, and the same without words such as "oblast" / "область" (may be empty)."""
    key = skeleton(name.replace(",", " "))
    kinds = {skeleton(k) for k in KIND_WORDS}
    return key, " ".join(w for w in key.split() if w not in kinds)


@lru_cache(maxsize=1)
def regions() -> tuple[Region, ...]:
    try:
        ru = gettext.translation("iso3166-2", pycountry.LOCALES_DIR, languages=["ru"])
    except OSError:  # pragma: no cover - pycountry ships the catalogue
        ru = gettext.NullTranslations()
    out = []
    for host in HOSTS:
        for sub in pycountry.subdivisions.get(country_code=host):
            out.append(Region(code=sub.code, name=sub.name, ru=ru.gettext(sub.name)))
    return tuple(sorted(out, key=lambda r: (r.code[:2] != "RU", r.ru)))


@lru_cache(maxsize=1)
def _index() -> tuple[dict[str, set[str]], dict[str, set[str]]]:
    exact: dict[str, set[str]] = {}
    loose: dict[str, set[str]] = {}
    for r in regions():
        for name in [r.name, r.ru, *ENGLISH.get(r.code, [])]:
            full, short = _keys(name)
            exact.setdefault(full, set()).add(r.code)
            if short:
                loose.setdefault(short, set()).add(r.code)
    return exact, loose


def resolve(text: str, host: str | None = None) -> list[str]:
    """ISO codes a visitor's text may mean (empty: unknown; several: ambiguous). Codes are taken as they are;
    a name matches in full first ("Moscow" is the city), then without words such as "oblast"."""
    value = (text or "").strip()
    if not value:
        return []
    upper = value.upper()
    if REGION_RE.match(upper) and (upper in LEGACY or any(r.code == upper for r in regions())):
        return [upper] if host is None or upper.startswith(host + "-") else []
    exact, loose = _index()
    full, short = _keys(value)
    for found in (exact.get(full, set()), loose.get(full, set()) | loose.get(short, set())):
        if host:
            found = {c for c in found if c.startswith(host + "-")}
        if found:
            return sorted(found)
    return []
