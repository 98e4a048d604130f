"""Transliteration between Cyrillic and Latin, and the Latin skeleton used for comparison.

Two layers:

1. `to_latin(text, scheme)` — a faithful transliteration. ``scheme="icao"`` follows the table of ICAO
   Doc 9303 (as used in Russian passports since 2013: ж zh, х kh, ц ts, щ shch, ю iu, я ia, й i,
   ъ ie); ``scheme="gost"`` follows GOST 7.79-2000 system B (й j, х x, ц cz/c, щ shh, ю yu, я ya, ы y',
   э e'), simplified to letters only. Kazakh, Kyrgyz, Tajik and Uzbek Cyrillic letters are mapped to
   their nearest plain Latin letters (ә a, ғ g, қ q, ң ng, ө o, ұ u, ү u, һ h, і i, ӣ i, ӯ u, ҳ h, ҷ j, ў o).
   `to_cyrillic(text)` is the rough reverse, for showing a Latin query in Cyrillic.

2. `skeleton(text)` — a lossy Latin key on which the standard *and* the informal ways migrants type a
   name coincide: щ = shch = sch = sh; ж = zh = j; дж = dzh = dj = j; х = kh = h = x; ц = ts = c; ю = yu = iu = ju; я = ya = ia;
   й = y = i = j; ы = y = i; э = e; ь and ъ dropped; doubled letters collapsed. The skeleton is never
   shown to people; it only decides what is compared with what.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from functools import lru_cache

# ---------------------------------------------------------------------------------------------------------
# Faithful transliteration tables
# ---------------------------------------------------------------------------------------------------------

_COMMON = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e", "з": "z", "и": "i", "к": "k",
    "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f",
    "ч": "ch", "ш": "sh", "ь": "", "э": "e",
    # Kazakh / Kyrgyz / Tajik / Uzbek letters
    "ә": "a", "ғ": "g", "қ": "q", "ң": "ng", "ө": "o", "ұ": "u", "ү": "u", "һ": "h", "і": "i",
    "ӣ": "i", "ӯ": "u", "ҳ": "h", "ҷ": "j", "ў": "o", "ҫ": "s", "ӝ": "j",
}

ICAO = {
    **_COMMON,
    "ж": "zh", "й": "i", "х": "kh", "ц": "ts", "щ": "shch", "ъ": "ie", "ы": "y", "ю": "iu", "я": "ia",
}

GOST = {
    **_COMMON,
    "ж": "zh", "й": "j", "х": "x", "ц": "c", "щ": "shh", "ъ": "", "ы": "y", "ю": "yu", "я": "ya",
}

SCHEMES = {"icao": ICAO, "gost": GOST}

# Informal spellings seen in messages typed on Latin keyboards (used to generate and test variants):
# every value is a list of spellings a person may use for the letter.
# The skeleton maps every spelling listed here to the same key as the Cyrillic letter (tested).
INFORMAL = {
    "щ": ["shch", "sch", "sh", "shh"], "ж": ["zh", "j"], "х": ["kh", "h", "x"], "ц": ["ts", "c", "tz"],
    "ч": ["ch", "tch"], "ш": ["sh"], "ю": ["yu", "iu", "u", "ju"], "я": ["ya", "ia", "ja", "a"],
    "й": ["y", "i", "j"], "ы": ["y", "i"], "э": ["e"], "ь": ["", "'"], "ъ": ["", "'"], "ё": ["e"],
    "е": ["e"], "ә": ["a", "ae"], "ғ": ["g", "gh"], "қ": ["k", "q"], "ң": ["n", "ng"], "ө": ["o", "oe"],
    "ұ": ["u"], "ү": ["u", "ue"], "һ": ["h"], "і": ["i"],
}


def to_latin(text: str, scheme: str = "icao") -> str:
    """Transliterate Cyrillic letters to Latin, keeping everything else; keeps upper/lower case roughly."""
    table = SCHEMES[scheme]
    out = []
    for ch in text:
        low = ch.lower()
        if low in table:
            latin = table[low]
            out.append(latin.capitalize() if ch != low and latin else latin)
        else:
            out.append(ch)
    return "".join(out)


_REVERSE = [
    ("shch", "щ"), ("sch", "щ"), ("zh", "ж"), ("kh", "х"), ("ts", "ц"), ("ch", "ч"), ("sh", "ш"),
    ("yu", "ю"), ("iu", "ю"), ("ya", "я"), ("ia", "я"), ("yo", "ё"), ("ye", "е"),
    ("a", "а"), ("b", "б"), ("c", "ц"), ("d", "д"), ("e", "е"), ("f", "ф"), ("g", "г"), ("h", "х"),
    ("i", "и"), ("j", "ж"), ("k", "к"), ("l", "л"), ("m", "м"), ("n", "н"), ("o", "о"), ("p", "п"),
    ("q", "к"), ("r", "р"), ("s", "с"), ("t", "т"), ("u", "у"), ("v", "в"), ("w", "в"), ("x", "кс"),
    ("y", "й"), ("z", "з"),
]
_REVERSE_RE = re.compile("|".join(re.escape(k) for k, _ in _REVERSE))
_REVERSE_MAP = dict(_REVERSE)


def to_cyrillic(text: str) -> str:
    """Rough Latin-to-Russian-Cyrillic reverse transliteration (greedy, longest spelling first)."""
    return _REVERSE_RE.sub(lambda m: _REVERSE_MAP[m.group(0)], text.lower())


# ---------------------------------------------------------------------------------------------------------
# Skeleton
# ---------------------------------------------------------------------------------------------------------

# Cyrillic letters straight to skeleton spellings (chosen so the Latin folding below reaches the same key).
_CYR_SKELETON = {
    **_COMMON,
    "ж": "j", "й": "i", "х": "h", "ц": "c", "щ": "sh", "ъ": "", "ы": "i", "ю": "iu", "я": "ia", "э": "e",
    "ё": "e", "ң": "n", "қ": "k", "ғ": "g", "ч": "ch", "ш": "sh",
}

# Latin folding, applied in order on lower-case ASCII text. Each rule makes informal spellings meet.
_LATIN_RULES: list[tuple[re.Pattern, str | Callable[[re.Match], str]]] = [
    (re.compile(r"dzh|dj"), "j"),                 # дж: Джамшед = Dzhamshed = Djamshed = Jamshed
    (re.compile(r"shch|sch|shh"), "sh"),          # щ
    (re.compile(r"tch"), "ch"),
    (re.compile(r"zh"), "j"),                     # ж
    (re.compile(r"kh"), "h"),                     # х
    (re.compile(r"gh"), "g"),                     # ғ
    (re.compile(r"ph"), "f"),
    (re.compile(r"(?<=[aeiouy])j(?![aeiouy])"), "i"),   # й typed as j after a vowel: stroj -> stroi
    (re.compile(r"^ex(?=[^aeiouyh])"), "eks"),    # express, export, expert = экспресс …
    (re.compile(r"x"), "h"),                      # otherwise x is х as migrants type it: xleb, axmetov, tex
    (re.compile(r"eu(?=r)"), "ev"),               # euro = евро
    (re.compile(r"tz|ts"), "c"),                  # ц
    (re.compile(r"ck"), "k"),
    (re.compile(r"c(?=[eiy])"), "s"),             # service, centr (Latin c before e/i is s) ...
    (re.compile(r"c(?!h)"), "k"),                 # ... and k elsewhere (company = kompania)
    (re.compile(r"ng"), "n"),                     # ң typed ng
    (re.compile(r"q"), "k"),
    (re.compile(r"w"), "v"),
    (re.compile(r"y"), "i"),                      # й, ы: stroy = stroi
    (re.compile(r"(?<![a-z])ie|(?<=[aeiou])ie"), "e"),  # е typed as ye/ie at a word start or after a vowel
    (re.compile(r"(?<=[a-z])ju|iu"), "u"),        # ю (a j at a word start is ж: Jibek, Jalal)
    (re.compile(r"(?<=[a-z])ja|ia"), "a"),        # я
    (re.compile(r"(?<=[a-z])jo|io"), "o"),        # ё
    (re.compile(r"ou"), "u"),                     # group = grupp
    (re.compile(r"ae|oe|ue"), lambda m: m.group(0)[0]),  # ә ө ү typed with e
    (re.compile(r"([a-z])\1+"), r"\1"),           # doubled letters
]


def _strip_marks(text: str) -> str:
    """Remove diacritics from remaining non-ASCII Latin letters (ä -> a, ñ -> n); drop other scripts."""
    out = []
    for ch in text:
        if ch.isascii():
            out.append(ch)
        else:
            base = unicodedata.normalize("NFD", ch)[0]
            if base.isascii():
                out.append(base)
    return "".join(out)


_LATIN_SPECIAL = {"ı": "i", "ş": "sh", "ç": "ch", "ğ": "g", "ñ": "n", "ö": "o", "ü": "u", "ä": "a", "ʻ": "", "ʼ": ""}


def latin_fold(word: str) -> str:
    for pattern, repl in _LATIN_RULES:
        word = pattern.sub(repl, word)
    return word


@lru_cache(maxsize=500_000)
def skeleton_word(word: str) -> str:
    """One word (already lower-case, no punctuation) to its skeleton."""
    word = "".join(_LATIN_SPECIAL.get(ch, ch) for ch in word)
    word = "".join(_CYR_SKELETON.get(ch, ch) for ch in word)
    word = _strip_marks(word)
    word = "".join(ch for ch in word if ch.isascii() and ch.isalnum())
    return latin_fold(word)


_WORD_RE = re.compile(r"[^\W_]+", re.UNICODE)


_APOSTROPHE_IN_WORD = re.compile(r"(?<=\w)['’ʼʻ`´](?=\w)")


def skeleton(text: str) -> str:
    """Whole text to space-separated skeleton words (no legal-form or generic-word handling here)."""
    text = _APOSTROPHE_IN_WORD.sub("", text.lower().replace("ё", "е"))
    words = (skeleton_word(w) for w in _WORD_RE.findall(text))
    return " ".join(w for w in words if w)
