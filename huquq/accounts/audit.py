"""The audit log: every read and write of personal or case data is recorded here.

Each entry stores a keyed hash (HMAC-SHA-256) of its content including the previous entry's hash, so
editing, removing or reordering any row breaks the chain and `huquq audit verify` finds the first broken
link. The key lives outside the database (HUQUQ_AUDIT_KEY, else var/huquq_audit_key), so someone who can
only write the database cannot re-hash the chain after an edit. Appends are serialised by locking the
single head row (accounts.AuditHead) on every database. `huquq audit checkpoint` writes the signed head
(count + last hash) to a file outside the database; `verify` compares the chain with the last checkpoint,
so removing the last entries (truncation) is detected too. See docs/threat-model.md.
"""

from __future__ import annotations

import datetime
import hashlib
import hmac
import json
import os
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from huquq.config import ConfigError, make_private_dir, read_or_create_secret, read_secret

from .models import AuditEntry, AuditHead

GENESIS_HASH = "0" * 64
KEY_NAME = "HUQUQ_AUDIT_KEY"
CHECKPOINT_FILE = "audit-checkpoints.jsonl"


class MissingAuditKey(ConfigError):
    """Audit entries exist but their key is gone: a new key would make the whole log look forged."""


_key_cache: dict[tuple[str, str], bytes] = {}


def audit_key(*, create: bool | None = None) -> bytes:
    """The chain key, loaded once per process. Created only while the log is empty (or when `create`)."""
    env_value = os.environ.get(KEY_NAME, "").strip()
    cache_key = (env_value, str(settings.VAR_DIR))
    if cache_key in _key_cache:
        return _key_cache[cache_key]
    material = read_secret(KEY_NAME, os.environ, Path(settings.VAR_DIR))
    if not material:
        if create is None:
            create = not AuditEntry.objects.exists()
        if not create:
            raise MissingAuditKey(
                f"The audit log has entries but its key is missing: set {KEY_NAME} or restore "
                f"{Path(settings.VAR_DIR) / KEY_NAME.lower()} from your backup. Huquq will not make a new key, "
                "because every existing entry would then fail verification."
            )
        material = read_or_create_secret(KEY_NAME, os.environ, Path(settings.VAR_DIR), nbytes=32)
    key = hashlib.sha256(b"huquq audit chain:" + material.encode("utf-8")).digest()
    _key_cache[cache_key] = key
    return key


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


def compute_hash(entry: AuditEntry, key: bytes | None = None) -> str:
    return hmac.new(key or audit_key(), _canonical(entry), hashlib.sha256).hexdigest()


def legacy_hash(entry: AuditEntry) -> str:
    """The unkeyed SHA-256 used before migration accounts 0002 (kept to check the old chain once)."""
    return hashlib.sha256(_canonical(entry)).hexdigest()


def _object_type(obj) -> str:
    meta = obj._meta
    return f"{meta.app_label}.{meta.model_name}"


def _locked_head() -> AuditHead:
    """The head row, locked until the surrounding transaction ends (SELECT ... FOR UPDATE on PostgreSQL;
    on SQLite every write transaction is BEGIN IMMEDIATE, which already serialises writers)."""
    head = AuditHead.objects.select_for_update().filter(pk=1).first()
    if head is None:  # first append ever, or the table was emptied: rebuild it from the log
        last = AuditEntry.objects.order_by("-id").only("id", "entry_hash").first()
        try:
            with transaction.atomic():
                AuditHead.objects.create(
                    pk=1, count=AuditEntry.objects.count(), last_id=last.id if last else 0,
                    last_hash=last.entry_hash if last else GENESIS_HASH,
                )
        except IntegrityError:
            pass  # another writer created it first; its row lock orders us behind it
        head = AuditHead.objects.select_for_update().get(pk=1)
    return head


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
    key = audit_key()
    with transaction.atomic():
        head = _locked_head()
        entry = AuditEntry(
            at=timezone.now(),
            actor=actor if authenticated else None,
            actor_label=actor.get_username() if authenticated else "system",
            organisation=organisation,
            action=action,
            object_type=object_type,
            object_id=str(object_id),
            detail=detail or {},
            prev_hash=head.last_hash,
        )
        entry.entry_hash = compute_hash(entry, key)
        entry.save()
        AuditHead.objects.filter(pk=1).update(count=head.count + 1, last_id=entry.id, last_hash=entry.entry_hash)
    return entry


# --- checkpoints ---------------------------------------------------------------------------------

@dataclass(frozen=True)
class Checkpoint:
    count: int
    last_id: int
    last_hash: str
    at: str

    def _payload(self) -> bytes:
        return json.dumps({"count": self.count, "last_id": self.last_id, "last_hash": self.last_hash,
                           "at": self.at}, sort_keys=True, separators=(",", ":")).encode()

    def signature(self, key: bytes) -> str:
        return hmac.new(key, b"checkpoint:" + self._payload(), hashlib.sha256).hexdigest()

    def to_line(self, key: bytes) -> str:
        data = json.loads(self._payload())
        data["signature"] = self.signature(key)
        return json.dumps(data, sort_keys=True) + "\n"


class BadCheckpoint(ValueError):
    """A checkpoint file that cannot be read or whose signature does not match."""


def checkpoint_path() -> Path:
    folder = os.environ.get("HUQUQ_AUDIT_CHECKPOINT_DIR", "").strip()
    return Path(folder or settings.VAR_DIR) / CHECKPOINT_FILE


def write_checkpoint(path: Path | None = None) -> Checkpoint:
    """Append the signed current head (count + last hash) to the checkpoint file (0600, folder 0700).

    The head is read under the append lock so count and hash belong together."""
    path = path or checkpoint_path()
    key = audit_key()
    with transaction.atomic():
        _locked_head()
        count = AuditEntry.objects.count()
        last = AuditEntry.objects.order_by("-id").only("id", "entry_hash").first()
    point = Checkpoint(count=count, last_id=last.id if last else 0, last_hash=last.entry_hash if last else GENESIS_HASH,
                       at=datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"))
    make_private_dir(path.parent)
    fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
    with os.fdopen(fd, "a", encoding="utf-8") as handle:
        handle.write(point.to_line(key))
        handle.flush()
        os.fsync(handle.fileno())
    return point


def last_checkpoint(path: Path | None = None) -> Checkpoint | None:
    path = path or checkpoint_path()
    try:
        lines = [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    except FileNotFoundError:
        return None
    if not lines:
        return None
    try:
        data = json.loads(lines[-1])
        point = Checkpoint(count=int(data["count"]), last_id=int(data["last_id"]),
                           last_hash=str(data["last_hash"]), at=str(data["at"]))
        signature = str(data["signature"])
    except (ValueError, KeyError, TypeError) as exc:
        raise BadCheckpoint(f"{path}: the last line is not a checkpoint ({exc})") from exc
    if not hmac.compare_digest(signature, point.signature(audit_key())):
        raise BadCheckpoint(f"{path}: the last checkpoint's signature does not match the audit key")
    return point


# --- verification --------------------------------------------------------------------------------

@dataclass
class ChainReport:
    checked: int
    first_bad_id: int | None = None
    reason: str = ""
    checkpoint: Checkpoint | None = None

    @property
    def ok(self) -> bool:
        return not self.reason


def verify_chain(progress=None, checkpoint: Checkpoint | None = None) -> ChainReport:
    """Walk the log in order; stop at the first entry whose hash or link does not match.

    Two heads are compared too: the head row read before the walk (in the database, so it only catches a
    careless tamperer) and the checkpoint (signed, outside the database): the entry at position `count`
    must carry its hash, and the log must be at least that long."""
    key = audit_key()
    heads = []
    head = AuditHead.objects.filter(pk=1).first()
    if head is not None:
        heads.append((head.count, head.last_hash, "the head row"))
    if checkpoint is not None:
        heads.append((checkpoint.count, checkpoint.last_hash, f"the checkpoint of {checkpoint.at}"))
    expected_prev = GENESIS_HASH
    checked = 0
    for entry in AuditEntry.objects.order_by("id").iterator(chunk_size=2000):
        if entry.prev_hash != expected_prev:
            return ChainReport(checked, entry.id, "link to the previous entry is broken (a row was removed or reordered)",
                               checkpoint)
        if not hmac.compare_digest(compute_hash(entry, key), entry.entry_hash):
            return ChainReport(checked, entry.id, "content does not match its hash (the row was edited)", checkpoint)
        expected_prev = entry.entry_hash
        checked += 1
        for count, last_hash, label in heads:
            if checked == count and entry.entry_hash != last_hash:
                return ChainReport(checked, entry.id, f"entry number {count} differs from {label} "
                                                      "(the log was rewritten)", checkpoint)
        if progress:
            progress(checked)
    for count, _last_hash, label in heads:
        if checked < count:
            return ChainReport(checked, None, f"the log has {checked} entries but {label} counted {count} "
                                              "(the last entries were removed)", checkpoint)
    return ChainReport(checked, checkpoint=checkpoint)
