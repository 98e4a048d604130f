"""The audit log: every read and write of personal or case data is recorded here.

Each entry stores the hash of the entry before it, so editing or deleting any row breaks the chain
and `huquq audit verify` finds the first broken link.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from .models import AuditEntry

GENESIS_HASH = "0" * 64


def _canonical(entry: AuditEntry) -> bytes:
    payload = {
        "at": entry.at.isoformat(),
        "actor": entry.actor_id,
        "actor_label": entry.actor_label,
        "organisation": entry.organisation_id,
        "action": entry.action,
        "object_type": entry.object_type,
        "object_id": entry.object_id,
        "detail": entry.detail,
        "prev_hash": entry.prev_hash,
    }
    return json.dumps(payload, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def compute_hash(entry: AuditEntry) -> str:
    return hashlib.sha256(_canonical(entry)).hexdigest()


def _object_type(obj) -> str:
    meta = obj._meta
    return f"{meta.app_label}.{meta.model_name}"


def record(actor, action: str, obj=None, *, object_type: str = "", object_id="", detail=None, organisation=None):
    """Append one entry. `actor` may be None (system, CLI, anonymous) or a user.

    `detail` must never hold personal data: name the fields touched, not their values.
    """
    if action not in AuditEntry.Action.values:
        raise ValueError(f"unknown audit action {action!r}")
    if obj is not None:
        object_type = object_type or _object_type(obj)
        object_id = object_id or str(obj.pk)
    if organisation is None and actor is not None and getattr(actor, "is_authenticated", False):
        organisation = actor.organisation
    authenticated = actor is not None and getattr(actor, "is_authenticated", False)
    with transaction.atomic():
        # Lock the tail so two writers cannot both chain onto the same previous entry.
        last = AuditEntry.objects.select_for_update().order_by("-id").only("entry_hash").first()
        entry = AuditEntry(
            at=timezone.now(),
            actor=actor if authenticated else None,
            actor_label=actor.get_username() if authenticated else "system",
            organisation=organisation,
            action=action,
            object_type=object_type,
            object_id=str(object_id),
            detail=detail or {},
            prev_hash=last.entry_hash if last else GENESIS_HASH,
        )
        entry.entry_hash = compute_hash(entry)
        entry.save()
    return entry


@dataclass
class ChainReport:
    checked: int
    first_bad_id: int | None = None
    reason: str = ""

    @property
    def ok(self) -> bool:
        return self.first_bad_id is None


def verify_chain(progress=None) -> ChainReport:
    """Walk the log in order; stop at the first entry whose hash or link does not match."""
    expected_prev = GENESIS_HASH
    checked = 0
    for entry in AuditEntry.objects.order_by("id").iterator(chunk_size=2000):
        if entry.prev_hash != expected_prev:
            return ChainReport(checked, entry.id, "link to the previous entry is broken (a row was removed or reordered)")
        if compute_hash(entry) != entry.entry_hash:
            return ChainReport(checked, entry.id, "content does not match its hash (the row was edited)")
        expected_prev = entry.entry_hash
        checked += 1
        if progress:
            progress(checked)
    return ChainReport(checked)
