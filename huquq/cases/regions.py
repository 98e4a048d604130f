"""Regions: resolve what a person typed to an ISO 3166-2 subdivision code, and name codes in a language.

Plain Python (no Django import). The codes and their names come from pycountry (ISO 3166-2, with the
translations pycountry ships: Russian for most of the corridor; other languages fall back to the
romanised local name ISO publishes). Typed input is compared on the Latin skeleton of
``huquq.text.translit``, so «Москва», «Moskva» and «moskva» meet; generic words (oblast, область,
respublika, shaary, …) may be left out. Nothing is ever guessed: an unknown input, or a name that means
two subdivisions (Osh city and Osh region, when the generic word is left out), resolves to ``None``.
"""

from __future__ import annotations

import gettext
import re
from functools import lru_cache

import pycountry

from huquq.text.translit import skeleton

from . import countries

# Words that only say what kind of region it is; a name may be typed without them.
GENERIC = ("oblast", "oblasti", "oblasty", "oblysy", "oblys", "viloyati", "viloyat", "viloyoti", "respublika",
           "respublikasi", "respublikasy", "respubliki", "jumhuri", "kray", "krai", "avtonomnyy", "okrug",
           "avtonomnaya", "shaary", "shahri", "shahar", "gorod", "city", "region", "province", "republic",
           "область", "республика", "край", "автономный", "округ", "автономная", "город", "г", "обл", "шаары",
           "облусу", "вилояти", "шаҳри", "шахри", "вилоят")
# Usual Russian names of the corridor's regions that pycountry does not translate (shown on Russian pages
# and accepted when typed); the first name is the one shown. Russia's subjects are named as in the
# Constitution of the Russian Federation, Art. 65.
RUSSIAN_NAMES = {
    "RU-AD": ("Республика Адыгея",), "RU-AL": ("Республика Алтай",), "RU-ALT": ("Алтайский край",),
    "RU-AMU": ("Амурская область",), "RU-ARK": ("Архангельская область",), "RU-AST": ("Астраханская область",),
    "RU-BEL": ("Белгородская область",), "RU-BRY": ("Брянская область",), "RU-BU": ("Республика Бурятия",),
    "RU-IRK": ("Иркутская область",), "RU-IVA": ("Ивановская область",), "RU-KB": ("Кабардино-Балкарская Республика",),
    "RU-KDA": ("Краснодарский край",), "RU-KEM": ("Кемеровская область",), "RU-KGD": ("Калининградская область",),
    "RU-KGN": ("Курганская область",), "RU-KHA": ("Хабаровский край",), "RU-KHM": ("Ханты-Мансийский автономный округ — Югра",),
    "RU-KIR": ("Кировская область",), "RU-KK": ("Республика Хакасия",), "RU-KL": ("Республика Калмыкия",),
    "RU-KOS": ("Костромская область",), "RU-KR": ("Республика Карелия",), "RU-KRS": ("Курская область",),
    "RU-KYA": ("Красноярский край",), "RU-LEN": ("Ленинградская область",), "RU-LIP": ("Липецкая область",),
    "RU-MAG": ("Магаданская область",), "RU-ME": ("Республика Марий Эл",), "RU-MO": ("Республика Мордовия",),
    "RU-MOS": ("Московская область",), "RU-MUR": ("Мурманская область",), "RU-NEN": ("Ненецкий автономный округ",),
    "RU-NGR": ("Новгородская область",), "RU-NVS": ("Новосибирская область",), "RU-OMS": ("Омская область",),
    "RU-ORE": ("Оренбургская область",), "RU-ORL": ("Орловская область",), "RU-PER": ("Пермский край",),
    "RU-PNZ": ("Пензенская область",), "RU-PRI": ("Приморский край",), "RU-PSK": ("Псковская область",),
    "RU-ROS": ("Ростовская область",), "RU-RYA": ("Рязанская область",), "RU-SAK": ("Сахалинская область",),
    "RU-SAM": ("Самарская область",), "RU-SAR": ("Саратовская область",), "RU-SE": ("Республика Северная Осетия — Алания",),
    "RU-SMO": ("Смоленская область",), "RU-STA": ("Ставропольский край",), "RU-SVE": ("Свердловская область",),
    "RU-TAM": ("Тамбовская область",), "RU-TOM": ("Томская область",), "RU-TUL": ("Тульская область",),
    "RU-TVE": ("Тверская область",), "RU-TYU": ("Тюменская область",), "RU-UD": ("Удмуртская Республика",),
    "RU-ULY": ("Ульяновская область",), "RU-VGG": ("Волгоградская область",), "RU-VLA": ("Владимирская область",),
    "RU-VLG": ("Вологодская область",), "RU-YAN": ("Ямало-Ненецкий автономный округ",), "RU-YAR": ("Ярославская область",),
    "RU-YEV": ("Еврейская автономная область",), "RU-ZAB": ("Забайкальский край",),
    "KG-B": ("Баткенская область",), "KG-GB": ("Бишкек",), "KG-C": ("Чуйская область",),
    "KG-J": ("Джалал-Абадская область",), "KG-N": ("Нарынская область",), "KG-O": ("Ошская область",),
    "KG-GO": ("Ош (город)",), "KG-T": ("Таласская область",), "KG-Y": ("Иссык-Кульская область",),
    "TJ-DU": ("Душанбе",), "TJ-KT": ("Хатлонская область",),
    "TJ-GB": ("Горно-Бадахшанская автономная область", "ГБАО"),
    "TJ-RA": ("Районы республиканского подчинения",), "TJ-SU": ("Согдийская область",),
    "UZ-AN": ("Андижанская область",), "UZ-BU": ("Бухарская область",), "UZ-FA": ("Ферганская область",),
    "UZ-JI": ("Джизакская область",), "UZ-NG": ("Наманганская область",), "UZ-NW": ("Навоийская область",),
    "UZ-QA": ("Кашкадарьинская область",), "UZ-SI": ("Сырдарьинская область",),
    "UZ-SU": ("Сурхандарьинская область",), "UZ-TO": ("Ташкентская область",), "UZ-TK": ("Ташкент (город)",),
    "KZ-10": ("Абайская область",), "KZ-19": ("Алматинская область",), "KZ-11": ("Акмолинская область",),
    "KZ-15": ("Актюбинская область",), "KZ-71": ("Астана",), "KZ-23": ("Атырауская область",),
    "KZ-35": ("Карагандинская область",), "KZ-39": ("Костанайская область",),
    "KZ-43": ("Кызылординская область",), "KZ-59": ("Северо-Казахстанская область",),
    "KZ-61": ("Туркестанская область",), "KZ-62": ("Улытауская область",), "KZ-33": ("Жетысуская область",),
    "KZ-75": ("Алматы", "Алма-Ата"),
}
_CODE_IN_TEXT = re.compile(r"\b([A-Za-z]{2}-[A-Za-z0-9]{1,3})\s*\)?\s*$")


def _key(text: str) -> str:
    return re.sub(r"[^0-9a-z]", "", skeleton(text))


_GENERIC_KEYS = frozenset(_key(g) for g in GENERIC)


def _short_key(text: str) -> str:
    words = re.split(r"[\s,.()'’‘ʻʼ`-]+", text.casefold())
    return "".join(_key(w) for w in words if w and _key(w) not in _GENERIC_KEYS)


@lru_cache(maxsize=1)
def codes() -> frozenset[str]:
    """Every ISO 3166-2 subdivision code."""
    return frozenset(s.code for s in pycountry.subdivisions)


def is_valid(code: str) -> bool:
    return code in codes()


@lru_cache(maxsize=16)
def _translation(lang: str):
    base = (lang or "en").split("-")[0]
    try:
        return gettext.translation("iso3166-2", pycountry.LOCALES_DIR, languages=[base])
    except OSError:
        return gettext.NullTranslations()


def name(code: str, lang: str) -> str:
    """The subdivision's name in ``lang`` where pycountry has it (else the romanised ISO name); the code
    itself if it is not ISO 3166-2."""
    sub = pycountry.subdivisions.get(code=code) if code in codes() else None
    if sub is None:
        return code
    if (lang or "").split("-")[0] == "ru" and code in RUSSIAN_NAMES:
        return RUSSIAN_NAMES[code][0]
    return _translation(lang).gettext(sub.name)


def label(code: str, lang: str) -> str:
    """«Москва (RU-MOW)»: the name and the code, unambiguous in a list."""
    return f"{name(code, lang)} ({code})" if code in codes() else code


@lru_cache(maxsize=1)
def _index() -> dict[str, dict[str, set[str]]]:
    """key -> {country: {codes}} over every name in every available translation, full and without the
    generic words."""
    index: dict[str, dict[str, set[str]]] = {}
    translations = [_translation(lang) for lang in ("ru", "ky", "tg", "uz", "en", "kk")]
    for sub in pycountry.subdivisions:
        names = {sub.name} | {t.gettext(sub.name) for t in translations} | set(RUSSIAN_NAMES.get(sub.code, ()))
        for text in names:
            for key in {_key(text), _short_key(text)}:
                if key:
                    index.setdefault(key, {}).setdefault(sub.country_code, set()).add(sub.code)
    return index


def resolve(text: str | None, country: str | None = None) -> str | None:
    """The ISO 3166-2 code for a code (``ru-mow``), a picker label («Москва (RU-MOW)») or a name in any script
    («Москва», «Moskva»); within ``country`` when it is given. ``None`` for anything unknown or ambiguous,
    or a code of another country than ``country``."""
    raw = (text or "").strip()
    if not raw:
        return None
    country = (country or "").upper() or None
    found = _CODE_IN_TEXT.search(raw)
    if found and found.group(1).upper() in codes():
        code = found.group(1).upper()
        return code if country is None or code.startswith(country + "-") else None
    for key in (_key(raw), _short_key(raw)):
        by_country = _index().get(key, {})
        matches = by_country.get(country, set()) if country else set().union(*by_country.values()) \
            if by_country else set()
        if len(matches) == 1:
            return next(iter(matches))
        if len(matches) > 1:
            return None  # two subdivisions share the name: never guess
    return None


@lru_cache(maxsize=64)
def choices(lang: str, country: str | None = None) -> list[tuple[str, str]]:
    """(code, label in ``lang``) for the subdivisions of ``country``, or of the corridor's countries when no
    country is known; sorted by label."""
    wanted = [country] if country else list(countries.CORRIDOR[:5])
    rows = []
    for cc in wanted:
        for sub in pycountry.subdivisions.get(country_code=cc) or ():
            rows.append((sub.code, label(sub.code, lang)))
    return sorted(rows, key=lambda r: r[1].casefold())
