"""Spelling-folded search keys so that "Мамадалиев", "Mamadaliev" and "Mamadaliyev" meet.

`fold(text)` transliterates Cyrillic (Russian, Kyrgyz, Tajik letters) to Latin, lower-cases, and folds
the spelling variants common in passports of the corridor (dzh/j, kh/h, y/i, double letters). The same
function is applied to stored text and to the query, so a search in either script finds both.
"""

from __future__ import annotations

import re
import unicodedata

_CYR = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e", "ж": "zh", "з": "z", "и": "i",
    "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t",
    "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "sh", "ъ": "", "ы": "y", "ь": "",
    "э": "e", "ю": "yu", "я": "ya",
    # Kyrgyz, Kazakh, Tajik, Uzbek Cyrillic letters
    "ң": "n", "ө": "o", "ү": "u", "ә": "a", "ғ": "g", "қ": "k", "ұ": "u", "һ": "h", "ҳ": "h", "ҷ": "j",
    "ӣ": "i", "ӯ": "u", "ў": "u", "і": "i",
}
_FOLDS = [
    (re.compile(r"dzh|dj|zh"), "j"),
    (re.compile(r"kh"), "h"),
    (re.compile(r"ts"), "c"),
    (re.compile(r"yu"), "u"),
    (re.compile(r"ya"), "a"),
    (re.compile(r"ye"), "e"),
    (re.compile(r"[yj](?=[^aeiou]|$)"), "i"),
    (re.compile(r"y"), "i"),
    (re.compile(r"w"), "v"),
    (re.compile(r"q"), "k"),
    (re.compile(r"x"), "ks"),
    (re.compile(r"([a-z])\1+"), r"\1"),
]
_NON_WORD = re.compile(r"[^\w]+", re.UNICODE)


def transliterate(text: str) -> str:
    return "".join(_CYR.get(ch, ch) for ch in text.lower())


def fold(text: str) -> str:
    if not text:
        return ""
    text = unicodedata.normalize("NFKD", transliterate(text))
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = text.replace("ʻ", "").replace("'", "").replace("ʼ", "")
    words = []
    for word in _NON_WORD.sub(" ", text).split():
        for pattern, repl in _FOLDS:
            word = pattern.sub(repl, word)
        words.append(word)
    return " ".join(words)


def query_terms(query: str) -> list[str]:
    return [t for t in fold(query).split() if t][:8]
