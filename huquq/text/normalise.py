"""Folding names for comparison, pure Python (no Django): shared by the help directory and the channels.

`fold` compares place names (and other short names) case- and accent-insensitively: Unicode NFKD with the
combining marks dropped, `str.casefold`, ё = е, hyphens and dots as spaces, whitespace runs as one space.
It does not transliterate: «Москва» and "Moskva" stay different (the gazetteer lists both spellings).

Not to be confused with `huquq.text.translit.skeleton` (case search, employer matching), which transliterates
Cyrillic to a lossy Latin key and whose output is stored: it cannot change without `huquq cases reindex` and
`huquq employers rekey`.
"""

from __future__ import annotations

import unicodedata


def fold(text: str | None) -> str:
    """Compare names case- and accent-insensitively, ё = е, hyphens and dots as spaces."""
    text = unicodedata.normalize("NFKD", text or "")
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()
    text = text.replace("ё", "е").replace("-", " ").replace(".", " ")
    return " ".join(text.split())
