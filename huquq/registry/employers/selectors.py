"""Reads for the employer register (HackSoft style: selectors read, services write).

An *entity* is an employer that has not been merged into another; the employers merged into it (directly
or through a chain) are its group. Everything shown for an entity is gathered over its group.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from huquq.accounts.reads import record_read

from .matching.cluster import MERGE_THRESHOLD, Decisions, Mention, cluster, score_names, search_score
from .models import DuplicateDecision, Employer, EmployerChange, EmployerName


def entities() -> QuerySet[Employer]:
    return Employer.objects.filter(merged_into__isnull=True)


def canonical(employer: Employer) -> Employer:
    """The entity an employer belongs to (follows merged_into to the end; cycles are impossible by service)."""
    seen = set()
    while employer.merged_into_id and employer.pk not in seen:
        seen.add(employer.pk)
        employer = employer.merged_into  # type: ignore[assignment]  # merged_into_id is set: not None
    return employer


def entity_for_reading(user, pk: int) -> tuple[Employer, Employer]:
    """The employer asked for and the entity it belongs to (404 if none). Reading the entity's page is
    recorded; a merged-away employer is only redirected to its entity, which records its own read."""
    employer = get_object_or_404(Employer, pk=pk)
    entity = canonical(employer)
    if entity.pk == employer.pk:
        record_read(user, entity)
    return employer, entity


def group_ids(employer: Employer) -> list[int]:
    """Ids of the entity and of every employer merged into it, directly or through a chain."""
    root = canonical(employer)
    ids = [root.pk]
    frontier = [root.pk]
    while frontier:
        children = list(Employer.objects.filter(merged_into_id__in=frontier).values_list("pk", flat=True))
        ids.extend(children)
        frontier = children
    return ids


def group_names(employer: Employer) -> list[str]:
    ids = group_ids(employer)
    names = list(Employer.objects.filter(pk__in=ids).values_list("name", flat=True))
    names += list(EmployerName.objects.filter(employer_id__in=ids).values_list("name", flat=True))
    seen, unique = set(), []
    for name in names:
        if name not in seen:
            seen.add(name)
            unique.append(name)
    return unique


def group_identifiers(employer: Employer) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {"inn": [], "ogrn": [], "bin": []}
    for row in Employer.objects.filter(pk__in=group_ids(employer)).values("inn", "ogrn", "bin"):
        for key, value in row.items():
            if value and value not in found[key]:
                found[key].append(str(value))
    return found


def history(employer: Employer) -> QuerySet[EmployerChange]:
    ids = group_ids(employer)
    return EmployerChange.objects.filter(survivor_id__in=ids) | EmployerChange.objects.filter(other_id__in=ids)


def find_matches(name: str, *, city: str = "", queryset: QuerySet[Employer] | None = None,
                 threshold: float = MERGE_THRESHOLD, limit: int = 10) -> list[tuple[Employer, float, str]]:
    """Entities whose name or any name variant scores at least `threshold` against `name`.

    Small registers are scanned; the candidate set is first narrowed by the first letters of the skeleton.
    """
    from .matching.normalise import normalise

    norm = normalise(name)
    if not norm.tokens:
        return []
    kept_apart = decisions().apart().get(norm.key[:300], set())
    queryset = entities() if queryset is None else queryset
    results: dict[int, tuple[Employer, float, str]] = {}
    candidates = list(queryset)
    by_id = {e.pk: e for e in candidates}
    variant_rows = EmployerName.objects.filter(employer_id__in=list(by_id)).values_list("employer_id", "name")
    pairs = [(e, e.name, e.city) for e in candidates] + [(by_id[eid], n, by_id[eid].city) for eid, n in variant_rows]
    for employer, candidate_name, candidate_city in pairs:
        if kept_apart and normalise(candidate_name).key[:300] in kept_apart:
            continue  # a moderator said these are not the same firm
        score, reason = score_names(name, candidate_name, city, candidate_city)
        if score >= threshold and (employer.pk not in results or results[employer.pk][1] < score):
            results[employer.pk] = (employer, score, reason)
    return sorted(results.values(), key=lambda r: -r[1])[:limit]


def search_register(query: str, *, threshold: float = 80, limit: int = 50) -> list[Employer]:
    """Entities a staff search finds: whole-name matches and names containing every distinctive query word."""
    ranked: dict[int, tuple[Employer, float]] = {}
    candidates = {e.pk: e for e in entities()}
    pairs = [(e, e.name) for e in candidates.values()]
    pairs += [(candidates[eid], n) for eid, n in
              EmployerName.objects.filter(employer_id__in=list(candidates)).values_list("employer_id", "name")]
    for employer, name in pairs:
        score = search_score(query, name)
        if score >= threshold and score > ranked.get(employer.pk, (None, -1))[1]:
            ranked[employer.pk] = (employer, score)
    return [e for e, _s in sorted(ranked.values(), key=lambda r: -r[1])][:limit]


def decisions() -> Decisions:
    """Moderators' duplicate decisions, in the form the matching engine takes."""
    from .models import DuplicateDecision

    result = Decisions()
    for key_a, key_b, verdict in DuplicateDecision.objects.values_list("key_a", "key_b", "verdict"):
        (result.same if verdict == DuplicateDecision.Verdict.SAME else result.different).add(
            frozenset({key_a, key_b}))
    return result


@dataclass(frozen=True)
class PossibleDuplicate:
    employer_a: Employer
    employer_b: Employer
    name_a: str
    name_b: str
    score: float
    reason: str


def possible_duplicates(limit: int = 200) -> list[PossibleDuplicate]:
    """Pairs of register entities whose names score between the review and the merge threshold, not yet decided.

    The whole register is matched again (with the moderators' decisions), so the queue is always current.
    """
    by_id = {e.pk: e for e in entities()}
    mentions = [Mention(f"e{e.pk}", e.name, city=e.city) for e in by_id.values()]
    variants = EmployerName.objects.filter(employer_id__in=list(by_id)).values_list("pk", "employer_id", "name")
    mentions += [Mention(f"n{pk}:{eid}", name, city=by_id[eid].city) for pk, eid, name in variants]
    names = {m.id: m.name for m in mentions}
    result = cluster(mentions, decisions=decisions())
    pairs: dict[tuple[int, int], PossibleDuplicate] = {}
    for candidate in result.review:
        a, b = _entity_of(candidate.a), _entity_of(candidate.b)
        if a == b:
            continue
        key = (min(a, b), max(a, b))
        if key in pairs and pairs[key].score >= candidate.score:
            continue
        pairs[key] = PossibleDuplicate(by_id[a], by_id[b], names[candidate.a], names[candidate.b],
                                       candidate.score, candidate.reason)
    return sorted(pairs.values(), key=lambda p: -p.score)[:limit]


def _entity_of(mention_id: str) -> int:
    return int(mention_id[1:]) if mention_id.startswith("e") else int(mention_id.split(":")[1])


def recent_decisions(limit: int = 50) -> QuerySet[DuplicateDecision]:
    return DuplicateDecision.objects.select_related("actor")[:limit]
