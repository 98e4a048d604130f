"""Check the directory seed file against the seed reports: every quote, contact and service is backed.

Used by the test suite (with the `seeds_dir` fixture) and by `huquq directory check`.
"""

from __future__ import annotations

import re
from pathlib import Path

CONTACT_FIELDS = ("phone", "email", "website", "telegram", "address", "opening_hours")
_SPACE = re.compile(r"\s+")


def normalise(text: str) -> str:
    """Whitespace runs (newlines, tabs of the seed tables) compare as one space."""
    return _SPACE.sub(" ", text).strip()


def check_entries(data: dict, seeds_dir: Path) -> list[str]:
    """Return a list of problems (empty when every entry is backed by its seed)."""
    problems: list[str] = []
    texts: dict[str, str] = {}

    def seed_text(name: str) -> str | None:
        if name not in texts:
            path = Path(seeds_dir) / name
            texts[name] = normalise(path.read_text(encoding="utf-8")) if path.is_file() else None
        return texts[name]

    def check_quote(label: str, file: str, quote: str) -> bool:
        text = seed_text(file)
        if text is None:
            problems.append(f"{label}: cited seed file {file!r} does not exist")
            return False
        if not quote or normalise(quote) not in text:
            problems.append(f"{label}: quote not found in {file}: {quote[:80]!r}")
            return False
        return True

    slugs = set()
    for entry in data.get("entries", []):
        slug = entry.get("slug", "?")
        if slug in slugs:
            problems.append(f"{slug}: duplicate slug")
        slugs.add(slug)
        sources = entry.get("sources") or []
        if not sources:
            problems.append(f"{slug}: no source")
        supported: dict[str, list[str]] = {}
        for source in sources:
            if check_quote(slug, source.get("file", ""), source.get("quote", "")):
                for item in source.get("supports") or []:
                    supported.setdefault(item, []).append(normalise(source["quote"]))
        if "name" not in supported:
            problems.append(f"{slug}: no quote supports the name")
        for field in CONTACT_FIELDS:
            value = entry.get(field)
            if not value:
                continue
            quotes = supported.get(field, [])
            if not any(normalise(value) in quote for quote in quotes):
                problems.append(f"{slug}: {field} {value!r} does not occur in a quote that supports {field!r}")
        for code in entry.get("services") or []:
            if f"service:{code}" not in supported:
                problems.append(f"{slug}: no quote supports service {code!r}")
        for area in entry.get("areas") or []:
            city = area.get("city_latin") or area.get("city_ru")
            if city and not any(
                any(name and name in quote for name in (area.get("city_latin"), area.get("city_ru"), area.get("named_as")))
                for quote in supported.get("area", [])
            ):
                problems.append(f"{slug}: city {city!r} is not named in a quote that supports 'area'")
        if entry.get("languages") and "languages" not in supported:
            problems.append(f"{slug}: no quote supports the languages")
    for item in data.get("excluded", []):
        check_quote(f"excluded {item.get('name')!r}", item.get("file", ""), item.get("quote", ""))
    return problems
