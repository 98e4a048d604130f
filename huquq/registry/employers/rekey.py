"""Recompute the stored normalised keys of employer names (`name_key`) and of moderators' duplicate decisions.

Needed after a change to the normaliser or to the spelling skeleton it uses (`huquq.text.translit`): a key
written under the old rules would no longer meet a mention normalised under the new ones, and a decision kept
on old keys would no longer be respected. Works on the live models (`huquq employers rekey`) and on a
migration's historical models alike (reads values, writes with `update()`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db import IntegrityError, transaction

from .matching.normalise import normalise

KEY_LENGTH = 300  # the columns' max_length


@dataclass
class RekeyCounts:
    names: int = 0      # Employer and EmployerName rows whose key changed
    decisions: int = 0  # duplicate decisions moved to their new keys
    decisions_kept: int = 0  # decisions left on their old keys: the two names now fold alike, or another
    #                          (later) decision already holds the new pair


def name_key(name: str) -> str:
    return normalise(name).key[:KEY_LENGTH]


def rekey_names(employer_model: Any, name_model: Any, decision_model: Any, *, using: str = "default",
                progress: Callable[[int], None] | None = None) -> RekeyCounts:
    """Rewrite every stored key that differs from a fresh computation; a second run changes nothing."""
    counts = RekeyCounts()
    for model in (employer_model, name_model):
        counts.names += _rekey_rows(model, using, progress)
    _rekey_decisions(decision_model, using, counts, progress)
    return counts


def _rekey_rows(model: Any, using: str, progress: Callable[[int], None] | None) -> int:
    changed = 0
    rows = model._base_manager.using(using).order_by("pk").values_list("pk", "name", "name_key")
    with transaction.atomic(using=using):
        for pk, name, old_key in rows.iterator(chunk_size=2000):
            key = name_key(name)
            if key != old_key:
                model._base_manager.using(using).filter(pk=pk).update(name_key=key)
                changed += 1
            if progress:
                progress(1)
    return changed


def _rekey_decisions(model: Any, using: str, counts: RekeyCounts, progress: Callable[[int], None] | None) -> None:
    """Newest first, so that when two decisions now concern the same pair the later one (which would have
    replaced the earlier, see services.decide_duplicate) takes the pair; the earlier stays, unused, for history."""
    rows = (model._base_manager.using(using).order_by("-created_at", "-pk")
            .values_list("pk", "key_a", "key_b", "name_a", "name_b", "employer_a_id", "employer_b_id"))
    for pk, old_a, old_b, *sides in list(rows):
        if progress:
            progress(1)
        changes = _ordered_decision(*sides)
        if (changes["key_a"], changes["key_b"]) == (old_a, old_b):
            continue
        if not changes["key_a"] or changes["key_a"] == changes["key_b"]:
            counts.decisions_kept += 1
            continue
        try:
            with transaction.atomic(using=using):
                model._base_manager.using(using).filter(pk=pk).update(**changes)
            counts.decisions += 1
        except IntegrityError:
            counts.decisions_kept += 1


def _ordered_decision(name_a: str, name_b: str, employer_a: int | None, employer_b: int | None) -> dict[str, Any]:
    """The decision's columns under fresh keys, its two sides swapped when needed (key_a < key_b is a constraint)."""
    key_a, key_b = name_key(name_a), name_key(name_b)
    if key_a > key_b:
        key_a, key_b, name_a, name_b, employer_a, employer_b = key_b, key_a, name_b, name_a, employer_b, employer_a
    return {"key_a": key_a, "key_b": key_b, "name_a": name_a, "name_b": name_b,
            "employer_a_id": employer_a, "employer_b_id": employer_b}
