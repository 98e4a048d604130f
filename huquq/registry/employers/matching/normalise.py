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

Before step 3, words written in camel case are split ("ПромТехМ" -> Пром Тех М), and business kinds
("строительная компания", "СК", "Group"; data/business_kinds.yaml) are recognised, recorded in `kinds` and
removed, as long as a distinctive word remains. A word written alone as one letter is an initial (token "^x").
After step 4, words spelled differently across languages ("Kazakh" / "Қазақ"; data/word_variants.yaml) meet.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path

import yaml
from rapidfuzz.distance import OSA

from huquq.text.translit import skeleton_word

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
    "MChJ": ("МЧЖ (LLC, Uzbekistan)", ["мчж", "mchj", "mchzh", "masuliyati cheklangan jamiyat",
                                       "mas'uliyati cheklangan jamiyat", "масъулияти чекланган жамият"]),
    "JDMM": ("ҶДММ (LLC, Tajikistan)", ["ҷдмм", "чдмм", "jdmm", "ҷамъияти дорои масъулияти маҳдуд"]),
    "YaTT": ("ЯТТ (individual entrepreneur, Uzbekistan)", ["ятт", "yatt", "yakka tartibdagi tadbirkor"]),
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
                                         "акционерлік қоғам", "aksiyadorlik jamiyati", "акциядорлик жамияти"]),
    "ZAO": ("ЗАО (closed joint-stock company)", ["зао", "zao", "закрытое акционерное общество", "cjsc"]),
    "OAO": ("ОАО (open joint-stock company)", ["оао", "oao", "открытое акционерное общество", "ojsc",
                                                "ҷск", "jsk", "ҷамъияти саҳомии кушода"]),
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
# Business kinds and word variants: data files beside this module (see their headers).
# ---------------------------------------------------------------------------------------------------------
_DATA_DIR = Path(__file__).with_name("data")
WILDCARD_KIND = "company"  # "Компания X" says nothing about what kind of company X is


def _load_yaml(name: str) -> dict:
    with open(_DATA_DIR / name, encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def _build_kind_phrases() -> tuple[dict[tuple[str, ...], frozenset[str]], dict[str, str]]:
    data = _load_yaml("business_kinds.yaml")
    phrases: dict[tuple[str, ...], frozenset[str]] = {}
    labels: dict[str, str] = {}
    for code, entry in data["kinds"].items():
        labels[code] = entry["label"]
        for spelling in entry["spellings"]:
            phrases[_phrase_key(str(spelling))] = frozenset({code})
    for abbreviation, codes in data["abbreviations"].items():
        unknown = set(codes) - set(labels)
        if unknown:
            raise ValueError(f"business_kinds.yaml: abbreviation {abbreviation!r} names unknown kinds {unknown}")
        phrases[_phrase_key(str(abbreviation))] = frozenset(codes)
    return phrases, labels


_KIND_PHRASES, KIND_LABELS = _build_kind_phrases()
_KIND_MAX = max(len(k) for k in _KIND_PHRASES)
# single words that must not be split as camel case ("ОсОО" is a legal form, not "Ос" + "ОО")
_NO_CAMEL_SPLIT = {k[0] for k in (*_LEGAL_PHRASES, *_KIND_PHRASES) if len(k) == 1}
_LEGAL_WORDS = {k[0] for k in _LEGAL_PHRASES if len(k) == 1}


def kinds_compatible(a: frozenset[str], b: frozenset[str]) -> bool:
    """Two names can be one firm unless both say what kind of firm they are and the kinds never overlap."""
    if not a or not b or WILDCARD_KIND in a or WILDCARD_KIND in b:
        return True
    return bool(a & b)


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
    "trans": ["транс", "trans", "транспорт", "transport"],
    # a word of its own: "Евротранс" and "Евротранс-Логистик" are two firms
    "logistik": ["логистик", "логистика", "logistik", "logistics", "logistika", "логистикс"],
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

def _build_variant_lookup() -> dict[str, str]:
    lookup: dict[str, str] = {}
    for key, spellings in _load_yaml("word_variants.yaml").items():
        for spelling in spellings:
            sk = skeleton_word(_APOSTROPHE_RE.sub("", str(spelling).lower()))
            if sk:
                lookup[sk] = key
    return lookup


VARIANT_LOOKUP = _build_variant_lookup()

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
    "tashkent": ["ташкент", "tashkent", "toshkent", "тошкент"],
    "samarkand": ["самарканд", "samarkand", "samarqand", "самарқанд"],
    "buhara": ["бухара", "bukhara", "buxoro", "бухоро"],
    "navoi": ["навои", "navoi", "navoiy", "навоий"],
    "andijan": ["андижан", "andijan", "andijon", "андижон"],
    "fergana": ["фергана", "fergana", "farg'ona", "fargona", "фарғона"],
    "namangan": ["наманган", "namangan"],
    "dushanbe": ["душанбе", "dushanbe"],
    "hujand": ["худжанд", "khujand", "хуҷанд", "xujand", "ходжент", "ленинабад"],
    "bishkek": ["бишкек", "bishkek", "фрунзе"],
    "osh": ["ош", "osh"],
    "karaganda": ["караганда", "karaganda", "қарағанды", "qaraghandy", "karagandy"],
    "aktobe": ["актобе", "aktobe", "ақтөбе", "актюбинск"],
    "oskemen": ["усть-каменогорск", "ust-kamenogorsk", "өскемен", "oskemen"],
    "kiev": ["киев", "kyiv", "kiev", "київ"],
}

# Cities not in the table still meet when their skeletons are one edit apart (5+ letters): "Lipetsk" = "Липецк".
_CITY_FUZZY_MIN = 5


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
    return _city_key(_skeleton_phrase(unicodedata.normalize("NFKC", city)))


@lru_cache(maxsize=50_000)
def _city_key(skeleton: str) -> str:
    if skeleton in _CITY_LOOKUP:
        return _CITY_LOOKUP[skeleton]
    if len(skeleton) >= _CITY_FUZZY_MIN:
        for known, key in _CITY_LOOKUP.items():
            if abs(len(known) - len(skeleton)) <= 1 and OSA.distance(known, skeleton, score_cutoff=1) <= 1:
                return key
    return skeleton


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
    kinds: frozenset[str] = frozenset()  # business kinds the name states (codes from business_kinds.yaml)
    personal: bool = False               # a sole trader ("ИП …") or a surname with initials ("Абдуллаев Ш.")

    @cached_property
    def compact(self) -> str:
        return "".join(self.compact_tokens)

    @cached_property
    def compact_tokens(self) -> tuple[str, ...]:
        return tuple(t.lstrip(INITIAL_MARK) for t in self.tokens)

    @cached_property
    def sorted_compact(self) -> str:
        return "".join(sorted(self.compact_tokens))

    @cached_property
    def core_compact(self) -> str:
        return "".join(t.lstrip(INITIAL_MARK) for t in self.core)

    @cached_property
    def generic(self) -> tuple[str, ...]:
        return tuple(t for t in self.tokens if t in GENERIC_KEYS)

    @cached_property
    def key(self) -> str:
        """Sorted-token key: equal keys mean the same name up to word order and spelling."""
        return " ".join(sorted(self.tokens))

    @cached_property
    def sorted_generic(self) -> tuple[str, ...]:
        return tuple(sorted(self.generic))

    @cached_property
    def initials(self) -> frozenset[str]:
        return frozenset(t for t in self.tokens if t.startswith(INITIAL_MARK))


INITIAL_MARK = "^"  # token prefix of an initial: "Абдуллаев Ш." -> ("abdulav", "^sh")
_CAMEL_RE = re.compile(r"(?<=[^\W\d_])(?=[A-ZА-ЯЁӘҒҚҢӨҰҮҺІЎҲҶӢӮ])")


_HYPHENED_LEGAL_RE = re.compile(r"(?<=[^\W\d_])(-)([^\W\d_]+)")


def _split_camel(text: str) -> str:
    """"ПромТехМ" -> "Пром Тех М"; words in capitals ("ПРОМТЕХ") and legal forms ("ОсОО") stay whole."""
    def split_word(match: re.Match) -> str:
        word = match.group(0)
        if word.isupper() or word.islower() or word.lower() in _NO_CAMEL_SPLIT:
            return word
        # only a lower-case letter followed by a capital starts a new word
        return re.sub(r"(?<=[a-zа-яёәғқңөұүһіўҳҷӣӯ])(?=[A-ZА-ЯЁӘҒҚҢӨҰҮҺІЎҲҶӢӮ])", " ", word)
    return _WORD_RE.sub(split_word, text)


def _clean(text: str) -> str:
    text = _split_camel(unicodedata.normalize("NFKC", text))
    text = text.lower().replace("ё", "е")
    # "Ала-Тоо" is a name (a Kyrgyz range), not "Ала" + the legal form ТОО: a legal-form word hyphened to
    # the word before it is part of the name
    text = _HYPHENED_LEGAL_RE.sub(lambda m: m.group(2) if m.group(2) in _LEGAL_WORDS else m.group(0), text)
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
            if not _starts_stem(rest) and (_starts_stem(alt) or _is_generic_typo(alt)):
                rest = alt  # "stroinvest" -> stroi + invest; "stroinvset" -> stroi + invset (invest, one typo)
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


def _is_generic_typo(word: str) -> bool:
    return word not in GENERIC_LOOKUP and _generic_or_self(word) in GENERIC_KEYS


def _legal_phrase_at(words: list[str], i: int) -> tuple[str, int]:
    for size in range(min(_LEGAL_MAX, len(words) - i), 0, -1):
        code = _LEGAL_PHRASES.get(tuple(words[i:i + size]))
        if code:
            return code, size
    return "", 0


_FUZZY_GENERIC = sorted({sk for sk in GENERIC_LOOKUP if len(sk) >= 5})
# the same spellings by the token lengths they may match (one letter more or fewer), in the same order
_FUZZY_GENERIC_BY_LENGTH: dict[int, tuple[str, ...]] = {
    n: tuple(sk for sk in _FUZZY_GENERIC if abs(len(sk) - n) <= 1)
    for n in range(4, max(map(len, _FUZZY_GENERIC)) + 2)}


@lru_cache(maxsize=200_000)
def _generic_or_self(token: str) -> str:
    """Map a one-typo spelling of a generic word (5+ letters) to its key: "sroi" -> stroi, "sevris" -> servis."""
    if token in GENERIC_LOOKUP:
        return GENERIC_LOOKUP[token]
    if len(token) >= 4:
        for sk in _FUZZY_GENERIC_BY_LENGTH.get(len(token), ()):
            if OSA.distance(token, sk, score_cutoff=1) <= 1:
                return GENERIC_LOOKUP[sk]
    return token


def _kind_phrase_at(words: list[str], i: int) -> tuple[frozenset[str], int]:
    for size in range(min(_KIND_MAX, len(words) - i), 0, -1):
        codes = _KIND_PHRASES.get(tuple(words[i:i + size]))
        if codes:
            return codes, size
    return frozenset(), 0


def _tokens(words: list[str]) -> tuple[list[str], list[str]]:
    """Skeleton tokens of the words as written, and the skeletons before glued words were split."""
    tokens: list[str] = []
    skeletons: list[str] = []
    for word in words:
        sk = skeleton_word(word)
        if not sk:
            continue
        skeletons.append(sk)
        if len(word) == 1 and word.isalpha():
            tokens.append(INITIAL_MARK + sk)
            continue
        if sk in VARIANT_LOOKUP:  # a known word is not split as glued stems ("textile" is not "tex" + "tile")
            tokens.append(VARIANT_LOOKUP[sk])
            continue
        for part in _split_glued_cached(sk):
            part = _generic_or_self(part)
            tokens.append(VARIANT_LOOKUP.get(part, part))
    return tokens, skeletons


@lru_cache(maxsize=200_000)
def normalise(name: str) -> NormalisedName:
    words = _WORD_RE.findall(_clean(name or ""))
    legal: list[str] = []
    kept: list[str] = []          # words of the name with legal forms removed
    kind_words: set[int] = set()  # positions in `kept` that spell a business kind
    kinds: set[str] = set()
    i = 0
    while i < len(words):
        code, size = _legal_phrase_at(words, i)
        # a lone legal-form word is kept as the name (a firm called "Про" is not a legal form)
        if code and size < len(words):
            if code not in legal:
                legal.append(code)
            i += size
            continue
        codes, size = _kind_phrase_at(words, i)
        if codes:
            kind_words.update(range(len(kept), len(kept) + size))
            kinds |= codes
            kept.extend(words[i:i + size])
            i += size
            continue
        kept.append(words[i])
        i += 1
    without_kinds = [w for n, w in enumerate(kept) if n not in kind_words]
    tokens, skeletons = _tokens(without_kinds)
    if not any(t not in GENERIC_KEYS for t in tokens):
        # nothing distinctive is left ("Строй Групп"): the kind words are the name, keep them as words
        tokens, skeletons = _tokens(kept)
        kinds = set()
    core = tuple(t for t in tokens if t not in GENERIC_KEYS)
    return NormalisedName(original=name, tokens=tuple(tokens), legal_forms=tuple(legal), core=core,
                          joined="".join(skeletons), word_count=len(skeletons), kinds=frozenset(kinds),
                          personal=_looks_personal(legal, tokens, core))


_SURNAME_ENDINGS = ("ov", "ev", "in", "ova", "eva", "ina", "ski", "ska", "enko", "zoda", "zade", "uulu", "kizi")


def _looks_personal(legal: list[str], tokens: list[str], core: tuple[str, ...]) -> bool:
    if {"IP", "YaTT"} & set(legal):
        return True
    return any(t.startswith(INITIAL_MARK) for t in tokens) and any(
        t.endswith(_SURNAME_ENDINGS) for t in core if not t.startswith(INITIAL_MARK))


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
