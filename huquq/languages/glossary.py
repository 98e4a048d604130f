"""The legal glossary: one Russian term, its Kyrgyz, Tajik and Uzbek equivalents, kept as data.

`glossary/ru.yaml` names each term and the Russian stems that mean it; `glossary/<lang>.yaml` gives the
term to use in that language and the stems that count as using it. `missing_terms(ru_text, text, lang)`
lists the terms a translation should contain but does not: the catalogue and rule-text tests call it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

GLOSSARY_DIR = Path(__file__).resolve().parent / "glossary"
GLOSSARY_LANGUAGES = ("ky", "tg", "uz")


@dataclass(frozen=True)
class Term:
    id: str
    english: str
    russian: re.Pattern
    term: str
    match: re.Pattern


@cache
def terms(language: str) -> tuple[Term, ...]:
    russian = yaml.safe_load((GLOSSARY_DIR / "ru.yaml").read_text(encoding="utf-8"))
    target = yaml.safe_load((GLOSSARY_DIR / f"{language}.yaml").read_text(encoding="utf-8"))
    return tuple(
        Term(term_id, entry["en"], re.compile(entry["ru"], re.IGNORECASE), target[term_id]["term"],
             re.compile(target[term_id]["match"], re.IGNORECASE))
        for term_id, entry in russian.items()
    )


def missing_terms(russian_text: str, translated_text: str, language: str) -> list[Term]:
    """Glossary terms used in the Russian text whose `language` term is absent from the translation."""
    return [t for t in terms(language) if t.russian.search(russian_text) and not t.match.search(translated_text)]
