"""Public pages in Kyrgyz, Tajik and Uzbek contain no unmarked Russian.

Text is attributed to the language of its nearest `lang` attribute (the <html lang> by default). On /uz/
no Cyrillic letter may appear in text attributed to Uzbek; on /ky/ and /tg/ no Russian function word
(и, в, для, что, или, …: none of them is a word in Kyrgyz or Tajik) may appear in text attributed to
the page's language. Quoted sources, fallback rule texts, organisation and firm names carry their own lang.
"""

import re
from html.parser import HTMLParser

import pytest

from huquq.registry.directory import seed

# Russian words that are not words of Kyrgyz or Tajik (на, от, не are: Tajik "на" not, Kyrgyz "от" fire).
RUSSIAN_FUNCTION_WORDS = {"и", "в", "для", "что", "или", "это", "при", "по", "как", "если", "который", "которые",
                          "также", "нужно", "можно", "вы", "ваш", "вас"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
STATUS_FORM = {"citizenship": "TJ", "host_country": "RU", "region": "RU-MOW", "entry_date": "2016-03-01",
               "employment": "legal_entity", "as_of": "2016-03-02", "format": "html"}
CONTRACT_FORM = {"origin": "TJ", "host": "RU", "written": "yes", "understood": "no", "terms": ["job"], "copy": "no",
                 "pays": ["recruitment_fee"], "passport": "yes", "substitution": "yes", "notarised": "no"}


class _LangText(HTMLParser):
    def __init__(self):
        super().__init__()
        self.stack = []  # (tag, lang)
        self.chunks = []  # (lang, text)

    def handle_starttag(self, tag, attrs):
        lang = dict(attrs).get("lang") or (self.stack[-1][1] if self.stack else "")
        if tag not in VOID:
            self.stack.append((tag, lang))

    def handle_endtag(self, tag):
        while self.stack:
            if self.stack.pop()[0] == tag:
                break

    def handle_data(self, data):
        if self.stack and self.stack[-1][0] in ("script", "style"):
            return
        if data.strip():
            self.chunks.append((self.stack[-1][1] if self.stack else "", data.strip()))


def text_in_page_language(html: str, page_lang: str) -> list[str]:
    parser = _LangText()
    parser.feed(html)
    return [text for lang, text in parser.chunks if lang == page_lang]


def _pages(client, prefix):
    seed.load_services()
    yield "home", client.get(f"/{prefix}/")
    yield "status form", client.get(f"/{prefix}/rules/")
    yield "status answer", client.post(f"/{prefix}/rules/", STATUS_FORM)
    yield "help", client.get(f"/{prefix}/registry/help/")
    yield "help search", client.get(f"/{prefix}/registry/help/?country=RU&service=legal_advice&language=uz")
    yield "warnings", client.get(f"/{prefix}/registry/warnings/")
    yield "warnings search", client.get(f"/{prefix}/registry/warnings/?q=7701234567")
    yield "contract check", client.get(f"/{prefix}/contract-check/")
    yield "contract answer", client.post(f"/{prefix}/contract-check/", CONTRACT_FORM)
    yield "contract consent", client.post(f"/{prefix}/contract-check/send/", {"answers": "{}"})


@pytest.mark.django_db
@pytest.mark.parametrize(("prefix", "tag"), [("uz", "uz"), ("uz-cyrl", "uz-cyrl")])
def test_uzbek_latin_pages_have_no_unmarked_cyrillic_and_cyrillic_pages_no_unmarked_latin(client, prefix, tag):
    for name, response in _pages(client, prefix):
        assert response.status_code == 200, name
        texts = text_in_page_language(response.content.decode(), tag)
        assert texts, name
        if prefix == "uz":
            offending = [t for t in texts if re.search(r"[\u0400-\u04ff]", t)]
        else:
            offending = [t for t in texts if re.search(r"\b(?!Huquq\b|ISO\b|RU\b|JSON\b|OKVED\b)[a-z]{4,}", t)]
        assert not offending, f"{name}: {offending[:5]}"


@pytest.mark.django_db
@pytest.mark.parametrize("prefix", ["ky", "tg"])
def test_kyrgyz_and_tajik_pages_have_no_unmarked_russian(client, prefix):
    for name, response in _pages(client, prefix):
        assert response.status_code == 200, name
        texts = text_in_page_language(response.content.decode(), prefix)
        assert texts, name
        offending = [t for t in texts if RUSSIAN_FUNCTION_WORDS & set(re.findall(r"[\w-]+", t.lower()))]
        assert not offending, f"{name}: {offending[:5]}"


def test_the_checks_find_russian():
    html = '<html lang="tg"><body><p>Ин ҷо</p><p>Это для вас</p><p lang="ru">и в на</p></body></html>'
    assert text_in_page_language(html, "tg") == ["Ин ҷо", "Это для вас"]
