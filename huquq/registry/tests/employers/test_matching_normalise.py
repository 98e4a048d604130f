"""Normalisation: quotes, case, ё, punctuation, legal forms in any script, generic words, cities."""

import pytest

from huquq.registry.employers.matching.normalise import detect_legal_form, normalise, normalise_city

SAME_NAME = [
    ["ООО «СтройИнвест»", 'OOO "Stroyinvest"', "Строй-Инвест ООО", "stroi invest", "000 „Стройинвест“",
     "Stroj-Invest LLC", "общество с ограниченной ответственностью 'Строй Инвест'"],
    ["ТОО «Алтын Тау Құрылыс»", "Altyn Tau Kurylys TOO", "ЖШС Алтын Тау Құрылыс", "LLP Altyn-Tau Qurylys"],
    ["ИП Хабибуллин Рустам", "IP Khabibullin Rustam", "Хабибуллин Рустам, индивидуальный предприниматель"],
    ["АО «Север»", "JSC Sever", "Sever AO", "акционерное общество Север"],
    ["ЗАО «Подъёмник»", "ZAO Podemnik", "Подъемник ЗАО"],
]


@pytest.mark.parametrize("spellings", SAME_NAME)
def test_spellings_of_one_name_normalise_to_one_key(spellings):
    keys = {normalise(s).key for s in spellings}
    assert len(keys) == 1, keys


LEGAL_FORMS = [
    ("ООО Ромашка", "OOO"), ("OOO Romashka", "OOO"), ("000 Romashka", "OOO"), ("Romashka LLC", "OOO"),
    ("О.О.О. Ромашка", "OOO"), ("ИП Иванов", "IP"), ("IP Ivanov", "IP"), ("ЖК Ғалымжан", "IP"),
    ("ТОО Самал", "TOO"), ("TOO Samal", "TOO"), ("Samal LLP", "TOO"), ("ЖШС Самал", "TOO"),
    ("АО Самрук", "AO"), ("JSC Samruk", "AO"), ("ЗАО Ромашка", "ZAO"), ("ОАО Ромашка", "OAO"),
    ("ПАО Ромашка", "PAO"), ("ОсОО Ала-Тоо", "OSOO"), ("МЧЖ Ипак Йули", "MChJ"), ("Ромашка", ""),
]


@pytest.mark.parametrize(("name", "code"), LEGAL_FORMS)
def test_legal_forms_in_any_script_are_recorded_and_stripped(name, code):
    assert detect_legal_form(name) == code
    assert all(t not in ("ooo", "o", "ip", "to", "too") for t in normalise(name).tokens)


def test_a_name_made_only_of_a_legal_form_word_is_kept():
    assert normalise("Про").tokens  # "Про" alone is a name, not dropped to nothing


def test_quotes_case_yo_and_punctuation():
    assert normalise("«ЁЛКА»").key == normalise('"елка"').key == normalise("Ёлка!!!").key
    assert normalise("Ак-Жол").key == normalise("Ак Жол").key


def test_glued_generic_words_are_split_and_canonical():
    assert normalise("Стройинвест").tokens == ("stroi", "invest")
    assert normalise("Promstroiservis").tokens == ("prom", "stroi", "servis")
    assert normalise("Газпромстрой").core == ("gaz",)


def test_generic_words_across_languages_share_one_key():
    assert normalise("Service Plus").key == normalise("Сервис Плюс").key
    assert normalise("Invest Group").key == normalise("Инвест Групп").key
    assert normalise("Құрылыс").tokens == normalise("Строй").tokens


def test_one_typo_in_a_generic_word_still_reads_as_generic():
    assert normalise("Сьрой Сервис").tokens == ("stroi", "servis")
    assert normalise("Ақ Жол Севрис").generic == ("servis",)


def test_plus_sign_is_the_word_plus():
    assert normalise("Стройинвест+").key == normalise("Стройинвест Плюс").key


@pytest.mark.parametrize(("a", "b"), [("Москва", "Moscow"), ("мск", "Moskva"), ("Алма-Ата", "Almaty"),
                                      ("Нур-Султан", "Астана"), ("СПб", "Санкт-Петербург")])
def test_city_aliases(a, b):
    assert normalise_city(a) == normalise_city(b)


def test_unknown_and_empty_cities():
    assert normalise_city("") == ""
    assert normalise_city("Ош") != normalise_city("Бишкек")
