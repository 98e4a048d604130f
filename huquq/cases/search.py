"""Spelling-folded search keys so that "Мамадалиев", "Mamadaliev" and "Mamadaliyev" meet.

`fold(text)` is the Latin skeleton of `huquq.text.translit` (the one transliteration the project has; the
employer register and the help directory compare with it too): Cyrillic of every corridor language to Latin,
lower-cased, with the spellings people use on passports and Latin keyboards made equal (zh/j, kh/h/x, y/i,
doubled letters). The same function is applied to stored text and to the query, so a search in either
script finds both.

Its output is stored (`Case.search_key`, the blind name index, the SQLite FTS5 rows): a change to the skeleton
needs `huquq cases reindex` (and a data migration that runs it) or old keys stop matching new queries.
"""

from __future__ import annotations

from collections.abc import Iterable

from huquq.text.translit import skeleton

MAX_QUERY_TERMS = 8


def fold(text: str | None) -> str:
    return skeleton(text) if text else ""


def search_key(parts: Iterable[str | None]) -> str:
    """The stored search column: folded words padded with spaces, so `LIKE '% word%'`-style matching and
    substring matching both work on word edges."""
    return " " + fold(" ".join(p for p in parts if p)) + " "


def query_terms(query: str) -> list[str]:
    return [t for t in fold(query).split() if t][:MAX_QUERY_TERMS]
