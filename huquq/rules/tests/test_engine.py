"""Engine behaviour beyond single rules: freshness, conflicts, languages, errors, lawyer changes."""

import copy
from datetime import date

import pytest

from huquq.rules.engine import ProfileError, Rulebook, default_rulebook, status
from huquq.rules.engine.evaluate import add_working_days
from huquq.rules.engine.rulebook import read_files

TJ_MOSCOW = {"citizenship": "TJ", "host_country": "RU", "region": "RU-MOW", "entry_date": "2016-03-01",
             "employment": "legal_entity"}


def item(answer, rule_id):
    return next(i for i in answer.items if rule_id in i.rule_ids)


def test_fresh_answer_has_no_staleness_warning():
    answer = status(TJ_MOSCOW, date(2016, 3, 2), "en")
    reg = item(answer, "ru.registration.cis.7d")
    assert not reg.stale
    assert "Not confirmed by a lawyer" in reg.notice
    assert reg.source_date == date(2016, 12, 31)


def test_old_sources_are_flagged_with_help_link():
    answer = status(TJ_MOSCOW, date(2024, 3, 2), "en")
    reg = item(answer, "ru.registration.cis.7d")
    assert reg.stale
    assert "more than a year ago" in reg.notice
    assert reg.help_url == "/en/registry/help/?country=RU&service=legal_advice"
    ban = item(answer, "ru.entry_ban.blacklist")
    assert ban.help_url == "/en/registry/help/?country=RU&service=entry_ban_check"


def test_origin_side_help_points_to_citizens_country():
    answer = status(dict(TJ_MOSCOW, citizenship="UZ"), date(2024, 3, 2), "ru")
    consular = item(answer, "origin.uz.consular_registration")
    assert consular.help_url == "/ru/registry/help/?country=UZ&service=legal_advice"


def test_language_fallback_to_russian():
    answer = status(TJ_MOSCOW, date(2016, 3, 2), "ky")
    reg = item(answer, "ru.registration.cis.7d")
    assert reg.text.startswith("Кирген күндөн тартып 7 күн") and reg.text_lang == "ky"  # rulebook/translations
    kazakh = item(status(TJ_MOSCOW, date(2016, 3, 2), "kk"), "ru.registration.cis.7d")  # no Kazakh wording
    assert kazakh.text.startswith("Встать на миграционный учёт") and kazakh.text_lang == "ru"
    en = item(status(TJ_MOSCOW, date(2016, 3, 2), "en"), "ru.registration.cis.7d")
    assert en.text.startswith("Register")


def test_conflict_lists_both_sources_and_earliest_due():
    answer = status(dict(TJ_MOSCOW, entry_date="2013-05-01"), date(2013, 5, 2), "en")
    conflict = next(i for i in answer.items if i.kind == "conflict")
    assert conflict.topic == "registration"
    assert conflict.due == date(2013, 5, 4)
    docs = {s.document for s in conflict.sources}
    assert {"001_1d57c263cde623bd.txt", "003_7d9f1d547931b5c5.txt"} <= docs
    assert {a["due"] for a in conflict.alternatives} == {"2013-05-04", "2013-05-08"}
    assert "disagree" in conflict.text and "3 days" in conflict.text and "7 days" in conflict.text


def test_not_covered_for_unknown_host_and_unknown_citizenship():
    answer = status({"citizenship": "KG", "host_country": "DE", "entry_date": "2016-01-01"}, date(2016, 2, 1))
    kinds = {i.topic: i.kind for i in answer.items}
    for topic in ("registration", "work_authorization", "expulsion", "entry_ban", "activity_ban"):
        assert kinds[topic] == "not_covered"
    assert kinds["pension"] == "risk"  # the Kyrgyz pension rule follows the citizen


def test_topics_can_be_limited():
    answer = status(dict(TJ_MOSCOW, topics=["registration"]), date(2016, 3, 2))
    assert {i.topic for i in answer.items} == {"registration"}


@pytest.mark.parametrize("change,field", [
    ({"citizenship": "XX"}, "citizenship"),
    ({"citizenship": None}, "citizenship"),
    ({"host_country": "ZZ"}, "host_country"),
    ({"host_country": "TJ"}, "host_country"),
    ({"region": "Moscow"}, "region"),
    ({"region": "KZ-ALA"}, "region"),
    ({"region": ""}, "region"),
    ({"entry_date": "2016-02-30"}, "entry_date"),
    ({"entry_date": "2030-01-01"}, "entry_date"),
    ({"employment": "boss"}, "employment"),
    ({"activity_okved": "taxi"}, "activity_okved"),
    ({"documents": [{"type": "diploma"}]}, "documents[0].type"),
    ({"documents": [{"type": "patent", "issued": "yesterday"}]}, "documents[0].issued"),
    ({"ban": {"start": "2016-01-01", "end": "2015-01-01"}}, "ban.end"),
    ({"ban": {"start": "2016-01-01"}}, "ban.end"),
    ({"topics": ["weather"]}, "topics"),
    ({"favourite_colour": "red"}, "favourite_colour"),
])
def test_errors_name_the_bad_field(change, field):
    with pytest.raises(ProfileError) as err:
        status(dict(TJ_MOSCOW, **change), date(2016, 3, 2))
    assert err.value.field == field


def test_malformed_json_error():
    with pytest.raises(ProfileError) as err:
        status("{not json", date(2016, 3, 2))
    assert err.value.field == "profile" and "malformed JSON" in str(err.value)


def test_working_days_skip_weekends_and_holidays():
    assert add_working_days(date(2016, 3, 11), 1) == date(2016, 3, 14)  # Friday + 1 working day = Monday
    # 7 March 2016 was a day off moved from 2 January, 8 March is a public holiday
    assert add_working_days(date(2016, 3, 1), 5) == date(2016, 3, 10)


def test_lawyer_rule_supersedes_for_later_dates_only():
    rules, groups = read_files()
    new = {
        "id": "lawyer.ru.registration.cis.15d", "topic": "registration", "kind": "obligation", "host": "RU",
        "citizenship": ["group:CIS_visa_free_non_EAEU"], "slot": "ru.registration", "due": {"days": 15},
        "valid_from": date(2020, 1, 1), "supersedes": ["ru.registration.cis.7d"], "document": "registration",
        "text": {"ru": "Новый срок — 15 дней."}, "source_date": date(2020, 1, 1),
        "confirmed_on": None, "confirmed_by": None,
        "sources": [{"law": "Federal Law 109-FZ", "article": "20", "date": "2006-07-18"}],
    }
    book = Rulebook.from_data(rules + [new], groups)
    later = status(dict(TJ_MOSCOW, entry_date="2021-01-10"), date(2021, 1, 11), rulebook=book)
    reg = item(later, "lawyer.ru.registration.cis.15d")
    assert reg.due == date(2021, 1, 25) and "Не подтверждено" in reg.notice
    assert not [i for i in later.items if "ru.registration.cis.7d" in i.rule_ids]
    earlier = status(dict(TJ_MOSCOW, entry_date="2016-01-10"), date(2016, 1, 11), rulebook=book)
    assert item(earlier, "ru.registration.cis.7d").due == date(2016, 1, 17)


def test_confirmed_rule_says_so():
    rules, groups = read_files()
    rules = copy.deepcopy(rules)
    for r in rules:
        if r["id"] == "ru.registration.cis.7d":
            r["confirmed_on"], r["confirmed_by"] = date(2016, 6, 1), "A. Lawyer"
    book = Rulebook.from_data(rules, groups)
    reg = item(status(TJ_MOSCOW, date(2016, 3, 2), "en", rulebook=book), "ru.registration.cis.7d")
    assert reg.confirmed and reg.confirmed_by == "A. Lawyer" and "Confirmed by a lawyer" in reg.notice


def test_default_rulebook_size():
    assert len(default_rulebook().rules) >= 50
