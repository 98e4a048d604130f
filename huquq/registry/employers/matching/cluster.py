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
8. Pairs scoring from REVIEW_THRESHOLD up to MERGE_THRESHOLD that stay apart are returned as `review`: a
   person decides. People's decisions (`Decisions`, keyed by the normalised names) are respected: "the same"
   merges, "not the same" keeps two names apart even when the score would merge them.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from math import comb

from rapidfuzz import fuzz, process

from .identifiers import Identifier, classify
from .normalise import GENERIC_KEYS, INITIAL_MARK, NormalisedName, kinds_compatible, normalise, normalise_city

GENERIC_WEIGHT = 0.3        # weight of a generic word against 1.0 for a distinctive word
GENERIC_CONFLICT_WEIGHT = 1.0  # weight of a generic word when the other name has a different generic word
UNMATCHED_GENERIC_WEIGHT = 0.6  # a generic word only one name has ("УралЛифт" / "УралЛифт Сервис") distinguishes
TOKEN_MATCH_MIN = 80        # two words below this rapidfuzz ratio do not count as the same word
MERGE_THRESHOLD = 88        # automatic merge at or above this score (0-100)
REVIEW_THRESHOLD = 75       # from here up to MERGE_THRESHOLD a pair goes to a moderator
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
    review: list[Merge] = field(default_factory=list)  # uncertain pairs left apart, strongest first

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
    return INITIAL_WEIGHT if token.startswith(INITIAL_MARK) else 1.0


def _initial_matches(t: str, u: str) -> bool:
    """An initial against the full name it abbreviates ("Ш." / "Шухрат"); two initials only when equal."""
    if t.startswith(INITIAL_MARK) and u.startswith(INITIAL_MARK):
        return t == u
    if t.startswith(INITIAL_MARK):
        return u.startswith(t[1:])
    return t.startswith(u[1:])


def _unmatched_generic(xs: Sequence[str], ys: Sequence[str]) -> bool:
    return any(t in GENERIC_KEYS and t not in ys for t in xs)


def _directed(xs: Sequence[str], ys: Sequence[str], conflict: bool, initials_are_names: bool = True) -> float:
    """Weighted share of the words of `xs` found in `ys` (0-100).

    `initials_are_names`: a one-letter word may stand for a first name ("Ш." / "Шухрат") only in a person's
    name; in a firm's name it is a letter of its own ("Росток-М" is not "Росток-Мебель").
    """
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
            # the other name distinguishes the firms ("УралЛифт Сервис"), and more so when the other name has a
            # different one ("Ақ Жол Құрылыс" against "Ақ Жол Сервис"): then the two descriptors conflict.
            total += GENERIC_CONFLICT_WEIGHT if conflict else UNMATCHED_GENERIC_WEIGHT
            continue
        total += w
        best = 0.0
        for u in ys:
            if u in GENERIC_KEYS:
                continue
            if t.startswith(INITIAL_MARK) or u.startswith(INITIAL_MARK):
                if (initials_are_names or t[0] == u[0] == INITIAL_MARK) and _initial_matches(t, u):
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
    personal = a.personal or b.personal
    score = min(_directed(a.tokens, b.tokens, conflict, personal), _directed(b.tokens, a.tokens, conflict, personal))
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


_MASCULINE_ENDINGS = ("v", "n")  # skeletons of -ов/-ев/-ин/-ын (the Latin -ov/-ev/-in too)


def _surname_genders_differ(t: str, u: str) -> bool:
    """Абдуллаев / Абдуллаева, Петровский / Петровская: one surname, a man and a woman."""
    if len(t) > len(u):
        t, u = u, t
    if len(t) >= 4 and u == t + "a" and t.endswith(_MASCULINE_ENDINGS):
        return True
    return len(t) >= 5 and t.endswith("ski") and u in (t[:-1] + "a", t[:-1] + "aia", t[:-1] + "aya")


def conflict(a: NormalisedName, b: NormalisedName) -> str:
    """Why two names cannot be one firm whatever their score ("" when nothing forbids it)."""
    if not kinds_compatible(a.kinds, b.kinds):
        return "different kinds of firm"
    if a.personal or b.personal:
        for t in a.core:
            for u in b.core:
                if t != u and _surname_genders_differ(t, u):
                    return "different people (surname of a man and of a woman)"
        initials_a = {t for t in a.tokens if t.startswith(INITIAL_MARK)}
        initials_b = {t for t in b.tokens if t.startswith(INITIAL_MARK)}
        if initials_a and initials_b and not initials_a & initials_b:
            return "different people (other initials)"
    return ""


def pair_score(a: _Prepared, b: _Prepared) -> tuple[float, str]:
    """Final score and the reason string for two prepared mentions."""
    if a.ident and b.ident and a.ident.value == b.ident.value:
        return 100.0, f"same {_SCHEME_LABEL[a.ident.scheme]}"
    forbidden = conflict(a.norm, b.norm)
    if forbidden:
        return 0.0, forbidden
    base = name_score(a.norm, b.norm)
    adjust, city_note = city_adjustment(a.city, b.city)
    score = max(0.0, min(100.0, base + adjust))
    return score, f"name score {round(base)}{city_note}"


def score_names(name_a: str, name_b: str, city_a: str = "", city_b: str = "") -> tuple[float, str]:
    """Convenience for callers outside the engine (web search, register matching)."""
    return pair_score(prepare(Mention("a", name_a, city=city_a)), prepare(Mention("b", name_b, city=city_b)))


# ---------------------------------------------------------------------------------------------------------
# People's decisions
# ---------------------------------------------------------------------------------------------------------


@dataclass
class Decisions:
    """Moderators' decisions about pairs of names, keyed by `NormalisedName.key` (spelling-independent)."""

    same: set[frozenset[str]] = field(default_factory=set)
    different: set[frozenset[str]] = field(default_factory=set)

    @classmethod
    def from_pairs(cls, pairs: Iterable[tuple[str, str, bool]]) -> Decisions:
        """(name a, name b, same?) triples -> decisions on their normalised keys."""
        decisions = cls()
        for name_a, name_b, same in pairs:
            key = frozenset({normalise(name_a).key, normalise(name_b).key})
            (decisions.same if same else decisions.different).add(key)
        return decisions

    def apart(self) -> dict[str, set[str]]:
        kept: dict[str, set[str]] = defaultdict(set)
        for pair in self.different:
            if len(pair) == 2:
                a, b = tuple(pair)
                kept[a].add(b)
                kept[b].add(a)
        return kept


# ---------------------------------------------------------------------------------------------------------
# Union-find with identifier constraints
# ---------------------------------------------------------------------------------------------------------


class _UnionFind:
    """Union-find whose clusters remember their identifiers and cities.

    Two clusters with different valid identifiers are never merged; two clusters seen in different cities
    are not merged by name alone (a mention without a city must not join a Moscow and an Almaty firm).
    """

    def __init__(self, n: int, idents: list[Identifier | None], cities: list[str], keys: list[str] | None = None,
                 apart: dict[str, set[str]] | None = None, kinds: list[frozenset[str]] | None = None):
        self.parent = list(range(n))
        # the business kinds each cluster's names state: "СК X" and "ТК X" never join, not even through "X"
        self.kinds: list[list[frozenset[str]]] = [[k] if k else [] for k in kinds] if kinds else [[] for _ in range(n)]
        self.idents: list[set[str]] = [{i.value} if i else set() for i in idents]
        self.cities: list[set[str]] = [{c} if c else set() for c in cities]
        self.apart = apart or {}
        self.keys: list[set[str]] = [{k} for k in keys] if keys and self.apart else [set() for _ in range(n)]

    def kept_apart(self, ra: int, rb: int) -> bool:
        return any(self.apart.get(k, set()) & self.keys[rb] for k in self.keys[ra])

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
        if self.kept_apart(ra, rb):
            return False
        if any(not kinds_compatible(x, y) for x in self.kinds[ra] for y in self.kinds[rb]):
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
        self.keys[ra] |= self.keys[rb]
        self.keys[rb] = set()
        self.kinds[ra] = list({*self.kinds[ra], *self.kinds[rb]})
        self.kinds[rb] = []
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
            review_threshold: float = REVIEW_THRESHOLD, decisions: Decisions | None = None,
            progress: Callable[[int, int], None] | None = None) -> ClusterResult:
    decisions = decisions or Decisions()
    prepared = [prepare(m, i) for i, m in enumerate(mentions)]
    n = len(prepared)
    uf = _UnionFind(n, [p.ident for p in prepared], [p.city for p in prepared],
                    keys=[p.norm.key for p in prepared], apart=decisions.apart(),
                    kinds=[p.norm.kinds for p in prepared])
    merges: list[Merge] = []
    stats = {"mentions": n, "identifier_merges": 0, "exact_name_merges": 0, "scored_pairs": 0, "name_merges": 0,
             "moderator_merges": 0}

    def do_merge(i: int, j: int, score: float, reason: str, stat: str) -> None:
        if uf.can_union(i, j, by_name=stat not in ("identifier_merges", "moderator_merges")) and uf.union(i, j):
            merges.append(Merge(prepared[i].mention.id, prepared[j].mention.id, round(score, 1), reason))
            stats[stat] += 1

    _merge_identifiers(prepared, do_merge)
    reps = _merge_identical_names(prepared, do_merge)
    _merge_decided(reps, decisions, do_merge)
    candidates = _scored_pairs(reps, review_threshold, decisions, stats, progress)
    candidates.sort(key=lambda c: -c[0])
    review: list[Merge] = []
    for score, i, j, reason in candidates:
        if score >= threshold:
            do_merge(i, j, score, reason, "name_merges")
    for score, i, j, reason in candidates:
        if score < threshold and uf.find(i) != uf.find(j) and uf.can_union(i, j):
            review.append(Merge(prepared[i].mention.id, prepared[j].mention.id, round(score, 1), reason))
    stats["review_pairs"] = len(review)
    labels = _labels(prepared, uf)
    stats["clusters"] = len(set(labels.values()))
    return ClusterResult(labels=labels, merges=merges, stats=stats, review=review)


def _merge_identifiers(prepared: list[_Prepared], do_merge: Callable) -> None:
    by_ident: dict[str, int] = {}
    for p in prepared:
        if p.ident:
            first = by_ident.setdefault(p.ident.value, p.index)
            if first != p.index:
                do_merge(first, p.index, 100.0, f"same {_SCHEME_LABEL[p.ident.scheme]}", "identifier_merges")


def _merge_identical_names(prepared: list[_Prepared], do_merge: Callable) -> list[_Prepared]:
    """Merge identical normalised names (same city or no city); return one representative per distinct name."""
    reps: list[_Prepared] = []
    by_key: dict[tuple[str, str, tuple[str, ...]], int] = {}
    for p in prepared:
        if not p.norm.tokens:
            continue
        key = (p.norm.key, p.city, tuple(sorted(p.norm.kinds)))
        if key in by_key:
            do_merge(by_key[key], p.index, 100.0, "same normalised name" + (" + same city" if p.city else ""),
                     "exact_name_merges")
            continue
        by_key[key] = p.index
        reps.append(p)
    return reps


def _merge_decided(reps: list[_Prepared], decisions: Decisions, do_merge: Callable) -> None:
    if not decisions.same:
        return
    by_key: dict[str, list[int]] = defaultdict(list)
    for p in reps:
        by_key[p.norm.key].append(p.index)
    for pair in decisions.same:
        if len(pair) != 2:
            continue
        a, b = tuple(pair)
        for i in by_key.get(a, ()):
            for j in by_key.get(b, ()):
                do_merge(i, j, 100.0, "a moderator decided: the same firm", "moderator_merges")


def _prefilter(members: list[int], compact: list[str], sorted_compact: list[str],
               reordered: list[bool]) -> tuple[list[int], list[int]]:
    """Positions (r, c), r < c, of the pairs of a block whose joined skeletons are alike as written or with
    their words in sorted order (the score ignores word order)."""
    strings = [compact[i] for i in members]
    matrix = process.cdist(strings, strings, scorer=fuzz.ratio, score_cutoff=PREFILTER_CUTOFF, dtype="uint8")
    # sorting changes only some names; for the others the sorted string is the string already compared, so
    # the word-order-free pass needs just the rows (and, the ratio being symmetric, the columns) of those
    changed = [k for k, i in enumerate(members) if reordered[i]]
    if changed:
        sorted_strings = [sorted_compact[i] for i in members]
        part = process.cdist([sorted_strings[k] for k in changed], sorted_strings, scorer=fuzz.ratio,
                             score_cutoff=PREFILTER_CUTOFF, dtype="uint8")
        matrix[changed, :] |= part
        matrix[:, changed] |= part.T
    rows, cols = matrix.nonzero()
    upper = cols > rows
    return rows[upper].tolist(), cols[upper].tolist()


class _Scoring:
    """What `pair_score` reads of one name, worked out once per distinct name instead of once per pair."""

    __slots__ = ("city", "core", "core_compact", "entries", "generic", "ident", "index", "initials", "joined",
                 "key", "kinds", "others", "personal", "sorted_generic", "tokens", "token_set", "word_count")

    def __init__(self, p: _Prepared):
        norm = p.norm
        self.index, self.city, self.ident = p.index, p.city, p.ident
        self.tokens, self.key, self.kinds, self.personal = norm.tokens, norm.key, norm.kinds, norm.personal
        self.core, self.core_compact, self.joined = norm.core, norm.core_compact, norm.joined
        self.word_count, self.initials, self.sorted_generic = norm.word_count, norm.initials, norm.sorted_generic
        self.token_set = frozenset(norm.tokens)
        self.generic = frozenset(t for t in norm.tokens if t in GENERIC_KEYS)
        # (word, weight, generic?, initial?) in order, and the distinctive words with their initial flag
        self.entries = tuple((t, _weight(t), t in GENERIC_KEYS, t.startswith(INITIAL_MARK)) for t in norm.tokens)
        self.others = tuple((u, u.startswith(INITIAL_MARK)) for u in norm.tokens if u not in GENERIC_KEYS)


def _directed_fast(x: _Scoring, y: _Scoring, conflict: bool, initials_are_names: bool) -> float:
    """`_directed(x.tokens, y.tokens, …)` on precomputed words: the same operations in the same order."""
    total = 0.0
    got = 0.0
    ys = y.token_set
    ratio = fuzz.ratio
    for t, w, generic, initial in x.entries:
        if t in ys:
            total += w
            got += w
            continue
        if generic:
            total += GENERIC_CONFLICT_WEIGHT if conflict else UNMATCHED_GENERIC_WEIGHT
            continue
        total += w
        best = 0.0
        for u, u_initial in y.others:
            if initial or u_initial:
                if (initials_are_names or (initial and u_initial)) and _initial_matches(t, u):
                    best = max(best, 90.0)
                continue
            r = ratio(t, u)
            if r > best:
                best = r
        if best >= TOKEN_MATCH_MIN:
            got += w * best / 100.0
    return 100.0 * got / total if total else 0.0


def _conflict_fast(a: _Scoring, b: _Scoring) -> str:
    """`conflict(a.norm, b.norm)` on precomputed words."""
    if not kinds_compatible(a.kinds, b.kinds):
        return "different kinds of firm"
    if a.personal or b.personal:
        for t in a.core:
            for u in b.core:
                if t != u and _surname_genders_differ(t, u):
                    return "different people (surname of a man and of a woman)"
        if a.initials and b.initials and not a.initials & b.initials:
            return "different people (other initials)"
    return ""


def _pair_score_fast(a: _Scoring, b: _Scoring, floor: float) -> tuple[float, str] | None:
    """`pair_score` of two prepared names when it reaches `floor`, else None (no reason string is built)."""
    if a.ident and b.ident and a.ident.value == b.ident.value:
        return 100.0, f"same {_SCHEME_LABEL[a.ident.scheme]}"
    forbidden = _conflict_fast(a, b)
    if forbidden:
        return (0.0, forbidden) if 0.0 >= floor else None
    # name_score, step by step
    if not a.tokens or not b.tokens:
        base = 0.0
    elif a.key == b.key:
        base = 100.0
    else:
        conflict = bool(a.generic - b.token_set) and bool(b.generic - a.token_set)
        personal = a.personal or b.personal
        base = min(_directed_fast(a, b, conflict, personal), _directed_fast(b, a, conflict, personal))
        if a.core and b.core and a.sorted_generic == b.sorted_generic:
            base = max(base, fuzz.ratio(a.core_compact, b.core_compact))
        if a.word_count != b.word_count and min(a.word_count, b.word_count) == 1:
            base = max(base, fuzz.ratio(a.joined, b.joined) - GLUED_PENALTY)
    adjust, city_note = city_adjustment(a.city, b.city)
    score = max(0.0, min(100.0, base + adjust))
    if score < floor:
        return None
    return score, f"name score {round(base)}{city_note}"


def _scored_pairs(reps: list[_Prepared], floor: float, decisions: Decisions, stats: dict[str, int],
                  progress: Callable[[int, int], None] | None) -> list[tuple[float, int, int, str]]:
    """Blocked fuzzy scoring between distinct names: pairs scoring at least `floor`, not decided apart.

    Each pair that passes the prefilter is scored once (`pair_score`, on words worked out once per name)."""
    seen: set[tuple[int, int]] = set()
    candidates: list[tuple[float, int, int, str]] = []
    compact = [r.norm.compact for r in reps]
    sorted_compact = [r.norm.sorted_compact for r in reps]
    reordered = [s != c for s, c in zip(sorted_compact, compact, strict=True)]
    scoring = [_Scoring(r) for r in reps]
    different = decisions.different
    scored = 0
    blocks = list(_blocks(reps))
    for done, members in enumerate(blocks, 1):
        rows, cols = _prefilter(members, compact, sorted_compact, reordered)
        for r, c in zip(rows, cols, strict=True):
            i, j = members[r], members[c]
            pair = (i, j) if i < j else (j, i)
            if pair in seen:
                continue
            seen.add(pair)
            a, b = scoring[pair[0]], scoring[pair[1]]
            if different and frozenset({a.key, b.key}) in different:
                continue
            scored += 1
            found = _pair_score_fast(a, b, floor)
            if found is not None:
                candidates.append((found[0], a.index, b.index, found[1]))
        if progress:
            progress(done, len(blocks))
    stats["scored_pairs"] += scored
    return candidates


def _labels(prepared: list[_Prepared], uf: _UnionFind) -> dict[str, str]:
    """Cluster ids numbered in order of first appearance."""
    labels: dict[str, str] = {}
    numbering: dict[int, str] = {}
    for p in prepared:
        root = uf.find(p.index)
        if root not in numbering:
            numbering[root] = f"C{len(numbering) + 1}"
        labels[p.mention.id] = numbering[root]
    return labels


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
