"""The validator: the shipped rulebook passes; each kind of defect is caught."""

import copy
from datetime import date

import pytest

from huquq.rules.engine import Rulebook, RulebookError, check, rulebook

GOOD = {
    "id": "t.rule", "topic": "registration", "kind": "obligation", "host": "RU", "citizenship": ["TJ"],
    "due": {"days": 7}, "text": {"ru": "Встать на учёт за 7 дней."}, "source_date": 2016,
    "confirmed_on": None, "confirmed_by": None,
    "sources": [{"document": "003_7d9f1d547931b5c5.txt",
                 "quote": "the requirement to register at the migration registry within 7 days"}],
}
GROUPS = [{"group": "EAEU", "country": "KG", "valid_from": date(2015, 8, 12),
           "sources": [{"document": "000_08e710d63eae9192.txt", "quote": "Meanwhile, Armenia also joined the EAEU"}]}]


def problems(rule, seeds=None):
    return rulebook.validate_data([rule], GROUPS, seeds)


def test_shipped_rulebook_is_valid_with_quotes_checked(seeds_dir):
    assert check(seeds_dir=seeds_dir) == []


def test_shipped_rulebook_is_valid_without_seeds():
    assert check() == []


def test_good_rule_passes(seeds_dir):
    assert problems(GOOD, seeds_dir) == []


def test_quote_not_in_seed_is_caught(seeds_dir):
    bad = copy.deepcopy(GOOD)
    bad["sources"][0]["quote"] = "the requirement to register within 3 days, invented"
    assert any("quote not found" in p for p in problems(bad, seeds_dir))


def test_quote_whitespace_is_normalised(seeds_dir):
    ok = copy.deepcopy(GOOD)
    ok["sources"][0]["quote"] = "the requirement   to register\n at the migration registry within 7 days"
    assert problems(ok, seeds_dir) == []


@pytest.mark.parametrize("field,value,message", [
    ("sources", [], "at least one source"),
    ("sources", [{"document": "nonsense.txt", "quote": "a long enough quote"}], "not a seed file name"),
    ("valid_from", "2016-13-01", "not a date"),
    ("valid_to", date(2000, 1, 1), "before valid_from"),
    ("topic", "weather", "topic"),
    ("kind", "advice", "kind"),
    ("host", "FR", "host"),
    ("citizenship", ["XX"], "ISO 3166-1"),
    ("citizenship", ["group:NOPE"], "unknown group"),
    ("regions", ["KZ-ALA"], "ISO 3166-2"),
    ("due", {"days": -3}, "due"),
    ("text", {"en": "English only"}, "Russian"),
    ("source_date", None, "source_date"),
    ("confirmed_by", "someone", "go together"),
    ("supersedes", ["t.rule"], "needs valid_from"),
    ("colour", "red", "unknown keys"),
])
def test_defects_are_caught(field, value, message):
    bad = copy.deepcopy(GOOD)
    bad["valid_from"] = date(2010, 1, 1)
    bad[field] = value
    if field == "supersedes":
        bad.pop("valid_from")
    found = problems(bad)
    assert any(message in p for p in found), found


def test_duplicate_ids_and_unknown_references():
    other = copy.deepcopy(GOOD)
    ref = dict(copy.deepcopy(GOOD), id="t.other", overrides=["t.missing"])
    found = rulebook.validate_data([GOOD, other, ref], GROUPS)
    assert any("duplicate id" in p for p in found)
    assert any("unknown rule 't.missing'" in p for p in found)


def test_from_data_refuses_invalid_rules():
    with pytest.raises(RulebookError):
        Rulebook.from_data([dict(GOOD, kind="advice")], GROUPS)


def test_missing_seed_file_is_reported(tmp_path):
    assert any("not found" in p for p in problems(GOOD, tmp_path))


def test_law_sources_need_article_and_date():
    law = dict(copy.deepcopy(GOOD), sources=[{"law": "Federal Law 115-FZ"}])
    found = problems(law)
    assert any("article" in p for p in found) and any("date is required" in p for p in found)
    law["sources"] = [{"law": "Federal Law 115-FZ", "article": "5", "date": "2002-07-25"}]
    assert problems(law) == []


def test_superseded_rule_keeps_answering_before_successor():
    new = dict(copy.deepcopy(GOOD), id="t.new", valid_from=date(2020, 1, 1), supersedes=["t.rule"],
               due={"days": 10})
    book = Rulebook.from_data([GOOD, new], GROUPS)
    assert book.by_id["t.rule"].valid_to == date(2019, 12, 31)
    assert book.by_id["t.new"].valid_to is None


def test_merge_replaces_by_id_but_keeps_duplicates_inside_files():
    a = dict(GOOD)
    b = dict(GOOD, due={"days": 9})
    merged = rulebook.merge([a, dict(GOOD, id="t.two")], [b])
    assert merged[0] is b and len(merged) == 2
    found = rulebook.validate_data(rulebook.merge([a, dict(a)], []), GROUPS)
    assert any("duplicate id" in p for p in found)


WEB = {"url": "https://www.consultant.ru/law/hotdocs/72669.html",
       "title": "Даны разъяснения о порядке проведения обязательной государственной дактилоскопической регистрации",
       "quote": "С 29 декабря 2021 года вступает в силу Федеральный закон от 1 июля 2021 г. N 274-ФЗ",
       "retrieved": "2026-12-02"}


def test_web_source_passes_and_keeps_its_fields(seeds_dir):
    rule = dict(copy.deepcopy(GOOD), sources=[dict(WEB, publisher="КонсультантПлюс")])
    assert problems(rule, seeds_dir) == []
    book = Rulebook.from_data([rule], GROUPS)
    src = book.by_id["t.rule"].sources[0]
    assert src.kind == "web" and src.retrieved == date(2026, 12, 2)
    assert src.as_dict() == {"document": WEB["title"], "quote": WEB["quote"], "url": WEB["url"],
                             "title": WEB["title"], "publisher": "КонсультантПлюс", "retrieved": "2026-12-02",
                             "published": None}


@pytest.mark.parametrize("field,value,message", [
    ("url", "ftp://example.org/x", "http(s) address"),
    ("url", "not a url", "http(s) address"),
    ("title", "", "title"),
    ("quote", "short", "at least 12 characters"),
    ("retrieved", None, "date is required"),
    ("retrieved", "yesterday", "not a date"),
    ("author", "someone", "unknown keys"),
])
def test_web_source_defects_are_caught(field, value, message):
    src = dict(WEB)
    if value is None:
        src.pop(field)
    else:
        src[field] = value
    found = problems(dict(copy.deepcopy(GOOD), sources=[src]))
    assert any(message in p for p in found), found


def test_web_quote_is_not_looked_up_in_the_seeds(seeds_dir):
    """A web quote is checked for form only; the seed check applies to seed passages."""
    rule = dict(copy.deepcopy(GOOD), sources=[WEB, GOOD["sources"][0]])
    assert problems(rule, seeds_dir) == []
    rule["sources"][1] = dict(rule["sources"][1], quote="not in any seed report at all")
    assert any("quote not found" in p for p in problems(rule, seeds_dir))
