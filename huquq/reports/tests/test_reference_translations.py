"""Reference-statistics titles and indicator names speak ky, tg and uz (reference_i18n.yaml); uz-cyrl is
generated from the Latin text; a missing translation falls back to Russian and is marked lang="ru"."""

import re

import pytest

from huquq.reports.models import ReferenceTable
from huquq.reports.reference_data import TRANSLATED_LANGUAGES, read_all, read_translations
from huquq.reports.services import load_reference

CYRILLIC = re.compile("[\u0400-\u04ff]")


@pytest.fixture
def reference(db):
    return load_reference()


def test_every_table_and_indicator_has_each_language():
    tables = read_all()
    translations = read_translations()
    table_codes = {t.code for t in tables}
    indicator_codes = {code for t in tables for code in t.indicators}
    missing = [(code, lang) for code in sorted(table_codes) for lang in TRANSLATED_LANGUAGES
               if not translations["tables"].get(code, {}).get(lang)]
    missing += [(code, lang) for code in sorted(indicator_codes) for lang in TRANSLATED_LANGUAGES
                if not translations["indicators"].get(code, {}).get(lang)]
    assert not missing, f"add these to huquq/reports/reference_i18n.yaml: {missing}"
    stale = (set(translations["tables"]) - table_codes) | (set(translations["indicators"]) - indicator_codes)
    assert not stale, f"translations for codes no table uses: {sorted(stale)}"


def test_scripts_match_the_language():
    translations = read_translations()
    for part in translations.values():
        for code, texts in part.items():
            assert not CYRILLIC.search(texts["uz"]), (code, texts["uz"])
            assert CYRILLIC.search(texts["ky"]) and CYRILLIC.search(texts["tg"]), code


@pytest.mark.parametrize("language, expected", [
    ("ky", "Россияга чет элдик калктын жарандыгы боюнча агылып келиши"),
    ("tg", "Воридшавии аҳолии хориҷӣ ба Русия аз рӯи шаҳрвандӣ"),
    ("uz", "Rossiyaga chet ellik aholining fuqaroligi boʻyicha kirib kelishi"),
    ("uz-cyrl", "Россияга чет эллик аҳолининг фуқаролиги бўйича кириб келиши"),
])
def test_titles_and_names_in_the_page_language_unmarked(client, reference, language, expected):
    listing = client.get(f"/{language}/reports/reference/").content.decode()
    assert f">{expected}" in listing  # no lang="ru" attribute before the title: it is the page's language
    assert "Приток иностранного населения" not in listing



@pytest.mark.parametrize("language, expected", [
    ("ky", "Чет элдик калктын агылып келиши"),
    ("tg", "Воридшавии аҳолии хориҷӣ"),
    ("uz", "Chet ellik aholining kirib kelishi"),
    ("uz-cyrl", "Чет эллик аҳолининг кириб келиши"),
    ("ru", "Приток иностранного населения"),
])
def test_indicator_heading_in_the_page_language(client, reference, language, expected):
    page = client.get(f"/{language}/reports/indicator/foreign-inflow/").content.decode()
    assert f"<h1>{expected}</h1>" in page


def test_missing_translation_falls_back_to_russian_marked(client, reference):
    table = ReferenceTable.objects.get(code="oecd-inflows-russia-2000-2010")
    table.title_i18n = {}
    table.save()
    listing = client.get("/tg/reports/reference/").content.decode()
    assert 'lang="ru">Приток иностранного населения в Россию' in listing


def test_english_page_unchanged(client, reference):
    listing = client.get("/en/reports/reference/").content.decode()
    assert "Inflows of foreign population into Russia by nationality" in listing
