"""Recompute the stored search columns of cases (`search_key`, `name_index`) from the rows they fold.

Needed after a change to the spelling fold (`huquq.text.translit.skeleton`) or to the blind-index tokens:
keys written under the old fold no longer meet queries folded the new way. SQLite's FTS5 table follows
the columns through its update trigger (migration 0003), so it is refreshed with them.

Works on the live models (`huquq cases reindex`) and on a migration's historical models alike: it only
reads values and writes with `update()`, and opens encrypted names with the field's own `opened()`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from django.db import transaction

from . import crypto
from .search import search_key

CASE_COLUMNS = ("pk", "organisation_id", "reference", "title", "summary", "host_city", "search_key", "name_index")


def case_search_key(reference: str, title: str, summary: str, host_city: str,
                    violations: Iterable[tuple[str, str, str | None, str | None]]) -> str:
    """The case's folded search text: its own words, then each violation's description, city, employer name
    and INN (violations in creation order)."""
    parts: list[str | None] = [reference, title, summary, host_city]
    for description, city, employer_name, employer_inn in violations:
        parts += [description, city, employer_name, employer_inn]
    return search_key(parts)


def case_name_index(names: Iterable[str], organisation_id: int) -> str:
    joined = " ".join(name for name in names if name)
    return crypto.blind_index(joined, organisation_id) if joined else ""


def reindex_cases(case_model: Any, person_model: Any, violation_model: Any, *, using: str = "default",
                  batch_size: int = 500, progress: Callable[[int], None] | None = None) -> int:
    """Rewrite every case whose search key or name index differs from a fresh computation; returns how many.

    Each batch commits on its own, so an interrupted run resumes when run again; a second run changes nothing.
    Needs the field keys when cases with names exist (crypto.MissingFieldKey otherwise)."""
    name_field = person_model._meta.get_field("name")
    cases = case_model._base_manager.using(using).order_by("pk")
    changed, after = 0, 0
    while batch := list(cases.filter(pk__gt=after).values_list(*CASE_COLUMNS)[:batch_size]):
        ids = [row[0] for row in batch]
        violations = _violations_by_case(violation_model, ids, using)
        names = _names_by_case(person_model, name_field, ids, using)
        with transaction.atomic(using=using):
            for pk, organisation_id, reference, title, summary, host_city, old_key, old_index in batch:
                key = case_search_key(reference, title, summary, host_city, violations.get(pk, []))
                index = case_name_index(names.get(pk, []), organisation_id)
                if (key, index) != (old_key, old_index):
                    case_model._base_manager.using(using).filter(pk=pk).update(search_key=key, name_index=index)
                    changed += 1
        after = batch[-1][0]
        if progress:
            progress(len(batch))
    return changed


def _violations_by_case(violation_model: Any, case_ids: list[int], using: str) -> dict[int, list[tuple]]:
    rows = (violation_model._base_manager.using(using).filter(case_id__in=case_ids).order_by("pk")
            .values_list("case_id", "description", "city", "employer__name", "employer__inn"))
    by_case: dict[int, list[tuple]] = {}
    for case_id, *fields in rows:
        by_case.setdefault(case_id, []).append(tuple(fields))
    return by_case


def _names_by_case(person_model: Any, name_field: Any, case_ids: list[int], using: str) -> dict[int, list[str]]:
    rows = person_model._base_manager.using(using).filter(case_id__in=case_ids).values_list("pk", "case_id", "name")
    by_case: dict[int, list[str]] = {}
    for pk, case_id, name in rows:
        if name:
            by_case.setdefault(case_id, []).append(name_field.opened(name, pk))
    return by_case
