"""Every rule text exists in Kyrgyz, Tajik and Uzbek, made from the current Russian text.

A translation whose stored hash no longer matches the Russian text is stale and counts as missing, so a
change of a rule's Russian wording fails this test until the translators follow
(`python tools/rule_translations.py todo` lists what to do).
"""

import pytest

from huquq.languages.glossary import missing_terms
from huquq.rules.engine import translations
from huquq.rules.engine.rulebook import RULEBOOK_DIR, read_files


@pytest.mark.parametrize("language", translations.TRANSLATED_LANGUAGES)
def test_every_rule_text_has_a_fresh_translation(language):
    rules, _ = read_files()
    assert translations.stale_or_missing(rules, RULEBOOK_DIR, language) == {}


@pytest.mark.parametrize("language", translations.TRANSLATED_LANGUAGES)
def test_translations_name_only_existing_rules(language):
    ids = {r["id"] for r in read_files()[0]}
    assert set(translations.load(RULEBOOK_DIR, language)) <= ids


@pytest.mark.parametrize("language", translations.TRANSLATED_LANGUAGES)
def test_rule_translations_use_the_glossary(language):
    problems = [(r["id"], t.id, t.term) for r in read_files()[0]
                for t in missing_terms(r["text"]["ru"], r["text"].get(language, ""), language)]
    assert not problems, problems[:10]


def test_a_changed_russian_text_makes_its_translation_stale(tmp_path):
    (tmp_path / "translations").mkdir()
    rule = {"id": "x.rule", "text": {"ru": "Патент нужен."}}
    (tmp_path / "translations" / "ky.yaml").write_text(
        f"x.rule:\n  text: {{source: {translations.source_hash('Патент нужен.')}, translation: Патент керек.}}\n",
        encoding="utf-8")
    assert translations.apply([dict(rule)], tmp_path)[0]["text"]["ky"] == "Патент керек."
    changed = {"id": "x.rule", "text": {"ru": "Патент нужен каждый месяц."}}
    assert "ky" not in translations.apply([dict(changed)], tmp_path)[0]["text"]
    assert translations.stale_or_missing([changed], tmp_path, "ky") == {"x.rule": "stale"}
    assert translations.stale_or_missing([changed], tmp_path, "tg") == {"x.rule": "missing"}
