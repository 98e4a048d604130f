"""Uzbek Latin → Cyrillic after the official correspondence, with its exceptions; and back."""

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from huquq.languages.uz_cyrl import OKINA, TUTUQ, cyrillic_to_latin, latin_to_cyrillic, normalise_apostrophes

TABLE = [
    ("Oʻzbekiston", "Ўзбекистон"),
    ("yoʻq", "йўқ"),  # yoʻ is йў, not ёʻ
    ("yoz", "ёз"),
    ("yulduz", "юлдуз"),
    ("Rossiya", "Россия"),
    ("eshik", "эшик"),  # e at the start of a word is э
    ("poeziya", "поэзия"),  # and after a vowel
    ("ketdi", "кетди"),  # е after a consonant
    ("yer", "ер"),  # ye at the start of a word is е
    ("obyekt", "объект"),  # ye after a consonant is ъе
    ("maʼlumot", "маълумот"),  # the tutuq belgisi is ъ
    ("eʼlon", "эълон"),
    ("gʻalaba", "ғалаба"),
    ("shahar", "шаҳар"),
    ("choy", "чой"),
    ("Isʼhoq", "Исҳоқ"),  # sʼh is сҳ, not ш
    ("ming", "минг"),  # ng is н + г
    ("migratsiya", "миграция"),  # ts is ц in -tsiya after a vowel
    ("litsey", "лицей"),
    ("ketsa", "кетса"),  # but t + s elsewhere
    ("aksiya", "акция"),  # s for ц after a consonant: dictionary
    ("stansiyasi", "станцияси"),
    ("sex", "цех"),
    ("pensiya", "пенсия"),
    ("SHAHAR", "ШАҲАР"),
    ("Qirgʻiziston", "Қирғизистон"),
    ("Mehnat shartnomasi", "Меҳнат шартномаси"),
    ("Huquq", "Ҳуқуқ"),
]


@pytest.mark.parametrize(("latin", "cyrillic"), TABLE)
def test_latin_to_cyrillic(latin, cyrillic):
    assert latin_to_cyrillic(latin) == cyrillic


@pytest.mark.parametrize(("latin", "cyrillic"), TABLE)
def test_cyrillic_to_latin(latin, cyrillic):
    assert cyrillic_to_latin(cyrillic) == latin


def test_typed_apostrophes_are_normalised():
    assert normalise_apostrophes("O'zbekiston ma'lumot g‘alaba") == f"O{OKINA}zbekiston ma{TUTUQ}lumot g{OKINA}alaba"
    assert latin_to_cyrillic("yo'q") == "йўқ"


@pytest.mark.parametrize("text", [
    "%(city)s shahrini", "masalan RU-MOW", "`huquq audit verify` buyrugʻi", "https://example.org/yoʻl",
    "{count} ta", "kodlar: ru, ky, tg, uz", "docs/status.md ga qarang", "PDF, JPEG, 10 MB",
])
def test_codes_placeholders_and_links_stay_latin(text):
    cyrillic = latin_to_cyrillic(text)
    for kept in ("%(city)s", "RU-MOW", "`huquq audit verify`", "https://example.org/yoʻl", "{count}", "ru, ky, tg, uz",
                 "docs/status.md", "PDF, JPEG, 10 MB"):
        if kept in text:
            assert kept in cyrillic


# Round trip on Latin Uzbek text: words built of syllables (onset, vowel, coda) as Uzbek spells them; the
# tutuq belgisi follows a vowel and precedes a consonant, as in maʼlumot, taʼlim.
CONSONANTS = ["b", "d", "f", "g", "h", "j", "k", "l", "m", "n", "p", "q", "r", "s", "t", "v", "x", "z", "sh",
              "ch", "g" + OKINA, "y", "ng"]
VOWEL_LETTERS = ["a", "e", "i", "o", "u", "o" + OKINA]
syllable = st.tuples(st.sampled_from([""] + CONSONANTS), st.sampled_from(VOWEL_LETTERS),
                     st.sampled_from([""] * 3 + CONSONANTS + [TUTUQ]))


def _word(syllables):
    text = ""
    for onset, vowel, coda in syllables:
        if text.endswith(TUTUQ) and not onset:
            onset = "l"
        text += onset + vowel + coda
    return text.rstrip(TUTUQ) or "a"


words = st.builds(_word, st.lists(syllable, min_size=1, max_size=4))
capitalised = st.builds(lambda w, cap: w[0].upper() + w[1:] if cap else w, words, st.booleans())
texts = st.builds(lambda ws, sep: sep.join(ws), st.lists(capitalised, min_size=1, max_size=8),
                  st.sampled_from([" ", ", ", ". ", " — "]))


@settings(max_examples=300, deadline=None)
@given(texts)
def test_round_trip_latin_cyrillic_latin(text):
    cyrillic = latin_to_cyrillic(text)
    assert cyrillic_to_latin(cyrillic) == text


def test_build_writes_a_cyrillic_catalogue_next_to_each_latin_one(tmp_path):
    from huquq.languages.uz_cyrl import GENERATED_NOTE, build_catalogues

    source = tmp_path / "app" / "locale" / "uz" / "LC_MESSAGES"
    source.mkdir(parents=True)
    (source / "django.po").write_text(
        'msgid ""\nmsgstr ""\n"Language: uz\\n"\n"Plural-Forms: nplurals=2; plural=(n != 1);\\n"\n'
        '"Content-Type: text/plain; charset=utf-8\\n"\n\n'
        'msgid "Your status on %(date)s"\nmsgstr "%(date)s holatiga koʻra maqomingiz"\n', encoding="utf-8")
    [target] = build_catalogues(tmp_path)
    text = target.read_text(encoding="utf-8")
    assert target == tmp_path / "app" / "locale" / "uz_Cyrl" / "LC_MESSAGES" / "django.po"
    assert GENERATED_NOTE in text and '"Language: uz_Cyrl\\n"' in text
    assert 'msgstr "%(date)s ҳолатига кўра мақомингиз"' in text


@pytest.mark.django_db
def test_uzbek_cyrillic_pages_are_in_cyrillic(client):
    page = client.get("/uz-cyrl/rules/").content.decode()
    assert '<html lang="uz-Cyrl">' in page or '<html lang="uz-cyrl">' in page
    assert "Ўз мақомингизни билинг" in page


def test_djangos_own_strings_in_uzbek_cyrillic():
    from django.conf import settings as django_settings
    from django.utils import translation

    from huquq.languages.uz_cyrl import DJANGO_STRINGS_DIR

    assert DJANGO_STRINGS_DIR in django_settings.LOCALE_PATHS
    with translation.override("uz"):
        latin = translation.gettext("This field is required.")
    with translation.override("uz-cyrl"):
        cyrillic = translation.gettext("This field is required.")
        choice = translation.gettext("Value %(value)r is not a valid choice.")
        many = translation.ngettext("%(size)d byte", "%(size)d bytes", 3)
    assert latin != cyrillic and not re.search("[A-Za-z]", cyrillic)
    assert "%(value)r" in choice and not re.search("[A-Za-z]", choice.replace("%(value)r", ""))
    assert "%(size)d" in many and not re.search("[A-Za-z]", many.replace("%(size)d", ""))


def test_django_catalogue_build(tmp_path):
    from huquq.languages.uz_cyrl import build_django_catalogue

    target = build_django_catalogue(tmp_path)
    text = target.read_text(encoding="utf-8")
    assert target == tmp_path / "uz_Cyrl" / "LC_MESSAGES" / "django.po"
    assert '"Language: uz_Cyrl\\n"' in text and "nplurals=2" in text
    assert 'msgstr "Ушбу майдон тўлдирилиши шарт."' in text  # "This field is required."
    assert build_django_catalogue(tmp_path).read_text(encoding="utf-8") == text  # rebuilding changes nothing
