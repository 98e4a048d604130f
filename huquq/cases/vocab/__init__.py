"""The controlled vocabularies (violation types, legal provisions) read from YAML data files."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml
from django.utils.translation import get_language

from huquq.text.quotes import QuoteError, find_quote

HERE = Path(__file__).resolve().parent


@dataclass(frozen=True)
class Source:
    seed: str
    quote: str


@dataclass(frozen=True)
class ViolationType:
    code: str
    labels: dict
    definitions: dict
    source: Source | None
    retired: bool = False
    shadow_category: str = ""

    def _pick(self, texts: dict) -> str:
        return _in_language(texts)

    @property
    def label(self) -> str:
        return self._pick(self.labels)

    @property
    def definition(self) -> str:
        return self._pick(self.definitions)


def _in_language(texts: dict) -> str:
    """The text in the page's language; Uzbek Cyrillic transliterated from the Uzbek (Latin); else Russian."""
    language = get_language() or "ru"
    if language == "uz-cyrl" and texts.get("uz"):
        from huquq.languages.uz_cyrl import latin_to_cyrillic

        return latin_to_cyrillic(texts["uz"])
    return texts.get(language[:2]) or texts.get("ru") or texts.get("en", "")


@dataclass(frozen=True)
class Provision:
    id: str
    instrument: str
    instrument_names: dict
    article: str
    violation_types: tuple
    source: Source
    extra: dict = field(default_factory=dict)

    @property
    def instrument_name(self) -> str:
        return _in_language(self.instrument_names)


def _source(raw) -> Source | None:
    if not raw:
        return None
    return Source(seed=raw["seed"], quote=raw["quote"])


@lru_cache(maxsize=1)
def violation_types() -> dict[str, ViolationType]:
    data = yaml.safe_load((HERE / "violation_types.yaml").read_text(encoding="utf-8"))
    return {
        t["code"]: ViolationType(code=t["code"], labels=t["label"], definitions=t["definition"],
                                 source=_source(t.get("source")), retired=bool(t.get("retired")),
                                 shadow_category=t.get("shadow_category", ""))
        for t in data["terms"]
    }


def shadow_category_map() -> dict[str, str]:
    """Violation type code -> GCM shadow-report category, for the reports app."""
    return {code: term.shadow_category for code, term in violation_types().items() if term.shadow_category}


def violation_type_choices() -> list[tuple[str, str]]:
    return [(code, t.label) for code, t in violation_types().items() if not t.retired]


def violation_label(code: str) -> str:
    term = violation_types().get(code)
    return term.label if term else code


@lru_cache(maxsize=1)
def provisions() -> list[Provision]:
    data = yaml.safe_load((HERE / "legal_provisions.yaml").read_text(encoding="utf-8"))
    instruments = data["instruments"]
    return [
        Provision(id=p["id"], instrument=p["instrument"], instrument_names=instruments[p["instrument"]],
                  article=str(p.get("article", "")), violation_types=tuple(p["violation_types"]),
                  source=_source(p["source"]))
        for p in data["provisions"]
    ]


def provisions_for(code: str) -> list[Provision]:
    return [p for p in provisions() if code in p.violation_types]


def check_sources(seeds_dir: Path) -> list[str]:
    """Problems with the vocabularies: unknown codes, missing seeds, quotes not found verbatim."""
    problems = []

    def check(where: str, source: Source | None, required: bool = True):
        if source is None:
            if required:
                problems.append(f"{where}: no source")
            return
        try:
            find_quote(seeds_dir, source.seed, source.quote)
        except QuoteError as error:
            problems.append(f"{where}: {error}")

    types = violation_types()
    for code, term in types.items():
        check(f"violation type {code}", term.source, required=code != "other")
        for lang in ("en", "ru", "ky", "tg", "uz"):
            if not term.labels.get(lang) or not term.definitions.get(lang):
                problems.append(f"violation type {code}: missing {lang} label or definition")
    for p in provisions():
        check(f"provision {p.id}", p.source)
        for code in p.violation_types:
            if code not in types:
                problems.append(f"provision {p.id}: unknown violation type {code}")
    return problems
