"""Check the directory seed file against the seed reports: every quote, contact and service is backed.

Used by the test suite (with the `seeds_dir` fixture) and by `huquq directory check`.
"""

from __future__ import annotations

from pathlib import Path

from huquq.text.quotes import QuoteError, find_quote, normalise

CONTACT_FIELDS = ("phone", "email", "website", "telegram", "address", "opening_hours")


def check_entries(data: dict, seeds_dir: Path) -> list[str]:
    """Return a list of problems (empty when every entry is backed by its seed)."""
    problems: list[str] = []

    def check_quote(label: str, file: str, quote: str) -> bool:
        try:
            find_quote(seeds_dir, file, quote)
        except QuoteError as error:
            problems.append(f"{label}: {error}")
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
