"""huquq.text.normalise.fold: place names compared case- and accent-insensitively (directory, channels)."""

import pytest

from huquq.text.normalise import fold


@pytest.mark.parametrize("a, b", [
    ("Санкт-Петербург", "санкт петербург"),
    ("Орёл", "Орел"),
    ("  Nur-Sultan ", "nur sultan"),
    ("Almaty", "ALMATY"),
    ("Türkistan", "Turkistan"),
    ("Ош", "ош"),
    ("St. Petersburg", "st petersburg"),
    ("Straße", "strasse"),  # casefold, not lower
])
def test_spellings_that_meet(a, b):
    assert fold(a) == fold(b)


@pytest.mark.parametrize("a, b", [
    ("Москва", "Moskva"),  # no transliteration: the gazetteer lists both spellings
    ("Бишкек", "Бишкеки"),
    ("Ош", "Ош'"),
])
def test_spellings_that_stay_apart(a, b):
    assert fold(a) != fold(b)


def test_empty_and_none_fold_to_the_empty_string():
    assert fold("") == fold(None) == fold(" -. ") == ""


def test_the_directory_and_the_channels_use_the_shared_fold():
    from huquq.channels import selectors as channel_selectors
    from huquq.registry.directory import places
    from huquq.registry.directory import search as directory_search

    assert places.fold is channel_selectors.fold is directory_search.fold is fold
    assert places.find_city("санкт петербург") is not None
    assert places.find_city("санкт петербург") == places.find_city("САНКТ-ПЕТЕРБУРГ")
