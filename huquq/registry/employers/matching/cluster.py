"""Clustering employer mentions: identifiers first, then blocked fuzzy name scoring.

Algorithm (thresholds are documented in docs/employers.md and kept here as module constants):

1. Every mention is normalised (normalise.py). A valid INN/OGRN/BIN is recognised (identifiers.py).
2. Mentions with the same valid identifier are merged: reason "same INN" / "same BIN" / "same OGRN".
3. Mentions with the same sorted-token key, the same city (or no city) and no conflicting identifier are
   merged: reason "same normalised name".
4. Blocking: each distinct name gets keys (first three letters of each distinctive word, its first three
   consonants, and for names made only of generic words the whole key). Only names sharing a key are
   compared, first with a fast rapidfuzz prefilter, then with `name_score`.
5. `name_score` is a weighted token match: a distinctive word weighs 1, a generic word ("строй", "сервис",
   "invest", "group" …) weighs GENERIC_WEIGHT; the score is the smaller of the two directions, so an extra
   distinctive word in one name lowers it. Glued and separated spellings are compared on the joined
   distinctive words too.
6. City: the same city adds SAME_CITY_BONUS, a different city subtracts OTHER_CITY_PENALTY.
7. Pairs at or above MERGE_THRESHOLD are merged strongest first (union-find); two clusters that carry
   different valid identifiers are never merged by name. Every merge keeps a reason string
   ("name score 96 + same city").
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from math import comb

from rapidfuzz import fuzz, process

from .identifiers import Identifier, classify
from .normalise import GENERIC_KEYS, NormalisedName, normalise, normalise_city

GENERIC_WEIGHT = 0.3        # weight of a generic word against 1.0 for a distinctive word
GENERIC_CONFLICT_WEIGHT = 1.0  # weight of a generic word when the other name has a different generic word
TOKEN_MATCH_MIN = 80        # two words below this rapidfuzz ratio do not count as the same word
MERGE_THRESHOLD = 88        # automatic merge at or above this score (0-100)
SAME_CITY_BONUS = 3
OTHER_CITY_PENALTY = 15
GLUED_PENALTY = 6           # subtracted from the ratio of the glued spellings
SEARCH_WORD_MIN = 85        # a query word must match a name word this well for a partial-name search
PREFILTER_CUTOFF = 65       # rapidfuzz ratio of the joined skeletons below which a pair is not scored
MAX_BLOCK = 4000            # a larger block is split by a longer key (see _blocks)

_SCHEME_LABEL = {"inn": "INN", "ogrn": "OGRN", "ogrnip": "OGRNIP", "bin": "BIN"}


@dataclass(frozen=True)
class Mention:
    id: str
    name: str
    inn: str = ""     # any identifier: INN, OGRN/OGRNIP or BIN
    city: str = ""


@dataclass(frozen=True)
class Merge:
    a: str
    b: str
    score: float
    reason: str


@dataclass
class ClusterResult:
    labels: dict[str, str]                     # mention id -> cluster id
    merges: list[Merge] = field(default_factory=list)
    stats: dict[str, int] = field(default_factory=dict)

    def clusters(self) -> dict[str, list[str]]:
        groups: dict[str, list[str]] = defaultdict(list)
        for mention_id, cluster_id in self.labels.items():
            groups[cluster_id].append(mention_id)
        return dict(groups)


# ---------------------------------------------------------------------------------------------------------
# Scoring
# ---------------------------------------------------------------------------------------------------------


INITIAL_WEIGHT = 0.3        # a single letter (an initial: "Иванов И.") weighs this much


def _weight(token: str) -> float:
    if token in GENERIC_KEYS:
        return GENERIC_WEIGHT
    return INITIAL_WEIGHT if len(token) == 1 else 1.0


def _unmatched_generic(xs: Sequence[str], ys: Sequence[str]) -> bool:
    return any(t in GENERIC_KEYS and t not in ys for t in xs)


def _directed(xs: Sequence[str], ys: Sequence[str], conflict: bool) -> float:
    """Weighted share of the words of `xs` found in `ys` (0-100)."""
    total = 0.0
    got = 0.0
    for t in xs:
        w = _weight(t)
        if t in ys:
            total += w
            got += w
            continue
        if t in GENERIC_KEYS:
            # generic words are canonical: they match exactly or not at all. A generic word missing from
            # the other name weighs little, unless the other name has a different one ("Ақ Жол Құрылыс"
            # against "Ақ Жол Сервис"): then the two descriptors conflict and weigh like a distinctive word.
            total += GENERIC_CONFLICT_WEIGHT if conflict else w
            continue
        total += w
        best = 0.0
        for u in ys:
            if u in GENERIC_KEYS:
                continue
            if (len(t) == 1 or len(u) == 1) and t[0] == u[0]:
                best = max(best, 90.0)  # an initial against the full name it abbreviates
                continue
            r = fuzz.ratio(t, u)
            if r > best:
                best = r
        if best >= TOKEN_MATCH_MIN:
            got += w * best / 100.0
    return 100.0 * got / total if total else 0.0


def name_score(a: NormalisedName, b: NormalisedName) -> float:
    """0-100 similarity of two normalised names (no city, no identifiers)."""
    if not a.tokens or not b.tokens:
        return 0.0
    if a.key == b.key:
        return 100.0
    conflict = _unmatched_generic(a.tokens, b.tokens) and _unmatched_generic(b.tokens, a.tokens)
    score = min(_directed(a.tokens, b.tokens, conflict), _directed(b.tokens, a.tokens, conflict))
    if a.core and b.core and sorted(a.generic) == sorted(b.generic):
        # "Алтынтау" = "Altyn Tau": compare the joined distinctive words as well
        score = max(score, fuzz.ratio(a.core_compact, b.core_compact))
    if a.word_count != b.word_count and min(a.word_count, b.word_count) == 1:
        # "ЖилкомсервисРомашково" = "Жилкомсервис Ромашково": glued against separated words
        score = max(score, fuzz.ratio(a.joined, b.joined) - GLUED_PENALTY)
    return score


def search_score(query: str, name: str) -> float:
    """How well a search query finds `name`: the full name score, or — when every distinctive word of the
    query is in the name — the share of the query found (so "Пример" finds "ООО «Пример-Строй»").
    A query of generic words only ("строй") finds names only through the full score."""
    q, n = normalise(query), normalise(name)
    full = name_score(q, n)
    if not q.core:
        return full
    for t in q.core:
        if not any(u not in GENERIC_KEYS and fuzz.ratio(t, u) >= SEARCH_WORD_MIN for u in n.tokens):
            return full
    return max(full, _directed(q.tokens, n.tokens, conflict=False))


def city_adjustment(city_a: str, city_b: str) -> tuple[float, str]:
    if not city_a or not city_b:
        return 0.0, ""
    if city_a == city_b:
        return SAME_CITY_BONUS, " + same city"
    return -OTHER_CITY_PENALTY, f" - different city ({OTHER_CITY_PENALTY})"


@dataclass
class _Prepared:
    index: int
    mention: Mention
    norm: NormalisedName
    city: str
    ident: Identifier | None


def prepare(mention: Mention, index: int = 0) -> _Prepared:
    return _Prepared(index, mention, normalise(mention.name), normalise_city(mention.city),
                     classify(mention.inn) if mention.inn else None)


def pair_score(a: _Prepared, b: _Prepared) -> tuple[float, str]:
    """Final score and the reason string for two prepared mentions."""
    if a.ident and b.ident and a.ident.value == b.ident.value:
        return 100.0, f"same {_SCHEME_LABEL[a.ident.scheme]}"
    base = name_score(a.norm, b.norm)
    adjust, city_note = city_adjustment(a.city, b.city)
    score = max(0.0, min(100.0, base + adjust))
    return score, f"name score {round(base)}{city_note}"


def score_names(name_a: str, name_b: str, city_a: str = "", city_b: str = "") -> tuple[float, str]:
    """Convenience for callers outside the engine (web search, register matching)."""
    return pair_score(prepare(Mention("a", name_a, city=city_a)), prepare(Mention("b", name_b, city=city_b)))


# ---------------------------------------------------------------------------------------------------------
# Union-find with identifier constraints
# ---------------------------------------------------------------------------------------------------------


class _UnionFind:
    """Union-find whose clusters remember their identifiers and cities.

    Two clusters with different valid identifiers are never merged; two clusters seen in different cities
    are not merged by name alone (a mention without a city must not join a Moscow and an Almaty firm).
    """

    def __init__(self, n: int, idents: list[Identifier | None], cities: list[str]):
        self.parent = list(range(n))
        self.idents: list[set[str]] = [{i.value} if i else set() for i in idents]
        self.cities: list[set[str]] = [{c} if c else set() for c in cities]

    def find(self, x: int) -> int:
        parent = self.parent
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def can_union(self, a: int, b: int, by_name: bool = True) -> bool:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return True
        ia, ib = self.idents[ra], self.idents[rb]
        if ia and ib and not (ia & ib):
            return False
        if by_name and not (ia & ib):
            ca, cb = self.cities[ra], self.cities[rb]
            if ca and cb and not (ca & cb):
                return False
        return True

    def union(self, a: int, b: int) -> bool:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return False
        if ra > rb:
            ra, rb = rb, ra
        self.parent[rb] = ra
        self.idents[ra] |= self.idents[rb]
        self.idents[rb] = set()
        self.cities[ra] |= self.cities[rb]
        self.cities[rb] = set()
        return True


# ---------------------------------------------------------------------------------------------------------
# Blocking
# ---------------------------------------------------------------------------------------------------------

_VOWELS = re.compile(r"[aeiou]")


def blocking_keys(norm: NormalisedName) -> set[str]:
    keys: set[str] = set()
    words = norm.core or norm.tokens
    for t in words:
        keys.add("p:" + t[:3])
        if len(t) >= 5:
            keys.add("e:" + t[-3:])
        consonants = _VOWELS.sub("", t)
        if len(consonants) >= 2:
            keys.add("c:" + consonants[:3])
    if norm.core:
        keys.add("j:" + norm.core_compact[:4])
    else:
        keys.add("g:" + norm.key)
    return keys


def _blocks(reps: list[_Prepared]) -> Iterable[list[int]]:
    blocks: dict[str, list[int]] = defaultdict(list)
    for i, rep in enumerate(reps):
        for key in blocking_keys(rep.norm):
            blocks[key].append(i)
    for members in blocks.values():
        if len(members) < 2:
            continue
        if len(members) <= MAX_BLOCK:
            yield members
            continue
        # too large: split by a longer prefix of the joined skeleton
        sub: dict[str, list[int]] = defaultdict(list)
        for i in members:
            sub[reps[i].norm.compact[:6]].append(i)
        for part in sub.values():
            if 1 < len(part) <= MAX_BLOCK:
                yield part


# ---------------------------------------------------------------------------------------------------------
# Clustering
# ---------------------------------------------------------------------------------------------------------


def cluster(mentions: Sequence[Mention], *, threshold: float = MERGE_THRESHOLD,
            progress: Callable[[int, int], None] | None = None) -> ClusterResult:
    prepared = [prepare(m, i) for i, m in enumerate(mentions)]
    n = len(prepared)
    uf = _UnionFind(n, [p.ident for p in prepared], [p.city for p in prepared])
    merges: list[Merge] = []
    stats = {"mentions": n, "identifier_merges": 0, "exact_name_merges": 0, "scored_pairs": 0, "name_merges": 0}

    def do_merge(i: int, j: int, score: float, reason: str, stat: str) -> None:
        if uf.can_union(i, j, by_name=stat != "identifier_merges") and uf.union(i, j):
            merges.append(Merge(prepared[i].mention.id, prepared[j].mention.id, round(score, 1), reason))
            stats[stat] += 1

    # 1. identifiers
    by_ident: dict[str, int] = {}
    for p in prepared:
        if p.ident:
            first = by_ident.setdefault(p.ident.value, p.index)
            if first != p.index:
                do_merge(first, p.index, 100.0, f"same {_SCHEME_LABEL[p.ident.scheme]}", "identifier_merges")

    # 2. identical normalised names (same city or no city)
    reps: list[_Prepared] = []
    by_key: dict[tuple[str, str], int] = {}
    for p in prepared:
        if not p.norm.tokens:
            continue
        key = (p.norm.key, p.city)
        if key in by_key:
            do_merge(by_key[key], p.index, 100.0, "same normalised name" + (" + same city" if p.city else ""),
                     "exact_name_merges")
            continue
        by_key[key] = p.index
        reps.append(p)

    # 3. blocked fuzzy scoring between distinct names
    seen: set[tuple[int, int]] = set()
    candidates: list[tuple[float, int, int, str]] = []
    blocks = list(_blocks(reps))
    for done, members in enumerate(blocks, 1):
        strings = [reps[i].norm.compact for i in members]
        matrix = process.cdist(strings, strings, scorer=fuzz.ratio, score_cutoff=PREFILTER_CUTOFF, dtype="uint8")
        rows, cols = matrix.nonzero()
        for r, c in zip(rows.tolist(), cols.tolist(), strict=True):
            if c <= r:
                continue
            i, j = members[r], members[c]
            pair = (i, j) if i < j else (j, i)
            if pair in seen:
                continue
            seen.add(pair)
            a, b = reps[pair[0]], reps[pair[1]]
            score, reason = pair_score(a, b)
            stats["scored_pairs"] += 1
            if score >= threshold:
                candidates.append((score, a.index, b.index, reason))
        if progress:
            progress(done, len(blocks))
    candidates.sort(key=lambda c: -c[0])
    for score, i, j, reason in candidates:
        do_merge(i, j, score, reason, "name_merges")

    # labels: cluster ids numbered in order of first appearance
    labels: dict[str, str] = {}
    numbering: dict[int, str] = {}
    for p in prepared:
        root = uf.find(p.index)
        if root not in numbering:
            numbering[root] = f"C{len(numbering) + 1}"
        labels[p.mention.id] = numbering[root]
    stats["clusters"] = len(numbering)
    return ClusterResult(labels=labels, merges=merges, stats=stats)


# ---------------------------------------------------------------------------------------------------------
# Evaluation
# ---------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PairwiseScores:
    precision: float
    recall: float
    f1: float
    true_pairs: int
    predicted_pairs: int
    gold_pairs: int


def pairwise_scores(predicted: dict[str, str], gold: dict[str, str]) -> PairwiseScores:
    """Pairwise precision/recall/F1 of a clustering against gold labels (same keys in both)."""
    joint: dict[tuple[str, str], int] = defaultdict(int)
    pred_sizes: dict[str, int] = defaultdict(int)
    gold_sizes: dict[str, int] = defaultdict(int)
    for mention_id, gold_label in gold.items():
        pred_label = predicted[mention_id]
        joint[(pred_label, gold_label)] += 1
        pred_sizes[pred_label] += 1
        gold_sizes[gold_label] += 1
    tp = sum(comb(k, 2) for k in joint.values())
    pp = sum(comb(k, 2) for k in pred_sizes.values())
    gp = sum(comb(k, 2) for k in gold_sizes.values())
    precision = tp / pp if pp else 1.0
    recall = tp / gp if gp else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return PairwiseScores(precision, recall, f1, tp, pp, gp)
