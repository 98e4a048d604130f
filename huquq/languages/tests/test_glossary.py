"""The legal glossary is complete for each language and the catalogues use it where Russian does."""

from pathlib import Path

import pytest
import yaml
from babel.messages.pofile import read_po

from huquq.languages.glossary import GLOSSARY_DIR, GLOSSARY_LANGUAGES, missing_terms, terms

HUQUQ = Path(__file__).resolve().parents[2]


def _text(string):
    return " ".join(string) if isinstance(string, tuple) else string


def _catalogue(path):
    with path.open("rb") as handle:
        return {m.id: _text(m.string) for m in read_po(handle) if m.id}


@pytest.mark.parametrize("language", GLOSSARY_LANGUAGES)
def test_every_term_has_a_translation(language):
    russian = yaml.safe_load((GLOSSARY_DIR / "ru.yaml").read_text(encoding="utf-8"))
    target = yaml.safe_load((GLOSSARY_DIR / f"{language}.yaml").read_text(encoding="utf-8"))
    assert set(target) == set(russian)
    for term in terms(language):
        assert term.match.search(term.term), f"{language}: {term.id} does not match its own term"


def test_the_check_finds_a_missing_term():
    assert [t.id for t in missing_terms("Запрет въезда и патент", "Кирүүгө тыюу", "ky")] == ["patent"]
    assert missing_terms("Трудовой договор", "mehnat shartnomasi", "uz") == []


@pytest.mark.parametrize("language", GLOSSARY_LANGUAGES)
def test_catalogues_use_the_glossary_where_russian_uses_the_term(language):
    problems = []
    for locale_dir in [HUQUQ / "locale"] + sorted(HUQUQ.glob("*/locale")):
        russian = _catalogue(locale_dir / "ru" / "LC_MESSAGES" / "django.po")
        translated = _catalogue(locale_dir / language / "LC_MESSAGES" / "django.po")
        for msgid, text in translated.items():
            if text and russian.get(msgid):
                problems += [(msgid, t.id, t.term) for t in missing_terms(russian[msgid], text, language)]
    assert not problems, problems[:10]
