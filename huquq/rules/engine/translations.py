"""Rule texts in Kyrgyz, Tajik and Uzbek, kept apart from the rules themselves.

`rulebook/translations/<lang>.yaml` maps a rule id and a field (`text`) to the translation and to the hash
of the Russian text it was made from:

    ru.work.license.monthly:
      text: {source: 5d1c0e0f2a3b4c5d, translation: "Патентти ар ай ..."}

Lawyers change the rules in the rulebook files while translators work on these files, so they never
conflict. When the Russian text changes, its hash no longer matches: the translation is stale, the page
shows the Russian text (marked lang="ru") and `stale_or_missing` lists the rule for the translators.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import yaml

TRANSLATED_LANGUAGES = ("ky", "tg", "uz")
FIELDS = ("text",)


def _normalise(text: str) -> str:
    return " ".join(text.split())


def source_hash(text: str) -> str:
    return hashlib.sha256(_normalise(text).encode("utf-8")).hexdigest()[:16]


def load(directory: Path, language: str) -> dict:
    path = Path(directory) / "translations" / f"{language}.yaml"
    if not path.exists():
        return {}
    return yaml.safe_load(path.read_text(encoding="utf-8")) or {}


def fresh_translation(entry: dict | None, russian: str) -> str | None:
    if not isinstance(entry, dict) or not entry.get("translation"):
        return None
    return entry["translation"] if entry.get("source") == source_hash(russian) else None


def apply(rules: list[dict], directory: Path) -> list[dict]:
    """Copy each fresh translation into the rule's `text` (a rule's own text.<lang> wins)."""
    tables = {lang: load(directory, lang) for lang in TRANSLATED_LANGUAGES}
    for rule in rules:
        text = rule.get("text")
        if not isinstance(text, dict) or not isinstance(text.get("ru"), str):
            continue
        merged = dict(text)
        for lang, table in tables.items():
            found = fresh_translation((table.get(rule.get("id")) or {}).get("text"), text["ru"])
            if found and not merged.get(lang):
                merged[lang] = found
        rule["text"] = merged
    return rules


def stale_or_missing(rules: list[dict], directory: Path, language: str) -> dict[str, str]:
    """Rule id -> "missing" or "stale" for every rule whose `language` text is not a fresh translation."""
    table = load(directory, language)
    problems = {}
    for rule in rules:
        text = rule.get("text") or {}
        entry = (table.get(rule.get("id")) or {}).get("text")
        if text.get(language) and not entry:
            continue  # written into the rule itself
        if fresh_translation(entry, text.get("ru", "")) is None:
            problems[rule["id"]] = "stale" if entry else "missing"
    return problems
