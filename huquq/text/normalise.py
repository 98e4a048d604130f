"""Folding names for comparison, pure Python (no Django): shared by the help directory and the channels.

`fold` compares place names (and other short names) case- and accent-insensitively: Unicode NFKD with the
combining marks dropped, `str.casefold`, ё = е, hyphens and dots as spaces, whitespace runs as one space.
It does not transliterate: «Москва» and "Moskva" stay different (the gazetteer lists both spellings).

Not to be confused with `huquq.cases.search.fold`, which also transliterates Cyrillic to a Latin skeleton and
whose output is stored (case search keys, blind indexes): that one cannot change without a re-index.
"""

from __future__ import annotations

import unicodedata


def fold(text: str | None) -> str:
    """Compare names case- and accent-insensitively, ё = е, hyphens and dots as spaces."""
    text = unicodedata.normalize("NFKD", text or "")
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()
    text = text.replace("ё", "е").replace("-", " ").replace(".", " ")
    return " ".join(text.split())
