"""Clustering: identifiers first, generic words, cities, explanations, and F1 on the labelled set."""

import csv
from pathlib import Path

from huquq.registry.employers.matching.cluster import Mention, cluster, pairwise_scores, score_names

LABELLED = Path(__file__).parent.parent / "data" / "labelled_mentions.csv"


def _same(result, a, b):
    return result.labels[a] == result.labels[b]


def test_same_inn_merges_whatever_the_names_say():
    result = cluster([Mention("1", "ООО Ромашка", "7707083893"), Mention("2", "Совсем другое", "7707083893")])
    assert _same(result, "1", "2")
    assert result.merges[0].reason == "same INN"


def test_different_inns_never_merge_even_with_identical_names():
    result = cluster([Mention("1", "ООО Ромашка", "7707083893"), Mention("2", "ООО Ромашка", "7830002293")])
    assert not _same(result, "1", "2")


def test_a_mention_without_inn_cannot_bridge_two_inns():
    result = cluster([Mention("1", "ООО Ромашка", "7707083893"), Mention("2", "Ромашка"),
                      Mention("3", "OOO Romashka", "7830002293")])
    assert not _same(result, "1", "3")


def test_spellings_across_scripts_merge_with_a_reason():
    mentions = [Mention("1", "ООО «СтройИнвест»", city="Москва"), Mention("2", 'OOO "Stroyinvest"', city="Moscow"),
                Mention("3", "Строй-Инвест ООО"), Mention("4", "stroi invest", city="мск")]
    result = cluster(mentions)
    assert len(set(result.labels.values())) == 1
    assert all(m.reason for m in result.merges)


def test_name_score_reason_mentions_city():
    score, reason = score_names("Меридиан", "Мерридиан", "Москва", "Moscow")
    assert score >= 88 and reason.startswith("name score") and reason.endswith("+ same city")


def test_shared_generic_words_do_not_merge_unrelated_firms():
    pairs = [("СтройИнвест", "СтройСервис"), ("Альфа Строй", "Альфа Сервис"), ("Ромашка", "Ромашка-Сервис"),
             ("СтройИнвест", "СтройИнвест Плюс"), ("Ақ Жол Құрылыс", "Ақ Жол Сервис"),
             ("Инвест Групп", "Строй Групп"), ("Trade Plus", "Service Plus")]
    for a, b in pairs:
        result = cluster([Mention("a", a, city="Москва"), Mention("b", b, city="Москва")])
        assert not _same(result, "a", "b"), (a, b)


def test_different_cities_keep_same_names_apart_and_no_city_mention_cannot_bridge_them():
    result = cluster([Mention("1", "Стройсервис", city="Москва"), Mention("2", "Стройсервис", city="Алматы"),
                      Mention("3", "Стройсервис")])
    assert not _same(result, "1", "2")
    score, reason = score_names("Меридиан", "Меридиан", "Москва", "Казань")
    assert score < 88 and "different city" in reason


def test_every_input_row_gets_a_cluster_even_empty_names():
    result = cluster([Mention("1", "!!!"), Mention("2", "Ромашка")])
    assert set(result.labels) == {"1", "2"}


def test_pairwise_scores_arithmetic():
    gold = {"a": "X", "b": "X", "c": "Y", "d": "Y"}
    perfect = pairwise_scores({"a": 1, "b": 1, "c": 2, "d": 2}, gold)
    assert perfect.f1 == 1.0
    lumped = pairwise_scores({"a": 1, "b": 1, "c": 1, "d": 1}, gold)
    assert lumped.recall == 1.0 and lumped.precision == 2 / 6


def load_labelled():
    with LABELLED.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    return [Mention(r["id"], r["name"], r["inn"], r["city"]) for r in rows], {r["id"]: r["entity"] for r in rows}


def test_labelled_set_is_large_and_varied():
    mentions, gold = load_labelled()
    assert len(mentions) >= 300 and len(set(gold.values())) >= 60
    assert any(any("а" <= ch <= "я" for ch in m.name.lower()) for m in mentions)
    assert any("қ" in m.name.lower() or "ұ" in m.name.lower() for m in mentions)


def test_f1_on_the_labelled_set():
    """Precision matters most (a false merge could list a firm for another's violations): >= 0.97;
    F1 >= 0.95 leaves a margin under the measured 0.978 (precision 1.0, recall 0.957) for small tuning."""
    mentions, gold = load_labelled()
    scores = pairwise_scores(cluster(mentions).labels, gold)
    print(f"labelled set: precision {scores.precision:.3f} recall {scores.recall:.3f} F1 {scores.f1:.3f}")
    assert scores.precision >= 0.97
    assert scores.f1 >= 0.95
