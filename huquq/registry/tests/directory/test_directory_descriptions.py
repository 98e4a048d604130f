"""Seed entries' descriptions speak the page language; anything shown in another language is marked."""

import re

import pytest

from huquq.registry.directory import seed
from huquq.registry.directory.descriptions import LANGUAGES, localised_description, translations
from huquq.registry.directory.models import DirectoryEntry

CYRILLIC = re.compile("[\u0400-\u04ff]")


def test_every_seed_description_has_each_language():
    entries = seed.read_yaml(seed.ENTRIES_FILE)["entries"]
    table = translations()
    missing = [(e["slug"], lang) for e in entries if e.get("description")
               for lang in LANGUAGES if not table.get(e["description"].strip(), {}).get(lang)]
    assert not missing, f"add to data/description_translations.yaml: {missing}"
    used = {e["description"].strip() for e in entries if e.get("description")}
    assert set(table) <= used, f"translations of texts no entry has: {sorted(set(table) - used)}"


def test_scripts_match_the_language():
    for english, texts in translations().items():
        assert not CYRILLIC.search(texts["uz"]), english
        assert all(CYRILLIC.search(texts[lang]) for lang in ("ru", "ky", "tg")), english


@pytest.mark.parametrize("language, expected, marked", [
    ("en", "Kyrgyz diaspora association with many networks across Russia.", "en"),
    ("ru", "Объединение кыргызской диаспоры с многочисленными сетями по всей России.", "ru"),
    ("ky", "Россиянын бардык аймагында көптөгөн тармактары бар кыргыз диаспорасынын бирикмеси.", "ky"),
    ("tg", "Иттиҳодияи диаспораи қирғиз бо шабакаҳои зиёд дар саросари Русия.", "tg"),
    ("uz", "Rossiya boʻylab koʻplab tarmoqlarga ega qirgʻiz diasporasi birlashmasi.", "uz"),
    ("uz-cyrl", "Россия бўйлаб кўплаб тармоқларга эга қирғиз диаспораси бирлашмаси.", "uz-cyrl"),
])
def test_localised_description(language, expected, marked):
    english = "Kyrgyz diaspora association with many networks across Russia."
    assert localised_description(english, language) == (expected, marked)


def test_text_written_here_is_shown_as_written_and_not_marked():
    assert localised_description("Помогаем с документами.", "tg") == ("Помогаем с документами.", None)


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["ky", "tg", "uz", "uz-cyrl", "ru"])
def test_entry_page_in_the_page_language(client, language):
    seed.load()
    entry = DirectoryEntry.objects.get(slug="zamandash")
    page = client.get(f"/{language}/registry/help/{entry.slug}/").content.decode()
    expected = localised_description(entry.description, language)[0]
    assert f"<p>{expected}</p>" in page  # the page's own language: no lang attribute
    assert entry.description not in page


@pytest.mark.django_db
def test_untranslated_seed_text_is_marked_english(client, monkeypatch):
    seed.load()
    entry = DirectoryEntry.objects.get(slug="zamandash")
    table = dict(translations())
    table[entry.description] = {"ru": table[entry.description]["ru"]}  # no Tajik yet
    monkeypatch.setattr("huquq.registry.directory.descriptions.translations", lambda: table)
    page = client.get(f"/tg/registry/help/{entry.slug}/").content.decode()
    assert f'<p lang="en">{entry.description}</p>' in page
