"""Reads: the rulebook in force (files + approved lawyer changes) and the list of changes."""

from __future__ import annotations

from django.db import DatabaseError
from django.db.models import QuerySet

from huquq.rules.engine import Rulebook, RulebookError, default_rulebook, parse_rule_text
from huquq.rules.engine.rulebook import merge, read_files

from .models import RuleChange

_cache: dict = {"key": None, "book": None}


def approved_changes() -> QuerySet[RuleChange]:
    return RuleChange.objects.filter(status=RuleChange.Status.APPROVED).order_by("reviewed_at", "id")


def approved_rule_dicts() -> list[dict]:
    """Rule dicts of every approved change (empty when the table does not exist yet)."""
    try:
        changes = list(approved_changes())
    except DatabaseError:
        return []
    out = []
    for change in changes:
        out.extend(parse_rule_text(change.body, origin=f"change #{change.pk}"))
    return out


def rulebook_version() -> tuple:
    """What the rulebook in force depends on besides the files: the approved changes (id, review time)."""
    try:
        return tuple(approved_changes().values_list("id", "reviewed_at"))
    except DatabaseError:
        return ()


def current_rulebook(key: tuple | None = None) -> Rulebook:
    """The file rulebook merged with approved changes; rebuilt only when the approved set changes.
    `key` is rulebook_version() when the caller has just read it."""
    if key is None:
        key = rulebook_version()
    if not key:
        return default_rulebook()
    if _cache["key"] != key:
        rules, memberships = read_files()
        try:
            book = Rulebook.from_data(merge(rules, approved_rule_dicts()), memberships)
        except RulebookError:  # an approved change no longer fits the files: answer from the files alone
            book = default_rulebook()
        _cache.update(key=key, book=book)
    return _cache["book"]


def changes_for_review() -> QuerySet[RuleChange]:
    return RuleChange.objects.select_related("proposed_by", "reviewed_by")


def rule_as_yaml(rule_id: str) -> str:
    """The rulebook-file text of one rule (for a lawyer to amend or confirm), or "" if unknown."""
    import yaml

    rules, _memberships = read_files()
    for r in merge(rules, approved_rule_dicts()):
        if isinstance(r, dict) and r.get("id") == rule_id:
            data = {k: v for k, v in r.items() if k != "_file"}
            return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)
    return ""
