"""Uzbek Latin ⇄ Uzbek Cyrillic, after the official correspondence of the two alphabets (1995 Latin alphabet).

Letters: a а, b б, d д, e е/э, f ф, g г, h ҳ, i и, j ж, k к, l л, m м, n н, o о, p п, q қ, r р, s с, t т,
u у, v в, x х, y й, z з, oʻ ў, gʻ ғ, sh ш, ch ч, ʼ ъ, yo ё, yu ю, ya я, ye е; ng is н+г.
Exceptions handled here:
- e is э at the start of a word and after a vowel (eshik эшик, poeziya поэзия), е elsewhere;
- ye is е at the start of a word or after a vowel (yer ер), ъе after a consonant (obyekt объект);
- yoʻ is йў, not ёʻ (yoʻq йўқ);
- sʼh is сҳ (Isʼhoq Исҳоқ), so that it is not read as ш;
- ts before iya/ion/iy/ey after a vowel is ц (migratsiya миграция, litsey лицей); elsewhere t+s (ketsa кетса);
- s written for Russian ц after a consonant is a dictionary matter (aksiya акция, stansiya станция, sex цех):
  see WORD_EXCEPTIONS;
- codes, placeholders, URLs and a few Latin names (ISO, JSON, RU-MOW, %(name)s, `huquq …`) stay as they are.
Apostrophes may be typed as ' ʻ ʼ ‘ ’ `: oʻ and gʻ take the turned comma, every other one is the tutuq belgisi ʼ.
"""

from __future__ import annotations

import re
from pathlib import Path

OKINA = "\u02bb"  # ʻ in oʻ, gʻ
TUTUQ = "\u02bc"  # ʼ, the apostrophe sign (Cyrillic ъ)
VOWELS_LAT = "aeiouAEIOU"
VOWELS_CYR = "аеёиоуўэюяАЕЁИОУЎЭЮЯ"

# Whole words (lower case) whose Cyrillic spelling the letter rules cannot derive: Russian loans where
# the Latin writes s or e for Cyrillic ц or э. The inflected forms follow (aksiyalar акциялар).
WORD_EXCEPTIONS = {
    "aksiya": "акция", "stansiya": "станция", "inspeksiya": "инспекция", "funksiya": "функция",
    "korrupsiya": "коррупция", "konsepsiya": "концепция", "yurisdiksiya": "юрисдикция",
    "sex": "цех", "sement": "цемент", "sirk": "цирк", "sitata": "цитата", "sentr": "центр",
    "okved": "оквэд", "proyekt": "проект",
}

_PROTECTED = re.compile(
    r"%\([a-z_0-9]+\)[sdrif]|%[sdrif]|\{[a-z_0-9]*\}"  # placeholders
    r"|https?://\S*|\S+@\S+\.\w+"  # links and e-mail addresses
    r"|`[^`]*`"  # commands
    r"|<[^>]+>"  # HTML tags
    r"|\b[A-Z]{2}-[A-Z0-9]{2,3}\b"  # ISO 3166-2 codes
    r"|\b\w+(?:[_.]\w+)+\b|\b\w+(?:/\w+)+\.\w+\b"  # field names, 41.20, file paths
    r"|\b(?:ISO|JSON|CSV|YAML|PDF|JPEG|PNG|WEBP|OGG|MP3|MP4|MB|RUB|KZT|KGS|USD|GCM|RU|KZ|KG|TJ|UZ"
    r"|Telegram|Solidarity Center|Moscow|Almaty|supersedes|ru|ky|tg|uz|kk|en)\b"
)

_LAT_UNITS = [  # longest first; each (latin lower, cyrillic lower)
    ("s" + TUTUQ + "h", "сҳ"), ("o" + OKINA, "ў"), ("g" + OKINA, "ғ"), ("sh", "ш"), ("ch", "ч"),
    ("yo", "ё"), ("yu", "ю"), ("ya", "я"), ("ye", "е"),
]
_LAT_LETTERS = dict(zip("abdefghijklmnopqrstuvxyz", "абдефгҳижклмнопқрстувхйз", strict=True))
_LAT_LETTERS[TUTUQ] = "ъ"

_CYR_LETTERS = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "ж": "j", "з": "z", "и": "i", "й": "y", "к": "k",
    "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f",
    "х": "x", "ч": "ch", "ш": "sh", "ъ": TUTUQ, "ь": "", "э": "e", "ю": "yu", "я": "ya", "ё": "yo",
    "ў": "o" + OKINA, "қ": "q", "ғ": "g" + OKINA, "ҳ": "h",
}


def normalise_apostrophes(text: str) -> str:
    """oʻ/gʻ with the turned comma, every other apostrophe as the tutuq belgisi."""
    typed = "'\u2018\u2019`"  # ʻ and ʼ themselves are kept: oʼ (o + tutuq) stays what it is
    text = re.sub(f"([oOgG])[{typed}]", lambda m: m.group(1) + OKINA, text)
    return re.sub(f"[{typed}]", TUTUQ, text)


def _case_like(source: str, target: str, next_char: str = "") -> str:
    if not source[0].isupper():
        return target
    if len(source) > 1 and source[1:].replace(OKINA, "").isupper():
        return target.upper()
    if len(target) > 1 and next_char.isupper():
        return target.upper()
    return target[0].upper() + target[1:]


def _word_to_cyrillic(word: str) -> str:
    lower = word.lower()
    for stem, cyrillic in WORD_EXCEPTIONS.items():
        if lower.startswith(stem):
            head = cyrillic.upper() if word.isupper() else (cyrillic.capitalize() if word[0].isupper() else cyrillic)
            return head + _word_to_cyrillic(word[len(stem):]) if len(word) > len(stem) else head
    out, i = [], 0
    while i < len(word):
        chunk = lower[i:]
        previous = lower[i - 1] if i else ""
        after_vowel = previous in "aeiou" or previous == OKINA and i >= 2 and lower[i - 2] == "o"
        if chunk.startswith("yo" + OKINA):  # yoʻq → йўқ
            out.append(_case_like(word[i], "й"))
            i += 1
            continue
        if chunk.startswith("ts") and after_vowel and re.match(r"ts(i(ya|yo|ye|yu|on|y)|ey)", chunk):
            out.append(_case_like(word[i:i + 2], "ц"))
            i += 2
            continue
        for latin, cyrillic in _LAT_UNITS:
            if chunk.startswith(latin):
                if latin == "ye" and previous and not after_vowel and previous != TUTUQ:
                    cyrillic = "ъе"
                out.append(_case_like(word[i:i + len(latin)], cyrillic, word[i + len(latin):i + len(latin) + 1]))
                i += len(latin)
                break
        else:
            char = word[i]
            if lower[i] == "e" and (not previous or after_vowel):
                out.append(_case_like(char, "э"))
            else:
                cyrillic = _LAT_LETTERS.get(lower[i])
                out.append(char if cyrillic is None else _case_like(char, cyrillic))
            i += 1
    return "".join(out)


_WORD = re.compile(f"[A-Za-z{OKINA}{TUTUQ}]+")


def _convert_unprotected(text: str, convert_segment) -> str:
    pieces, last = [], 0
    for match in _PROTECTED.finditer(text):
        pieces += [convert_segment(text[last:match.start()]), match.group()]
        last = match.end()
    pieces.append(convert_segment(text[last:]))
    return "".join(pieces)


def latin_to_cyrillic(text: str) -> str:
    return _convert_unprotected(
        text, lambda segment: _WORD.sub(lambda m: _word_to_cyrillic(m.group()), normalise_apostrophes(segment)))


_CYR_WORD = re.compile(r"[А-Яа-яЁёЎўҚқҒғҲҳ]+")


def _word_to_latin(word: str) -> str:
    out = []
    lower = word.lower()
    for i, char in enumerate(word):
        low = lower[i]
        previous = lower[i - 1] if i else ""
        following = word[i + 1] if i + 1 < len(word) else ""
        if low == "е":
            latin = "ye" if not previous or previous in VOWELS_CYR.lower() or previous == "ъ" else "e"
        elif low == "ъ" and lower[i + 1:i + 2] == "е" and previous and previous not in VOWELS_CYR.lower():
            latin = ""  # объект → obyekt
        elif low == "ц":
            latin = "ts" if previous and previous in VOWELS_CYR.lower() else "s"
        elif low == "ҳ" and previous == "с":
            latin = TUTUQ + "h"  # Исҳоқ → Isʼhoq
        else:
            latin = _CYR_LETTERS.get(low, char)
        if latin and char.isupper():
            all_caps = (following.isupper() or (i and word[i - 1].isupper() and not following.isalpha()))
            latin = latin.upper() if all_caps and len(word) > 1 else latin[0].upper() + latin[1:]
            latin = latin.replace(OKINA.upper(), OKINA)
        out.append(latin)
    return "".join(out)


def cyrillic_to_latin(text: str) -> str:
    return _CYR_WORD.sub(lambda m: _word_to_latin(m.group()), text)


# The generated catalogues ---------------------------------------------------------------------------

HUQUQ = Path(__file__).resolve().parent.parent
GENERATED_NOTE = "Generated from the Uzbek Latin catalogue by `huquq languages build-uz-cyrl`; do not edit."


# Django's own strings (form errors, password rules, admin) in Uzbek Cyrillic: a catalogue generated from the
# Uzbek (Latin) catalogues Django ships, in a locale directory listed after the project's in LOCALE_PATHS so
# that it outranks Django's own Latin ones on uz-cyrl pages.
DJANGO_STRINGS_DIR = HUQUQ / "languages" / "django_locale"
DJANGO_NOTE = ("Generated from the Uzbek Latin catalogues shipped with Django {version} by "
               "`huquq languages build-uz-cyrl`; do not edit.")


def _transliterate_catalog(catalog) -> None:
    for message in catalog:
        if not message.id:
            continue
        if isinstance(message.string, tuple):
            # Uzbek has one plural form in Django's catalogues and two in ours: the other form is the same text
            forms = [s or message.string[0] for s in message.string] + [message.string[0]] * (2 - len(message.string))
            message.string = tuple(latin_to_cyrillic(normalise_apostrophes(s)) for s in forms)
        elif message.string:
            message.string = latin_to_cyrillic(normalise_apostrophes(message.string))


def _write_cyrillic_catalog(catalog, target: Path, note: str) -> Path:
    from babel.messages.pofile import write_po

    catalog.locale = None
    catalog.header_comment = f"# {note}"
    target.parent.mkdir(parents=True, exist_ok=True)
    with target.open("wb") as handle:
        write_po(handle, catalog, width=0)
    text = target.read_text(encoding="utf-8").replace("#, no-python-format, python-format", "#, no-python-format")
    text = re.sub(r'"Language: [^"]*\\n"\n', "", text)
    text = text.replace('"Language-Team:', '"Language: uz_Cyrl\\n"\n"Language-Team:', 1)
    text = re.sub(r'"Plural-Forms: [^"]*\\n"', lambda m: '"Plural-Forms: nplurals=2; plural=(n != 1);\\n"', text)
    if '"Plural-Forms:' not in text:
        text = text.replace('"Language: uz_Cyrl\\n"\n', '"Language: uz_Cyrl\\n"\n"Plural-Forms: nplurals=2; plural=(n != 1);\\n"\n', 1)
    target.write_text(text, encoding="utf-8")
    return target


def build_catalogues(root: Path = HUQUQ) -> list[Path]:
    """Write <locale>/uz_Cyrl/LC_MESSAGES/django.po next to every <locale>/uz catalogue."""
    from babel.messages.pofile import read_po

    written = []
    for source in sorted(root.glob("**/locale/uz/LC_MESSAGES/django.po")):
        with source.open("rb") as handle:
            catalog = read_po(handle)
        _transliterate_catalog(catalog)
        target = source.parent.parent.parent / "uz_Cyrl" / "LC_MESSAGES" / "django.po"
        written.append(_write_cyrillic_catalog(catalog, target, GENERATED_NOTE))
    return written


def build_django_catalogue(target_dir: Path = DJANGO_STRINGS_DIR) -> Path:
    """One uz_Cyrl catalogue of the strings of Django and its contrib apps (first catalogue wins on clashes)."""
    import django
    from babel.messages.catalog import Catalog
    from babel.messages.pofile import read_po

    base = Path(django.__file__).resolve().parent
    sources = [base / "conf" / "locale" / "uz" / "LC_MESSAGES" / "django.po"]
    sources += sorted(base.glob("contrib/*/locale/uz/LC_MESSAGES/django.po"))
    merged = None
    for source in sources:
        with source.open("rb") as handle:
            catalog = read_po(handle)
        if merged is None:  # dated like Django's own catalogue, so rebuilding leaves the file unchanged
            merged = Catalog(fuzzy=False, creation_date=catalog.creation_date, revision_date=catalog.revision_date)
        for message in catalog:
            if message.id and message.string and message.id not in merged and not message.fuzzy:
                merged[message.id] = message
    _transliterate_catalog(merged)
    target = target_dir / "uz_Cyrl" / "LC_MESSAGES" / "django.po"
    return _write_cyrillic_catalog(merged, target, DJANGO_NOTE.format(version=django.get_version()))
