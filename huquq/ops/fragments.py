"""Rendered fragments of the public pages, cached per process and keyed by what they depend on.

A fragment's key holds everything its HTML depends on: the page language, the request's own values (the
submitted form or the query string, never the session or the user), and the version of the data it shows.
The version of the help directory and of the warnings list is a counter in the database (DataVersion),
raised after every committed save or delete of a model they read (signals wired in OpsConfig.ready), so an
edit made through one worker changes the key in every worker. Writes that bypass signals (QuerySet.update,
bulk_create) are covered by a time limit on every entry (MAX_AGE seconds).

Only public, anonymous-equivalent HTML is cached: nothing here may depend on who asks.
"""

from __future__ import annotations

import hashlib
import threading
import time
from collections import OrderedDict
from collections.abc import Callable

from django.db import DatabaseError, transaction
from django.db.models import F

MAX_BYTES = 16 * 1024 * 1024  # per process
MAX_AGE = 300.0  # seconds; the bound on staleness for writes that send no signal

DIRECTORY = "directory"
WARNINGS = "warnings"

# Which models' changes raise which counter: (app label, module prefix) -> counter names.
WATCHED = (
    ("registry", "huquq.registry.directory", (DIRECTORY,)),
    ("registry", "huquq.registry.employers", (WARNINGS,)),
    ("cases", "huquq.cases", (WARNINGS,)),
)


class FragmentCache:
    """A least-recently-used map of keys to strings, bounded by total size and by age."""

    def __init__(self, max_bytes: int = MAX_BYTES, max_age: float = MAX_AGE):
        self.max_bytes, self.max_age = max_bytes, max_age
        self._items: OrderedDict[str, tuple[float, object, int]] = OrderedDict()
        self._size = 0
        self._lock = threading.Lock()

    def get(self, key: str):
        with self._lock:
            item = self._items.get(key)
            if item is None:
                return None
            if time.monotonic() - item[0] > self.max_age:
                self._drop(key)
                return None
            self._items.move_to_end(key)
            return item[1]

    def set(self, key: str, value, size: int) -> None:
        if size > self.max_bytes // 4:
            return
        with self._lock:
            if key in self._items:
                self._drop(key)
            self._items[key] = (time.monotonic(), value, size)
            self._size += size
            while self._size > self.max_bytes:
                self._drop(next(iter(self._items)))

    def _drop(self, key: str) -> None:
        _stamp, _value, size = self._items.pop(key)
        self._size -= size

    def clear(self) -> None:
        with self._lock:
            self._items.clear()
            self._size = 0

    def __len__(self) -> int:
        return len(self._items)


cache = FragmentCache()


def make_key(*parts) -> str:
    return hashlib.sha256(repr(parts).encode()).hexdigest()


def cached(parts: tuple, compute: Callable[[], tuple[object, int]]):
    """The value cached under `parts`, or compute() -> (value, size in bytes), stored and returned."""
    key = make_key(*parts)
    value = cache.get(key)
    if value is None:
        value, size = compute()
        cache.set(key, value, size)
    return value


# Changes seen by this process, counted at once (before their transaction commits): the process that makes
# an edit stops serving its own older fragments immediately; the others see the database counter on commit.
_local: dict[str, int] = {}


def version(name: str) -> tuple[int, int]:
    """The current version of `name`: (database counter, changes seen by this process). The counter is 0
    before the first change and -1 while its table does not exist yet."""
    from .models import DataVersion

    try:
        stored = DataVersion.objects.filter(name=name).values_list("version", flat=True).first() or 0
    except DatabaseError:
        stored = -1
    return stored, _local.get(name, 0)


def bump(name: str) -> None:
    """Raise the counter after the current transaction commits (at once outside a transaction). Raised
    after the commit so that writers never wait on the counter's row, and so that a request that reads the
    new value also reads the committed data."""
    _local[name] = _local.get(name, 0) + 1
    transaction.on_commit(lambda: _bump_now(name), robust=True)


def _bump_now(name: str) -> None:
    from .models import DataVersion

    try:
        if not DataVersion.objects.filter(name=name).update(version=F("version") + 1):
            _created = DataVersion.objects.get_or_create(name=name, defaults={"version": 1})
            if not _created[1]:
                DataVersion.objects.filter(name=name).update(version=F("version") + 1)
    except DatabaseError:  # the table does not exist yet (before migrate): nothing is cached under it either
        pass


def counters_for(sender) -> tuple[str, ...]:
    meta = getattr(sender, "_meta", None)
    if meta is None:
        return ()
    module = sender.__module__
    names: list[str] = []
    for label, prefix, counters in WATCHED:
        if meta.app_label == label and module.startswith(prefix):
            names.extend(counters)
    return tuple(names)


def on_change(sender, **kwargs) -> None:
    for name in counters_for(sender):
        bump(name)


def on_m2m_change(sender, action: str = "", **kwargs) -> None:
    if action.startswith("post_"):
        # the sender is the through model; its owner decides the counter
        instance = kwargs.get("instance")
        for name in counters_for(sender) or counters_for(type(instance)):
            bump(name)


def connect() -> None:
    from django.db.models.signals import m2m_changed, post_delete, post_save

    post_save.connect(on_change, dispatch_uid="huquq.ops.fragments.save")
    post_delete.connect(on_change, dispatch_uid="huquq.ops.fragments.delete")
    m2m_changed.connect(on_m2m_change, dispatch_uid="huquq.ops.fragments.m2m")
