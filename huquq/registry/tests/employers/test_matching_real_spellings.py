"""The spellings issue 18 found the matcher getting wrong, each as a pair that must (or must not) be one firm."""

import pytest

from huquq.registry.employers.matching.cluster import (
    MERGE_THRESHOLD,
    REVIEW_THRESHOLD,
    Decisions,
    Mention,
    cluster,
    score_names,
)
from huquq.registry.employers.matching.normalise import KIND_LABELS, kinds_compatible, normalise

SAME = [
    # abbreviated business kinds against the full words, in any script
    ("СК Мегаполис", "Строительная компания «Мегаполис»"),
    ("КА Трудовой мост", "Кадровое агентство «Трудовой мост»"),
    ("ГК «Пионер»", "Группа компаний Пионер"),
    ("ГК «Пионер»", "Pioner Group"),
    ("ЧОП «Витязь»", "Частное охранное предприятие Витязь"),
    ("ТК Магистраль", "Транспортная компания «Магистраль»"),
    ("УК Комфорт", "Управляющая компания «Комфорт»"),
    # glued, camel-case and mistyped names
    ("ПромТехМ", 'ООО "ПРОМТЕХ-М"'),
    ("Stroyinvset", "Stroyinvest"),
    # Kazakh names in both scripts and languages
    ("Kazakh Kurylys TOO", "ТОО «Қазақ Құрылыс»"),
    ("ТОО Қазақ Құрылыс", "ТОО Казах Курылыс"),
    # one sole trader written with initial and with the full first name
    ("ИП Абдуллаев Ш.", "ИП Абдуллаев Шухрат"),
]

DIFFERENT = [
    # a distinguishing word is a different firm
    ("ООО «Евротранс»", "ООО «Евротранс-Логистик»"),
    ("ООО «СтройИнвест»", "ООО «СтройИнвест Плюс»"),
    ("Мегаполис", "Мегаполис Сервис"),
    # a man and a woman with one surname; other initials
    ("ИП Абдуллаев Ш.", "ИП Абдуллаева Ш."),
    ("ИП Петровский А.", "ИП Петровская А."),
    ("ИП Абдуллаев Ш.", "ИП Абдуллаев Р."),
    # the same name under kinds that cannot both be true
    ("СК Мегаполис", "ТК Мегаполис"),
    ("КА Трудовой мост", "ЧОП Трудовой мост"),
    # short distinct names one letter apart
    ("ООО Арай", "ООО Арал"),
    ("ТОО Нур", "ТОО Нар"),
]


@pytest.mark.parametrize(("a", "b"), SAME)
def test_spellings_of_one_firm_merge(a, b):
    score, reason = score_names(a, b)
    assert score >= MERGE_THRESHOLD, reason


@pytest.mark.parametrize(("a", "b"), DIFFERENT)
def test_different_firms_stay_apart(a, b):
    score, reason = score_names(a, b)
    assert score < MERGE_THRESHOLD, reason


def test_kind_words_stay_when_nothing_distinctive_is_left():
    # "Строй Групп" is the whole name: "групп" is not stripped as a kind, so it does not equal plain "Строй"
    assert normalise("Строй Групп").kinds == frozenset()
    assert score_names("Строй Групп", "Строй")[0] < MERGE_THRESHOLD


def test_ambiguous_abbreviations_fit_each_of_their_kinds():
    sk = normalise("СК Мегаполис").kinds
    assert kinds_compatible(sk, normalise("Страховая компания Мегаполис").kinds)
    assert kinds_compatible(sk, normalise("Строительная компания Мегаполис").kinds)
    assert not kinds_compatible(normalise("Строительная компания Мегаполис").kinds,
                                normalise("Страховая компания Мегаполис").kinds)
    assert {"construction_company", "insurance_company"} <= set(KIND_LABELS)


def test_a_legal_form_hyphened_into_a_name_is_part_of_it():
    norm = normalise("ОсОО «Ала-Тоо»")
    assert norm.legal_forms == ("OSOO",)
    assert norm.tokens and "TOO" not in norm.legal_forms


def test_uncertain_pairs_are_returned_for_review_not_merged():
    mentions = [Mention("1", "ООО Арман Строй", city="Алматы"), Mention("2", "ООО Армат Строй", city="Алматы")]
    score, _reason = score_names(mentions[0].name, mentions[1].name, "Алматы", "Алматы")
    assert REVIEW_THRESHOLD <= score < MERGE_THRESHOLD
    result = cluster(mentions)
    assert result.labels["1"] != result.labels["2"]
    assert [(m.a, m.b) for m in result.review] == [("1", "2")]


def test_decisions_override_the_score_both_ways():
    mentions = [Mention("1", "ООО «Ромашка»"), Mention("2", "OOO Romashka"), Mention("3", "Ромашко")]
    merged = cluster(mentions)
    assert merged.labels["1"] == merged.labels["2"]
    apart = cluster(mentions, decisions=Decisions.from_pairs([("Ромашка", "Romashka-2", False),
                                                              ("ООО Ромашка", "Ромашко", False)]))
    assert apart.labels["1"] != apart.labels["3"]
    # "not the same" holds even through a third spelling that scores high against both
    kept = cluster([Mention("1", "Ромашка"), Mention("2", "Ромашко"), Mention("3", "Ромашкa")],
                   decisions=Decisions.from_pairs([("Ромашка", "Ромашко", False)]))
    assert kept.labels["1"] != kept.labels["2"]
    joined = cluster([Mention("1", "Ромашка"), Mention("2", "Лютик")],
                     decisions=Decisions.from_pairs([("Ромашка", "Лютик", True)]))
    assert joined.labels["1"] == joined.labels["2"]
    assert any("moderator" in m.reason for m in joined.merges)
