"""Normalising an employer name for comparison.

Steps (all documented in docs/employers.md):

1. Unicode NFKC, lower case, ё -> е; every kind of quote mark dropped (« » " ' „ “ ” ‘ ’ ‹ › `).
2. Legal-form words in any script are recognised, recorded (`legal_forms`, as canonical codes) and removed:
   ООО / OOO / 000 / LLC / "общество с ограниченной ответственностью", ИП / IP / ЖК, ТОО / TOO / LLP / ЖШС,
   АО / AO / JSC / АҚ, ЗАО, ОАО, ПАО, ОсОО, МЧЖ …  (`LEGAL_FORMS`).
3. Punctuation, hyphens and spacing: everything that is not a letter or digit separates words.
4. Each word becomes its Latin skeleton (`translit.skeleton_word`).
5. Words glued to a generic stem are split ("стройинвест" -> stroi + invest), and generic words in any
   script or language ("строй", "build", "құрылыс" …) are replaced by one canonical key (`GENERIC`).
   Generic words weigh less in the score (see cluster.py), so two firms that share only "строй" do not merge.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

from rapidfuzz.distance import OSA

from .translit import skeleton_word

QUOTES = "«»\"'„“”‘’‹›`´ʻʼ‚"
APOSTROPHES = "'’ʼʻ`´"  # inside a word they stand for ь/ъ or an Uzbek oʻ: dropped without splitting the word
_APOSTROPHE_RE = re.compile(r"(?<=\w)[" + re.escape(APOSTROPHES) + r"](?=\w)")
_QUOTES_RE = re.compile("[" + re.escape(QUOTES) + "]")
_WORD_RE = re.compile(r"[^\W_]+", re.UNICODE)

# ---------------------------------------------------------------------------------------------------------
# Legal forms. Code -> (label shown to people, spellings in any script, lower case; multi-word allowed).
# ---------------------------------------------------------------------------------------------------------
LEGAL_FORMS: dict[str, tuple[str, list[str]]] = {
    "OOO": ("ООО (LLC, Russia)", [
        "ооо", "ooo", "000", "о.о.о", "llc", "l.l.c", "ltd", "limited", "limited liability company",
        "общество с ограниченной ответственностью", "obshchestvo s ogranichennoi otvetstvennostiu",
    ]),
    "OSOO": ("ОсОО (LLC, Kyrgyzstan)", ["осоо", "osoo", "жчк"]),
    "MChJ": ("МЧЖ (LLC, Uzbekistan)", ["мчж", "mchj", "mchzh", "masuliyati cheklangan jamiyat"]),
    "IP": ("ИП (individual entrepreneur)", [
        "ип", "ip", "и.п", "индивидуальный предприниматель", "individual entrepreneur", "private entrepreneur",
        "sole proprietor", "жк", "zhk", "жеке кәсіпкер", "жеке кәсіпкерлік", "чп", "chp", "частный предприниматель",
        "пбоюл",
    ]),
    "TOO": ("ТОО (LLP, Kazakhstan)", [
        "тоо", "too", "llp", "l.l.p", "товарищество с ограниченной ответственностью", "жшс", "zhshs", "jshs",
        "жауапкершілігі шектеулі серіктестік",
    ]),
    # (the Kazakh abbreviation АҚ is left out: "Ақ" is also the everyday word "white" in firm names)
    "AO": ("АО (joint-stock company)", ["ао", "ao", "jsc", "акционерное общество", "joint stock company",
                                         "акционерлік қоғам"]),
    "ZAO": ("ЗАО (closed joint-stock company)", ["зао", "zao", "закрытое акционерное общество", "cjsc"]),
    "OAO": ("ОАО (open joint-stock company)", ["оао", "oao", "открытое акционерное общество", "ojsc"]),
    "PAO": ("ПАО (public joint-stock company)", ["пао", "pao", "публичное акционерное общество", "pjsc"]),
    "NAO": ("НАО (non-public joint-stock company)", ["нао", "nao", "непубличное акционерное общество"]),
    "KFH": ("КФХ (farm)", ["кфх", "kfh", "крестьянское фермерское хозяйство", "крестьянское хозяйство", "кх"]),
    "GUP": ("ГУП / МУП (state or municipal enterprise)", ["гуп", "gup", "муп", "mup", "фгуп", "fgup"]),
    "TD": ("ТД (trading house)", ["тд", "td", "торговый дом", "trading house"]),
}


def _phrase_key(phrase: str) -> tuple[str, ...]:
    return tuple(w for w in _WORD_RE.findall(phrase.lower().replace(".", " ")))


# phrase (tuple of original-script lower-case words) -> code; longest phrases are tried first.
_LEGAL_PHRASES: dict[tuple[str, ...], str] = {}
for _code, (_label, _spellings) in LEGAL_FORMS.items():
    for _spelling in _spellings:
        _LEGAL_PHRASES[_phrase_key(_spelling.replace(".", ""))] = _code
_LEGAL_MAX = max(len(k) for k in _LEGAL_PHRASES)


def legal_form_label(code: str) -> str:
    return LEGAL_FORMS.get(code, (code, []))[0]


def detect_legal_form(text: str) -> str:
    """The first legal-form code found in `text`, or ""."""
    forms = normalise(text).legal_forms
    return forms[0] if forms else ""


# ---------------------------------------------------------------------------------------------------------
# Generic words: canonical key -> spellings (any script/language). Compared by skeleton.
# ---------------------------------------------------------------------------------------------------------
GENERIC: dict[str, list[str]] = {
    "stroi": ["строй", "строи", "stroy", "stroi", "stroj", "строительная", "строительство", "стройка", "build",
              "building", "builder", "construction", "констракшн", "құрылыс", "kurylys", "qurylys", "курулуш"],
    "invest": ["инвест", "invest", "инвестиции", "инвестмент", "investment", "investments"],
    "servis": ["сервис", "service", "services", "servis", "serwis", "сервиз", "қызмет", "kyzmet"],
    "torg": ["торг", "torg", "торговая", "торговый", "трейд", "treid", "trade", "trading", "трейдинг", "сауда",
             "sauda", "савдо", "savdo", "опт", "opt", "маркет", "market"],
    "grup": ["групп", "група", "груп", "group", "grupp", "grupa", "grup", "гурух"],
    "kompania": ["компания", "company", "kompaniya", "kompania", "ко", "co", "компани"],
    "plus": ["плюс", "plus", "+"],
    "prom": ["пром", "prom", "промышленная", "industrial", "industry", "индастри"],
    "tehno": ["техно", "tekhno", "techno", "tehno", "тех", "tekh", "tech", "технолоджи", "technology",
              "технологии", "tekhnologii"],
    "holdin": ["холдинг", "holding"],
    "sentr": ["центр", "center", "centre", "centr", "tsentr", "сентр"],
    "ekspres": ["экспресс", "express", "ekspress"],
    "montaj": ["монтаж", "montazh", "montaj", "mounting"],
    "avto": ["авто", "avto", "auto", "автомобиль"],
    "agro": ["агро", "agro"],
    "trans": ["транс", "trans", "транспорт", "transport", "логистик", "логистика", "logistik", "logistics",
              "logistika"],
    "kapital": ["капитал", "capital", "kapital"],
    "siti": ["сити", "city", "siti"],
    "evro": ["евро", "evro", "euro", "europe", "европа"],
    "asia": ["азия", "asia", "aziya", "азиа", "азия"],
    "rus": ["рус", "rus", "russia", "россия", "rossiya", "росс", "ross"],
    "kz": ["kz", "кз", "казахстан", "kazakhstan", "qazaqstan", "қазақстан"],
    "personal": ["персонал", "personal", "personnel", "staff", "стафф", "кадры", "kadry", "кадр", "kadr"],
    "trud": ["труд", "trud", "работа", "rabota", "job", "jobs", "work", "ish", "иш"],
    "konsaltin": ["консалтинг", "consulting", "konsalting", "консалт", "consult"],
    "menejment": ["менеджмент", "management", "menedzhment"],
    "proekt": ["проект", "project", "proekt", "proyekt"],
    "injinirin": ["инжиниринг", "engineering", "inzhiniring"],
    "remont": ["ремонт", "remont", "repair"],
    "kliinin": ["клининг", "cleaning", "kliningovaya", "клининговая"],
    "snab": ["снаб", "snab", "снабжение", "supply"],
    "alians": ["альянс", "alliance", "alyans", "alians"],
    "profi": ["профи", "profi", "pro", "про", "проф", "prof", "professional", "профессионал"],
    "master": ["мастер", "master"],
    "ekspert": ["эксперт", "expert", "ekspert"],
    "standart": ["стандарт", "standard", "standart"],
    "global": ["глобал", "global"],
    "development": ["девелопмент", "development", "развитие"],
    "jilstroi": ["жилстрой", "жил", "жилищный", "жилищная"],
    "komunal": ["коммунал", "коммунальный", "коммунальная", "коммунальные", "kommunal", "communal", "жкх", "zhkh"],
    "uslugi": ["услуги", "uslugi", "услуга", "хизмат", "xizmat", "hizmat"],
    "dom": ["дом", "dom", "house", "үй", "уй"],
    "mir": ["мир", "mir", "world"],
    "nedvijimost": ["недвижимость", "nedvizhimost", "real estate", "realty", "риэлти"],
    # words that say what kind of place it is, not which one
    "zavod": ["завод", "zavod", "factory", "plant", "фабрика", "fabrika", "комбинат", "kombinat"],
    "lesopilka": ["лесопилка", "lesopilka", "пилорама", "pilorama", "sawmill"],
    "firma": ["фирма", "firma", "firm", "юрфирма", "urfirma", "агентство", "agentstvo", "agency", "бюро",
              "buro", "bureau", "предприятие", "predpriiatie", "enterprise"],
}

# Stems that are split off the start or the end of a glued word ("стройинвест", "газпромстрой").
_SPLIT_STEMS = ["stroi", "invest", "servis", "torg", "treid", "prom", "tehno", "teh", "avto", "agro", "trans",
                "evro", "grup", "plus", "montaj", "snab", "ekspres", "sentr", "kapital", "logistik", "holdin",
                "komplekt", "jilstroi", "jil", "proekt", "remont", "siti", "alians", "profi", "standart",
                "master", "global", "personal"]


def _build_generic_lookup() -> dict[str, str]:
    lookup: dict[str, str] = {}
    for key, spellings in GENERIC.items():
        lookup[key] = key
        for spelling in spellings:
            sk = skeleton_word(spelling.lower())
            if sk:
                lookup.setdefault(sk, key)
    return lookup


GENERIC_LOOKUP = _build_generic_lookup()
_STEM_TO_KEY = {stem: GENERIC_LOOKUP.get(stem, stem) for stem in _SPLIT_STEMS}
_STEMS_BY_LENGTH = sorted(_STEM_TO_KEY, key=len, reverse=True)
GENERIC_KEYS = frozenset(GENERIC) | frozenset(_STEM_TO_KEY.values())

# ---------------------------------------------------------------------------------------------------------
# Cities: a few aliases (any script) -> canonical key, so "Москва", "Moskva", "Moscow", "мск" agree.
# ---------------------------------------------------------------------------------------------------------
CITY_ALIASES: dict[str, list[str]] = {
    "moskva": ["москва", "moskva", "moscow", "мск", "msk", "moskow"],
    "spb": ["санкт-петербург", "санкт петербург", "петербург", "спб", "spb", "питер", "piter", "saint petersburg",
            "st petersburg", "sankt-peterburg", "sankt peterburg", "st. petersburg"],
    "almati": ["алматы", "almaty", "алма-ата", "alma-ata", "алмаата"],
    "astana": ["астана", "astana", "нур-султан", "nur-sultan", "нурсултан", "akmola", "ақмола"],
    "shimkent": ["шымкент", "shymkent", "chimkent", "чимкент"],
    "ekaterinburg": ["екатеринбург", "ekaterinburg", "yekaterinburg", "екб"],
    "novosibirsk": ["новосибирск", "novosibirsk"],
    "kazan": ["казань", "kazan"],
}


def _build_city_lookup() -> dict[str, str]:
    lookup = {}
    for key, spellings in CITY_ALIASES.items():
        for spelling in spellings:
            lookup[_skeleton_phrase(spelling)] = key
    return lookup


def _skeleton_phrase(text: str) -> str:
    return "".join(skeleton_word(w) for w in _WORD_RE.findall(text.lower().replace("ё", "е")))


def normalise_city(city: str | None) -> str:
    """A comparable key for a city name in any script ("" when empty)."""
    if not city:
        return ""
    key = _skeleton_phrase(unicodedata.normalize("NFKC", city))
    return _CITY_LOOKUP.get(key, key)


_CITY_LOOKUP: dict[str, str] = {}


# ---------------------------------------------------------------------------------------------------------
# The normalised name
# ---------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class NormalisedName:
    original: str
    tokens: tuple[str, ...]              # skeleton tokens, generic words canonicalised, legal forms removed
    legal_forms: tuple[str, ...] = ()    # canonical codes, in order of appearance
    core: tuple[str, ...] = field(default=())  # tokens that are not generic
    joined: str = ""                     # skeleton of all words glued together, before any splitting
    word_count: int = 0                  # words as written (after legal forms were removed)

    @property
    def compact(self) -> str:
        return "".join(self.tokens)

    @property
    def core_compact(self) -> str:
        return "".join(self.core)

    @property
    def generic(self) -> tuple[str, ...]:
        return tuple(t for t in self.tokens if t in GENERIC_KEYS)

    @property
    def key(self) -> str:
        """Sorted-token key: equal keys mean the same name up to word order and spelling."""
        return " ".join(sorted(self.tokens))


def _clean(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).lower().replace("ё", "е")
    text = _APOSTROPHE_RE.sub("", text)
    text = _QUOTES_RE.sub(" ", text).replace("+", " плюс ")
    # "о.о.о." / "l.l.c." / "и.п." : drop dots between single letters before splitting into words
    text = re.sub(r"(?<=\b\w)\.(?=\w\b)", "", text)
    return text


def _starts_stem(word: str) -> bool:
    return word in GENERIC_LOOKUP or any(word.startswith(s) for s in _STEMS_BY_LENGTH)


def _ends_stem(word: str) -> bool:
    return word in GENERIC_LOOKUP or any(word.endswith(s) for s in _STEMS_BY_LENGTH)


@lru_cache(maxsize=500_000)
def _split_glued_cached(word: str) -> tuple[str, ...]:
    return tuple(_split_glued(word))


def _split_glued(word: str) -> list[str]:
    """Split generic stems off the start and end of a glued word, recursively; keep >= 3-letter remainders.

    The skeleton collapses doubled letters, so "строй"+"инвест" arrives as "stroinvest": when a split
    leaves a remainder that is not a stem, the shared letter is tried on both sides.
    """
    if word in GENERIC_LOOKUP:
        return [GENERIC_LOOKUP[word]]
    for stem in _STEMS_BY_LENGTH:
        if len(word) <= len(stem):
            continue
        if word.startswith(stem):
            rest = word[len(stem):]
            alt = stem[-1] + rest
            if not _starts_stem(rest) and _starts_stem(alt):
                rest = alt
            if len(rest) >= 3 or rest in GENERIC_LOOKUP:
                return [_STEM_TO_KEY[stem], *_split_glued(rest)]
        if word.endswith(stem):
            rest = word[: -len(stem)]
            alt = rest + stem[0]
            if not _ends_stem(rest) and _ends_stem(alt):
                rest = alt
            if len(rest) >= 3 or rest in GENERIC_LOOKUP:
                return [*_split_glued(rest), _STEM_TO_KEY[stem]]
    return [word]


def _legal_phrase_at(words: list[str], i: int) -> tuple[str, int]:
    for size in range(min(_LEGAL_MAX, len(words) - i), 0, -1):
        code = _LEGAL_PHRASES.get(tuple(words[i:i + size]))
        if code:
            return code, size
    return "", 0


_FUZZY_GENERIC = sorted({sk for sk in GENERIC_LOOKUP if len(sk) >= 5})


@lru_cache(maxsize=200_000)
def _generic_or_self(token: str) -> str:
    """Map a one-typo spelling of a generic word (5+ letters) to its key: "sroi" -> stroi, "sevris" -> servis."""
    if token in GENERIC_LOOKUP:
        return GENERIC_LOOKUP[token]
    if len(token) >= 4:
        for sk in _FUZZY_GENERIC:
            if abs(len(sk) - len(token)) <= 1 and OSA.distance(token, sk, score_cutoff=1) <= 1:
                return GENERIC_LOOKUP[sk]
    return token


@lru_cache(maxsize=200_000)
def normalise(name: str) -> NormalisedName:
    words = _WORD_RE.findall(_clean(name or ""))
    legal: list[str] = []
    kept: list[str] = []
    i = 0
    while i < len(words):
        code, size = _legal_phrase_at(words, i)
        # a lone legal-form word is kept as the name (a firm called "Про" is not a legal form)
        if code and size < len(words):
            if code not in legal:
                legal.append(code)
            i += size
        else:
            kept.append(words[i])
            i += 1
    tokens: list[str] = []
    skeletons = [sk for sk in (skeleton_word(word) for word in kept) if sk]
    for sk in skeletons:
        tokens.extend(_generic_or_self(t) for t in _split_glued_cached(sk))
    core = tuple(t for t in tokens if t not in GENERIC_KEYS)
    return NormalisedName(original=name, tokens=tuple(tokens), legal_forms=tuple(legal), core=core,
                          joined="".join(skeletons), word_count=len(skeletons))


_CITY_LOOKUP.update(_build_city_lookup())


def legal_form_short(code: str) -> str:
    """The abbreviation shown to people for a legal-form code ("OOO" -> "ООО")."""
    return legal_form_label(code).split(" ", 1)[0] if code else ""


_EDGE_PUNCT = " \t,;:-–—" + QUOTES


def split_legal_form(name: str) -> tuple[str, str]:
    """("ООО «Ромашка»") -> ("OOO", "Ромашка"): a legal form at the start or the end of a name, and the rest.

    Only whole words at either edge are taken; a name that is nothing but a legal-form word is kept.
    """
    words = (name or "").split()
    keys = [tuple(_WORD_RE.findall(_clean(w))) for w in words]
    flat_len = len(words)
    code = ""

    def match(seq):
        flat = tuple(x for k in seq for x in k)
        return _LEGAL_PHRASES.get(flat) if flat else None

    for size in range(min(_LEGAL_MAX, flat_len - 1), 0, -1):
        found = match(keys[:size])
        if found:
            code, words = found, words[size:]
            break
        found = match(keys[-size:])
        if found:
            code, words = found, words[:-size]
            break
    bare = " ".join(words).strip(_EDGE_PUNCT)
    return code, bare or (name or "").strip()
